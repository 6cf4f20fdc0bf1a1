"""Reading a Hugo site's config (hugo.toml, config/_default/) and applying it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import build_project, warnings_of

from sphinxcontrib_linkerdblog.hugo.site_config import Goldmark, config_files, read_site_config

HUGO_TOML = """\
baseURL = "https://quarry.example/"
title = "Quarry"
locale = "en-US"
timeZone = "Europe/Oslo"
summaryLength = 40
paginate = 5
[permalinks]
  blog = "/:year/:month/:slug/"
[params]
  Repo = "https://github.com/example/quarry"
  [params.notes]
    upgrade = "Read the *upgrade notes*."
[taxonomies]
  tag = "tags"
  keyword = "keywords"
[related]
  threshold = 80
  [[related.indices]]
    name = "keywords"
    weight = 100
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.extensions]
  linkify = false
[markup.goldmark.parser.attribute]
  block = true
[menus]
  [[menus.main]]
    name = "Docs"
[languages.en]
  weight = 1
"""


def test_hugo_toml_is_read_with_keys_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    site, problems = read_site_config(tmp_path)
    assert problems == []
    assert site.files == [str(tmp_path / "hugo.toml")]
    assert site.base_url == "https://quarry.example/"
    assert site.timezone == "Europe/Oslo"
    assert site.summary_length == 40
    assert site.permalinks == {"blog": "/:year/:month/:slug/"}
    assert site.params == {
        "repo": "https://github.com/example/quarry",
        "notes": {"upgrade": "Read the *upgrade notes*."},
    }
    assert site.taxonomies == {"tag": "tags", "keyword": "keywords"}
    assert site.related_fields == ["keywords"]
    assert site.goldmark == Goldmark(unsafe=True, linkify=False, block_attributes=True)
    assert site.ignored == ["languages", "menus"]


def test_config_default_folder_one_file_per_key(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "_default"
    folder.mkdir(parents=True)
    (folder / "hugo.yaml").write_text("baseURL: https://a.example/\n", encoding="utf-8")
    (folder / "params.toml").write_text('repo = "r"\n', encoding="utf-8")
    (folder / "permalinks.json").write_text(json.dumps({"page": {"posts": "/:slug/"}}))
    (folder / "markup.yaml").write_text(
        "goldmark:\n  extensions:\n    typographer:\n      disable: true\n", encoding="utf-8"
    )
    assert [p.name for p in config_files(tmp_path)] == [
        "hugo.yaml",
        "markup.yaml",
        "params.toml",
        "permalinks.json",
    ]
    site, problems = read_site_config(tmp_path)
    assert problems == []
    assert site.base_url == "https://a.example/"
    assert site.params == {"repo": "r"}
    assert site.permalinks == {"posts": "/:slug/"}
    assert site.goldmark is not None and site.goldmark.typographer is False


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("hugo.toml", 'baseURL = "x\n', "cannot read it"),
        ("hugo.yaml", "a: [1\n", "cannot read it"),
        ("hugo.json", "[1, 2]", "not a mapping"),
        ("hugo.toml", "baseURL = 3\nsummaryLength = -1\nparams = 2\n", "not text"),
    ],
)
def test_bad_config_is_a_problem_not_a_crash(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    site, problems = read_site_config(tmp_path / name)
    assert any(message in p.message for p in problems), problems
    assert site.base_url is None


def test_no_config_found(tmp_path: Path) -> None:
    site, problems = read_site_config(tmp_path)
    assert site.files == [] and [p.message for p in problems] == ["no Hugo config file found there"]


def write_site(src: Path, conf: str) -> None:
    (src / "blog").mkdir(parents=True)
    (src.parent / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
        'linkerdblog_hugo_config = ".."\n' + conf,
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nblog/a\n```\n", encoding="utf-8")
    (src / "blog" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-05-02 09:30\n---\n\n"
        "Repo: {{< param repo >}}, [issues]({{< param repo >}}/issues).\n\n"
        "{{% param notes.upgrade %}}\n",
        encoding="utf-8",
    )


def test_build_uses_the_hugo_config_and_conf_py_wins(tmp_path: Path) -> None:
    src = tmp_path / "site" / "docs"
    write_site(src, 'linkerdblog_timezone = "America/New_York"\n')
    app = build_project(src)
    try:
        check_built(app)
    finally:
        app.cleanup()


def check_built(app) -> None:  # type: ignore[no-untyped-def]
    config = app.config
    assert config.linkerdblog_base_url == "https://quarry.example/"
    assert config.linkerdblog_timezone == "America/New_York"  # conf.py wins
    assert config.linkerdblog_permalinks == {"blog": "/:year/:month/:slug/"}
    assert config.linkerdblog_summary_length == 40
    assert config.linkerdblog_pager_size == 5  # paginate, Hugo's name before 0.128
    assert config.linkerdblog_tags_from == ["tags", "keywords"]
    assert config.linkerdblog_related_from == ["keywords"]
    assert config.linkerdblog_goldmark["linkify"] is False
    assert config.linkerdblog_raw_html == "sanitize"  # unsafe = true keeps sanitize
    assert config.blog_title == "Quarry"  # ablog's, from Hugo's title
    html = (app.outdir / "blog" / "a.html").read_text(encoding="utf-8")
    assert "Repo: https://github.com/example/quarry" in html
    assert 'href="https://github.com/example/quarry/issues"' in html
    assert "Read the <em>upgrade notes</em>." in html
    # the permalink from hugo.toml gets its redirect
    assert (app.outdir / "2024" / "05" / "a" / "index.html").is_file()
    warnings = warnings_of(app)
    assert [w for w in warnings if "not used here: languages, menus" in w], warnings
    assert all("[linkerdblog.config]" in w for w in warnings), warnings
