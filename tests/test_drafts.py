"""Drafts, future and expired posts are left out as Hugo does, unless asked for."""

from __future__ import annotations

import pytest


def _posts(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {d for d, ps in app.env.ablog_posts.items() if ps}


@pytest.mark.sphinx("html", testroot="drafts", freshenv=True)
def test_hidden_by_default(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert _posts(app) == {"blog/published"}
    for name in ("draft", "future", "expired"):
        assert not (app.outdir / "blog" / f"{name}.html").exists()
    feed = app.outdir / "blog" / "atom.xml"
    if feed.exists():
        text = feed.read_text(encoding="utf-8")
        assert "Draft" not in text and "Future" not in text
    listing = (app.outdir / "blog" / "_index.html").read_text(encoding="utf-8")
    assert "<h1>The blog" in listing
    assert "own text." in listing
    assert "blog/_index" not in _posts(app)


@pytest.mark.sphinx(
    "html",
    testroot="drafts",
    srcdir="drafts-all",
    freshenv=True,
    confoverrides={
        "linkerdblog_build_drafts": True,
        "linkerdblog_build_future": True,
        "linkerdblog_build_expired": True,
    },
)
def test_options_put_them_back(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert _posts(app) == {"blog/published", "blog/draft", "blog/future", "blog/expired"}
    for name in ("draft", "future", "expired"):
        assert (app.outdir / "blog" / f"{name}.html").exists()


@pytest.mark.sphinx(
    "html",
    testroot="drafts",
    srcdir="drafts-bad-option",
    freshenv=True,
    confoverrides={"linkerdblog_build_drafts": ["yes"]},
)
def test_bad_option_value_warns_and_falls_back(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert "linkerdblog_build_drafts = ['yes'] is not valid" in app.warning.getvalue()
    assert "[linkerdblog.config]" in app.warning.getvalue()
    assert not (app.outdir / "blog" / "draft.html").exists()
