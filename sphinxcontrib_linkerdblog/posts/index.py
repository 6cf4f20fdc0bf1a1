"""The post index on the Sphinx side: built at ``config-inited``, warned, applied.

:func:`.hugo.index.build_index` decides what Hugo would build; here its
problems become located warnings, unpublished posts go into
``exclude_patterns`` (no page, in no archive or feed) and ablog's
``matched_blog_posts`` loses what is not a post (drafts, list pages).  Both
must change before Sphinx looks for documents, hence ``config-inited``.
"""

from __future__ import annotations

import contextlib
import pickle
import posixpath
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..hugo.index import IndexSettings, PostIndex, build_index
from ..hugo.metadata import ReadFront
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
    settings = IndexSettings.of(config)
    cache = FrontCache(Path(app.doctreedir), settings)
    index, problems = build_index(app.srcdir, settings, datetime.now(UTC), cache.load())
    cache.save(index)
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


class FrontCache:
    """Every post's parsed front matter, kept from one build to the next.

    The index parses the front matter of every post at the start of every
    build, before Sphinx knows which changed (on a 600-post blog, a fifth of a
    no-op build).  What was parsed is kept in the doctree folder, beside
    Sphinx's own environment, keyed by each text's digest: an unchanged post is
    not parsed again.  The file is ours, written from the parsed values; it is
    dropped when it was written for other settings or another version.
    """

    NAME = "linkerdblog-front.pickle"

    def __init__(self, doctreedir: Path, settings: IndexSettings) -> None:
        self.path = doctreedir / self.NAME
        self.key = (__version__, repr(settings))
        self.loaded: dict[str, tuple[bytes, ReadFront]] = {}

    def load(self) -> dict[str, tuple[bytes, ReadFront]]:
        """What the last build parsed (nothing when it cannot be read or is stale)."""
        try:
            with self.path.open("rb") as stream:
                key, front = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return {}
        self.loaded = front if key == self.key and isinstance(front, dict) else {}
        return self.loaded

    def save(self, index: PostIndex) -> None:
        """Keep this build's parsed front matter, when it differs from what was loaded."""
        front = {d: entry for d, entry in index.front.items() if d in index.posts}
        if {d: e[0] for d, e in front.items()} == {d: e[0] for d, e in self.loaded.items()}:
            return  # a no-op build writes nothing
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("wb") as stream:
                pickle.dump((self.key, front), stream, protocol=pickle.HIGHEST_PROTOCOL)


def get_index(env: BuildEnvironment) -> PostIndex:
    """The build's post index (empty outside a build of this extension)."""
    return get_state(env).index
