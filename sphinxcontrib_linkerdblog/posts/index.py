"""The post index on the Sphinx side: built at ``config-inited``, warned, applied.

:func:`.hugo.index.build_index` decides what Hugo would build; here its
problems become located warnings, unpublished posts go into
``exclude_patterns`` (no page, in no archive or feed) and ablog's
``matched_blog_posts`` loses what is not a post (drafts, list pages).  Both
must change before Sphinx looks for documents, hence ``config-inited``.
"""

from __future__ import annotations

import posixpath
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..hugo.index import IndexSettings, PostIndex, build_index
from ..hugo.permalinks import check_pattern
from ..state import get_state
from ..warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def index_posts(app: Sphinx, config: Config) -> PostIndex:
    """``config-inited`` (with the build state): the index, its problems warned.

    Runs after ablog's own handler (priority 500) so that ``matched_blog_posts``
    exists and can be corrected: Hugo's ``_index.md`` is a list page, and a draft
    must not become an ablog post.
    """
    value = config.linkerdblog_permalinks
    patterns = dict(value) if isinstance(value, dict) else {"": value}
    for section, pattern in list(patterns.items()):
        unknown = check_pattern(pattern)
        if unknown:
            name = f"linkerdblog_permalinks[{section!r}]" if section else "linkerdblog_permalinks"
            warn(
                f"conf.py: {name} has unknown token(s) {', '.join(':' + t for t in unknown)}; "
                "no permalink redirects are written for it",
                Warn.ALIAS,
            )
            patterns[section] = ""
    config.linkerdblog_permalinks = patterns if isinstance(value, dict) else patterns[""]
    index, problems = build_index(app.srcdir, IndexSettings.of(config), datetime.now(UTC))
    for problem in problems:
        # No environment yet (it maps docnames to files): the location is a path.
        where = f"{posixpath.join(str(app.srcdir), problem.path)}:{problem.line}"
        warn(problem.message, Warn.ALIAS, where)
    hidden = [p.path for p in index.posts.values() if p.hidden]
    if hidden:
        config.exclude_patterns = [*config.exclude_patterns, *hidden]
    not_posts = {d for d, p in index.posts.items() if p.list_page or p.hidden}
    matched = getattr(config, "matched_blog_posts", [])
    config.matched_blog_posts = [d for d in matched if d not in not_posts]
    return index


def get_index(env: BuildEnvironment) -> PostIndex:
    """The build's post index (empty outside a build of this extension)."""
    return get_state(env).index
