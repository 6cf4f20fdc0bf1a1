"""A Docsy-style Hugo blog of our own (tests/roots/test-docsy), moved with one line.

Page bundles, ``url:`` front matter, relative aliases, section ``_index.md``
pages outside the post pattern, ``param`` in link and footnote definitions,
shortcodes inside HTML blocks, heading and block attributes, relative and
site-root links, a Docsy site shortcode, and every setting from ``hugo.toml``:
the build gives no warning, no internal placeholder in any output, no lost
embed, and every link between posts reaches the post.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import warnings_of

PLACEHOLDERS = ("{linkerdblog-sc}", "linkerdblog-sc%7D", "linkerdblog-missing:", "{{<", "{{%")
HREF = re.compile(r'<a [^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)
POSTS = {
    "hello": "blog/news/2024-01-15-hello-quarry/index",
    "moving": "blog/news/2024-02-20-moving-docs",
    "call": "blog/news/2024-03-10-community-call/index",
    "release": "blog/releases/2024-05-01-release-2.4",
}


def page(app: Any, docname: str) -> str:
    """The body of a page (our content and ablog's, without the theme's sidebar)."""
    text = Path(app.builder.get_outfilename(docname)).read_text(encoding="utf-8")
    return text[text.index('<div class="body"') : text.index('<div class="sphinxsidebar"')]


def body_links(app: Any, docname: str) -> dict[str, str]:
    """Link text -> href in a page's body (tags, headerlinks and footnotes included)."""
    return {re.sub(r"<[^>]+>", "", text): href for href, text in HREF.findall(page(app, docname))}


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_builds_without_a_warning_and_no_placeholder_anywhere(built) -> None:
    assert warnings_of(built) == []
    for path in Path(built.outdir).rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts and "_static" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [p for p in PLACEHOLDERS if p in text], path


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_embeds_inside_html_blocks_are_kept(built) -> None:
    hello = page(built, POSTS["hello"])
    wrapper = hello.index('<div class="video-wrapper">')
    embed = hello.index("linkerdblog-youtube", wrapper)
    assert 'data-linkerdblog-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in hello
    assert embed < hello.index("</div>", hello.index("</div>", embed) + 1)
    call = page(built, POSTS["call"])
    figure = call.index('<figure class="call">')
    assert figure < call.index("linkerdblog-vimeo") < call.index("<figcaption>The March call")
    assert "https://player.vimeo.com/video/146022717" in call


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_params_from_hugo_toml_in_text_link_and_footnote_definitions(built) -> None:
    hello = body_links(built, POSTS["hello"])
    assert hello["our repository"] == "https://github.com/quarry-example/quarry"
    assert hello["downloads page"] == "https://downloads.quarry.example.org/"
    text = page(built, POSTS["hello"])
    assert "Download release 2.4.1" in text
    assert "2.4.1 is the current release." in text  # the footnote's {{% param %}}
    moving = body_links(built, POSTS["moving"])
    assert moving["upgrade guide"] == "https://quarry.example.org/docs/upgrade/"  # baseURL


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_goldmark_attributes_and_linkify(built) -> None:
    hello = page(built, POSTS["hello"])
    assert '<section class="lead" id="install">' in hello  # ## Install {#install .lead}
    assert '<p class="border-0"><img alt="The Quarry logo"' in hello  # block = true
    release = page(built, POSTS["release"])
    assert '<section class="highlights" id="what-s-new">' in release
    assert '<span id="whats-new"></span>' in release  # Goldmark's github-style id too
    call = body_links(built, POSTS["call"])
    assert call["www.quarry.example.org/community"] == "http://www.quarry.example.org/community"


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_site_config_section_pages_and_docsy_shortcode(built) -> None:
    assert built.config.blog_title == "Quarry"
    assert built.config.linkerdblog_timezone == "Europe/Berlin"
    assert built.config.linkerdblog_pager_size == 3  # [pagination] pagerSize
    assert (Path(built.outdir) / "blog" / "page" / "2" / "index.html").is_file()
    posts = {p["docname"]: p for ps in built.env.ablog_posts.values() for p in ps}
    assert set(posts) == set(POSTS.values())  # the _index.md pages are no posts
    assert (
        posts[POSTS["moving"]]["date"].isoformat() == "2024-02-20T10:00:00"
    )  # the clock time in Berlin, as Hugo shows it
    blog = Path(built.outdir, "blog", "_index.html").read_text(encoding="utf-8")
    assert "<title>Blog" in blog and "menu:" not in blog  # its front matter read, not shown
    call = page(built, POSTS["call"])
    assert '<div class="alert-info admonition">' in call and "Recording</p>" in call


@pytest.mark.sphinx("html", testroot="docsy", freshenv=True)
def test_url_and_relative_aliases_get_redirects(built) -> None:
    out = Path(built.outdir)
    target = "../../../news/2024-02-20-moving-docs.html"
    for old in ("blog/2024/02/docs-have-moved", "blog/2024/02/old-moving-docs"):
        redirect = (out / old / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect
        assert f'<link rel="canonical" href="{target}">' in redirect  # relative: no base
    hello = (out / "blog" / "2024" / "01" / "hello" / "index.html").read_text(encoding="utf-8")
    assert "url=../../../news/2024-01-15-hello-quarry/index.html" in hello  # the permalink


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_link_between_posts_reaches_the_post(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "docsy"
    shutil.copytree(rootdir / "test-docsy", src)  # never build inside the test root
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    expected = {
        "moving": {
            "the first post": "hello",
            "how to install": "hello#install",
            "release notes": "release",
            "the community call": "call",
        },
        "call": {"the docs move": "moving"},
        "release": {"Install it": "hello#install", "read why the docs moved": "moving"},
    }
    for key, links in expected.items():
        found = body_links(app, POSTS[key])
        for text, where in links.items():
            docname, _, fragment = where.partition("#")
            uri = app.builder.get_relative_uri(POSTS[key], POSTS[docname])
            assert found[text] == uri + (f"#{fragment}" if fragment else ""), (key, text)
    # No link of any post, nor of ablog's listings, is left pointing nowhere.
    for docname in [*POSTS.values(), "blog"]:
        base = posixpath.dirname(app.builder.get_target_uri(docname))
        for href in body_links(app, docname).values():
            assert not href.startswith(("#/", "/")), (docname, href)
            if "://" in href or href.startswith(("#", "mailto:")):
                continue
            path = Path(app.outdir, posixpath.normpath(posixpath.join(base, href.split("#")[0])))
            assert (path / "index.html" if path.is_dir() else path).is_file(), (docname, href)
    assert warnings_of(app) == []
