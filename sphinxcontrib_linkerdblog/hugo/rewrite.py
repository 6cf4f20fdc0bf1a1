"""Turn the shortcode calls of a Markdown text into MyST syntax, line for line.

This is the pure half of the shortcode engine (no Sphinx imports).  The lexer
finds the calls; this module replaces each top-level call by a placeholder that
MyST parses into a call of our ``linkerdblog-sc`` role or directive, and keeps
the call itself (name, parameters, inner content) in a table that the role or
directive reads back.  Handlers therefore see the call exactly as Hugo would,
and MyST never sees Hugo syntax.

The one hard rule: **the rewritten text has the same number of lines as the
original, and every character that is not part of a call stays on its line.**
That is what keeps every warning, MyST's and ours, at the post's real
``file:line``, including for content after a call that spans several lines.
The placeholders are chosen for that:

* a call that stands alone on its lines and spans two or more lines becomes a
  fenced directive over exactly those lines (blank lines inside a fence are
  harmless, so inner content with paragraphs is safe);
* any other call becomes an inline role; when it spans ``k`` lines the role's
  content carries ``k - 1`` extra lines of padding (digits, which can never
  start a Markdown block, so the paragraph stays whole);
* a call inside a link destination (``[t]({{< ref "x" >}})``) or a reference
  definition (``[x]: {{< ref "x" >}}``) is replaced by the URL its handler
  computes, with its line breaks moved to where CommonMark allows them.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from .lexer import Call, ScanResult, scan

ROLE = "linkerdblog-sc"
"""Name of the placeholder role and directive (an implementation detail)."""
MISSING_SCHEME = "linkerdblog-missing"
"""URL scheme standing for a link target that could not be computed; the link
is unwrapped into its text after parsing (see ``engine.UnwrapMissingLinks``)."""

# Right before a call that stands in a link destination: ``[text](`` (or
# ``](<``), or a reference definition's ``[label]:`` at a line start; CommonMark
# allows one line break between either and the destination.
_REF_DEF = re.compile(r"[ \t]{0,3}\[(?!\^)[^\]\n]+\]:")  # not a footnote's [^1]:
_URL_STOPS = " \t\n()<>"
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_TAGS_ONLY = re.compile(r"(?:[ \t]*</?[A-Za-z][^<>\n]*>)*[ \t]*")
_NOT_CONTAINER = re.compile(r"[^>\s]")
_DESTINATION_UNSAFE = re.compile(r"[\s()<>]")
_TAG_NAME = re.compile(r"[A-Za-z][\w:-]*\s")
_TITLE_ONLY = re.compile(r"""[ \t]*(?:"[^"]*"|'[^']*'|\([^)]*\))?[ \t]*$""")
_ESCAPED_CALL = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """Hugo's escaped calls ``{{</* x */>}}`` as the ``{{< x >}}`` they show."""
    return _ESCAPED_CALL.sub(lambda m: "{{" + m.group(1) + m.group(2) + m.group(3) + "}}", text)


def escape_markdown(text: str) -> str:
    """Backslash-escape all ASCII punctuation so MyST shows ``text`` literally."""
    return _MD_PUNCT.sub(r"\\\1", text)


@dataclass(slots=True)
class Entry:
    """One call as the role/directive sees it.

    ``inner`` is the already rewritten inner content (so shortcodes nested in it
    work when a handler renders it), and ``inner_line`` the file line where it
    starts.  ``source`` is the call's original text, shown as is when the call
    cannot be rendered, so that nothing is ever lost.
    """

    call: Call
    inner: str
    inner_line: int
    source: str
    block: bool
    in_tag: bool = False  # inside an HTML tag: its URL goes into raw HTML as is

    @property
    def raw_inner(self) -> str:
        """The inner content exactly as written (for code), with Hugo escapes undone."""
        call = self.call
        if call.close_start is None:
            return ""
        raw = self.source[call.open_end - call.start : call.close_start - call.start]
        return unescape(raw) if "/*" in raw else raw


