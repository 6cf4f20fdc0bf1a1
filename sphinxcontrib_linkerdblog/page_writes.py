"""Generated pages are written only when their content changed.

Sphinx writes a page for every outdated document, but it renders and writes
every *generated* page (the ``blog`` domain's tag and author indexes, ablog's
archive, tag, author and year pages, the general index, the search page) on
every build, changed or not.  On a blog that is hundreds of files rewritten
for a one-word edit: every file watcher, rsync and CDN upload sees them all
as new.

So for an HTML builder, :func:`keep_unchanged` wraps ``builder.handle_page``:
a page that is not a document is rendered as before, to a temporary file
beside its target, and only replaces the target when the bytes differ.  The
rendering itself still happens (it is what tells whether the page changed);
the benchmark reports its cost.  Documents are left to Sphinx's own outdated
logic, and a page given an explicit ``outfilename`` is never touched.
"""

from __future__ import annotations

import contextlib
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds exactly it; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.write_bytes(data)
    return True


def keep_unchanged(app: Sphinx) -> None:
    """``builder-inited``: wrap the HTML builder's page writer (see the module doc)."""
    builder: Any = app.builder  # an HTML builder: handle_page, get_output_path
    if builder.format != "html" or not hasattr(builder, "get_output_path"):
        return
    original = builder.handle_page
    state = get_state(app.env)
    stats, written = state.page_stats, state.written

    @wraps(original)
    def handle_page(pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        # Every page this build writes is noted, so no redirect replaces it.
        target = Path(kwargs.get("outfilename") or builder.get_output_path(pagename))
        written.add(target)
        if kwargs.get("outfilename") or pagename in app.env.all_docs:
            return original(pagename, addctx, *args, **kwargs)
        if not target.is_file():
            stats[0] += 1
            return original(pagename, addctx, *args, **kwargs)
        new = target.with_name(f".{target.name}.new")
        try:
            original(pagename, addctx, *args, outfilename=new, **kwargs)
            if new.is_file():
                stats[0 if write_if_changed(target, new.read_bytes()) else 1] += 1
        finally:
            with contextlib.suppress(FileNotFoundError):
                new.unlink()
        return None

    builder.handle_page = handle_page


def setup_page_writes(app: Sphinx) -> None:
    """Register the wrapper (late, after other extensions set the builder up)."""
    app.connect("builder-inited", keep_unchanged, priority=900)
