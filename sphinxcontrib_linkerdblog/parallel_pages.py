"""ablog's archive, tag, author and year pages rendered in parallel with ``-j N``.

Sphinx writes documents in parallel, but every page an extension yields from
``html-collect-pages`` is rendered in the main process, one after another,
while the other cores wait: on a 600-post blog that is 2.6 s, an eighth of a
``-j 2`` build.  So, when the builder writes in parallel:

* :func:`hold_pages`, the first ``html-collect-pages`` listener, opens
  :attr:`.BuildState.held_pages`; every generated page handed to
  ``handle_page`` from then on is decided as before (skipped when unchanged,
  refused over a document, noted; :mod:`.page_writes`) and its rendering held;
* :func:`render_held`, the last listener, renders the held pages in
  ``N`` forked processes with Sphinx's own :class:`~sphinx.util.parallel.ParallelTasks`
  (their warnings are logged by the main process, as for documents), after
  ablog's feeds have been written, so the excerpts rendered for them are
  inherited by every process.

Before that, :func:`prerender_excerpts` renders every post's excerpt (both
variants, :func:`.excerpts.moved_html`) in ``N`` processes and keeps the HTML
in the main process, where ablog's feeds and every listing page take it: at
600 posts that is 0.65 s of work the feeds did alone.

A page's output depends on the environment alone, never on the pages
rendered before it (the caches of :mod:`.excerpts` and :mod:`.sidebars` give
what rendering gives), so ``-j 2`` writes the same files as ``-j 1`` (tested).
A ``html-page-context`` listener may, though, record the pages it sees in the
main process (a sitemap): the pages are held only when every listener is one
known to keep nothing from a generated page (:data:`KNOWN`); otherwise they
are rendered in the main process as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks, parallel_available

from . import excerpts
from .fork_memory import freeze_for_forks, freeze_inherited, unfreeze
from .state import get_state
from .unchanged_pages import skips

if TYPE_CHECKING:
    from sphinx.application import Sphinx

KNOWN = (
    "sphinx",
    "sphinxcontrib_linkerdblog",
    "ablog",
    "alabaster",
    "furo",
    "pydata_sphinx_theme",
    "sphinx_book_theme",
    "sphinx_rtd_theme",
    "sphinx_design",
    "myst_parser",
    "sphinxext.opengraph",
)
"""Modules whose ``html-page-context`` listeners only fill the page's context.

(Ours records the pages after the first of a pager, for sphinx-sitemap only,
whose own listener is not in this list.)"""
PARALLEL_PAGES = True
"""Render held pages in parallel (tests compare with the main process, off)."""


def holdable(app: Sphinx) -> bool:
    """Whether this build's generated pages may be rendered in other processes."""
    builder: Any = app.builder
    if not (PARALLEL_PAGES and parallel_available and getattr(builder, "parallel_ok", False)):
        return False
    listeners = app.events.listeners.get("html-page-context", [])
    modules = {getattr(listener.handler, "__module__", None) or "" for listener in listeners}
    return all(module.split(".")[0] in KNOWN or module in KNOWN for module in modules)


def hold_pages(app: Sphinx) -> list[Any]:
    """``html-collect-pages``, first: hold the generated pages' rendering (module doc)."""
    if holdable(app):
        state = get_state(app.env)
        state.held_pages = []
        freeze_for_forks(state)  # until render_held
    return []


def _render(renders: list[Callable[[], int | None]]) -> list[int | None]:
    """In a forked process: render ``renders``, each giving its :mod:`.page_writes` stat."""
    freeze_inherited()
    return [render() for render in renders]


def split(held: list[tuple[Path, Callable[[], int | None]]], parts: int) -> list[list[Any]]:
    """``held`` in ``parts`` shares; the pages of one output file in one share, in order.

    Two pages for one file (say two names ablog gives one path) are written one
    after the other, the last winning, as in the main process, never at once
    through the same temporary file.
    """
    by_target: dict[Path, list[Callable[[], int | None]]] = {}
    for target, render in held:
        by_target.setdefault(target, []).append(render)
    shares: list[list[Any]] = [[] for _ in range(parts)]
    for number, renders in enumerate(by_target.values()):
        shares[number % parts].extend(renders)
    return [share for share in shares if share]


def render_held(app: Sphinx) -> Iterator[Any]:
    """``html-collect-pages``, last: render the held pages, split between the processes."""
    state = get_state(app.env)
    held, state.held_pages = state.held_pages, None
    if not held:
        unfreeze(state)
        return
    shares = split(held, max(1, app.parallel))
    stats = state.page_stats

    def count(_renders: list[Callable[[], int | None]], result: list[int | None]) -> None:
        for stat in result:
            if stat is not None:
                stats[stat] += 1

    tasks = ParallelTasks(len(shares))
    for share in shares:
        tasks.add_task(_render, share, count)
    tasks.join()
    unfreeze(state)
    yield from ()


def _render_excerpts(app: Sphinx, posts: list[Any]) -> list[tuple[str, list[str], list[str]]]:
    """In a forked process: each post's excerpt variants and raw texts."""
    freeze_inherited()
    return [(post.docname, *excerpts.render_moved(app, post)) for post in posts]


def prerender_excerpts(app: Sphinx) -> list[Any]:
    """``html-collect-pages``, before ablog's feeds: every excerpt rendered in parallel.

    Only the excerpts :func:`.excerpts.moved_html` would render (relocatable,
    not yet rendered), and only when the generated pages are rendered at all.
    """
    if not (excerpts.CACHE_EXCERPTS and holdable(app)) or skips(app):
        return []
    from ablog.blog import Blog

    state = get_state(app.env)
    blog = Blog(app)
    posts = [*blog.posts, *blog.drafts]
    names = Counter(post.docname for post in posts)
    todo = []
    for post in posts:
        if names[post.docname] > 1:  # the first shown is kept for all: left to the pages
            continue
        if excerpts.movable(app, post) and (post.docname, False) not in state.moved_excerpts:
            todo.append(post)
    if len(todo) < 2 * app.parallel:  # forking would cost more than it saves
        return []
    excerpts.docutils_defaults(app)  # made here, inherited by every process

    def keep(_posts: list[Any], result: list[tuple[str, list[str], list[str]]]) -> None:
        for docname, both, raws in result:
            excerpts.keep_moved(app, docname, both, raws)

    parts = max(1, app.parallel)
    tasks = ParallelTasks(parts)
    for number in range(parts):
        tasks.add_task(partial(_render_excerpts, app), todo[number::parts], keep)
    tasks.join()
    return []


def setup_parallel_pages(app: Sphinx) -> None:
    """Hold generated pages first, render them last, around every other listener."""
    app.connect("html-collect-pages", hold_pages, priority=0)
    # After the excerpts' images are published (400), before ablog's feeds (500).
    app.connect("html-collect-pages", prerender_excerpts, priority=450)
    app.connect("html-collect-pages", render_held, priority=1000)
