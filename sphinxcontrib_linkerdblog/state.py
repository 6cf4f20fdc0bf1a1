"""The build's state: one typed object, reached through one accessor.

What every stage needs to know about the whole site, computed once per build:
the post index (which documents are Hugo posts, their URLs, their tag
spellings), the authors registry, the folders a post may read from, and the
site's own shortcodes.  It is built at ``config-inited`` (see
:mod:`.setup_state`), because the post index must change ``exclude_patterns``
and ablog's ``matched_blog_posts`` before Sphinx looks for documents, and it is
moved onto the environment at ``builder-inited``, once there is one; from then
on :func:`get_state` finds it from ``env``.

It is never pickled: the environment saved between builds carries an empty
state, which the next build replaces before anything reads it.  Parallel
readers are forked from the main process and so inherit it as it is.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .hugo.index import PostIndex

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .authors import Author
    from .shortcodes.registry import Shortcode

ENV_ATTRIBUTE = "linkerdblog_state"

# temp_data keys: what source-read hands to the parse and transforms of the
# same document (Sphinx clears temp_data after each document).
POST_KEY = "linkerdblog_post"
"""``env.temp_data`` key: the :class:`~.frontmatter.PostMeta` of the Hugo document being read."""
MORE_KEY = "linkerdblog_more"
"""``env.temp_data`` key: whether the Hugo document's text has a summary marker."""
TEXT_KEY = "linkerdblog_text"
"""``env.temp_data`` key: the Hugo document's text as MyST parses it (blank lines tell
:mod:`.posts.summaries` which lists are loose)."""
PAGE_TITLE_KEY = "linkerdblog_page_title"
"""``env.temp_data`` key: set when a page that is no Hugo post has a YAML ``title`` and
no heading of its own: MyST makes that title its ``# H1`` (see :mod:`.posts.sources`)."""
CALLS_KEY = "linkerdblog_calls"
"""``env.temp_data`` key: the current document's shortcode calls (``rewrite.Entry`` list)."""


@dataclass(slots=True)
class MovedPaths:
    """What :func:`.excerpts.move_paths` remembers for the build.

    :ivar targets: (HTML, base) -> the target URIs its relative paths name.
    :ivar moved: (HTML, base, folder) -> the HTML moved to a page of that folder.
    """

    targets: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    moved: dict[tuple[str, str, str], str] = field(default_factory=dict)


