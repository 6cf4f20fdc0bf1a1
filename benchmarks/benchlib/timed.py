"""Every function the benchmark times, in one table (resolved by a unit test).

Each row names a module, an attribute path in it (``Class.method`` allowed)
and the timer it adds to.  :func:`install` wraps each; a row whose target
does not exist is an error here, at once, never a silently missing timer.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any


@dataclass(frozen=True)
class Timed:
    """One timed function: ``module``'s ``attribute`` adds its time to ``timer``.

    ``extension_only``: absent from a plain build (the row is skipped there).
    """

    module: str
    attribute: str
    timer: str
    extension_only: bool = False


TIMED: tuple[Timed, ...] = (
    # Generated pages: ablog's archives and feeds (html-collect-pages), domain indexes.
    Timed(
        "sphinx.builders.html", "StandaloneHTMLBuilder.gen_pages_from_extensions", "collect_pages"
    ),
    Timed("sphinx.builders.html", "StandaloneHTMLBuilder.write_domain_indices", "domain_indices"),
    # The extension's own preprocessing: front matter, shortcodes, the post transform.
    Timed("sphinxcontrib_linkerdblog.posts.sources", "on_source_read", "preprocess", True),
    Timed("sphinxcontrib_linkerdblog.shortcodes.dispatch", "run_call", "preprocess", True),
    Timed("sphinxcontrib_linkerdblog.posts.ablog_bridge", "HugoPost.apply", "preprocess", True),
    # MyST parsing a shortcode's output: work (a) does on the converted text too.
    Timed("sphinxcontrib_linkerdblog.shortcodes.engine", "Context.render", "nested_parse", True),
    Timed("sphinxcontrib_linkerdblog.redirects", "write_redirects", "redirects", True),
)


def resolve(row: Timed) -> tuple[Any, str, Callable[..., Any]]:
    """(owner, name, function) of a row; ``AttributeError``/``ImportError`` if it is gone."""
    owner: Any = importlib.import_module(row.module)
    *path, name = row.attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name, getattr(owner, name)


def install(timers: dict[str, float], *, extension: bool) -> None:
    """Wrap every row (the extension's only when ``extension``) to add to ``timers``."""
    for row in TIMED:
        if row.extension_only and not extension:
            continue
        owner, name, original = resolve(row)

        def wrapper(
            *args: Any, __original: Any = original, __key: str = row.timer, **kwargs: Any
        ) -> Any:
            start = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                timers[__key] = timers.get(__key, 0.0) + time.perf_counter() - start

        setattr(owner, name, wraps(original)(wrapper))
