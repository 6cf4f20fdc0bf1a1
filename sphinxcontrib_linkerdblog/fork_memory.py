"""Garbage collection kept off the inherited heap around ``-j N``'s forks.

Every parallel reader, writer and page renderer is a forked copy of the main
process, whose heap (the environment, ablog's posts, every merged document)
is a few hundred megabytes at 600 posts.  Python's cyclic garbage collector
walks every tracked object of the oldest generation when it runs, and writes
to each one's header as it does: in a forked process that copies every page
of the inherited heap, and in the main process it walks again, at each full
collection, objects that live as long as the build.  At ``x4``, full
collections were 1.8 s of the main process's time in a ``-j 2`` build, and
the forked processes spent about as long again.

So, as Python's documentation of :func:`gc.freeze` advises for ``fork()``:

* the main process freezes what it holds when a parallel phase starts
  (:func:`freeze_for_forks`: reading, writing, the generated pages) and
  unfreezes it when the phase ends (:func:`unfreeze`); objects made during the
  phase (each reader's environment once merged, each resolved document) are
  collected as before;
* each forked process freezes what it inherited as it starts
  (:func:`freeze_inherited`): its collections walk only what it makes.

Freezing moves the collector's lists and touches no object; nothing is
collected differently in the end (``-j 2`` writes the files ``-j 1`` writes,
tested).  A ``-j 1`` build is left as it was.
"""

from __future__ import annotations

import gc

from .state import BuildState


def freeze_for_forks(state: BuildState) -> None:
    """Main process, as a parallel phase starts: leave what it holds out of collections."""
    gc.freeze()
    state.heap_frozen = True


def unfreeze(state: BuildState) -> None:
    """Main process, as a parallel phase ends: collect everything again (if it froze)."""
    if state.heap_frozen:
        gc.unfreeze()
        state.heap_frozen = False


def freeze_inherited() -> None:
    """A forked process, first: its collections leave the inherited heap alone."""
    gc.freeze()