@dataclass(slots=True)
class BuildState:
    """Everything the extension knows about the site for one build.

    :ivar index: every Hugo document and what Hugo would do with it.
    :ivar authors: the authors registry, by id (empty when none is configured).
    :ivar image_roots: where a post's images may come from: the source folder and
        the Hugo ``static/`` folders, resolved.
    :ivar read_roots: where a post may read any file from: ``image_roots`` and the
        folders of ``linkerdblog_read_dirs``.
    :ivar shortcodes: every shortcode of the build by name: the built-ins and the
        site's own (checked), which override them.
    :ivar pages: ablog's page for each (catalog, label): ``("tags", "Linkerd")``
        -> ``"blog/tag/linkerd"``; filled when reading is done.
    :ivar written: every output file an HTML builder wrote with ``handle_page``
        this build (redirects must never replace one).
    :ivar page_stats: generated pages ``[written, left as they were]`` (see
        :mod:`.page_writes`), for the log and the tests.
    :ivar excerpts: (post, folder of the listing page) -> its excerpt's HTML
        (see :mod:`.excerpts`), rendered once per build.
    :ivar docutils_defaults: docutils' default settings, made once for every
        excerpt's document (:mod:`.excerpts`).
    :ivar relocatable: post -> whether its excerpt is rendered once for every
        listing page and its paths moved (:func:`.excerpts.relocatable`).
    :ivar moved_excerpts: (post, img_url) -> its excerpt rendered for no page, with raw HTML
        stood in for, and the raw HTML (:func:`.excerpts.relocate`).
    :ivar fingerprint: what this build's generated pages show, hashed (see
        :mod:`.unchanged_pages`).
    :ivar unchanged_pages: whether the fingerprint is the last good build's: then
        the generated pages are not rendered.
    :ivar generated_files: the generated pages', feeds' and redirects' files.
    :ivar clouds: each ablog catalog's collections with their tag-cloud size
        (:func:`.ablog_pages.cloud_sizes`), once per build.
    :ivar pager_pages: the pages after the first of each paged listing
        (``blog/page/2/index``) this build rendered; no sitemap lists them.
    :ivar docs_changed: whether this build read or removed any document (see
        :func:`note_changes`).
    :ivar sidebars: each blog sidebar rendered once for no page (see
        :mod:`.sidebars`).
    :ivar moved_paths: sidebars and excerpts moved to each folder
        (:func:`.excerpts.move_paths`).
    :ivar held_pages: generated pages to render, in parallel, once all are
        collected (:mod:`.parallel_pages`); None when they are rendered at once.
    :ivar hugo_parser: the Markdown parser of every post this process reads
        (:func:`.markdown_parser.hugo_parser`).
    :ivar reading_pid: the process reading documents, set by the main process
        before reading and by each parallel reader on its first document
        (:func:`.parallel_reading.send_back_own_tocs`).
    :ivar heap_frozen: whether the main process froze its heap for a parallel
        phase's forks (:mod:`.fork_memory`).
    """

    index: PostIndex
    authors: dict[str, Author] = field(default_factory=dict)
    image_roots: list[Path] = field(default_factory=list)
    read_roots: list[Path] = field(default_factory=list)
    shortcodes: dict[str, Shortcode] = field(default_factory=dict)
    pages: dict[tuple[str, str], str] = field(default_factory=dict)
    written: set[Path] = field(default_factory=set)
    page_stats: list[int] = field(default_factory=lambda: [0, 0])
    excerpts: dict[tuple[str, str], str] = field(default_factory=dict)
    docutils_defaults: Any = None
    relocatable: dict[str, bool] = field(default_factory=dict)
    moved_excerpts: dict[tuple[str, bool], tuple[str, list[str]]] = field(default_factory=dict)
    fingerprint: str = ""
    unchanged_pages: bool = False
    generated_files: set[Path] = field(default_factory=set)
    clouds: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    pager_pages: set[str] = field(default_factory=set)
    docs_changed: bool = False
    sidebars: dict[tuple[Any, ...], str] = field(default_factory=dict)
    moved_paths: MovedPaths = field(default_factory=MovedPaths)
    hugo_parser: Any = None
    held_pages: list[tuple[Path, Any]] | None = None
    reading_pid: int = 0
    heap_frozen: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled empty: see the module docstring."""
        return (_empty, ())


def _empty() -> BuildState:
    return BuildState(PostIndex())


_PENDING: weakref.WeakKeyDictionary[Sphinx, BuildState] = weakref.WeakKeyDictionary()
"""States built at ``config-inited``, waiting for their environment."""


def keep_for_builder(app: Sphinx, state: BuildState) -> None:
    """Hold ``state`` until :func:`attach_state` moves it onto the environment."""
    _PENDING[app] = state


def pending_state(app: Sphinx) -> BuildState:
    """The state during ``config-inited``, before there is an environment."""
    return _PENDING[app]


def attach_state(app: Sphinx) -> None:
    """``builder-inited``: the state now lives on ``app.env``."""
    state = _PENDING.pop(app, None)
    if state is not None:
        setattr(app.env, ENV_ATTRIBUTE, state)


def get_state(env: BuildEnvironment) -> BuildState:
    """The build's state (an empty one outside a build of this extension)."""
    state = getattr(env, ENV_ATTRIBUTE, None)
    if state is None:
        state = _empty()
        setattr(env, ENV_ATTRIBUTE, state)
    return state


def note_changes(app: Sphinx, env: BuildEnvironment, *args: Any) -> None:
    """``env-purge-doc`` and ``env-before-read-docs``: a document is read or removed.

    ``env-purge-doc`` comes for every document removed or read again;
    ``env-before-read-docs`` lists those read (new ones too).
    """
    if args and not isinstance(args[0], str) and not args[0]:
        return  # env-before-read-docs with nothing to read
    get_state(env).docs_changed = True
