"""ablog's reading made parallel-safe, from our side: ``-j N`` reads in parallel.

ablog declares ``parallel_read_safe = False``, so Sphinx reads every
document in one process as soon as ablog is loaded, whatever ``-j`` says.
What ablog keeps while reading is:

* ``env.ablog_posts``: each post's data by document, filled at
  ``doctree-read`` and purged at ``env-purge-doc``; a parallel reader's
  copy is lost unless it is merged back, which ablog does not do (its
  upstream pull request #330 adds it);
* a post's ``orphan`` flag in ``env.metadata`` and its labels in the ``std``
  domain, which Sphinx merges itself.

So the extension merges ``env.ablog_posts`` at ``env-merge-info`` and then
declares ablog parallel-read safe.  ablog's files are not changed; the merge
is tested (a ``-j 2`` build equals a ``-j 1`` build byte for byte).

A parallel reader is forked from the main process with everything merged so
far and sends its whole environment back, which the main process unpickles
only to take the reader's own documents from it.  Most of that unpickling is
the tables of contents (``env.tocs``, docutils nodes): at 600 posts the main
process spent 1.3 s of a 7.5 s parallel read on it.  So a reader drops the
tables of contents it inherited before it reads its first document
(:func:`send_back_own_tocs`); what it sends back holds only its own, which
is all Sphinx merges from it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import parallel_available

from .fork_memory import freeze_for_forks, freeze_inherited, unfreeze
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def merge_ablog_posts(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take the posts a parallel reader read."""
    theirs: dict[str, Any] = getattr(other, "ablog_posts", {})
    if not hasattr(env, "ablog_posts"):
        env.ablog_posts = {}  # type: ignore[attr-defined]
    ours: dict[str, Any] = env.ablog_posts  # type: ignore[attr-defined]
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def note_reading_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the main process is the one reading; it freezes its
    heap for the readers it forks when Sphinx will read in parallel."""
    state = get_state(env)
    state.reading_pid = os.getpid()
    if docnames and reads_in_parallel(app):
        freeze_for_forks(state)


def reads_in_parallel(app: Sphinx) -> bool:
    """Whether Sphinx reads in parallel (``Sphinx.is_parallel_allowed``, without its warning)."""
    return (
        parallel_available
        and app.parallel > 1
        and all(extension.parallel_read_safe for extension in app.extensions.values())
    )


def end_parallel_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, first: every reader is merged; the main process collects all again."""
    unfreeze(get_state(env))
    return []


def send_back_own_tocs(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, first: a parallel reader drops the tables of contents it inherited.

    Sphinx merges from a reader the tables of contents of the documents it read
    and no others (``TocTreeCollector.merge_other``), and none is looked at
    while another document is read.
    """
    state = get_state(app.env)
    pid = os.getpid()
    if state.reading_pid and state.reading_pid != pid:
        state.reading_pid = pid
        freeze_inherited()
        app.env.tocs.clear()


def setup_parallel_reading(app: Sphinx) -> None:
    """Merge ablog's posts, and say ablog can be read in parallel (after ablog is set up)."""
    app.connect("env-merge-info", merge_ablog_posts)
    app.connect("env-before-read-docs", note_reading_process)
    app.connect("source-read", send_back_own_tocs, priority=0)
    app.connect("env-updated", end_parallel_reading, priority=0)
    ablog = app.extensions.get("ablog")
    if ablog is not None:
        ablog.parallel_read_safe = True
