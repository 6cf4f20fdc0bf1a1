"""Work done once per build (excerpts, tag-cloud sizes, word stems) gives the
same output as doing it every time, as ablog and Sphinx do."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from sphinxcontrib_linkerdblog import excerpts, search_stems, sidebars


def pages(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in outdir.rglob("*")
        if p.suffix in (".html", ".xml") and ".doctrees" not in p.parts
    }


@pytest.mark.parametrize("root", ["blog", "excerpts"])
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_excerpts_rendered_once_give_the_same_pages(
    make_app, rootdir, tmp_path, monkeypatch, builder, root
) -> None:  # type: ignore[no-untyped-def]
    """Pages and feeds are byte for byte ablog's, with each excerpt rendered once.

    test-excerpts' summaries link to posts, a section, a download, a mail
    address and the web, show an image, carry a footnote, raw HTML (with a
    relative link and an ``<h1>``) and a relative ``doc`` reference (rendered
    per folder, not moved).
    """
    built = {}
    for cached in (True, False):
        src = tmp_path / f"cached-{cached}"
        shutil.copytree(rootdir / f"test-{root}", src)
        monkeypatch.setattr(excerpts, "CACHE_EXCERPTS", cached)
        monkeypatch.setattr(sidebars, "CACHE_SIDEBARS", cached)
        overrides = {"linkerdblog_pager_size": 2, "html_theme": "alabaster"}  # with sidebars
        app = make_app(builder, srcdir=src, confoverrides=overrides)
        app.build()
        built[cached] = pages(Path(app.outdir))
        if cached:
            state = excerpts.get_state(app.env)
            moved = {post for post, _ in state.moved_excerpts}
            per_folder = {post for post, _ in state.excerpts}
    assert built[True] == built[False]
    assert {"blog/atom.xml", "index.xml"} <= set(built[True])  # the feeds, too
    shown = sum(page.count(b'class="ablog-post-excerpt"') for page in built[True].values())
    assert len(moved) + len(per_folder) < shown
    everywhere = b"".join(built[True].values())
    for sidebar in (b"ablog__recentposts", b"ablog__tagcloud", b"ablog__archives"):
        assert everywhere.count(sidebar) > 5, sidebar  # the sidebars are there, on many pages
    if root == "excerpts":
        assert moved == {"blog/links", "blog/raw", "blog/2024/bundle/index"}
        assert per_folder == {"blog/doc-role"}
        listing = next(v for k, v in built[True].items() if k.startswith("blog/tag/mesh"))
        for shows in (b"_images/pic.png", b'href="relative/page.html"', b"<h1>Raw heading</h1>"):
            assert shows in b"".join(built[True].values())
        assert b"../2024/bundle/" in listing or b"../../2024/bundle/" in listing


@pytest.mark.sphinx("html", testroot="blog")
def test_tag_cloud_sizes_are_ablogs(built) -> None:  # type: ignore[no-untyped-def]
    """The cloud's sizes, computed once per build, are ablog's ``relsize(5, 1)``."""
    from ablog.blog import Blog

    from sphinxcontrib_linkerdblog.ablog_pages import cloud_sizes

    catalog = Blog(built).tags
    ablogs = [(str(coll), coll.relsize(5, 1)) for coll in catalog if coll]
    ours = [(str(coll), size) for coll, size in cloud_sizes(catalog) if coll]
    assert ours == ablogs
    assert len({size for _, size in ours}) > 1  # a cloud, not all one size
    page = (Path(built.outdir) / "index.html").read_text("utf-8")
    shown = re.findall(r'ablog-cloud-(\d)">\s*<a href="[^"]*">([^<]*)</a>', page)
    assert [(html.unescape(name), int(size)) for size, name in shown] == ablogs


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_remembered_stems_give_the_same_search_index(
    make_app, rootdir, tmp_path, monkeypatch, builder
) -> None:  # type: ignore[no-untyped-def]
    indexes = {}
    for remembered in (True, False):
        src = tmp_path / f"stems-{remembered}"
        shutil.copytree(rootdir / "test-blog", src)
        if not remembered:
            monkeypatch.setattr(search_stems, "remember_stems", lambda *args: None)
        app = make_app(builder, srcdir=src)
        app.build()
        indexes[remembered] = (Path(app.outdir) / "searchindex.js").read_bytes()
        stem = app.builder.indexer.lang.stem
        assert (getattr(stem, "cache_info", None) is not None) is remembered
    assert indexes[True] == indexes[False]
    assert b'"later":1' in indexes[True]  # a real index, not an empty one
