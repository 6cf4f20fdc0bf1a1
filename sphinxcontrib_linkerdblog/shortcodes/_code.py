"""Where Markdown code blocks are, so that shortcodes in them stay verbatim.

A line-based approximation of CommonMark's block structure, good enough for
blog posts: fenced blocks (any indentation, as in list items) and indented
blocks (four spaces after a blank line, outside lists).  Inline code spans are
found by the lexer itself, which meets them while scanning.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _indent(line: str) -> int:
    """Leading whitespace width, tabs counting to the next multiple of 4."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def block_code_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the fenced and indented code blocks of ``text``."""
    ranges: list[tuple[int, int]] = []
    fence: tuple[str, int, int] | None = None  # (char, length, start offset)
    code_start: int | None = None  # start of an open indented block
    code_end = 0
    prev_blank = True
    in_list = False
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        stripped = line.strip()
        if fence is not None:
            char, length, start = fence
            if (
                stripped
                and stripped.strip(char) == ""
                and len(stripped) >= length
                and (stripped[0] == char)
            ):
                ranges.append((start, end))
                fence = None
            offset = end + 1
            continue
        if code_start is not None:
            if not stripped:
                offset = end + 1
                continue  # a blank line may be inside the block
            if _indent(line) >= 4:
                code_end = end
                offset = end + 1
                continue
            ranges.append((code_start, code_end))
            code_start = None
        match = _FENCE.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in line[match.end() :]):
            run = match.group(1)
            fence = (run[0], len(run), offset)
        elif stripped and _indent(line) >= 4 and prev_blank and not in_list:
            code_start, code_end = offset, end
        elif stripped:
            if _LIST_ITEM.match(line):
                in_list = True
            elif _indent(line) == 0 and prev_blank:
                in_list = False
        prev_blank = not stripped
        offset = end + 1
    if fence is not None:
        ranges.append((fence[2], len(text)))
    if code_start is not None:
        ranges.append((code_start, code_end))
    return ranges
