"""With the extensions a blog already runs: opengraph, sitemap, redirects, autobuild.

One test root per extension (``tests/roots/test-with-<ext>``).  Each extension
is in the ``testing`` extra; ``importorskip`` keeps a partial install from
erroring.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _Head(HTMLParser):
    """Every ``<meta>`` of a page: (property or name) -> its contents; and the scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = defaultdict(list)  # absent: []
        self.scripts: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta":
            key = found.get("property") or found.get("name")
            if key:
                self.meta[key].append(found.get("content") or "")
        self.in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# -- sphinxext-opengraph ----------------------------------------------------------

OG = ("og:title", "og:description", "og:image", "og:url", "og:type")


@pytest.mark.sphinx("html", testroot="with-opengraph", freshenv=True)
def test_opengraph_tags_once_with_the_posts_values(app: Any) -> None:
    pytest.importorskip("sphinxext.opengraph")
    app.build()
    meta = head(app.outdir / "blog" / "covered.html").meta
    for prop in (*OG, "description", "twitter:title", "twitter:image", "twitter:card"):
        assert len(meta[prop]) == 1, (prop, meta[prop])
    assert meta["og:title"] == ["A covered post"]
    assert meta["og:type"] == ["article"]  # not ogp_type's "website"
    assert meta["og:description"] == ["What the covered post is about."]
    assert meta["description"] == ["What the covered post is about."]
    assert meta["og:image"] == ["https://blog.example.com/images/cover.png"]
    assert meta["og:url"] == ["https://blog.example.com/blog/covered.html"]
    assert meta["og:site_name"] == ["Interplay"]  # sphinxext-opengraph's own tags stay


@pytest.mark.sphinx("html", testroot="with-opengraph", freshenv=True)
def test_opengraph_description_is_no_byline(app: Any) -> None:
    """Without a description, its own reading of the page, with our byline left out."""
    pytest.importorskip("sphinxext.opengraph")
    app.build()
    meta = head(app.outdir / "blog" / "plain.html").meta
    assert meta["og:description"] == ["The plain post\u2019s only paragraph."]
    assert meta["description"] == meta["og:description"]
    assert not meta.get("og:image")
    assert "min read" in (app.outdir / "blog" / "plain.html").read_text("utf-8")  # byline kept


@pytest.mark.sphinx("html", testroot="with-opengraph", freshenv=True)
def test_opengraph_hostile_values_stay_values(app: Any) -> None:
    pytest.importorskip("sphinxext.opengraph")
    app.build()
    page = app.outdir / "blog" / "hostile.html"
    parsed = head(page)
    meta = parsed.meta
    for prop in OG:
        assert len(meta[prop]) <= 1, (prop, meta[prop])
    assert meta["og:title"] == ['Quotes " and <script>alert(1)</script>']
    assert meta["og:description"] == ["\"><script>alert('PWN-description')</script> & more"]
    assert not meta.get("og:image")  # the javascript: thumbnail is no image
    text = page.read_text("utf-8")
    assert "javascript:" not in text
    assert not any("PWN" in script or "alert(1)" in script for script in parsed.scripts)


@pytest.mark.sphinx("html", testroot="with-opengraph", freshenv=True)
def test_opengraph_leaves_other_pages_alone(app: Any) -> None:
    pytest.importorskip("sphinxext.opengraph")
    app.build()
    meta = head(app.outdir / "index.html").meta
    assert meta["og:type"] == ["website"]
    assert not meta.get("twitter:title")
