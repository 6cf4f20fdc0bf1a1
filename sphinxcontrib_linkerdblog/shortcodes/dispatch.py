"""One shortcode call: what every context shares, and the one place that runs it.

:class:`CallBase` holds one rewritten call (:class:`..hugo.rewrite.Entry`)
under the names handlers use (see :class:`.registry.CallContext`); the build's
:class:`.engine.Context` and ``convert``'s text context add how MyST is
rendered and how posts are found.

The build (the placeholder role and directive of :mod:`.engine`), ``check``
and ``convert`` all run calls through :func:`run_call`, and link destinations
through :func:`run_url`, with the same registry and the same messages
(:mod:`..messages`).  Whatever goes wrong (an unknown name, bad parameters, a
handler that raises, even a failure in the MyST a site template returns) ends
as one located warning and the call's own text, never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .. import messages
from ..warnings_ import Warn
from .registry import ShortcodeError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from docutils import nodes

    from ..hugo.rewrite import Entry
    from .registry import CallContext, Shortcode

T = TypeVar("T")


class CallBase:
    """One shortcode call.

    :ivar name: the shortcode's name.
    :ivar args: positional parameters.
    :ivar params: named parameters.
    :ivar quoted: which of them were quoted (keys, or positions as text): a bare
        ``true`` or ``33`` is a bool or a number to Hugo's templates, see
        :func:`..hugo.lexer.typed`.
    :ivar markdown: whether it was called ``{{% ... %}}`` (its output is Markdown).
    :ivar inner: the content between paired tags (``""`` for none), with any
        nested shortcodes already rewritten, ready to render.
    :ivar raw_inner: the same, exactly as written (for code), Hugo escapes undone.
    :ivar block: whether the call stands alone on its lines (a block) or sits
        inside a paragraph or link.
    """

    def __init__(self, entry: Entry, docname: str, source_path: str) -> None:
        self.entry = entry
        self.docname = docname
        self.source_path = source_path
        call = entry.call
        self.name: str = call.name
        self.args: list[str] = call.args
        self.params: dict[str, str] = call.params
        self.quoted: frozenset[str] = call.quoted
        self.markdown: bool = call.markdown
        self.inner: str = entry.inner
        self.raw_inner: str = entry.raw_inner
        self.lineno: int = call.line
        self.inner_line: int = entry.inner_line
        self.block: bool = entry.block
        self.paired: bool = call.paired

    @property
    def location(self) -> tuple[str, int]:
        """Where warnings about this call point."""
        return (self.docname, self.lineno)

    def get(self, name: str, position: int | None = None, default: str | None = None) -> str | None:
        """A parameter given by ``name`` or, failing that, at ``position``."""
        if name in self.params:
            return self.params[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return default


def run_call(
    ctx: CallContext,
    registry: Mapping[str, Shortcode],
    finish: Callable[[list[nodes.Node]], T],
    fallback: Callable[[], T],
) -> T:
    """The call's output, or ``fallback()`` (its text as written) with a warning.

    :param finish: turns the handler's nodes into the output (the build keeps
        them; ``convert`` writes them as MyST, which may itself fail).
    :param fallback: the call shown as written.
    """
    shortcode = registry.get(ctx.name)
    if shortcode is None:
        ctx.warn(messages.unknown_shortcode(ctx.name))
        return fallback()
    try:
        shortcode.check(ctx)
        result = list(shortcode.render(ctx))
        if shortcode.inner is False and ctx.paired:
            result.extend(ctx.render_inner())  # never lose the inner text
        return finish(result)
    except ShortcodeError as exc:
        ctx.warn(messages.refused(ctx.name, exc), exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        ctx.warn(messages.failed(ctx.name, exc))
    return fallback()


def run_url(ctx: CallContext, registry: Mapping[str, Shortcode]) -> str | None:
    """The URL of a call that stands in a link destination (``[t]({{< ref "x" >}})``).

    ``None`` (with a warning at the call's line) keeps only the link's text.
    """
    shortcode = registry.get(ctx.name)
    if shortcode is None:
        ctx.warn(messages.unknown_in_link(ctx.name))
        return None
    if shortcode.url is None:
        ctx.warn(messages.no_url(ctx.name))
        return None
    try:
        return shortcode.url(ctx)
    except ShortcodeError as exc:
        ctx.warn(messages.url_refused(ctx.name, exc), exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        ctx.warn(messages.url_failed(ctx.name, exc), Warn.SHORTCODE)
    return None
