"""A second build with nothing changed re-reads nothing and keeps the configuration."""

from __future__ import annotations

import shutil


def test_noop_rebuild(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    # The test app swaps alabaster for "basic" unless told: say it both times.
    theme = {"html_theme": "basic"}
    make_app("html", srcdir=src, freshenv=True, confoverrides=theme).build()
    again = make_app("html", srcdir=src, confoverrides=theme)
    again.build()
    status = again.status.getvalue()
    assert "The configuration has changed" not in status
    assert "0 added, 0 changed, 0 removed" in status
