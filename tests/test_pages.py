"""Pages that are no posts: Hugo front matter in any format gives the title, and is
never printed as text; Hugo's ``_index.md`` list page of page bundles has its title."""

from __future__ import annotations

import shutil

import pytest
from helpers import warnings_of

TITLES = {
    "blog/_index": "The blog",
    "blog/2024/hello/index": "Hello bundle",
    "about": "About us",  # TOML
    "contact": "Contact",  # JSON
    "yaml-title": "A YAML title",  # YAML, no heading of its own: MyST's title_to_header
    "own-heading": "Its own heading",  # YAML title and a heading: the heading, once
    "toml-own-heading": "The page heading",
    "starts-with-a-role": "A page starting with a role",  # "{" that is no JSON
}


@pytest.mark.sphinx("html", testroot="pages", freshenv=True)
def test_pages_take_their_title_from_hugo_front_matter(built) -> None:  # type: ignore[no-untyped-def]
    assert warnings_of(built) == []
    titles = {doc: built.env.titles[doc].astext() for doc in TITLES}
    assert titles == TITLES
    assert set(built.env.ablog_posts) >= {"blog/2024/hello/index"}
    for doc in ("about", "contact", "toml-own-heading"):
        html = (built.outdir / f"{doc}.html").read_text(encoding="utf-8")
        body = html[html.index('role="main"') :]
        for front in ("+++", "title =", "title&quot;", "“title”", '"weight"', "“weight”"):
            assert front not in body, (doc, front)
    own = (built.outdir / "own-heading.html").read_text(encoding="utf-8")
    assert own.count("<h1>") == 1 and "Not shown twice</h1>" not in own
    about = (built.outdir / "about.html").read_text(encoding="utf-8")
    assert "<h1>About us" in about and "<h2>History" in about


def test_a_broken_toml_page_is_a_located_warning(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(rootdir / "test-pages", tmp_path / "pages")
    src = tmp_path / "pages"
    (src / "about.md").write_text('+++\ntitle = "About\nx = \n+++\n\nWe are.\n', encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "about.md:2: WARNING:" in warnings[0], warnings
    assert "[linkerdblog.frontmatter]" in warnings[0]
    html = (app.outdir / "about.html").read_text(encoding="utf-8")
    assert "+++" not in html[html.index('role="main"') :]
