"""Parsed front matter is kept from one build to the next (``posts.index.FrontCache``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_linkerdblog.hugo import index as hugo_index
from sphinxcontrib_linkerdblog.posts.index import FrontCache


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the texts whose front matter is parsed."""
    calls: list[int] = []
    original = hugo_index.read_front

    def counting(text: str, *args: Any) -> Any:
        calls.append(1)
        return original(text, *args)

    monkeypatch.setattr(hugo_index, "read_front", counting)
    return calls


def build(make_app: Any, src: Path, **overrides: Any) -> Any:
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    return app


def test_an_unchanged_post_is_not_parsed_again(make_app, rootdir, tmp_path, parsed) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    first = build(make_app, src)
    assert len(parsed) == 4 and (Path(first.doctreedir) / FrontCache.NAME).is_file()
    parsed.clear()
    build(make_app, src)
    assert parsed == []  # all four from the cache
    post = src / "blog" / "links.md"
    post.write_text(post.read_text("utf-8").replace("Links everywhere", "Links, again"), "utf-8")
    again = build(make_app, src)
    assert len(parsed) == 1  # only the edited post
    assert "Links, again" in (Path(again.outdir) / "blog" / "links.html").read_text("utf-8")


def test_a_stale_or_broken_cache_is_dropped(make_app, rootdir, tmp_path, parsed) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-excerpts", src)
    first = build(make_app, src)
    parsed.clear()
    build(make_app, src, linkerdblog_timezone="Europe/Berlin")  # other settings
    assert len(parsed) == 4
    cache = Path(first.doctreedir) / FrontCache.NAME
    cache.write_bytes(b"not a pickle")
    parsed.clear()
    app = build(make_app, src, linkerdblog_timezone="Europe/Berlin")
    assert len(parsed) == 4  # parsed again, no error
    assert "Links everywhere" in (Path(app.outdir) / "blog" / "links.html").read_text("utf-8")
