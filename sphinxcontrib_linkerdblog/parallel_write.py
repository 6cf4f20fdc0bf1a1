"""Documents written by every process with ``-j N``: the writers are never left waiting.

Sphinx writes in parallel by resolving documents in the main process (loading
each doctree, running the post-transforms, indexing it for search) and
handing chunks of them to ``N - 1`` forked writers.  Two things waste most of
a ``-j 2`` build's writing there, measured on a 600-post blog:

* a writer is started only when the main process hands over its next chunk,
  so a writer that finishes early waits for it, and a writer slower than the
  main process leaves chunks queued, which are written one after the other
  once every document is resolved, while the main process sleeps;
* the main process never writes: once it has resolved the last document it
  only waits.

:func:`write_pipelined` keeps Sphinx's division of the work (each document is
resolved and indexed in the main process, in order, and translated by
``write_doc``), but starts a writer as soon as one is free and a chunk is
ready, and, once every document is resolved, writes queued chunks itself
(from the last) while the writers take the others.  At ``x4`` the writing
went from 7.4 to 5.6 s.

``write_doc`` runs either in a writer or in the main process, as with
``-j 1``, so what a page holds cannot depend on where it was written (the
``-j 2`` = ``-j 1`` tests).  It is used only for a builder whose
``write_documents`` and ``_write_parallel`` are Sphinx's own, and when Sphinx
has decided the build writes in parallel (``parallel_ok``); otherwise Sphinx
writes as before.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import traceback
from collections import deque
from collections.abc import Sequence, Set
from types import MethodType
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder
from sphinx.errors import SphinxParallelError
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.display import status_iterator
from sphinx.util.parallel import parallel_available

from .fork_memory import freeze_for_forks, freeze_inherited, unfreeze
from .state import get_state

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

PIPELINED = True
"""Write with :func:`write_pipelined` (tests compare with Sphinx's own writing, off)."""
CHUNK = 40
"""Documents per writer's chunk, at most: small enough to share the tail evenly,
large enough that forking (a few milliseconds at 600 posts) stays small."""

Chunk = list[tuple[str, "nodes.document"]]


def _write_chunk(pipe: Connection, builder: Builder, docs: Chunk) -> None:
    """In a forked writer: write ``docs``, send back its log records (as Sphinx's writers do)."""
    freeze_inherited()
    collector = logging.LogCollector()
    failure = None
    try:
        with collector.collect():
            builder.phase = BuildPhase.WRITING
            for docname, doctree in docs:
                builder.write_doc(docname, doctree)
    except BaseException as error:  # sent back, raised in the main process
        message = traceback.format_exception_only(error.__class__, error)[0].strip()
        failure = (message, traceback.format_exc())
    logging.convert_serializable(collector.logs)
    pipe.send((failure, collector.logs))


class Writers:
    """At most ``nproc`` forked writers, each given a chunk as soon as it is free."""

    def __init__(self, builder: Builder, nproc: int) -> None:
        self.builder = builder
        self.nproc = nproc
        self.queue: deque[Chunk] = deque()
        self.running: list[tuple[Any, Connection]] = []
        self.context: Any = multiprocessing.get_context("fork")

    def collect(self, wait: bool = False) -> None:
        """Take what the writers that finished sent (with ``wait``, one at least)."""
        if wait and self.running:
            multiprocessing.connection.wait([conn for _process, conn in self.running])
        for item in [item for item in self.running if item[1].poll()]:
            process, conn = item
            failure, records = conn.recv()
            for record in records:
                logger.handle(record)
            process.join()
            self.running.remove(item)
            if failure:
                raise SphinxParallelError(*failure)

    def start(self) -> None:
        """Give queued chunks, oldest first, to the free writers."""
        while self.queue and len(self.running) < self.nproc:
            receive, send = self.context.Pipe(False)
            process = self.context.Process(
                target=_write_chunk, args=(send, self.builder, self.queue.popleft())
            )
            process.start()
            send.close()
            self.running.append((process, receive))

    def stop(self) -> None:
        """Stop every writer still running (the build failed)."""
        for process, _conn in self.running:
            process.terminate()
            process.join()
        self.running.clear()


def write_pipelined(builder: Builder, docnames: Sequence[str], nproc: int) -> None:
    """Write ``docnames`` with ``nproc`` writers and the main process (module doc)."""
    env = builder.env
    writers = Writers(builder, nproc)
    size = max(1, min(CHUNK, len(docnames) // (4 * nproc)))
    chunk: Chunk = []
    first = True
    state = get_state(env)
    freeze_for_forks(state)
    try:
        for docname in status_iterator(
            docnames, "writing output... ", "darkgreen", len(docnames), builder.config.verbosity
        ):
            builder.phase = BuildPhase.RESOLVING
            doctree = env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
            builder.phase = BuildPhase.WRITING
            builder.write_doc_serialized(docname, doctree)
            if first:  # written here: it warms the caches every writer is forked with
                builder.write_doc(docname, doctree)
                first = False
                continue
            chunk.append((docname, doctree))
            if len(chunk) >= size:
                writers.queue.append(chunk)
                chunk = []
            writers.collect()
            writers.start()
        if chunk:
            writers.queue.append(chunk)
        builder.phase = BuildPhase.WRITING
        while writers.queue:
            writers.collect()
            writers.start()
            if writers.queue:
                for docname, doctree in writers.queue.pop():
                    builder.write_doc(docname, doctree)
        while writers.running:
            writers.collect(wait=True)
    finally:
        writers.stop()
        unfreeze(state)


def _sphinx_writes_alike(builder: Builder) -> bool:
    """Whether the builder writes documents as Sphinx's :class:`Builder` does."""
    cls = type(builder)
    return (
        cls.write_documents is Builder.write_documents
        and cls._write_parallel is Builder._write_parallel
    )


def use_pipelined_writing(app: Sphinx) -> None:
    """``builder-inited``: write with :func:`write_pipelined` when Sphinx writes in parallel."""
    builder = app.builder
    if not (parallel_available and app.parallel > 1 and _sphinx_writes_alike(builder)):
        return

    def write_documents(self: Builder, docnames: Set[str]) -> None:
        if PIPELINED and self.parallel_ok:
            write_pipelined(self, sorted(docnames), max(1, app.parallel - 1))
        else:
            Builder.write_documents(self, docnames)

    builder.write_documents = MethodType(write_documents, builder)  # type: ignore[method-assign]


def setup_parallel_write(app: Sphinx) -> None:
    """Write documents with every process when Sphinx writes in parallel."""
    app.connect("builder-inited", use_pipelined_writing)
