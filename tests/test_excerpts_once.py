"""Each excerpt is rendered once per folder of listing pages, with the same
output as ablog's own rendering for every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphinxcontrib_linkerdblog import post_cards


def pages(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in outdir.rglob("*.html")
        if ".doctrees" not in p.parts
    }


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_cached_excerpts_give_the_same_pages(
    make_app, rootdir, tmp_path, monkeypatch, builder
) -> None:  # type: ignore[no-untyped-def]
    built = {}
    calls = {}
    for cached in (True, False):
        src = tmp_path / f"cached-{cached}"
        shutil.copytree(rootdir / "test-blog", src)
        monkeypatch.setattr(post_cards, "CACHE_EXCERPTS", cached)
        app = make_app(builder, srcdir=src, confoverrides={"linkerdblog_pager_size": 2})
        app.build()
        built[cached] = pages(Path(app.outdir))
        calls[cached] = len(post_cards.get_state(app.env).excerpts)
    assert built[True] == built[False]
    assert "blog/tag/linkerd.html" in built[True] or "blog/tag/linkerd/index.html" in built[True]
    # html: the tag pages share a folder, so fewer renderings than listings
    if builder == "html":
        shown = sum(page.count(b'class="ablog-post-excerpt"') for page in built[True].values())
        assert 0 < calls[True] < shown
