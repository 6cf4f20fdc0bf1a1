"""RSS 2.0 feeds at the Hugo site's URLs: site, section, tag and category feeds."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import warnings_of

from sphinxcontrib_linkerdblog.rss_feeds import term_segment


def channel(path: Path) -> ElementTree.Element:
    root = ElementTree.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    found = root.find("channel")
    assert found is not None
    return found


def items(path: Path) -> list[dict[str, str]]:
    return [{child.tag: child.text or "" for child in item} for item in channel(path).iter("item")]


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_feeds_at_hugo_urls(built) -> None:
    out = Path(built.outdir)
    feeds = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.xml"))
    assert feeds == [
        "blog/index.xml",
        "index.xml",
        "tags/linkerd/index.xml",
        "tags/other/index.xml",
        "tags/tutorials-how-tos/index.xml",
    ]
    site = channel(out / "index.xml")
    assert site.findtext("title") == "Blog"
    assert site.findtext("link") == "https://blog.example.com/"
    assert site.findtext("description") == "Recent content on Blog"
    posts = items(out / "blog" / "index.xml")
    assert [p["title"] for p in posts] == ["Third", "Second", "First"]  # newest first
    assert posts[2]["link"] == posts[2]["guid"] == "https://blog.example.com/blog/first.html"
    assert parsedate_to_datetime(posts[2]["pubDate"]).isoformat() == "2021-01-01T00:00:00+00:00"
    # the summary, as Hugo's template gives it (HTML inside the description)
    assert "The summary paragraph of the first post." in posts[2]["description"]
    assert "The rest of the first post." not in posts[2]["description"]
    tagged = channel(out / "tags" / "tutorials-how-tos" / "index.xml")
    assert tagged.findtext("title") == "Tutorials & How-To's on Blog"
    assert [i.findtext("title") for i in tagged.iter("item")] == ["Second", "First"]


@pytest.mark.sphinx(
    "html",
    testroot="blog",
    freshenv=True,
    confoverrides={"linkerdblog_rss_content": "full", "linkerdblog_rss_limit": 2},
)
def test_full_text_and_limit(built) -> None:
    posts = items(Path(built.outdir) / "index.xml")
    assert [p["title"] for p in posts] == ["Third", "Second"]
    assert "More of the second post." in posts[1]["description"]


@pytest.mark.sphinx(
    "html", testroot="blog", srcdir="rss-no-base", confoverrides={"blog_baseurl": ""}
)
def test_no_feed_without_a_base_url(built) -> None:
    assert list(Path(built.outdir).rglob("index.xml")) == []


@pytest.mark.sphinx(
    "html", testroot="blog", srcdir="rss-off", confoverrides={"linkerdblog_rss": False}
)
def test_switched_off(built) -> None:
    assert list(Path(built.outdir).rglob("index.xml")) == []


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_a_second_build_changes_no_feed(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    feeds = sorted(Path(app.outdir).rglob("index.xml"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in feeds}
    app.build()
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in feeds} == before


@pytest.mark.parametrize(
    ("term", "segment"),
    [
        ("Linkerd", "linkerd"),
        ("Tutorials & How-To's", "tutorials-how-tos"),
        ("service mesh", "service-mesh"),
        ("../../etc", "..-..-etc"),  # one segment: never a way up
        ("a/b", "a-b"),
        ("..", None),
        ("/", None),
        ("###", None),
        ("x" * 300, None),
    ],
)
def test_term_segment(term: str, segment: str | None) -> None:
    assert term_segment(term) == segment


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_hostile_terms_get_a_feed_or_a_warning(built) -> None:
    out = Path(built.outdir).resolve()
    for feed in out.rglob("index.xml"):
        assert feed.resolve().is_relative_to(out)
        ElementTree.parse(feed)
    assert not [w for w in warnings_of(built) if "Traceback" in w]
