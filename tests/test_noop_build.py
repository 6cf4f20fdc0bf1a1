"""A build that changes nothing changes no output file: not a byte, not a time."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from sphinxcontrib_linkerdblog.stable_outputs import stable_feed


def outputs(outdir: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(outdir).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in outdir.rglob("*")
        if p.is_file() and ".doctrees" not in p.parts
    }


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_second_build_touches_no_output_file(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "blog"
    shutil.copytree(rootdir / "test-blog", src)
    make_app(builder, srcdir=src).build()
    before = outputs(Path(src, "_build", builder))
    time.sleep(0.05)  # a rewrite would show in the times
    make_app(builder, srcdir=src).build()
    after = outputs(Path(src, "_build", builder))
    assert sorted(after) == sorted(before)
    assert [name for name in after if after[name] != before[name]] == []
    # and an edit is still written: the check can fail
    post = src / "blog" / "third.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    make_app(builder, srcdir=src).build()
    edited = outputs(Path(src, "_build", builder))
    changed = {name for name in edited if edited[name] != after.get(name)}
    page = "blog/third.html" if builder == "html" else "blog/third/index.html"
    assert page in changed and "blog/atom.xml" in changed


def test_the_feed_is_dated_by_its_newest_entry() -> None:
    feed = (
        b"<feed>\n  <updated>2026-12-01T10:00:00.1+00:00</updated>\n"
        b"  <entry><updated>2021-01-01T00:00:00+00:00</updated></entry>\n"
        b"  <entry><updated>2021-03-01T00:00:00+00:00</updated></entry>\n</feed>"
    )
    fixed = stable_feed(feed)
    assert re.findall(rb"<updated>([^<]+)</updated>", fixed)[0] == b"2021-03-01T00:00:00+00:00"
    assert fixed.count(b"<entry>") == 2
    assert stable_feed(b"<feed><updated>x</updated></feed>") == b"<feed><updated>x</updated></feed>"
