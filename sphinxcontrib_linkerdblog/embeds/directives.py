"""Base classes of the embed directives and roles for MyST authors.

Each subclass only says how to :meth:`make` its node from its arguments and
options; bad input becomes a located ``linkerdblog.embed`` warning and the
directive's or role's source text, as for shortcodes.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..shortcodes.engine import as_written
from ..shortcodes.registry import ShortcodeError
from ..warnings_ import warn
from .base import embed


class EmbedDirective(SphinxDirective):
    """A directive whose one argument is the id of the embedded thing."""

    required_arguments = 1
    final_argument_whitespace = False
    option_spec = {"class": directives.class_option}  # noqa: RUF012 (docutils API)

    def make(self) -> embed:
        """Build the node (raise :class:`ShortcodeError` on bad input)."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        try:
            node = self.make()
        except ShortcodeError as exc:
            warn(f"{self.name}: {exc}; its text is kept", exc.subtype, self.get_location())
            return [nodes.paragraph("", "", as_written(self.block_text))]
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        self.add_name(node)
        return [node]


class EmbedRole(SphinxRole):
    """A role whose text is the id: a link inside a sentence."""

    def make(self) -> embed:
        """Build the node (raise :class:`ShortcodeError` on bad input)."""
        raise NotImplementedError

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            node = self.make()
        except ShortcodeError as exc:
            warn(f"{self.name}: {exc}; its text is kept", exc.subtype, self.get_location())
            return [as_written(self.rawtext)], []
        self.set_source_info(node)
        return [node], []
