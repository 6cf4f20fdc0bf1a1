"""Output files Sphinx and ablog rewrite on every build, kept when unchanged.

A build that changes nothing should change no output file: every deployment
(``rsync``, an upload to a CDN, a file watcher) otherwise sees them all as new.
Two kinds are fixed here, without patching Sphinx or ablog.

**ablog's Atom feeds**:

ablog stamps each feed's ``<updated>`` with the time of the build, so every
build rewrites every ``atom.xml`` with new bytes: feed readers see an update
that is none, and every deployment uploads the feeds again.  Hugo's feeds give
the newest post's date.  Without patching ablog, its feeds are fixed once
written (``build-finished``): the feed-level ``<updated>`` becomes its newest
entry's, and a feed whose bytes are then those of the previous build is left
as it was, modification time included (``rsync`` and friends compare it).

**Sphinx's own files** (``.buildinfo``, ``objects.inv``, ``searchindex.js``
and the ``_static`` folder), which it writes or copies on every build: each
keeps its previous modification time when its bytes are the same.  Their
bytes are read once at ``builder-inited``; a few hundred small files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED_NAME = "atom.xml"
SPHINX_FILES = (".buildinfo", "objects.inv", "searchindex.js")
STATIC = "_static"
_ENTRY_UPDATED = re.compile(rb"<entry>.*?<updated>([^<]+)</updated>", re.S)
_FEED_UPDATED = re.compile(rb"<updated>[^<]*</updated>")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds exactly it; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.write_bytes(data)
    return True


def stable_feed(data: bytes) -> bytes:
    """``data`` with the feed's own ``<updated>`` set to its newest entry's."""
    head, found, rest = data.partition(b"<entry>")
    if not found:
        return data  # no entry: nothing newer than the feed itself to say
    newest = max(_ENTRY_UPDATED.findall(found + rest), default=None)
    if newest is None:
        return data
    fixed = _FEED_UPDATED.sub(lambda _m: b"<updated>" + newest + b"</updated>", head, count=1)
    return fixed + found + rest


def rewritten_files(outdir: Path) -> list[Path]:
    """The files every HTML build writes again, whether changed or not."""
    found = [outdir / name for name in SPHINX_FILES]
    found += outdir.rglob(FEED_NAME)
    static = outdir / STATIC
    if static.is_dir():
        found += (p for p in static.rglob("*") if p.is_file())
    return [p for p in found if p.is_file()]


class _Outputs:
    """The always-rewritten files as the previous build left them."""

    def __init__(self) -> None:
        self.before: dict[Path, tuple[bytes, int]] = {}

    def remember(self, app: Sphinx) -> None:
        """``builder-inited``: their bytes and times, before anything is written."""
        self.before = {}
        if app.builder.format == "html":
            for path in rewritten_files(Path(app.builder.outdir)):
                self.before[path] = (path.read_bytes(), path.stat().st_mtime_ns)

    def settle(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: feeds stable, and every unchanged file untouched."""
        if exception is not None or app.builder.format != "html":
            return
        for path in rewritten_files(Path(app.builder.outdir)):
            data = path.read_bytes()
            if path.name == FEED_NAME:
                fixed = stable_feed(data)
                if fixed != data:
                    path.write_bytes(fixed)  # ablog's file holds the build's time
                    data = fixed
            old = self.before.get(path)
            if old is not None and old[0] == data:
                os.utime(path, ns=(old[1], old[1]))  # the same bytes: as if never written


def setup_stable_outputs(app: Sphinx) -> None:
    """Remember the files before the build writes them; settle them at the end
    (after the redirects and RSS feeds, which write only what changed)."""
    outputs = _Outputs()
    app.connect("builder-inited", outputs.remember)
    app.connect("build-finished", outputs.settle, priority=900)
