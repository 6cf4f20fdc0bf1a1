"""What every call context shares: the call as the lexer read it.

:class:`CallBase` holds one rewritten call (:class:`..hugo.rewrite.Entry`)
under the names handlers use (see :class:`.registry.CallContext`); the build's
:class:`.engine.Context` and the text context of ``check`` and ``convert``
(:class:`.text_context.TextContext`) add how MyST is rendered and how posts
are found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..hugo.rewrite import Entry


class CallBase:
    """One shortcode call.

    :ivar name: the shortcode's name.
    :ivar args: positional parameters.
    :ivar params: named parameters.
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
