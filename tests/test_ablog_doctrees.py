"""ablog's copy of each post's doctree is kept only where a full-text feed uses it.

See :mod:`sphinxcontrib_linkerdblog.ablog_doctrees`.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

from ablog.blog import Blog
from docutils import nodes

from sphinxcontrib_linkerdblog import ablog_doctrees
from sphinxcontrib_linkerdblog.ablog_doctrees import SavedExcerpt


def build(make_app: Any, src: Path, **overrides: Any) -> Any:
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    return app


def full_texts(app: Any) -> dict[str, str]:
    """Every post's ``to_html(fulltext=True)``, as a site template may ask for it."""
    return {post.docname: post.to_html("blog", fulltext=True) for post in Blog(app).posts}


def test_the_copy_is_a_stand_in_that_gives_the_same_full_text(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    app = build(make_app, src)
    infos = app.env.ablog_posts["blog/links"]
    assert isinstance(infos[0]["doctree"], ablog_doctrees.SavedDoctree)
    ours = full_texts(app)
    assert "The rest." in ours["blog/links"]  # past the summary: the whole post
    # Again from the pickled environment, as a rebuild loads it.
    again = build(make_app, src)
    assert full_texts(again) == ours

    kept = tmp_path / "kept"
    shutil.copytree(rootdir / "test-excerpts", kept)
    monkeypatch.setattr(ablog_doctrees, "lighten_post_info", lambda *args: None)
    theirs = build(make_app, kept)
    assert isinstance(theirs.env.ablog_posts["blog/links"][0]["doctree"], nodes.document)
    assert full_texts(theirs) == ours


def test_a_full_text_feed_keeps_ablogs_copy(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    app = build(make_app, src, blog_feed_fulltext=True)
    assert isinstance(app.env.ablog_posts["blog/links"][0]["doctree"], nodes.document)
    assert "The rest." in (Path(app.outdir) / "blog" / "atom.xml").read_text("utf-8")


def test_excerpts_no_longer_carry_their_document(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Pickling a post's excerpt no longer pickles the whole post (through ``ids``)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    app = build(make_app, src)
    excerpts = [
        node
        for infos in app.env.ablog_posts.values()
        for info in infos
        for top in info["excerpt"]
        for node in top.findall()
    ]
    assert len(excerpts) > 20
    assert all(node.document is None for node in excerpts)
    size = len(pickle.dumps(app.env.ablog_posts))
    whole = len(pickle.dumps(app.env.get_doctree("blog/links")))
    assert size < 4 * whole  # four posts' data: less than four whole posts
    # ablog's listings render them as before (the copies join ablog's new document)
    assert "Links everywhere" in (Path(app.outdir) / "blog" / "tag" / "mesh.html").read_text(
        "utf-8"
    )


def test_excerpts_are_kept_pickled_and_load_once(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A parallel reader's environment carries each excerpt as bytes, loaded on first use,
    as the same nodes."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    app = build(make_app, src)
    for infos in app.env.ablog_posts.values():
        for info in infos:
            saved = info["excerpt"]
            assert isinstance(saved, SavedExcerpt)
            again = pickle.loads(pickle.dumps(saved))
            assert again._nodes is None  # bytes only, until asked
            assert [n.pformat() for n in again] == [n.pformat() for n in saved]
            assert len(again) == len(saved) and bool(again) == bool(list(saved))
            assert again[:1] == again._nodes[:1]
