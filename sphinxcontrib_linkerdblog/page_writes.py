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

A generated page never replaces a page of the project either.  ablog writes
its "All Posts" page at ``blog.html`` (``blog_path``), and its archive, tag,
author and year pages under it; a project's own ``blog.md`` was written first
and then silently replaced.  The same wrapper sees every generated page,
whoever yields it (ablog's ``html-collect-pages`` generators, ours, the indexes,
the search page), before it is rendered: one whose output file is a
document's is not written, and a ``linkerdblog.page`` warning at the document
says so.  ablog is not patched and its generators run as before; only the
page that would replace the project's is dropped.
"""

from __future__ import annotations

import contextlib
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .stable_outputs import write_if_changed
from .state import get_state
from .unchanged_pages import note_generated, skippable, skips
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _call(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, Any, Any]:
    """``(templatename, outfilename, event_arg)`` of a ``handle_page`` call."""
    names = ("templatename", "outfilename", "event_arg")
    values: list[Any] = [args[i] if len(args) > i else kwargs.get(n) for i, n in enumerate(names)]
    return values[0] or "page.html", values[1], values[2]


def document_outputs(app: Sphinx) -> dict[Path, str]:
    """The output file of every document this builder writes one for, to its document."""
    builder: Any = app.builder
    # singlehtml writes one file, the root document's.
    single = builder.name == "singlehtml"
    docnames = [app.config.root_doc] if single else sorted(app.env.all_docs)
    return {Path(builder.get_output_path(docname)): docname for docname in docnames}


def _write_generated(
    original: Any,
    target: Path,
    pagename: str,
    addctx: dict[str, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> int | None:
    """Render a generated page, replacing ``target`` only when its bytes differ.

    :returns: its index in :attr:`.BuildState.page_stats` (0 written, 1 left as
        it was), None when the page wrote nothing.
    """
    if not target.is_file():
        original(pagename, addctx, *args, **kwargs)
        return 0
    new = target.with_name(f".{target.name}.new")
    try:
        original(pagename, addctx, *args, outfilename=new, **kwargs)
        if not new.is_file():
            return None
        return 0 if write_if_changed(target, new.read_bytes()) else 1
    finally:
        with contextlib.suppress(FileNotFoundError):
            new.unlink()


def keep_unchanged(app: Sphinx) -> None:
    """``builder-inited``: wrap the HTML builder's page writer (see the module doc).

    A generated page over a document is dropped first; the others are written
    only when changed.
    """
    builder: Any = app.builder  # an HTML builder: handle_page, get_output_path
    if builder.format != "html" or not hasattr(builder, "get_output_path"):
        return
    original = builder.handle_page
    state = get_state(app.env)
    stats, written = state.page_stats, state.written

    documents: dict[Path, str] = {}  # filled at the first generated page: all are read then

    @wraps(original)
    def handle_page(pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        templatename, outfilename, event_arg = _call(args, kwargs)
        target = Path(outfilename or builder.get_output_path(pagename))
        generated = event_arg is None and outfilename is None and pagename not in app.env.all_docs
        unchanged = skips(app) and target in state.generated_files
        if generated and unchanged and skippable(app, pagename, templatename):
            written.add(target)
            stats[1] += 1
            return None  # what it shows is unchanged (see .unchanged_pages)
        if event_arg is None and outfilename is None:  # a generated page, not a document
            if not documents:
                documents.update(document_outputs(app))
            docname = documents.get(target)
            if docname is not None:
                where = target.relative_to(builder.outdir).as_posix()
                warn(
                    f"a generated page ({pagename!r}, template {templatename!r}) would be "
                    f"written over this page's {where}; this page is kept and the "
                    "generated one is not written",
                    Warn.PAGE,
                    (docname, None),
                )
                return None
        # Every page this build writes is noted, so no redirect replaces it.
        written.add(target)
        if outfilename or pagename in app.env.all_docs:
            return original(pagename, addctx, *args, **kwargs)
        if skippable(app, pagename, templatename):
            note_generated(app, target)
        render = partial(_write_generated, original, target, pagename, addctx, args, kwargs)
        if state.held_pages is not None:
            state.held_pages.append((target, render))  # rendered with the others (.parallel_pages)
        elif (stat := render()) is not None:
            stats[stat] += 1
        return None

    builder.handle_page = handle_page


def setup_page_writes(app: Sphinx) -> None:
    """Register the wrapper (late, after other extensions set the builder up)."""
    app.connect("builder-inited", keep_unchanged, priority=900)
