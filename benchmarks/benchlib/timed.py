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
    # Phases for the profile table (a timer counts its outermost call only).
    Timed("sphinx.builders", "Builder.read", "read"),
    Timed("myst_parser.parsers.sphinx_", "MystParser.parse", "myst_parse"),
    Timed(
        "sphinxcontrib_linkerdblog.markdown_parser", "HugoMarkdownParser.parse", "myst_parse", True
    ),
    Timed("sphinx.transforms", "SphinxTransformer.apply_transforms", "transforms"),
    Timed("sphinx.environment", "BuildEnvironment.apply_post_transforms", "post_transforms"),
    Timed("sphinx.builders", "Builder.write", "write"),
    Timed("sphinx.builders.html", "StandaloneHTMLBuilder.write_doc", "write_posts"),
    Timed("sphinx.builders.html", "StandaloneHTMLBuilder.index_page", "search_index"),
    Timed("sphinx.builders.html", "StandaloneHTMLBuilder.dump_search_index", "search_index"),
    Timed("ablog.blog", "Post.to_html", "excerpts"),
    Timed("sphinxcontrib_linkerdblog.excerpts", "render_variants", "excerpts", True),
)


def resolve(row: Timed) -> tuple[Any, str, Callable[..., Any]]:
    """(owner, name, function) of a row; ``AttributeError``/``ImportError`` if it is gone."""
    owner: Any = importlib.import_module(row.module)
    *path, name = row.attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name, getattr(owner, name)


def install(timers: dict[str, float], *, extension: bool) -> None:
    """Wrap every row (the extension's only when ``extension``) to add to ``timers``.

    A call inside another call of the same timer is not counted again.
    """
    depth: dict[str, int] = {}
    for row in TIMED:
        if row.extension_only and not extension:
            continue
        owner, name, original = resolve(row)

        def wrapper(
            *args: Any, __original: Any = original, __key: str = row.timer, **kwargs: Any
        ) -> Any:
            start = time.perf_counter()
            depth[__key] = depth.get(__key, 0) + 1
            try:
                return __original(*args, **kwargs)
            finally:
                depth[__key] -= 1
                if not depth[__key]:
                    timers[__key] = timers.get(__key, 0.0) + time.perf_counter() - start

        setattr(owner, name, wraps(original)(wrapper))
