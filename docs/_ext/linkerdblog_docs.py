"""Docs-only helpers: reference tables generated from the package's declarations.

The configuration reference comes from :data:`sphinxcontrib_linkerdblog.config.OPTIONS`
and the warning reference from :class:`sphinxcontrib_linkerdblog.warnings_.Warn`,
so neither can drift from the code.

The help texts are written in reStructuredText's inline markup (``code``,
:role:`target`), the markup of the package's docstrings, while the pages are
MyST Markdown: :func:`myst_inline` turns each role into MyST's {role}`target`
before parsing, so a role is a link, never literal text.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_linkerdblog.config import OPTIONS
from sphinxcontrib_linkerdblog.warnings_ import WARNING_TYPE, Warn

_LITERAL = re.compile(r"(``.+?``)")
_ROLE = re.compile(r"(?<![\w`]):(?P<name>[a-z]+(?::[a-z]+)?):(?P<target>`[^`]+`)")


def myst_inline(text: str) -> str:
    """reStructuredText roles in ``text`` as MyST roles; literals (``...``) untouched."""
    parts = _LITERAL.split(text)
    for i in range(0, len(parts), 2):  # the even parts are outside literals
        parts[i] = _ROLE.sub(r"{\g<name>}\g<target>", parts[i])
    return "".join(parts)


def _table(header: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["linkerdblog-reference"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for title in header:
        row += nodes.entry("", nodes.paragraph(title, title))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell)
        body += row
    return table


class OptionsTable(SphinxDirective):
    """Every ``linkerdblog_*`` option with its default, help and an example."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for option in OPTIONS:
            help_nodes, _ = self.parse_inline(myst_inline(option.help), lineno=self.lineno)
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(option.full_name, option.full_name)),
                    nodes.paragraph(
                        "", "", nodes.literal(repr(option.default), repr(option.default))
                    ),
                    nodes.paragraph("", "", *help_nodes),
                    nodes.literal_block(option.example, option.example, language="python"),
                ]
            )
        return [
            _table(
                ["Option", "Default", "What it does", "Example (conf.py)"], rows, [20, 10, 40, 30]
            )
        ]


class WarningsTable(SphinxDirective):
    """Every warning subtype with what causes it."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for warning in Warn:
            name = f"{WARNING_TYPE}.{warning.subtype}"
            help_nodes, _ = self.parse_inline(myst_inline(warning.help_text), lineno=self.lineno)
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(name, name)),
                    nodes.paragraph("", "", *help_nodes),
                ]
            )
        return [_table(["Subtype", "Raised for"], rows, [25, 75])]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("linkerdblog-options", OptionsTable)
    app.add_directive("linkerdblog-warnings", WarningsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
