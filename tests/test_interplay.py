"""With the extensions a blog already runs: opengraph, sitemap, redirects, autobuild.

One test root per extension (``tests/roots/test-with-<ext>``).  Each extension
is in the ``testing`` extra; ``importorskip`` keeps a partial install from
erroring.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from helpers import warnings_of

from sphinxcontrib_linkerdblog.redirects import MARKER


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


OPENGRAPH_ORDERS = {
    "opengraph-after-us": ["sphinxcontrib_linkerdblog", "sphinxext.opengraph"],
    "opengraph-before-us": ["sphinxext.opengraph", "sphinxcontrib_linkerdblog"],
}


@pytest.mark.parametrize("order", OPENGRAPH_ORDERS)
def test_opengraph_tags_once_with_the_posts_values(make_app, rootdir, tmp_path, order) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("sphinxext.opengraph")
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-with-opengraph", src)
    overrides = {"extensions": OPENGRAPH_ORDERS[order]}
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
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


# -- sphinx-sitemap -------------------------------------------------------------

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://blog.example.com/"


def sitemap(path: Path) -> dict[str, str | None]:
    """``<loc>`` -> its ``<lastmod>`` (``None``: it has none), in the file's order."""
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    return {
        url.findtext(f"{SITEMAP_NS}loc") or "": url.findtext(f"{SITEMAP_NS}lastmod")
        for url in root.iter(f"{SITEMAP_NS}url")
    }


@pytest.mark.sphinx("html", testroot="with-sitemap", freshenv=True)
def test_sitemap_posts_carry_their_lastmod(app: Any) -> None:
    pytest.importorskip("sphinx_sitemap")
    app.build()
    urls = sitemap(app.outdir / "sitemap.xml")
    assert urls[SITE + "blog/edited.html"] == "2021-02-03T10:20:30+02:00"  # lastmod
    assert urls[SITE + "blog/dated.html"] == "2019-05-18T09:00:00+00:00"  # no lastmod: date
    assert urls[SITE + "index.html"] is None  # no post: as sphinx-sitemap wrote it
    assert urls[SITE + "blog/tag/linkerd.html"] is None  # listing pages stay, as in Hugo's


@pytest.mark.sphinx("html", testroot="with-sitemap", freshenv=True)
def test_sitemap_lists_no_pager_or_redirect_page(app: Any) -> None:
    pytest.importorskip("sphinx_sitemap")
    app.build()
    urls = sitemap(app.outdir / "sitemap.xml")
    for page in ("blog/page/2/index.html", "blog/tag/linkerd/page/2/index.html"):
        assert (app.outdir / page).is_file()
        assert SITE + page not in urls
    for redirect in ("old/edited/index.html", "2021/01/an-edited-post/index.html"):
        assert MARKER in (app.outdir / redirect).read_text("utf-8")
        assert not any(loc.startswith(SITE + redirect.split("/")[0] + "/") for loc in urls)
    assert SITE + "blog.html" in urls  # the first page of the paged list stays


@pytest.mark.sphinx("dirhtml", testroot="with-sitemap", srcdir="with-sitemap-dir", freshenv=True)
def test_sitemap_dirhtml(app: Any) -> None:
    pytest.importorskip("sphinx_sitemap")
    app.build()
    urls = sitemap(app.outdir / "sitemap.xml")
    assert urls[SITE + "blog/edited/"] == "2021-02-03T10:20:30+02:00"
    assert urls[SITE + "blog/dated/"] == "2019-05-18T09:00:00+00:00"
    assert (app.outdir / "blog/page/2/index.html").is_file()
    assert SITE + "blog/page/2/" not in urls
    assert SITE + "blog/" in urls


