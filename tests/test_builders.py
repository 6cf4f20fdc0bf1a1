"""Every builder shows the blog: no crash, every post in date order, bylines, tags.

Table-driven over the builders and the test roots (``test-postlist``'s index
lists its posts with ablog's ``postlist`` and has no toctree), with checks on
the real output: the one-file outputs (LaTeX, texinfo, man, singlehtml) hold
every published post, newest first, each with its byline, tags and related
posts; page
outputs have them on each post's page; every epub page parses as XML; an
embed card is its own paragraph in man and text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import warnings_of

from sphinxcontrib_linkerdblog.posts.domain import published

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "texinfo", "man", "text"]
ROOTS = ["basic", "shortcodes", "blog", "authors-text", "summaries", "postlist"]
ONE_FILE = {"latex", "texinfo", "man", "singlehtml"}
DOCS = Path(__file__).resolve().parents[1] / "docs"


def build(make_app: Any, src: Path, buildername: str, **kwargs: Any) -> Any:
    """Build ``src`` with ``buildername``; fail on a traceback or an unknown node."""
    app = make_app(buildername, srcdir=src, freshenv=True, **kwargs)
    app.build()
    errors = [
        w for w in warnings_of(app) if "unknown node" in w or "ERROR" in w or "Traceback" in w
    ]
    assert not errors, errors
    assert "Traceback" not in app.warning.getvalue()
    assert "NoUri" not in app.warning.getvalue()
    return app


def one_file(app: Any) -> str:
    """The single output file of a one-file build."""
    suffix = {"latex": ".tex", "texinfo": ".texi", "man": ".1", "singlehtml": ".html"}
    name = {"singlehtml": "index.html"}.get(app.builder.name)
    files = [p for p in app.outdir.rglob("*" + suffix[app.builder.name]) if p.is_file()]
    if name:
        files = [app.outdir / name]
    assert len(files) == 1, files
    return files[0].read_text(encoding="utf-8")


def marker(buildername: str, docname: str, title: str) -> str:
    """Where the builder starts the inlined document ``docname`` (a regex)."""
    if buildername == "latex":
        return re.escape(r"\label{\detokenize{" + docname + "::doc}}")
    if buildername == "texinfo":
        return re.escape("@anchor{" + docname + " doc}")
    if buildername == "singlehtml":
        return re.escape(f'id="document-{docname}"')
    # man: no anchors; a post's title is a .SH heading, upper-cased and escaped.
    words = [re.escape(w) for w in re.findall(r"[A-Za-z0-9]+", title.upper())]
    return r"^\.SH " + r"\W+".join(words)


def page_of(app: Any, docname: str) -> Path:
    """The output page of ``docname`` in a page-per-document build."""
    name = app.builder.name
    if name == "dirhtml":
        return app.outdir / docname / "index.html"
    suffix = {"html": ".html", "epub": ".xhtml", "text": ".txt"}[name]
    return app.outdir / (docname + suffix)


def day(record: Any) -> str:
    """The date as the byline prints it."""
    return f"{record.date.day} {record.date:%B %Y}" if record.date else ""


@pytest.mark.parametrize("root", ROOTS)
@pytest.mark.parametrize("buildername", BUILDERS)
def test_every_builder_shows_the_blog(
    make_app, tmp_path, rootdir, buildername: str, root: str
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{root}", src)
    app = build(make_app, src, buildername)
    posts = published(app.env)
    assert posts, "the root has posts"
    newest_first = sorted(posts, key=lambda d: (posts[d].sort_key, d), reverse=True)
    related = app.env.get_domain("blog").data.get("related", {})
    if buildername in ONE_FILE:
        text = one_file(app)
        starts = []
        for docname in newest_first:
            found = re.search(
                marker(buildername, docname, posts[docname].title or ""), text, re.MULTILINE
            )
            assert found, f"{docname} is not in the {buildername} output"
            starts.append(found.start())
        assert starts == sorted(starts), "posts are not newest first"
        for position, docname in enumerate(newest_first):
            end = starts[position + 1] if position + 1 < len(starts) else len(text)
            part = " ".join(text[starts[position] : end].split())
            assert day(posts[docname]) in part, f"no byline in {docname}"
            if posts[docname].tags:
                assert "Tags: " in part, f"no tags in {docname}"
            if related.get(docname):
                assert part.count("Related posts") == 1, f"related posts of {docname}"
        return
    if buildername == "epub":
        pages = list(app.outdir.rglob("*.xhtml"))
        assert pages
        for page in pages:
            ET.parse(page)  # every epub page is XML
    for docname in newest_first:
        page = " ".join(page_of(app, docname).read_text(encoding="utf-8").split())
        assert day(posts[docname]) in page, f"no byline in {docname}"
        if posts[docname].tags:
            assert "Tags: " in page, f"no tags in {docname}"
        if related.get(docname):
            assert "Related posts" in page, f"related posts of {docname}"


@pytest.mark.parametrize("buildername", ["latex", "texinfo", "man", "singlehtml"])
def test_postlist_index_without_toctree_puts_posts_in_the_book(
    make_app, tmp_path, rootdir, buildername: str
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-postlist", src)
    text = one_file(build(make_app, src, buildername))
    # Newest first, which is not their file names' order.
    posts = [("blog/a-newest", "Newest of all"), ("blog/c-middle", "In the middle"),
             ("blog/b-oldest", "Oldest of all")]  # fmt: skip
    found = [re.search(marker(buildername, d, t), text, re.MULTILINE) for d, t in posts]
    positions = [m.start() if m else -1 for m in found]
    assert -1 not in positions and positions == sorted(positions), positions
    text = re.sub(r"<[^>]+>", "", text)  # singlehtml marks the names up
    for words in ("Ann Writer", "4 May 2023", "Bo Writer", "2 January 2019"):
        assert words in text  # the bylines (the names are marked up as authors)
    assert "Tags: news, mesh" in text
    assert "Tags: history" in text


@pytest.mark.parametrize("buildername", ["latex", "texinfo"])
def test_a_book_without_the_posts_lists_them_unlinked(
    make_app, tmp_path, rootdir, buildername: str
) -> None:  # type: ignore[no-untyped-def]
    """A book that starts elsewhere than the root holds no post: ablog's postlist and
    featured-posts print the titles without a link instead of stopping with NoUri."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-postlist", src)
    start = {
        "latex": {"latex_documents": [("about", "about.tex", "About", "Me", "howto")]},
        "texinfo": {"texinfo_documents": [("about", "about", "About", "Me", "about", "", "")]},
    }[buildername]
    text = one_file(build(make_app, src, buildername, confoverrides=start))
    assert "Newest of all" in text and "Oldest of all" in text
    assert "blog/a-newest" not in text  # no link to a chapter the book does not have


