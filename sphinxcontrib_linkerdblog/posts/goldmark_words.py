"""A post's doctree written out as Goldmark's HTML, for Hugo's summary word count.

Hugo cuts an automatic summary after ``summaryLength`` words of the page's
HTML as Goldmark writes it, counting tag and attribute tokens in its own way
(:mod:`..hugo.summary`).  :class:`GoldmarkWords` writes the doctree out as
that HTML, roughly, so that the count stops where Hugo's stops; the summary
itself is then cut from the doctree (:mod:`.summaries`).
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx import addnodes

from ..embeds.base import embed
from ..embeds.video import vimeo, youtube
from ..hugo.summary import WordCounter

MORE = "<!--more-->"
"""Hugo's manual summary divider."""


class summary_source(nodes.General, nodes.Element):
    """Hidden holder of the parsed front-matter ``summary``; removed at priority 790."""


DROPPED = (
    nodes.target,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
    summary_source,
)
"""Nodes that are never part of a summary."""


def is_more(node: nodes.Node) -> bool:
    """Whether ``node`` is Hugo's ``<!--more-->`` divider."""
    return isinstance(node, (nodes.raw, nodes.comment)) and node.astext().strip() in (MORE, "more")


class Cut(Exception):
    """The summary ends with ``node`` (the paragraph or raw HTML holding the ``</p>``)."""

    def __init__(self, node: nodes.Node) -> None:
        self.node = node


def _starts_after_blank(node: nodes.Node, lines: list[str]) -> bool:
    """Whether the source line before ``node``'s first line is blank."""
    line = getattr(node, "line", None) or 0
    return 1 < line <= len(lines) and not lines[line - 2].strip()


def _loose(items: nodes.Element, lines: list[str]) -> bool:
    """CommonMark's loose list: a blank line between two of its items, or between
    two blocks of one item (a list item's first line is its ``line``)."""
    blocks = [c for c in items.children if isinstance(c, nodes.list_item)]
    later: list[nodes.Node] = list(blocks[1:])
    for item in blocks:
        later.extend(item.children[1:])
    return any(_starts_after_blank(node, lines) for node in later)


_P_PARENTS = (
    nodes.section,
    nodes.document,
    nodes.block_quote,
    nodes.Admonition,
    nodes.container,
    nodes.footnote,
    nodes.topic,
    nodes.sidebar,
)


HUGO_VIDEO = (
    '<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">\n'
    '\t\t\t<iframe allow="accelerometer; autoplay; clipboard-write; encrypted-media; '
    'gyroscope; picture-in-picture; web-share; fullscreen" loading="eager" '
    'referrerpolicy="strict-origin-when-cross-origin" src="u" style="position: absolute; '
    'top: 0; left: 0; width: 100%; height: 100%; border:0;" title="YouTube video"></iframe>\n'
    "\t\t</div>\n"
)
"""What Hugo 0.168's ``youtube`` shortcode writes (25 "words" to its count: its inline
styles); used for ``vimeo`` too, whose template is alike.  Other embeds (tweets,
gists, Instagram) count nothing: Hugo's output for them comes from the network."""


def _missing_image(node: nodes.raw) -> bool:
    """The ``<img />`` that :mod:`..images` writes for an image file it cannot find."""
    parent = node.parent
    return isinstance(parent, nodes.inline) and "linkerdblog-missing-image" in parent["classes"]


def _code_block(node: nodes.literal_block) -> str:
    """A code block as Hugo writes it: a fence with a language goes through Chroma,
    whose every line is ``<span style="display:flex;"><span>...</span></span>`` (the
    first word of a line follows an attribute; a line break is a word of markup);
    the words Chroma colours are not words either, which this does not know."""
    text = node.astext()
    if not node.get("language"):
        return f'<pre tabindex="0"><code>{html.escape(text)}</code></pre>\n'
    lines = "".join(
        f'<span style="display:flex;"><span>{html.escape(line)}\n</span></span>'
        for line in text.split("\n")
    )
    return f'<div class="highlight"><pre tabindex="0"><code class="x">{lines}</code></pre></div>\n'


_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>", re.S)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)  # HTML's void elements: no end tag


