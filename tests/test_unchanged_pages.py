"""Generated pages, feeds and redirects are rendered only when what they show changed.

See :mod:`sphinxcontrib_linkerdblog.unchanged_pages`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_linkerdblog import unchanged_pages
from sphinxcontrib_linkerdblog.state import get_state


def build(make_app: Any, src: Path, builder: str = "html", **kwargs: Any) -> tuple[Any, list[str]]:
    """Build ``src``; the app and the generated pages it rendered (ablog's and ours)."""
    app = make_app(builder, srcdir=src, confoverrides={"html_theme": "basic"}, **kwargs)
    rendered: list[str] = []

    def count(app: Any, pagename: str, templatename: str, *args: Any) -> None:
        if unchanged_pages.skippable(app, pagename, templatename):
            rendered.append(pagename)

    app.connect("html-page-context", count)
    app.build()
    return app, rendered


def outputs(outdir: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(outdir).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in outdir.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def src(rootdir: Path, tmp_path: Path) -> Path:
    shutil.copytree(rootdir / "test-excerpts", tmp_path / "src")
    return tmp_path / "src"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_noop_build_renders_no_generated_page(make_app, src, builder) -> None:  # type: ignore[no-untyped-def]
    first, rendered = build(make_app, src, builder, freshenv=True)
    assert len(rendered) > 10 and "blog-tags" in rendered
    record = json.loads((Path(first.outdir) / unchanged_pages.RECORD).read_text("utf-8"))
    files = set(record["files"])
    for kind in ("atom.xml", "index.xml", "blog-tags", "blog/tag/mesh"):
        assert any(kind in name for name in files), kind
    own = Path(first.builder.get_outfilename("blog/links")).relative_to(first.outdir)
    assert own.as_posix() not in files  # a post's own page is Sphinx's to write
    before = outputs(Path(first.outdir))
    again, rendered = build(make_app, src, builder)
    assert get_state(again.env).unchanged_pages
    assert rendered == []
    assert outputs(Path(again.outdir)) == before  # no byte and no time changed


def test_an_edit_nothing_lists_renders_none_and_a_title_renders_all(make_app, src) -> None:  # type: ignore[no-untyped-def]
    build(make_app, src, freshenv=True)
    post = src / "blog" / "links.md"
    post.write_text(post.read_text("utf-8") + "\nA last line, after the summary.\n", "utf-8")
    app, rendered = build(make_app, src)
    assert rendered == [] and get_state(app.env).unchanged_pages
    assert "A last line" in (Path(app.outdir) / "blog" / "links.html").read_text("utf-8")
    post.write_text(post.read_text("utf-8").replace("Links everywhere", "Links, renamed"), "utf-8")
    app, rendered = build(make_app, src)
    assert not get_state(app.env).unchanged_pages and "blog-tags" in rendered
    outdir = Path(app.outdir)
    for page in ("blog/tag/mesh.html", "blog-tags.html", "blog/atom.xml", "index.xml"):
        assert "Links, renamed" in (outdir / page).read_text("utf-8"), page


def test_a_summary_edit_renders_the_listings_again(make_app, src) -> None:  # type: ignore[no-untyped-def]
    build(make_app, src, freshenv=True)
    post = src / "blog" / "raw.md"
    post.write_text(post.read_text("utf-8").replace("Text after", "Words after"), "utf-8")
    app, rendered = build(make_app, src)
    assert "blog/tag/linkerd" in rendered
    assert "Words after" in (Path(app.outdir) / "blog" / "tag" / "linkerd.html").read_text("utf-8")


def test_a_missing_generated_file_is_made_again(make_app, src) -> None:  # type: ignore[no-untyped-def]
    first, _ = build(make_app, src, freshenv=True)
    (Path(first.outdir) / "blog" / "tag" / "mesh.html").unlink()
    again, rendered = build(make_app, src)
    assert "blog/tag/mesh" in rendered
    assert (Path(again.outdir) / "blog" / "tag" / "mesh.html").is_file()


def test_skipped_pages_equal_rendered_ones(make_app, src, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """After a build that skipped them, the output is that of a build rendering all."""
    build(make_app, src, freshenv=True)
    post = src / "blog" / "links.md"
    post.write_text(post.read_text("utf-8") + "\nMore at the end.\n", "utf-8")
    skipped, rendered = build(make_app, src)
    assert rendered == []
    fresh = tmp_path / "fresh"
    shutil.copytree(src, fresh, ignore=shutil.ignore_patterns("_build"))
    monkeypatch.setattr(unchanged_pages, "SKIP_ENABLED", False)
    full, rendered = build(make_app, fresh, freshenv=True)
    assert rendered
    ours, theirs = outputs(Path(skipped.outdir)), outputs(Path(full.outdir))
    assert ours.keys() - {unchanged_pages.RECORD} == theirs.keys()
    differ = [name for name in theirs if ours[name][0] != theirs[name][0]]
    assert differ in ([], [".buildinfo"])


def test_the_fingerprint_is_the_same_in_every_process(src, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two ``sphinx-build`` processes with other hash seeds (set order differs):
    the second leaves the generated pages as they are."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)]
    repo = str(Path(__file__).parents[1])
    logs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": repo}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        logs.append(done.stdout)
    assert "unchanged: " not in logs[0]
    assert "generated pages, feeds and redirects unchanged: " in logs[1]


def test_an_alias_never_stands_where_the_record_goes(make_app, src) -> None:  # type: ignore[no-untyped-def]
    """A post's alias at the record's (or Sphinx's .buildinfo) path gets no redirect folder
    in its way, but a located warning; the build ends well and the record is written."""
    post = src / "blog" / "raw.md"
    hostile = 'aliases: ["/.linkerdblog.buildinfo/", "/.buildinfo/x/"]\ntags: [Linkerd]'
    post.write_text(post.read_text("utf-8").replace("tags: [Linkerd]", hostile), "utf-8")
    app, _ = build(make_app, src, freshenv=True)
    record = Path(app.outdir) / unchanged_pages.RECORD
    assert record.is_file() and (Path(app.outdir) / ".buildinfo").is_file()
    warnings = app.warning.getvalue()
    for alias in ("/.linkerdblog.buildinfo/", "/.buildinfo/x/"):
        assert f"raw.md:4: WARNING: aliases '{alias}': no redirect page" in warnings, warnings
    assert "[linkerdblog.alias]" in warnings
