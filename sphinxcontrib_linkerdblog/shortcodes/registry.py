"""What a shortcode handler is, and what it may ask of the call it handles.

The engine knows no shortcode by itself: every one, built in or a site's own,
is a :class:`Shortcode` in a registry (``name -> Shortcode``) that
:func:`.catalog.shortcode_registry` assembles once per build.  A handler
receives a :class:`CallContext`: the build gives it one that parses MyST into
docutils nodes (:class:`.engine.Context`), ``convert`` and ``check`` one that
keeps MyST as text (:class:`..cli.convert.myst.TextContext`).  So each shortcode
is written once and behaves the same in the build, ``check`` and ``convert``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .. import messages
from ..warnings_ import Warn

if TYPE_CHECKING:
    from docutils import nodes

    from ..hugo.metadata import PostMeta


class ShortcodeError(Exception):
    """Raised by a handler for bad input; becomes a located warning and the call's text."""

    def __init__(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        super().__init__(message)
        self.subtype = subtype


class CallContext(Protocol):
    """One shortcode call, as every handler sees it (build, ``check`` or ``convert``).

    ``inner`` is the content between paired tags (nested calls already
    rewritten), ``raw_inner`` the same as written (for code); ``block`` whether
    the call stands alone on its lines; ``inner_line`` the file line the inner
    content starts on.
    """

    name: str
    args: list[str]
    params: dict[str, str]
    quoted: frozenset[str]
    markdown: bool
    inner: str
    raw_inner: str
    lineno: int
    inner_line: int
    block: bool
    paired: bool
    docname: str
    source_path: str

    @property
    def page(self) -> PostMeta | None:
        """The Hugo post's front matter (``None`` on other pages)."""

    @property
    def metadata(self) -> dict[str, Any]:
        """The page's MyST front matter, for pages that are not Hugo posts."""

    @property
    def config(self) -> Any:
        """The ``linkerdblog_*`` options (attribute access)."""

    def get(self, name: str, position: int | None = None, default: str | None = None) -> str | None:
        """A parameter given by ``name`` or, failing that, at ``position``."""

    def warn(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        """A warning at the call's line."""

    def render(self, text: str, line: int | None = None, *, inline: bool = False) -> list[Any]:
        """MyST text, as nodes (the build) or kept as text (``check``, ``convert``)."""

    def render_inner(self) -> list[Any]:
        """The inner content, as blocks for a block call and inline otherwise."""

    def find_post(self, ref: str) -> str | None:
        """The docname a ``ref`` path names, seen from this page; ``None`` if none."""

    def hugo_url(self, docname: str) -> str:
        """``docname``'s URL on the Hugo site, a site path (``/2019/05/18/slug/``)."""

    def link_target(self, docname: str) -> str:
        """The relative path of ``docname``'s source file from this page (MyST resolves it)."""


Render = Callable[[CallContext], "list[nodes.Node]"]
Url = Callable[[CallContext], "str | None"]


@dataclass(frozen=True, slots=True)
class Shortcode:
    """A shortcode handler.

    :ivar render: turns a call into nodes (a block when ``ctx.block``).
    :ivar url: for calls inside a link destination: the URL, or ``None``.
    :ivar params: known named parameters (``None``: anything goes); an unknown
        one gives a warning, as a typo would otherwise be silently ignored.
    :ivar inner: ``True`` if the shortcode needs paired tags, ``False`` if it
        takes none, ``None`` if either is fine.
    """

    name: str
    render: Render
    url: Url | None = None
    params: frozenset[str] | None = None
    inner: bool | None = None

    def check(self, ctx: CallContext) -> None:
        """Warn about parameters and pairing that the handler will ignore."""
        if self.params is not None:
            unknown = sorted(set(ctx.params) - self.params)
            if unknown:
                ctx.warn(messages.unknown_parameters(self.name, unknown))
        if self.inner is True and not ctx.paired:
            raise ShortcodeError(messages.needs_closing_tag(self.name))
        if self.inner is False and ctx.paired:
            ctx.warn(messages.takes_no_inner(self.name))


_TRUE = frozenset({"true", "1", "yes"})


def flag(value: str | None, *also: str, empty: bool = False) -> bool:
    """A boolean parameter: true/1/yes (or one of ``also``, e.g. ``open="open"``).

    Absent is false; an empty value is ``empty`` (each shortcode keeps its own
    reading of ``x=""``).
    """
    if value is None:
        return False
    word = value.strip().lower()
    return empty if not word else (word in _TRUE or word in also)


def shortcodes(
    render: Render,
    *names: str,
    url: Url | None = None,
    params: frozenset[str] | None = None,
    inner: bool | None = None,
) -> tuple[Shortcode, ...]:
    """The same handler under several names (``ref`` and ``relref``, ``tweet`` and ``x``)."""
    return tuple(Shortcode(name, render, url, params, inner) for name in names)
