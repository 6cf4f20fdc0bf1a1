"""Whether an offset of a Markdown text is inside code, found only where asked.

Shortcodes inside code are text, not calls; but most posts have few calls and
much code, so the lexer must not map all the code of a post.  :class:`CodeMap`
answers "is this ``{{<`` inside code, and where does that code end?" for
offsets asked in increasing order, reading only what decides it:

* fenced blocks: the fence lines up to the offset (found with ``str.find``,
  far faster than a regex pass), paired as they come;
* indented blocks: only when the offset's line is itself indented, by walking
  back over the lines above it;
* inline code spans: only the backtick runs of the offset's paragraph, from
  where the previous answer left off.

This approximates CommonMark's block structure, which is enough for blog posts.
"""

from __future__ import annotations

import re

_FENCE_LINE = re.compile(r"[ \t]*(`{3,}|~{3,})([^\n]*)")
_BACKTICKS = re.compile(r"`+")
_INDENTED = re.compile(r" {0,3}\t| {4}")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?$)", re.M)
_DEDENTED = re.compile(r"^ {0,3}[^ \t\r\n]", re.M)
_SPACES_LINE = re.compile(r"\n[ \t\r]+\n")  # a blank line that is not empty


class CodeMap:
    """Answers :meth:`code_end` for offsets asked in increasing order.

    ``walked`` is the offset up to which inline code is known: it is never
    inside a code span, so the next question starts there.  The lexer moves it
    with :meth:`skip` past text it consumed itself (a shortcode tag, whose raw
    backtick parameters are not code spans).
    """

    __slots__ = (
        "_blank",
        "_fence_at",
        "_line",
        "_no_fence_from",
        "_opened",
        "_tilde",
        "fence_end",
        "text",
        "walked",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.walked = 0
        self.fence_end = 0  # end of the last fenced block closed so far
        self._fence_at = 0  # fence lines before this offset have been read
        self._opened: tuple[str, int] | None = None  # the open fence: (character, length)
        # The next "~~~" (-1: none, -2: not searched yet); a one-character test
        # spares most texts the search.
        self._tilde = -2 if "~" in text else -1
        self._line: re.Match[str] | None = None  # the last fence line found
        self._no_fence_from = len(text) + 1  # no fence line from there on
        self._blank = (-1, -1)  # the last paragraph-end search: (from, found)

    def skip(self, offset: int) -> None:
        """Note that ``text[:offset]`` is done with (consumed by the lexer)."""
        self.walked = max(self.walked, offset)

    def code_end(self, offset: int) -> int | None:
        """Where the code containing ``offset`` ends, or ``None`` when it is not in code."""
        end = self._fenced(offset)
        if end is not None:
            return self._found(end)
        text = self.text
        # A line that starts before ``walked`` was judged already (or starts inside a
        # tag), so the line start is only looked for after it: with thousands of
        # calls on one line, searching back to the line's start each time would
        # cost the line's length per call.
        newline = text.rfind("\n", max(0, self.walked - 1), offset)
        line_start = newline + 1 if newline >= 0 or self.walked == 0 else -1
        if (
            line_start >= self.walked
            and _INDENTED.match(text, line_start)
            and self._indented_code(line_start)
        ):
            found = _DEDENTED.search(text, line_start)
            return self._found(found.start() if found else len(text))
        return self._span_end(offset)

    def _found(self, end: int) -> int:
        self.walked = max(self.walked, end)
        return end

    # -- fenced blocks -------------------------------------------------------

    def _fence_line(self, pos: int) -> re.Match[str] | None:
        """The next fence-like line at or after ``pos`` (groups: run, info string)."""
        line = self._line
        if line is not None and line.start() >= pos:
            return line  # asked again for the line found last time
        if pos >= self._no_fence_from:
            return None
        text, asked = self.text, pos
        while True:
            at = text.find("```", pos)
            if self._tilde == -2 or 0 <= self._tilde < pos:  # not searched yet, or passed
                self._tilde = text.find("~~~", pos)
            if self._tilde >= 0 and (at < 0 or self._tilde < at):
                at = self._tilde
            if at < 0:
                self._line, self._no_fence_from = None, asked
                return None
            line_start = at
            while line_start > 0 and text[line_start - 1] in " \t":
                line_start -= 1
            if line_start and text[line_start - 1] != "\n":
                # Text before the run: no fence on this line, look from the next one
                # (never back to the line start: a long line has many runs).
                newline = text.find("\n", at)
                if newline < 0:
                    self._line, self._no_fence_from = None, asked
                    return None
                pos = newline + 1
                continue
            line = _FENCE_LINE.match(text, line_start)
            if line is not None and line.start(1) == at:  # only indentation before the run
                self._line = line
                return line
            pos = at + 3

    def _fenced(self, offset: int) -> int | None:
        """Read the fence lines up to ``offset``; the end of the fenced block holding it.

        Any indentation opens a fence, so that fences in list items count; a
        backtick fence whose info string holds a backtick is inline code.
        """
        while (line := self._fence_line(self._fence_at)) is not None:
            opened = self._opened
            if opened is None and line.start() > offset:
                return None
            self._fence_at = line.end()
            run, info = line.group(1, 2)
            if opened is None:
                if run[0] != "`" or "`" not in info:
                    self._opened = (run[0], len(run))
            elif run[0] == opened[0] and len(run) >= opened[1] and not info.strip():
                self._opened = None
                self.fence_end = line.end()
                if line.end() > offset:
                    return line.end()
        if self._opened is not None:  # an unclosed fence runs to the end
            self.fence_end = self._fence_at = len(self.text)
            return len(self.text)
        return None

    # -- indented blocks -----------------------------------------------------

    def _line_above(self, line_start: int) -> int:
        """The start of the line above the one at ``line_start``, or -1 at the top."""
        return self.text.rfind("\n", 0, line_start - 1) + 1 if line_start > 0 else -1

    def _is_blank(self, line_start: int) -> bool:
        end = self.text.find("\n", line_start)
        return not self.text[line_start : end if end >= 0 else len(self.text)].strip()

    def _indented_code(self, line_start: int) -> bool:
        """Whether the indented line at ``line_start`` belongs to an indented code block.

        Walk back over the indented and blank lines above it.  With no blank
        line between it and the paragraph line above, it is a lazy continuation
        of that paragraph; otherwise it is code unless it sits in a list item.
        """
        pos, blank_seen = line_start, False
        while (pos := self._line_above(pos)) >= 0:
            if self._is_blank(pos):
                blank_seen = True
            elif not _INDENTED.match(self.text, pos):
                return blank_seen and not self._in_list(pos)
        return True  # only indented or blank lines above: code from the start

    def _in_list(self, line_start: int) -> bool:
        """Whether the non-blank line at ``line_start`` (indented less than 4) is in a list.

        Walk back to the nearest list marker, giving up at a line at the left
        margin that starts a paragraph (after a blank line, or at the top):
        such a line ends any list above it.
        """
        pos = line_start
        while True:
            if _LIST_ITEM.match(self.text, pos):
                return True
            above, blank_between = self._line_above(pos), False
            while above >= 0 and self._is_blank(above):
                above, blank_between = self._line_above(above), True
            if above < 0 or (blank_between and self.text[pos] not in " \t"):
                return False
            pos = above

    # -- inline code spans ---------------------------------------------------

    def _paragraph_end(self, pos: int) -> int:
        """The next blank line at or after ``pos`` (code spans do not cross it)."""
        searched_from, found = self._blank
        if not searched_from <= pos <= found:
            text = self.text
            empty = text.find("\n\n", pos)
            found = empty if empty >= 0 else len(text)
            spaces = _SPACES_LINE.search(text, pos, found)
            found = spaces.start() if spaces else found
            self._blank = (pos, found)
        return found

    def _span_end(self, offset: int) -> int | None:
        """The end of the code span around ``offset``, if any.

        Only the backtick runs of the paragraph holding ``offset``, before it,
        are read: a run opens a span when a run of exactly its length follows
        in the same paragraph; ``offset`` is inside when that closer is after it.
        """
        text = self.text
        low = max(self.walked, self.fence_end)
        blank = text.rfind("\n\n", low, offset)
        if blank >= 0:
            low = blank + 2
        for match in _SPACES_LINE.finditer(text, low, offset):
            low = match.end()
        pos, next_fence = low, -1  # a fence line ends a paragraph too
        while (start := text.find("`", pos, offset)) >= 0:
            run = _BACKTICKS.match(text, start)
            pos = run.end() if run else start + 1
            length = pos - start
            escaper = start
            while escaper > low and text[escaper - 1] == "\\":
                escaper -= 1
            if (start - escaper) % 2:  # \` is a literal backtick; the rest of the run may open
                length -= 1
                if not length:
                    continue
            if next_fence < 0:
                line = self._fence_line(self._fence_at)
                next_fence = line.start() if line else len(text)
            close = self._closer(length, pos, min(self._paragraph_end(pos), next_fence))
            if close is None:
                continue  # an unmatched run is literal
            if close > offset:
                return self._found(close)
            pos = close
        # Nothing before ``offset`` opens a span that reaches it: done with that text.
        self.walked = max(self.walked, offset)
        return None

    def _closer(self, length: int, pos: int, limit: int) -> int | None:
        """The end of the first run of exactly ``length`` backticks in ``[pos, limit)``."""
        text, marker = self.text, "`" * length
        while (start := text.find(marker, pos, limit)) >= 0:
            run = _BACKTICKS.match(text, start, limit)
            end = run.end() if run else start + length
            if end - start == length:
                return end
            pos = end
        return None