UrlResolver = Callable[[Entry, int], "str | None"]
"""``resolver(entry, index)``: the URL for a call used as a link destination,
or ``None`` when the call cannot stand there (the caller then warns)."""


@dataclass(slots=True)
class Rewritten:
    """Result of :func:`rewrite_text`."""

    text: str
    entries: list[Entry]
    problems: list[tuple[str, int]]  # (message, file line) for the lexer's problems
    url_failures: list[int]  # entry indexes used in a link target without a URL


def rewrite_text(text: str, url_for: UrlResolver | None = None, first_line: int = 1) -> Rewritten:
    """Rewrite every shortcode in ``text``; see the module docstring.

    :param text: Markdown text, possibly with Hugo shortcodes; CRLF and lone CR
        line ends are read as LF, as MyST reads them.
    :param url_for: computes the URL of a call used inside a link destination.
    :param first_line: the file line of ``text[0]``.
    :return: the new text (same line count, LF line ends) and the table of calls.
    """
    if "\r" in text:  # CommonMark's line ends, as MyST reads them: one line each
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = Rewritten(text, [], [], [])
    if "{{" not in text:
        return result
    scanned = scan(text, first_line)
    result.problems.extend((p.message, p.line) for p in scanned.problems)
    if not scanned.calls and not scanned.escapes:
        return result
    result.text = _Rewriter(text, scanned, result, url_for).run(0, len(text), scanned.calls)
    return result