@pytest.mark.sphinx(
    "html",
    testroot="with-sitemap",
    srcdir="with-sitemap-named",
    freshenv=True,
    confoverrides={"sitemap_filename": "sitemap-blog.xml"},
)
def test_sitemap_named_otherwise_keeps_sitemap_xml(app: Any) -> None:
    pytest.importorskip("sphinx_sitemap")
    app.build()
    urls = sitemap(app.outdir / "sitemap-blog.xml")
    assert urls[SITE + "blog/edited.html"] == "2021-02-03T10:20:30+02:00"
    index = ElementTree.parse(app.outdir / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    assert [loc.text for loc in index.iter(f"{SITEMAP_NS}loc")] == [SITE + "sitemap-blog.xml"]


@pytest.mark.sphinx(
    "html",
    testroot="with-sitemap",
    srcdir="with-sitemap-own",
    freshenv=True,
    confoverrides={"sitemap_filename": "sitemap-blog.xml", "html_extra_path": ["extra"]},
)
def test_sitemap_xml_of_the_project_is_kept(app: Any) -> None:
    pytest.importorskip("sphinx_sitemap")
    app.build()
    own = (app.srcdir / "extra" / "sitemap.xml").read_bytes()
    assert (app.outdir / "sitemap.xml").read_bytes() == own
    assert (app.outdir / "sitemap-blog.xml").is_file()


# -- sphinx-reredirects and sphinxext-rediraffe ----------------------------------


def alias_warnings(app: Any) -> list[str]:
    return [w for w in warnings_of(app) if "[linkerdblog.alias]" in w]


def assert_user_redirect_wins(app: Any, extension: str, target: str) -> None:
    """old/one/ is the user's redirect (warned at the alias); old/two/ is ours."""
    one = (app.outdir / "old/one/index.html").read_text("utf-8")
    assert target in one and MARKER not in one
    assert MARKER in (app.outdir / "old/two/index.html").read_text("utf-8")
    assert MARKER not in (app.outdir / "moved.html").read_text("utf-8")
    warned = alias_warnings(app)
    assert len(warned) == 1, warned
    assert "blog/first.md:4: WARNING: aliases '/old/one/'" in warned[0]
    assert extension in warned[0] and "own redirect wins" in warned[0]
    assert "(broken)" not in app.warning.getvalue()
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="with-reredirects", freshenv=True)
def test_reredirects_redirect_wins_over_an_alias(app: Any) -> None:
    pytest.importorskip("sphinx_reredirects")
    app.build()
    assert_user_redirect_wins(
        app,
        "sphinx-reredirects (conf.py redirects['old/one/index'])",
        "https://example.org/elsewhere/",
    )


ORDERS = {
    "rediraffe-after-us": ["sphinxcontrib_linkerdblog", "sphinxext.rediraffe"],
    "rediraffe-before-us": ["sphinxext.rediraffe", "sphinxcontrib_linkerdblog"],
}


@pytest.mark.parametrize("order", ORDERS)
def test_rediraffe_redirect_wins_in_either_order(make_app, rootdir, tmp_path, order) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("sphinxext.rediraffe")
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-with-rediraffe", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"extensions": ORDERS[order]})
    app.build()
    assert_user_redirect_wins(
        app,
        "sphinxext-rediraffe (rediraffe_redirects 'old/one/index.md')",
        "../../blog/second.html",
    )


@pytest.mark.parametrize("order", ORDERS)
def test_rediraffe_replaces_our_redirect_of_a_previous_build(
    make_app, rootdir, tmp_path, order
) -> None:  # type: ignore[no-untyped-def]
    """The alias was ours; then conf.py redirects it: rediraffe finds no file in its way."""
    pytest.importorskip("sphinxext.rediraffe")
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-with-rediraffe", src)
    conf = src / "conf.py"
    text = conf.read_text("utf-8")
    overrides = {"extensions": ORDERS[order]}
    conf.write_text(text.replace('"old/one/index.md": "blog/second.md", ', ""), "utf-8")
    make_app("html", srcdir=src, freshenv=True, confoverrides=overrides).build()
    assert MARKER in (src / "_build/html/old/one/index.html").read_text("utf-8")
    conf.write_text(text, "utf-8")
    again = make_app("html", srcdir=src, confoverrides=overrides)
    again.build()
    assert_user_redirect_wins(again, "sphinxext-rediraffe", "../../blog/second.html")


# -- sphinx-autobuild -------------------------------------------------------------


def files(folder: Path, *, without: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` but those under ``without``: path -> (size, mtime)."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and not path.is_relative_to(without)
    }


def test_autobuild_rereads_one_post_and_writes_nothing_it_watches(
    rootdir: Path, tmp_path: Path
) -> None:
    """sphinx-autobuild's own builder (it runs ``python -m sphinx build`` each time),
    with the output inside the source folder: the second build after one edit reads
    that post only, and no file autobuild watches is written (it would loop)."""
    pytest.importorskip("sphinx_autobuild")
    from sphinx_autobuild.build import Builder
    from sphinx_autobuild.filter import IgnoreFilter

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-with-autobuild", src)
    out = src / "_build" / "html"
    build = Builder(
        ["-q", str(src), str(out)], url_host="127.0.0.1:0",
        pre_build_commands=[], post_build_commands=[],
    )  # fmt: skip
    ignored = IgnoreFilter([out], [])  # its default: the output folder (and doctrees in it)
    sources = files(src, without=out)

    build(changed_paths=())
    assert (out / "blog/first.html").is_file() and (out / "old/first/index.html").is_file()
    assert files(src, without=out) == sources
    edited = src / "blog" / "second.md"
    edited.write_text(edited.read_text("utf-8").replace("The second post.", "Edited."), "utf-8")
    sources = files(src, without=out)
    build(changed_paths=[edited])

    reads = json.loads((out / "read-docs.json").read_text("utf-8"))
    assert reads[0] == ["blog/first", "blog/second", "blog/third", "index"]
    assert reads[1:] == [["blog/second"]]
    assert "Edited." in (out / "blog/second.html").read_text("utf-8")
    assert files(src, without=out) == sources
    written = [p for p in src.rglob("*") if p.is_file() and p.is_relative_to(out)]
    assert written and all(ignored(str(path)) for path in written)
