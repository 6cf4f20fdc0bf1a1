"""The documentation is an example blog too: it must build without a warning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import build_project, warnings_of

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def docs_app(tmp_path_factory):  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    # The docs use alabaster's sidebars; Sphinx's test app defaults to "basic".
    app = build_project(src, html_theme="alabaster")
    try:
        yield app
    finally:
        app.cleanup()


def test_docs_build_without_warnings(docs_app) -> None:  # type: ignore[no-untyped-def]
    assert warnings_of(docs_app) == []


def test_example_blog_is_a_blog(docs_app) -> None:  # type: ignore[no-untyped-def]
    out = docs_app.outdir
    posts = {d for d, p in docs_app.env.ablog_posts.items() if p}
    assert posts == {
        "blog/hello-hugo-posts",
        "blog/toml-front-matter",
        "blog/json-front-matter",
        "blog/docsy-authors",
        "blog/embeds-on-click",
        "blog/linkerd-io-shortcodes",
        "blog/code-details-and-params",
        "blog/a-page-bundle/index",
        "blog/a-moved-post",
    }
    assert not (out / "blog" / "a-draft.html").exists()
    hello = (out / "blog" / "hello-hugo-posts.html").read_text(encoding="utf-8")
    assert "<h1>Hello from a Hugo post: front matter, shortcodes and all" in hello
    assert (out / "_images" / "mesh.png").is_file()
    assert 'class="linkerdblog-embed linkerdblog-tweet"' in hello
    assert "{{" not in hello.split('<div class="highlight')[0]
    for page in (
        "archive.html",
        "2024.html",
        "atom.xml",
        "tag/hugo.html",
        "author/alice-maintainer.html",
    ):
        assert (out / "blog" / page).is_file(), page


def test_reference_tables_list_every_option_and_subtype(docs_app) -> None:  # type: ignore[no-untyped-def]
    from sphinxcontrib_linkerdblog.config import OPTIONS
    from sphinxcontrib_linkerdblog.warnings_ import Warn

    config = (docs_app.outdir / "configuration.html").read_text(encoding="utf-8")
    for option in OPTIONS:
        assert option.full_name in config
    warnings = (docs_app.outdir / "warnings.html").read_text(encoding="utf-8")
    for warning in Warn:
        assert f"linkerdblog.{warning.subtype}" in warnings


def test_reference_help_texts_render_their_roles_as_links(docs_app) -> None:  # type: ignore[no-untyped-def]
    """The help texts are written with rST roles; the pages show links, never
    ``See :doc:`` as text."""
    for page in ("configuration.html", "warnings.html"):
        html = (docs_app.outdir / page).read_text(encoding="utf-8")
        assert not re.findall(r":[a-z]+(?::[a-z]+)?:(?:<code|`)", html), page
    config = (docs_app.outdir / "configuration.html").read_text(encoding="utf-8")
    for target in ("hugo-compatibility.html", "site-shortcodes.html", "security.html"):
        assert f'href="{target}"' in config, target
    assert 'href="blog-features.html#summaries"' in config


def test_definition_lists_of_the_pages_render(docs_app) -> None:  # type: ignore[no-untyped-def]
    """embeds.md's "Privacy" and security.md's raw HTML modes are definition lists:
    rendered as such, no stray ``:`` at the start of a paragraph."""
    for page, term in (("embeds.html", "click"), ("security.html", "sanitize")):
        html = (docs_app.outdir / page).read_text(encoding="utf-8")
        assert "<p>: " not in html and "\n: " not in html, page
        assert "<dl" in html and term in html.split("<dl", 1)[1], page


def test_example_blog_around_the_posts(docs_app) -> None:  # type: ignore[no-untyped-def]
    out = docs_app.outdir
    hello = (out / "blog" / "hello-hugo-posts.html").read_text(encoding="utf-8")
    assert '<p class="linkerdblog-byline">By <img alt="" class="linkerdblog-avatar"' in hello
    assert (out / "_images" / "alice.png").is_file()
    assert (out / "2024" / "hello" / "index.html").is_file()  # an alias
    assert (out / "blog-tags.html").is_file() and (out / "blog-authors.html").is_file()
    # ablog writes its post list at blog.html: the page about the blog has another name.
    around = (out / "blog-features.html").read_text(encoding="utf-8")
    assert "<h1>The blog around the posts" in around and "Authors written as text" in around
    docsy = (out / "blog" / "docsy-authors.html").read_text(encoding="utf-8")
    assert '<a class="reference external" href="https://example.com/jane">Jane Doe</a>' in docsy
    assert '(<span class="linkerdblog-affiliation">Example Corp</span>)' in docsy
    assert (out / "blog" / "author" / "jane-doe.html").is_file()
    alice = (out / "blog" / "author" / "alice-maintainer.html").read_text(encoding="utf-8")
    assert "Authors written as text" in alice  # the name written out is the registry's alice
    for page in (out / "blog").rglob("*.html"):  # posts, author and tag pages
        assert "alice@example.com" not in page.read_text(encoding="utf-8"), page


def test_example_blog_shows_the_features_a_reader_looks_for(docs_app) -> None:  # type: ignore[no-untyped-def]
    """Pages of posts, feeds, a page bundle's image, redirects from ``url`` and
    ``aliases``, categories, related posts, the updated date: all on the
    rendered example blog."""
    out = docs_app.outdir
    first = (out / "blog.html").read_text(encoding="utf-8")
    assert 'href="blog/page/2/index.html">Older posts' in first
    assert (out / "blog" / "page" / "3" / "index.html").is_file()  # 9 posts, 4 a page
    assert not (out / "blog" / "page" / "4").exists()
    for feed in (
        "index.xml",
        "blog/index.xml",
        "tags/hugo/index.xml",
        "categories/howto/index.xml",
    ):
        assert "<item>" in (out / feed).read_text(encoding="utf-8"), feed
    assert (out / "blog" / "atom.xml").is_file()
    bundle = (out / "blog" / "a-page-bundle" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../_images/diagram.png"' in bundle
    moved = (out / "blog" / "a-moved-post.html").resolve()
    for old in ("news/a-moved-post", "2019/05/18/an-older-address", "blog/moved"):
        redirect = (out / old / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect)
        assert target and (out / old / target[1]).resolve() == moved, old
    assert not (out / "2024" / "09").exists()  # ``url`` replaces the permalink pattern
    code = (out / "blog" / "code-details-and-params.html").read_text(encoding="utf-8")
    assert "updated 15 September 2024" in code
    assert "Related posts" in code
    assert "This sentence is never published" not in code
    assert (out / "blog" / "category" / "howto.html").is_file()
