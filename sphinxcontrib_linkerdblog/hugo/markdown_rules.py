"""Goldmark's Markdown where CommonMark (markdown-it) has none of its own (pure).

Hugo renders posts with Goldmark, which adds to CommonMark what MyST lacks or
spells differently.  Each is a markdown-it core rule, added only for Hugo posts:

* :func:`heading_attributes`: ``## Title {#id .class}`` gives the heading that
  id and class (Goldmark's ``parser.attribute.title``, on in Hugo);
* :func:`block_attributes`: a ``{.class}`` line right under a paragraph, table,
  list, quote or code block gives it those attributes (``parser.attribute.block``,
  off unless a site turns it on);
* :func:`angle_quotes`: the typographer's ``<<`` and ``>>`` as ``«`` and ``»``
  (Sphinx's smart quotes do the quotes, dashes and ellipses);
* :func:`alerts`: GitHub's ``> [!NOTE]`` alerts, which Hugo reads, as admonitions.

Attributes are the ones MyST carries to docutils, ``id`` and ``class``; others
(``style=...``) are read so the line is consumed, and not kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_ATTR_BLOCK = re.compile(r"\{([^{}\n]*)\}")
_ATTR = re.compile(
    r"""\s*(?:
        \#(?P<id>[^\s#.{}="']+)
      | \.(?P<cls>[^\s#.{}="']+)
      | (?P<key>[A-Za-z_:][\w:.-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'{}]+))
    )""",
    re.X,
)
_TRAILING = re.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
KEPT = ("id", "class")


def parse_attributes(text: str) -> dict[str, str] | None:
    """``#id .a .b key=v`` as ``{"id": "id", "class": "a b", "key": "v"}``;
    ``None`` when ``text`` is not an attribute list (it is then left as text)."""
    attrs: dict[str, str] = {}
    classes: list[str] = []
    pos = 0
    text = text.strip()
    if not text:
        return None
    while pos < len(text):
        found = _ATTR.match(text, pos)
        if found is None or found.end() == pos:
            return None
        pos = found.end()
        if found.group("id"):
            attrs["id"] = found.group("id")
        elif found.group("cls"):
            classes.append(found.group("cls"))
        else:
            value = found.group("dq")
            value = found.group("sq") if value is None else value
            value = found.group("bare") if value is None else value
            attrs[found.group("key")] = value or ""
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


def _apply(token: Token, attrs: dict[str, str]) -> None:
    for key in KEPT:
        if key in attrs:
            if key == "class" and token.attrGet("class"):
                token.attrSet("class", f"{token.attrGet('class')} {attrs[key]}")
            else:
                token.attrSet(key, attrs[key])


def _heading_attributes(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        found = _TRAILING.search(inline.content)
        if found is None:
            continue
        attrs = parse_attributes(found.group(1))
        if attrs is not None:
            inline.content = inline.content[: found.start()]
            _apply(token, attrs)


def heading_attributes(md: MarkdownIt) -> None:
    """``## Title {#id .class}``: the heading's id and class (Goldmark's title attributes)."""
    md.core.ruler.after("block", "hugo_heading_attributes", _heading_attributes)


def _opener(tokens: list[Token], close: int) -> int:
    """The index of the token opening the block that ends at ``close``."""
    if tokens[close].nesting == 0:  # fence, code_block, hr, html_block: one token
        return close
    depth = 0
    for index in range(close, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return close


def _last_row_attributes(tokens: list[Token], table_close: int) -> dict[str, str] | None:
    """A table's last body row that is only ``{...}`` (markdown-it reads the line
    under a table as a row): its attributes, the row removed."""
    if table_close < 2 or tokens[table_close - 1].type != "tbody_close":
        return None
    row_close = table_close - 2
    if tokens[row_close].type != "tr_close":
        return None
    row_open = _opener(tokens, row_close)
    cells = [t for t in tokens[row_open:row_close] if t.type == "inline"]
    if not cells or any(cell.content.strip() for cell in cells[1:]):
        return None
    found = _ATTR_BLOCK.fullmatch(cells[0].content.strip())
    attrs = parse_attributes(found.group(1)) if found else None
    if attrs is None:
        return None
    del tokens[row_open : row_close + 1]
    body_open = row_open - 1  # now right before tbody_close
    if tokens[body_open].type == "tbody_open":  # it was the only body row
        del tokens[body_open : body_open + 2]
    return attrs


def _block_attributes(state: StateCore) -> None:
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_close":
            attrs = _last_row_attributes(tokens, index)
            if attrs is not None:
                index = tokens.index(token)
                _apply(tokens[_opener(tokens, index)], attrs)
        if token.type == "paragraph_open" and index + 2 < len(tokens):
            inline = tokens[index + 1]
            lines = inline.content.split("\n")
            found = _ATTR_BLOCK.fullmatch(lines[-1].strip())
            attrs = parse_attributes(found.group(1)) if found else None
            if attrs is not None and len(lines) > 1:
                inline.content = "\n".join(lines[:-1])
                _apply(token, attrs)
            elif attrs is not None and index > 0 and token.map and tokens[index - 1].nesting <= 0:
                # The line alone, right under another block: that block's attributes.
                previous = tokens[index - 1]
                opener = tokens[_opener(tokens, index - 1)]
                if opener.map and opener.map[1] == token.map[0] and previous.level == token.level:
                    _apply(opener, attrs)
                    del tokens[index : index + 3]
                    continue
        index += 1


def block_attributes(md: MarkdownIt) -> None:
    """``{.class}`` under a block: its id and class (Goldmark's block attributes)."""
    md.core.ruler.after("block", "hugo_block_attributes", _block_attributes)


def _angle_quotes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type == "text" and ("<<" in child.content or ">>" in child.content):
                child.content = child.content.replace("<<", "«").replace(">>", "»")


def angle_quotes(md: MarkdownIt) -> None:
    """Goldmark's typographer: ``<<`` is ``«`` and ``>>`` is ``»`` in text (not code)."""
    md.core.ruler.after("inline", "hugo_angle_quotes", _angle_quotes)


_ALERT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]([+-]?)[ \t]*(.*)", re.I)
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?")


def _alerts(state: StateCore) -> None:
    tokens = state.tokens
    lines = state.src.split("\n")
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            token.type == "blockquote_open"
            and token.map
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "paragraph_open"
        ):
            found = _ALERT.match(tokens[index + 2].content.split("\n", 1)[0])
            if found is not None:
                close = index
                depth = 0
                for close in range(index, len(tokens)):
                    depth += tokens[close].nesting
                    if depth == 0:
                        break
                kind, title = found.group(1).lower(), found.group(3).strip()
                start, end = token.map
                body = [_QUOTE_PREFIX.sub("", line) for line in lines[start + 1 : end]]
                fence = type(token)("fence", "code", 0)
                fence.map = [start, end]
                fence.block = True
                fence.markup = "```"
                if title:
                    fence.info = f"{{admonition}} {title}"
                    body = [f":class: {kind}", *body]
                    fence.map = [start - 1, end]  # the option line stands for the marker
                else:
                    fence.info = f"{{{kind}}}"
                fence.content = "\n".join(body) + "\n"
                fence.level = token.level
                tokens[index : close + 1] = [fence]
        index += 1


def alerts(md: MarkdownIt) -> None:
    """GitHub's alerts, which Hugo reads (``> [!NOTE]``, ``> [!WARNING] Title``): an
    admonition of that kind, its text the rest of the quote."""
    md.core.ruler.after("block", "hugo_alerts", _alerts)
