"""Links between posts as Hugo had them: page-relative links read from the post's
Hugo URL, site-root links, links to the rest of the old site; the same on the
post's page and in the listings that show its summary."""

from __future__ import annotations

import re

import pytest
from helpers import warnings_of

LINK = re.compile(r'<a class="reference[^"]*" href="([^"]*)">(?:<span[^>]*>)?([^<]*)')


def links(path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Link text -> href, for the links of a page."""
    return {text: href for href, text in LINK.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.sphinx("html", testroot="links", freshenv=True)
def test_relative_and_site_root_links_resolve_on_the_page_and_in_listings(built) -> None:
    post = links(built.outdir / "blog" / "2023" / "exponential.html")
    assert post["why"] == "histograms.html"
    assert post["its buckets"] == "histograms.html#buckets"
    assert post["the same post"] == "histograms.html"
    assert post["a bundle"] == "../2024/bundle/index.html"  # its slug made its Hugo URL
    assert post["the bundle file"] == "../2024/bundle/index.html"
    # "release-2.11/" is a folder, not a file with the suffix ".11"
    assert post["the release"] == post["the release again"] == "../2024/release.html"
    listing = links(built.outdir / "blog.html")
    assert listing["why"] == "blog/2023/histograms.html"
    assert listing["its buckets"] == "blog/2023/histograms.html#buckets"
    assert listing["the exponential post"] == "blog/2023/exponential.html"
    assert listing["its alias"] == "blog/2023/exponential.html"
    bundle = links(built.outdir / "blog" / "2024" / "bundle" / "index.html")
    assert bundle["its alias"] == "../../2023/exponential.html"


@pytest.mark.sphinx("html", testroot="links", freshenv=True)
def test_old_site_links_keep_their_path_with_one_warning_per_path(built) -> None:
    post = links(built.outdir / "blog" / "2023" / "exponential.html")
    assert post["install"] == post["install again"] == "/docs/install/"
    assert post["about"] == "/blog/about/"
    warnings = warnings_of(built)
    assert len(warnings) == 2, warnings
    assert all("[linkerdblog.link]" in w and "exponential.md:11" in w for w in warnings)
    assert "/docs/install/ is a page of the old Hugo site" in warnings[0]
    assert not [w for w in warnings if "more than one target" in w]


@pytest.mark.sphinx(
    "dirhtml",
    testroot="links",
    freshenv=True,
    confoverrides={"linkerdblog_base_url": "https://old.example.org/"},
)
def test_with_a_base_url_old_site_links_go_there(built) -> None:
    post = links(built.outdir / "blog" / "2023" / "exponential" / "index.html")
    assert post["install"] == "https://old.example.org/docs/install/"
    assert post["about"] == "https://old.example.org/blog/about/"
    assert post["why"] == "../histograms/"
    assert warnings_of(built) == []
