"""epub pages are XHTML: markup of the extensions we load, made XML there.

An epub reader parses every page as XML, where an HTML void element must be
closed (``<input />``) and the only named entities are XML's five.  Two things
we load write HTML that is not XML, and neither is patched:

* sphinx-design writes a tab's radio button as ``<input ...>``: its visitor
  is wrapped (:func:`visit_tab_input`) so that epub builders get the element
  closed; HTML builders get exactly what sphinx-design writes.
* ablog's ``postnavy.html`` templates write ``&nbsp;``: our escaped copies
  (``templates/ablog-escaped``, see :mod:`.ablog_pages`) write ``&#160;``, and
  their pager of listing pages writes its arrows as ``&#8592;``/``&#8594;``.

``tests/test_builders.py`` parses every ``.xhtml`` page of an epub build of the
docs and of each test root with :mod:`xml.etree.ElementTree`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_design import tabs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def visit_tab_input(self: Any, node: tabs.sd_tab_input) -> None:
    """sphinx-design's visitor; in epub, its void ``<input>`` closed as XML wants."""
    tabs.visit_tab_input(self, node)
    if not self.builder.name.startswith("epub"):
        return
    written = self.body[-1]
    tag = written.rstrip()
    if tag.startswith("<input") and not tag.endswith("/>"):
        self.body[-1] = tag[:-1] + " />" + written[len(tag) :]


def setup_epub_xhtml(app: Sphinx) -> None:
    """Replace sphinx-design's tab-input visitor (registered by format, like theirs)."""
    app.add_node(tabs.sd_tab_input, override=True, html=(visit_tab_input, tabs.depart_tab_input))
