"""The single warning channel of the extension.

Every problem a user can cause (a bad front-matter value, an unknown shortcode, a
malformed tweet id, ...) is reported through :func:`warn` with the warning type
``linkerdblog`` and one subtype of :class:`Warn`.  Users silence a whole class of
problems with ``suppress_warnings = ["linkerdblog.<subtype>"]``; the docs'
warning reference is generated from this Enum, so its docstrings are the
documentation.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

WARNING_TYPE = "linkerdblog"

LOGGER = logging.getLogger("sphinxcontrib_linkerdblog")


class Warn(Enum):
    """Warning subtypes; the value is the subtype, the second item the help text."""

    CONFIG = ("config", "A ``linkerdblog_*`` option has a bad value; its default is used.")
    FRONTMATTER = (
        "frontmatter",
        "Front matter that cannot be read (invalid YAML, TOML or JSON, an unterminated "
        "block) or a value of the wrong type (a list as a title, a number as a tag).",
    )
    DATE = ("date", "A date that cannot be parsed, or a post without any date.")
    SHORTCODE = (
        "shortcode",
        "An unknown shortcode, or one that is unterminated, mismatched or malformed. "
        "Its source text stays visible in the page.",
    )
    EMBED = ("embed", "An embed (tweet, video, ...) with a missing or malformed id.")
    REF = ("ref", "A ``ref``/``relref`` shortcode whose target post does not exist.")
    AUTHOR = (
        "author",
        "A post names an author id the registry does not have (the id is shown as is; "
        "only a value written as one word counts as an id, people named in free text "
        "are not expected in the registry), an author's name is too long for a page "
        "name (the page's is shortened), or the authors registry cannot be read (the "
        "build goes on without it).",
    )
    PATH = (
        "path",
        "A post reads a file outside the source folder, the static folders and "
        "``linkerdblog_read_dirs``: an image (its alt text is shown instead), an "
        "``include``, ``literalinclude``, ``raw`` or ``csv-table`` file, a ``download`` "
        "(its text is shown instead), or any ``:url:`` (builds are offline). Nothing is "
        "read or copied.",
    )
    IMAGE = (
        "image",
        "An image file that is in neither the source folder nor the static folders. HTML "
        "keeps its site path (it may be served with the site); other outputs show the alt "
        "text. Reported once, and not kept as a dependency that would re-read the post on "
        "every build. Also an author's avatar or a post's thumbnail that is missing there "
        "or is a remote file (never loaded: the byline shows no avatar, listings no "
        "thumbnail).",
    )
    ALIAS = (
        "alias",
        "Two posts claim the same permalink or alias (both are named); a permalink "
        "pattern has an unknown token; or a ``url``, alias or permalink where no redirect "
        "may be written: above the site root, at the root itself, not a page, over a file "
        "the build writes (a document, a generated page, ``_static/``, a feed...) or "
        "where the project's own redirect (sphinx-reredirects' ``redirects``, "
        "sphinxext-rediraffe's ``rediraffe_redirects``) is written: that one is kept.",
    )
    URL = (
        "url",
        "A link, image, embed or author link URL from a post whose scheme is not http, "
        "https or mailto (``javascript:``, ``data:``, ...); the link keeps its text, the "
        "image shows its alt text, the author is shown without a link.",
    )
    LINK = (
        "link",
        "A link in a post to a page of the old Hugo site that is no post here "
        "(``/docs/install/``, or ``../about/`` read from the post's Hugo URL) while "
        "``linkerdblog_base_url`` is not set: the link keeps its site path, which this "
        "site may not have. One warning per distinct path.",
    )
    HTML = (
        "html",
        "Raw HTML in a post that could run script, load a third party at once or break "
        "the page (``<script>``, ``<iframe>``, ``on*=`` attributes, ``style`` with "
        "``url()``...): that part is removed or shown as text, the rest is kept. See "
        "``linkerdblog_raw_html``.",
    )
    FEED = (
        "feed",
        "An RSS feed that is not written: a tag or category whose Hugo URL is no "
        "single path segment (``..``, ``/``), a feed path where this build writes "
        "another file, or a value XML cannot hold.",
    )
    ENCODING = (
        "encoding",
        "A post that is not UTF-8 (undecodable bytes are shown as U+FFFD; UTF-16 and "
        "UTF-32 are read by their byte-order mark), or control characters that no page or "
        "feed can hold (they are removed).",
    )

    THEME = (
        "theme",
        "The HTML theme has no known place for the blog's sidebars (recent posts, tags, "
        "archives) and ``html_sidebars`` is not set: the pages are built without them. "
        "Given once per build, at ``conf.py``.",
    )
    PAGE = (
        "page",
        "A page the build generates (ablog's ``blog.html``, an archive, tag, author or "
        "year page, an index, the search page...) would be written over a page of the "
        "project (``blog.md``): the project's page is kept and the generated one is not "
        "written. Given at the project's page.",
    )

    def __init__(self, subtype: str, help_text: str) -> None:
        self.subtype = subtype
        self.help_text = help_text


PER_DOCUMENT = 100
"""Warnings of one subtype shown for one document; the rest are summarised."""

# (document, subtype) -> [warnings seen, the location of the first one hidden].
# Per process and per build (reset at builder-inited): logging state, not data.
_seen: dict[tuple[str, Warn], list[Any]] = {}


def _document(location: Any) -> str | None:
    """The document (or file) a location is in, to count its warnings."""
    if isinstance(location, tuple):
        return location[0]
    if isinstance(location, str):
        return location.rsplit(":", 1)[0]
    if location is not None:
        source = getattr(location, "source", None)
        if source is None and getattr(location, "document", None) is not None:
            source = location.document.get("source")
        return source
    return None


def _node_location(node: nodes.Node) -> nodes.Node | str:
    """A node's ``file:line``, from the nearest ancestor that knows its line.

    Sphinx sets the line of every image to 0 (a docutils workaround), so a
    warning about an image would have no line; its figure or paragraph has one.
    A node no ancestor of which has a line (one made by a transform) is placed
    at line 1 of its file rather than printed as ``file::``.
    """
    current: Any = node
    source = None
    while current is not None:
        source = source or current.source
        if current.line and current.source:
            return f"{current.source}:{current.line}"
        if current.parent is None and getattr(current, "document", None) is not None:
            source = source or current.document.get("source")
        current = current.parent
    return f"{source}:1" if source else node


def _with_line(location: Any) -> Any:
    """Every located warning says ``file:<number>:``: a file without a known line
    (a ``(docname, None)`` pair, a ``"path:"`` string, a bare docname) is given at
    line 1, where the file and its front matter start, never as ``file::`` or
    ``file:``."""
    if isinstance(location, tuple):
        docname, line = location
        return (docname, line or 1) if docname else location
    if isinstance(location, str) and location:
        path, sep, line = location.rpartition(":")
        if not sep:
            return (location, 1)  # a docname: Sphinx turns it into its file's path
        if line in ("", "0", "None"):
            return f"{path}:1"
    return location


def warn(
    message: str,
    subtype: Warn,
    location: nodes.Node | tuple[str | None, int | None] | str | None = None,
    *,
    once: bool = False,
) -> None:
    """Log a warning of type ``linkerdblog`` with the given subtype.

    :param message: what is wrong and, where it helps, what happens instead.
    :param subtype: the problem class; users suppress ``linkerdblog.<subtype>``.
    :param location: a node, ``(docname, lineno)`` or ``"path:line"``.
    :param once: log an identical message only once per build.

    Sphinx (>= 8) appends ``[linkerdblog.<subtype>]`` itself, since
    ``show_warning_types`` is on by default.  After :data:`PER_DOCUMENT`
    warnings of one subtype in one document, the others are counted, not
    shown, and :func:`summarise` reports them in one line: a post with 100,000
    broken shortcodes must not print 100,000 lines.
    """
    if location is not None and not isinstance(location, (tuple, str)):
        location = _node_location(location)
    location = _with_line(location)
    document = _document(location)
    if document is not None:
        seen = _seen.setdefault((document, subtype), [0, None])
        seen[0] += 1
        if seen[0] > PER_DOCUMENT:
            seen[1] = seen[1] or location
            return
    LOGGER.warning(
        message,
        type=WARNING_TYPE,
        subtype=subtype.subtype,
        location=location,
        once=once,
    )


def summarise(document: str | None = None) -> None:
    """One line for each (document, subtype) whose warnings were cut short.

    :param document: only this document's (all of them when ``None``).
    """
    for key in [k for k in _seen if document is None or k[0] == document]:
        count, first_hidden = _seen.pop(key)
        if count > PER_DOCUMENT:
            LOGGER.warning(
                f"{count - PER_DOCUMENT} more {WARNING_TYPE}.{key[1].subtype} warnings in "
                f"this document are not shown (the first {PER_DOCUMENT} are)",
                type=WARNING_TYPE,
                subtype=key[1].subtype,
                location=first_hidden,
            )


def reset() -> None:
    """Forget the counts (a new build starts)."""
    _seen.clear()


def _after_reading(app: Sphinx, doctree: nodes.document) -> None:
    summarise(app.env.docname)
    summarise(doctree.get("source"))


def _after_resolving(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    summarise(docname)
    summarise(doctree.get("source"))


def _at_end(app: Sphinx, exception: BaseException | None) -> None:
    summarise()


def setup_warnings(app: Sphinx) -> None:
    """Summaries after each document is read and written, and at the end of the build."""
    app.connect("builder-inited", lambda app: reset())
    app.connect("doctree-read", _after_reading, priority=900)
    app.connect("doctree-resolved", _after_resolving, priority=900)
    app.connect("build-finished", _at_end, priority=900)