class _Lines:
    """Line starts and ends around offsets asked in (mostly) increasing order.

    With thousands of calls on one line, searching back to the line start and
    forward to its end for each call would cost the line's length every time;
    remembering the last answer makes the whole rewrite linear.
    """

    __slots__ = ("_end", "_end_from", "_pos", "_start", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._pos, self._start = 0, 0  # the line starting at _start holds offset _pos
        self._end_from, self._end = -1, -1  # the first newline at or after _end_from

    def start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        if offset < self._pos:
            return self.text.rfind("\n", 0, offset) + 1
        newline = self.text.rfind("\n", self._pos, offset)
        if newline >= 0:
            self._start = newline + 1
        self._pos = offset
        return self._start

    def end(self, offset: int) -> int:
        """The offset of the line break ending the line at ``offset`` (or the text's end)."""
        if not self._end_from <= offset <= self._end:
            found = self.text.find("\n", offset)
            self._end_from, self._end = offset, found if found >= 0 else len(self.text)
        return self._end


_SPACE = " \t"
_MAX_LABEL = 1000  # CommonMark: a link label has at most 999 characters


class _Rewriter:
    """Builds the new text for one range of the source (recursively for inners)."""

    def __init__(
        self,
        text: str,
        scanned: ScanResult,
        result: Rewritten,
        url_for: UrlResolver | None,
    ) -> None:
        self.text = text
        self.escapes = scanned.escapes
        self.escape_starts = [esc.start for esc in scanned.escapes]
        self.result = result
        self.url_for = url_for
        self.lines = _Lines(text)
        # Per range being rewritten: call start -> end, and end -> start of the
        # calls already replaced (a link destination may hold several calls).
        self.starts: list[dict[int, int]] = []
        self.ends: list[dict[int, int]] = []

    def run(self, start: int, end: int, calls: list[Call]) -> str:
        """Rewrite ``text[start:end]`` whose top-level calls are ``calls``."""
        text = self.text
        events: list[tuple[int, int, str]] = []
        self.starts.append({call.start: call.end for call in calls})
        self.ends.append({})
        try:
            for call in calls:
                events.append((call.start, call.end, self._replace(call)))
                self.ends[-1][call.end] = call.start
        finally:
            self.starts.pop()
            self.ends.pop()
        # The escapes of this range that no call here holds (those are its own).
        child = 0
        for position in range(bisect_left(self.escape_starts, start), len(self.escapes)):
            esc = self.escapes[position]
            if esc.end > end:
                break
            while child < len(calls) and calls[child].end <= esc.start:
                child += 1
            if child < len(calls) and calls[child].start <= esc.start:
                continue
            text_ = esc.replacement if esc.in_code else escape_markdown(esc.replacement)
            events.append((esc.start, esc.end, text_))
        events.sort()
        out: list[str] = []
        pos = start
        for ev_start, ev_end, replacement in events:
            out.append(text[pos:ev_start])
            out.append(replacement)
            pos = ev_end
        out.append(text[pos:end])
        return "".join(out)

    def _add_entry(self, call: Call, block: bool) -> int:
        text = self.text
        if call.paired and call.close_start is not None:
            inner = self.run(call.open_end, call.close_start, call.children)
            inner_line = call.line + text.count("\n", call.start, call.open_end)
        else:
            inner, inner_line = "", call.line
        entry = Entry(call, inner, inner_line, text[call.start : call.end], block)
        self.result.entries.append(entry)
        return len(self.result.entries) - 1

    def _blank_before(self, offset: int, line_start: int) -> bool:
        """Whether only container marks stand between ``line_start`` and ``offset``:
        spaces, a quote's ``>``, a list item's marker, or HTML tags on a line that
        starts with one (``<div class="x">{{< youtube id >}}</div>``)."""
        if _CONTAINER_PREFIX.fullmatch(self.text, line_start, offset):
            return True
        return self.text.startswith("<", line_start) and bool(
            _TAGS_ONLY.fullmatch(self.text, line_start, offset)
        )

    def _blank_after(self, offset: int, line_end: int) -> bool:
        text = self.text
        pos = offset
        while pos < line_end and text[pos] in _SPACE:
            pos += 1
        if pos == line_end:
            return True
        line_start = self.lines.start(offset)
        return text.startswith("<", line_start) and bool(_TAGS_ONLY.fullmatch(text, pos, line_end))

    def _back(self, pos: int, line_start: int, stops: str) -> int:
        """``pos`` moved back over characters not in ``stops`` and over the calls
        before it on the line (a URL may hold several: ``<{{% a %}}?{{% b %}}>``)."""
        text, starts = self.text, self.ends[-1]
        while pos > line_start:
            if pos in starts:
                pos = starts[pos]
            elif text[pos - 1] not in stops:
                pos -= 1
            else:
                break
        return pos

    def _forward(self, pos: int, line_end: int, stops: str) -> int:
        """``pos`` moved forward over characters not in ``stops`` and over calls."""
        text, ends = self.text, self.starts[-1]
        while pos < line_end:
            if pos in ends:
                pos = ends[pos]
            elif text[pos] not in stops:
                pos += 1
            else:
                break
        return pos

    def _ref_definition(self, pos: int, line_start: int, after: int, angle: bool) -> bool:
        """Whether ``[label]:`` ends at ``pos`` (a definition, not a footnote), and
        only a title follows the destination that continues at ``after``."""
        text = self.text
        if not (
            text.endswith("]:", 0, pos)
            and pos - line_start <= _MAX_LABEL + 6
            and _REF_DEF.fullmatch(text, line_start, pos)
        ):
            return False
        line_end = self.lines.end(after)
        end = self._forward(after, line_end, ">\n" if angle else _URL_STOPS)
        if angle:
            if end >= line_end or text[end] != ">":
                return False
            end += 1
        return _TITLE_ONLY.fullmatch(text, end, line_end) is not None

    def _link_destination(self, call: Call, line_start: int) -> str:
        """Where the call stands if it is (part of) a link destination: ``"("``
        after ``](``, ``":"`` in a reference definition, ``""`` otherwise.  An
        upper-case letter means the opener is on the line above (CommonMark
        allows one break there)."""
        text = self.text
        for angle in (False, True):
            pos = self._back(call.start, line_start, "<>\n" if angle else _URL_STOPS)
            if angle:
                if pos == line_start or text[pos - 1] != "<":
                    continue
                pos -= 1
            first = pos == call.start or (pos < call.start and text[pos : call.start].isspace())
            while pos > line_start and text[pos - 1] in _SPACE:
                pos -= 1
            above = first and pos == line_start and pos > 0
            scan_start = line_start
            if above:  # the destination may start the line after its opener
                pos -= 1  # the line break; at most one call per line gets here
                scan_start = text.rfind("\n", 0, pos) + 1
                while pos > scan_start and text[pos - 1] in _SPACE:
                    pos -= 1
            if text.endswith("](", 0, pos):
                return "P" if above else "("
            if self._ref_definition(pos, scan_start, call.end, angle):
                return "C" if above else ":"
        return ""

    def _in_tag(self, call: Call, line_start: int) -> bool:
        """Whether the call stands inside an HTML tag (``<a href="{{< param x >}}">``)."""
        pos = self._back(call.start, line_start, "<>\n")
        return (
            pos > line_start and self.text[pos - 1] == "<" and bool(_TAG_NAME.match(self.text, pos))
        )

    def _replace(self, call: Call) -> str:
        text = self.text
        line_start = self.lines.start(call.start)
        breaks = text.count("\n", call.start, call.end)
        where = self._link_destination(call, line_start)
        # A reference definition is one only if nothing but a title follows it
        # on its line (the corpus has several "definitions" run into one line,
        # which CommonMark and Hugo read as a paragraph).
        if where:
            return self._url(call, breaks, opener_here=where in "(:")
        if self._in_tag(call, line_start):
            return self._attribute(call, breaks)
        line_end = self.lines.end(call.end)
        standalone = self._blank_before(call.start, line_start) and self._blank_after(
            call.end, line_end
        )
        index = self._add_entry(call, block=standalone)
        if standalone and breaks:
            # A fence over exactly the call's lines; the directive ignores its body.
            # Inside a quote or list the fence's lines keep the container's marks.
            prefix = _NOT_CONTAINER.sub(" ", text[line_start : call.start])
            return f"```{{{ROLE}}} {index}" + f"\n{prefix}" * breaks + "```"
        padding = "".join(f"\n{index}" for _ in range(breaks))
        return f"{{{ROLE}}}`{index}{padding}`"

    def _attribute(self, call: Call, breaks: int) -> str:
        """A call inside an HTML tag: its URL (or value), escaped for an attribute;
        nothing when it has none (the caller warns).  Line breaks are kept."""
        index = self._add_entry(call, block=False)
        self.result.entries[index].in_tag = True
        url = self.url_for(self.result.entries[index], index) if self.url_for else None
        if url is None:
            self.result.url_failures.append(index)
            url = ""
        return html.escape(url, quote=True) + "\n" * breaks

    def _url(self, call: Call, breaks: int, *, opener_here: bool) -> str:
        """Replace a call in a link destination by its URL; keep the line count.

        CommonMark allows one line break between ``(`` (or ``]:``) and the
        destination and one after it, unless text such as ``#anchor`` follows
        the call directly; the call's own line breaks go there.
        """
        index = self._add_entry(call, block=False)
        url = self.url_for(self.result.entries[index], index) if self.url_for else None
        if url is None:
            self.result.url_failures.append(index)
            # Keep the link syntax valid; the link becomes its text after parsing.
            url = f"{MISSING_SCHEME}:{index}"
        else:  # a value with spaces or brackets must not end the destination
            url = _DESTINATION_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)
        follower = self.text[call.end : call.end + 1]
        room_after = follower in ("", ")", ">", " ", "\t", "\n")
        # When ``(`` or ``]:`` is on an earlier line, the break before the
        # destination is already taken.
        before = "\n" if breaks and opener_here else ""
        after = "\n" * (breaks - len(before)) if room_after else ""
        # More breaks than CommonMark allows here: keep the count, lose the link.
        rest = "\n" * (breaks - len(before) - len(after))
        return before + url + after + rest
