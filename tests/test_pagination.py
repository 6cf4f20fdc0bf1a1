"""Listing pages in pages of ``linkerdblog_pager_size`` posts, at Hugo's URLs."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from helpers import warnings_of

TITLE = re.compile(r'<h2 class="ablog-post-title">\s*<a href="([^"]+)">([^<]+)</a>')
PAGER = re.compile(r'<a class="linkerdblog-pager-(prev|next)" rel="\w+" href="([^"]+)"')


def listing(out: Path, path: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The (href, title) of each post on a listing page, and its pager links."""
    html = (out / path).read_text(encoding="utf-8")
    return TITLE.findall(html), dict(PAGER.findall(html))


def resolves(out: Path, page: str, href: str) -> bool:
    target = out / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


@pytest.mark.sphinx(
    "html", testroot="blog", srcdir="pager-html", confoverrides={"linkerdblog_pager_size": 1}
)
def test_pages_of_one_post_at_hugo_urls(built) -> None:
    out = Path(built.outdir)
    pages = ["blog.html", "blog/page/2/index.html", "blog/page/3/index.html"]
    seen = []
    for number, page in enumerate(pages, start=1):
        posts, pager = listing(out, page)
        assert len(posts) == 1, (page, posts)
        href, title = posts[0]
        seen.append(title)
        assert resolves(out, page, href), (page, href)  # summaries link from any depth
        assert ("prev" in pager) == (number > 1) and ("next" in pager) == (number < 3)
        for link in pager.values():
            assert resolves(out, page, link), (page, link)
        assert f"Page {number} / 3" in (out / page).read_text(encoding="utf-8")
    assert seen == ["Third", "Second", "First"]  # newest first, each once
    assert not (out / "blog" / "page" / "4").exists()
    # every listing is paged: a tag with two posts has two pages
    tag, _ = listing(out, "blog/tag/tutorials-how-tos/page/2/index.html")
    assert [title for _, title in tag] == ["First"]


@pytest.mark.sphinx(
    "dirhtml", testroot="blog", srcdir="pager-dirhtml", confoverrides={"linkerdblog_pager_size": 2}
)
def test_dirhtml_pages(built) -> None:
    out = Path(built.outdir)
    posts, pager = listing(out, "blog/page/2/index.html")
    assert [title for _, title in posts] == ["First"]
    assert resolves(out, "blog/page/2/index.html", pager["prev"])


@pytest.mark.sphinx("html", testroot="blog", srcdir="pager-default")
def test_ten_per_page_by_default_no_pager_for_fewer(built) -> None:
    out = Path(built.outdir)
    posts, pager = listing(out, "blog.html")
    assert len(posts) == 3 and pager == {}
    assert not (out / "blog" / "page").exists()


@pytest.mark.sphinx(
    "html", testroot="blog", srcdir="pager-bad", confoverrides={"linkerdblog_pager_size": 0}
)
def test_a_bad_pager_size_warns_and_falls_back(built) -> None:
    assert built.config.linkerdblog_pager_size == 10
    assert any(
        "linkerdblog_pager_size" in w and "[linkerdblog.config]" in w for w in warnings_of(built)
    )
    assert not (Path(built.outdir) / "blog" / "page").exists()


@pytest.mark.sphinx(
    "epub", testroot="blog", srcdir="pager-epub", confoverrides={"linkerdblog_pager_size": 1}
)
def test_epub_pages_of_posts_are_xml(built) -> None:
    """The pager's arrows are character references: XHTML (epub) has no ``&rarr;``."""
    import xml.etree.ElementTree as ET

    out = Path(built.outdir)
    pages = [out / "blog.xhtml", out / "blog" / "page" / "2" / "index.xhtml"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "linkerdblog-pager" in text, page
        ET.parse(page)