class GoldmarkWords:
    """The doctree written out as Goldmark's HTML, fed to Hugo's word count.

    Only what changes the count matters: where ``<p>`` elements end, and which
    tokens look like tags or attributes (a link's first word follows
    ``href="...">`` and is not a word to Hugo, an image's alt text after its
    first word is).  Code and videos are written as Hugo writes them, roughly
    (see :func:`_code_block`, :data:`HUGO_VIDEO`); other shortcodes' output as
    their nodes' text.
    """

    def __init__(self, counter: WordCounter, text: str = "") -> None:
        self.counter = counter
        self.lines = text.split("\n")
        self.pending: list[str] = []
        self.loose: dict[int, bool] = {}
        self.stack: list[str] = []  # the elements open where the writing is
        self.cut: nodes.Node | None = None  # the paragraph that reached the count

    def write(self, text: str, owner: nodes.Node) -> None:
        """Write ``text`` (part of ``owner``): count each paragraph's words, then balance.

        :raises Cut: where the summary ends.
        """
        if self.cut is not None:
            self.track(text)
            if not self.stack:
                raise Cut(owner)
            return
        while (closing := text.find("</p>")) != -1:
            self.pending.append(text[:closing])
            reached = self.counter.add("".join(self.pending))
            self.track(text[: closing + 4])
            text = text[closing + 4 :]
            if reached:
                self.cut = owner
                if self.stack:
                    self.track(text)
                if not self.stack:
                    raise Cut(owner)
                return
            self.pending = [">"]  # as Hugo: the next chunk starts at the ">" of "</p>"
        self.pending.append(text)
        self.track(text)

    def track(self, text: str) -> None:
        """Follow the open elements (void ones and comments aside)."""
        if "<" not in text:
            return
        for match in _TAG.finditer(text):
            closing, name, self_closing = match.groups()
            if name is None:
                continue
            name = name.lower()
            if closing:
                if name in self.stack:
                    while self.stack.pop() != name:
                        pass
            elif not self_closing and name not in _VOID:
                self.stack.append(name)

    def is_p(self, node: nodes.paragraph) -> bool:
        parent = node.parent
        if isinstance(parent, nodes.list_item):
            items = parent.parent
            if id(items) not in self.loose:
                self.loose[id(items)] = _loose(items, self.lines)
            return self.loose[id(items)]
        return isinstance(parent, _P_PARENTS)

    def children(self, node: nodes.Element) -> None:
        for child in node.children:
            self.visit(child)

    def wrap(self, node: nodes.Element, start: str, end: str) -> None:
        self.write(start, node)
        self.children(node)
        self.write(end, node)

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            self.write(html.escape(str(node)), node)
        elif isinstance(node, DROPPED) or is_more(node):
            return
        elif isinstance(node, nodes.raw) and _missing_image(node):
            self.write(node.astext().replace(" />", ">"), node)  # Goldmark's <img ...>
        elif isinstance(node, nodes.raw):
            self.write(
                node.astext() + ("" if isinstance(node.parent, nodes.TextElement) else "\n"), node
            )
        elif isinstance(node, nodes.paragraph):
            if self.is_p(node):
                self.wrap(node, "<p>", "</p>\n")
            else:
                self.wrap(node, "", "\n")
        elif isinstance(node, nodes.title):
            self.wrap(node, '<h2 id="h">', "</h2>\n")
        elif isinstance(node, nodes.literal_block):
            self.write(_code_block(node), node)
        elif isinstance(node, nodes.literal):
            self.write(f"<code>{html.escape(node.astext())}</code>", node)
        elif isinstance(node, (nodes.reference, addnodes.pending_xref)):
            self.wrap(node, '<a href="u">', "</a>")
        elif isinstance(node, nodes.image):
            alt = html.escape(node.get("alt", ""))
            self.write(f'<img src="u" alt="{alt}">', node)
        elif isinstance(node, nodes.footnote_reference):
            self.write('<sup id="r"><a href="#f" role="doc-noteref">1</a></sup>', node)
        elif isinstance(node, (nodes.emphasis, nodes.strong)):
            tag = "em" if isinstance(node, nodes.emphasis) else "strong"
            self.wrap(node, f"<{tag}>", f"</{tag}>")
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            tag = "ul" if isinstance(node, nodes.bullet_list) else "ol"
            self.wrap(node, f"<{tag}>\n", f"</{tag}>\n")
        elif isinstance(node, nodes.list_item):
            self.wrap(node, "<li>", "</li>\n")
        elif isinstance(node, embed):
            if isinstance(node, (youtube, vimeo)):
                self.write(HUGO_VIDEO, node)
        elif isinstance(node, addnodes.only) and "not html" in node.get("expr", ""):
            return  # another output's text (a missing image's alt text, for one)
        elif isinstance(node, (nodes.section, nodes.compound)):
            self.children(node)  # Goldmark's headings have no element around their text
        elif isinstance(node, nodes.Element):
            block = not isinstance(node, nodes.Inline)
            self.wrap(node, "<div>\n" if block else "", "</div>\n" if block else "")