def test_book_order_follows_a_changed_date(make_app, tmp_path, rootdir) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-postlist", src)
    build(make_app, src, "latex")
    oldest = src / "blog" / "b-oldest.md"
    oldest.write_text(oldest.read_text("utf-8").replace("2019-01-02", "2024-01-02"), "utf-8")
    again = make_app("latex", srcdir=src)
    again.build()
    text = one_file(again)
    order = [text.find(r"\chapter{" + t) for t in ("Oldest of all", "Newest of all")]
    assert -1 not in order and order == sorted(order)  # re-dated: now the newest


@pytest.mark.parametrize("buildername", ["man", "text"])
def test_embed_card_is_its_own_paragraph(make_app, tmp_path, rootdir, buildername: str) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    app = build(make_app, src, buildername)
    if buildername == "man":
        text = one_file(app)
        assert "A tweet on its own line:\n.sp\nPost on X: " in text
        # Inline, the embed stays in its sentence.
        assert "\nNo spaces: Post on X (" in text
    else:
        text = (app.outdir / "blog" / "yaml-post.txt").read_text(encoding="utf-8")
        assert "A tweet on its own line:\n\nPost on X: " in text


@pytest.mark.sphinx("text", testroot="basic", srcdir="basic-text", freshenv=True)
def test_text_fallback_is_a_plain_link(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    text = " ".join((app.outdir / "blog" / "yaml-post.txt").read_text(encoding="utf-8").split())
    assert "Post on X: https://x.com/i/status/1129105603354333184" in text
    assert "Post by @linkerd on X: https://x.com/linkerd/status/1131493061916319744" in text
    assert "No spaces: Post on X (https://x.com/i/status/1130789969293991936) inside" in text


@pytest.mark.sphinx("latex", testroot="basic", srcdir="basic-latex", freshenv=True)
def test_latex_fallback_is_a_hyperlink(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://x.com/i/status/1129105603354333184}" in tex or (
        r"\sphinxurl{https://x.com/i/status/1129105603354333184}" in tex
    )


@pytest.fixture(scope="module")
def docs_src(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    return src


DOCS_POSTS = [  # newest first
    "blog/a-moved-post",
    "blog/a-page-bundle/index",
    "blog/code-details-and-params",
    "blog/linkerd-io-shortcodes",
    "blog/embeds-on-click",
    "blog/docsy-authors",
    "blog/json-front-matter",
    "blog/toml-front-matter",
    "blog/hello-hugo-posts",
]


@pytest.mark.parametrize("buildername", ["latex", "texinfo", "epub"])
def test_docs_build_with_every_builder(make_app, tmp_path, docs_src, buildername: str) -> None:  # type: ignore[no-untyped-def]
    """The docs (whose index has no toctree of posts, and a postlist elsewhere)."""
    src = tmp_path / "docs"
    shutil.copytree(docs_src, src)
    app = build(make_app, src, buildername)
    if buildername == "epub":
        pages = list(app.outdir.rglob("*.xhtml"))
        assert len(pages) > 20
        for page in pages:
            ET.parse(page)
        return
    text = one_file(app)
    starts = [re.search(marker(buildername, d, ""), text) for d in DOCS_POSTS]
    assert all(starts), DOCS_POSTS
    assert [m.start() for m in starts if m] == sorted(m.start() for m in starts if m)
    assert not re.search(marker(buildername, "blog/a-draft", ""), text)


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_docs_pdf(make_app, tmp_path, docs_src) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "docs"
    shutil.copytree(docs_src, src)
    app = build(make_app, src, "latex")
    done = subprocess.run(
        ["make", "-C", str(app.outdir), "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert list(app.outdir.glob("*.pdf"))
