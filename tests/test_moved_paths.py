"""Moving an excerpt's or a sidebar's paths to a page, remembered per folder, is
exactly moving them for each page (:func:`.excerpts.move_paths`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_linkerdblog.excerpts import BASE, move_paths
from sphinxcontrib_linkerdblog.state import MovedPaths

PAGES = [
    "index.html",
    "blog.html",
    "blog/post.html",
    "blog/other.html",
    "blog/tag/mesh.html",
    "blog/tag/linkerd.html",
    "blog/tag/mesh/page/2.html",
    "blog/2024/bundle/index.html",
    "blog/post/",
    "blog/tag/mesh/",
    "blog/",
    "",
]
HTML = (
    '<a class="reference internal" href="blog/tag/mesh.html">mesh</a> '
    '<a href="blog/post.html#more">more</a> <img src="_images/pic.png"/> '
    '<a href="blog/post/">dir</a> <a href="blog/tag/mesh/">dir</a> <a href="./">root</a> '
    '<a href="index.html">home</a> <a href="https://example.org/x.html">web</a> '
    '<a href="#top">top</a> <a href="/abs/x.html">abs</a> <a href="blog/tag/mesh.html?q=1">q</a>'
)


@pytest.mark.parametrize(
    ("here", "shows"),
    [
        ("blog/tag/mesh.html", ['href="#"', 'href="../post.html#more"', 'src="../../_images']),
        ("blog/tag/linkerd.html", ['href="mesh.html"', 'href="../../index.html"']),
        ("blog/post/", ['href="#"', 'href="../tag/mesh.html"']),
        ("index.html", ['href="blog/tag/mesh.html"', 'href="./"', 'href="#top"']),
    ],
)
def test_paths_moved_to_a_page(here: str, shows: list[str]) -> None:
    moved = move_paths(HTML, BASE, here, MovedPaths())
    for text in shows:
        assert text in moved
    assert 'href="https://example.org/x.html"' in moved and 'href="/abs/x.html"' in moved


@given(st.lists(st.sampled_from(PAGES), min_size=1, max_size=40))
def test_remembered_per_folder_is_moved_per_page(order: list[str]) -> None:
    """In any order of pages, the memo gives each page what moving for it gives,
    a link to the page itself (``#``) included."""
    memo = MovedPaths()
    for here in order:
        assert move_paths(HTML, BASE, here, memo) == move_paths(HTML, BASE, here)
    assert len(memo.targets) == 1  # the paths of one HTML are read once
    (targets,) = memo.targets.values()
    folders = {
        here.rsplit("/", 1)[0] if "/" in here else "" for here in order if here not in targets
    }
    assert len(memo.moved) == len(folders)  # moved once per folder, pages it links to aside
