"""Hugo shortcode lexer (pure, no Sphinx): find every call in a Markdown text.

It reads Hugo's syntax: ``{{< name params >}}`` and ``{{% name params %}}``,
positional and named parameters, values bare, "quoted" (with backslash
escapes) or in `raw backticks`, self-closing ``/>}}``, paired tags with inner
content, tags spread over several lines, and Hugo's escape ``{{</* ... */>}}``.
Tags inside code (fenced, indented, inline) are not calls.

Speed matters, since every post goes through here: the text is never walked
character by character; compiled regexes jump from one ``{{<``, ``{{%`` or
backtick run to the next.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from ._code import block_code_ranges

# A tag opener, or a backtick run (a possible inline code span).
_TOKEN = re.compile(r"\{\{[<%]|`+")
_ESCAPE = re.compile(r"\{\{(?:(<)/\*(.*?)\*/>|(%)/\*(.*?)\*/%)\}\}", re.S)
_NAME = re.compile(r"[ \t\r\n]*(/?)[ \t\r\n]*([A-Za-z0-9_][\w./-]*)")
_PARAM = re.compile(
    r"""[ \t\r\n]*(?:
        (?P<end>(?P<slash>/?)(?P<close>[>%])\}\})
      | (?:(?P<key>[A-Za-z_][\w-]*)=)?
        (?: "(?P<dq>(?:[^"\\]|\\.)*)"
          | `(?P<raw>[^`]*)`
          | (?P<bare>(?:(?!/?[>%]\}\})[^\s"`])+)
        )
    )""",
    re.X | re.S,
)
_DQ_ESCAPE = re.compile(r"\\([\"\\])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CLOSER = {"<": ">", "%": "%"}


@functools.lru_cache(maxsize=16)
def _closer(length: int) -> re.Pattern[str]:
    """A backtick run of exactly ``length``, which closes a code span."""
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


@dataclass(slots=True)
class Call:
    """One shortcode call; offsets index the scanned text."""

    name: str
    args: list[str]
    params: dict[str, str]
    markdown: bool
    start: int
    open_end: int
    close_start: int | None
    end: int
    line: int
    end_line: int
    self_closing: bool = False
    children: list[Call] = field(default_factory=list)

    @property
    def paired(self) -> bool:
        """Whether the call has a closing tag (and so inner content)."""
        return self.close_start is not None

    def inner(self, text: str) -> str:
        """The text between the tags of a paired call, ``""`` otherwise."""
        return text[self.open_end : self.close_start] if self.close_start is not None else ""


@dataclass(slots=True)
class Escape:
    """Hugo's ``{{</* x */>}}``, to be shown as ``{{< x >}}``."""

    start: int
    end: int
    replacement: str
    line: int
    in_code: bool = False


@dataclass(slots=True)
class LexProblem:
    """Something that is not a valid shortcode; its text stays as written."""

    message: str
    line: int


@dataclass(slots=True)
class ScanResult:
    """Top-level calls (nested ones in ``children``), escapes and problems."""

    calls: list[Call] = field(default_factory=list)
    escapes: list[Escape] = field(default_factory=list)
    problems: list[LexProblem] = field(default_factory=list)


@dataclass(slots=True)
class _Tag:
    name: str
    closing: bool
    call: Call | None  # None for closing tags
    delim: str
    start: int
    end: int


class _Scanner:
    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.result = ScanResult()
        self.tags: list[_Tag] = []
        self.code = block_code_ranges(text)
        self.code_starts = [start for start, _ in self.code]

    def line(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)

    def in_block_code(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.code_starts, offset) - 1
        if i >= 0 and self.code[i][0] <= offset < self.code[i][1]:
            return self.code[i]
        return None

    def escape(self, match: re.Match[str], in_code: bool) -> None:
        delim = match.group(1) or match.group(3)
        inner = match.group(2) if match.group(1) else match.group(4)
        replacement = "{{" + delim + inner + _CLOSER[delim] + "}}"
        self.result.escapes.append(
            Escape(match.start(), match.end(), replacement, self.line(match.start()), in_code)
        )

    def run(self) -> ScanResult:
        text, pos = self.text, 0
        while True:
            match = _TOKEN.search(text, pos)
            if match is None:
                break
            start = match.start()
            code = self.in_block_code(start)
            if code is not None:
                for esc in _ESCAPE.finditer(text, code[0], code[1]):
                    self.escape(esc, in_code=True)
                pos = code[1]
                continue
            token = match.group()
            pos = self.code_span(match) if token[0] == "`" else self.tag(start)
        self.result.escapes.sort(key=lambda e: e.start)
        self.pair()
        return self.result

    def code_span(self, match: re.Match[str]) -> int:
        """Skip an inline code span opened by ``match``; return where to go on."""
        text, run = self.text, match.group()
        blank = _BLANK_LINE.search(text, match.end())
        limit = blank.start() if blank else len(text)
        close = _closer(len(run)).search(text, match.end(), limit)
        if close is None:
            return match.end()  # a literal backtick run
        for esc in _ESCAPE.finditer(text, match.end(), close.start()):
            self.escape(esc, in_code=True)
        return close.end()

    def problem(self, message: str, offset: int) -> None:
        self.result.problems.append(LexProblem(message, self.line(offset)))

    def tag(self, start: int) -> int:
        """Read the tag at ``start``; return where scanning goes on."""
        text = self.text
        escaped = _ESCAPE.match(text, start)
        if escaped:
            self.escape(escaped, in_code=False)
            return escaped.end()
        delim = text[start + 2]
        opener = text[start : start + 3]
        name_match = _NAME.match(text, start + 3)
        if not name_match:
            self.problem(f"{opener} is not followed by a shortcode name; kept as text", start)
            return start + 3
        closing, name = bool(name_match.group(1)), name_match.group(2)
        args: list[str] = []
        params: dict[str, str] = {}
        pos = name_match.end()
        while True:
            blank = _BLANK_LINE.match(text, pos)
            param = _PARAM.match(text, pos)
            if param is None or blank is not None:
                self.problem(f"unterminated shortcode {opener} {name}; kept as text", start)
                return start + 3
            pos = param.end()
            if param.group("end"):
                break
            value = param.group("bare")
            if value is None:
                value = param.group("raw")
            if value is None:
                value = _DQ_ESCAPE.sub(r"\1", param.group("dq"))
            if param.group("key"):
                params[param.group("key")] = value
            else:
                args.append(value)
        if param.group("close") != _CLOSER[delim]:
            self.problem(
                f"shortcode {opener} {name} is closed by {param.group('end')!r}; kept as text",
                start,
            )
            return start + 3
        if args and params:
            self.problem(f"shortcode {name!r} mixes positional and named parameters", start)
        if closing:
            self.tags.append(_Tag(name, True, None, delim, start, pos))
            return pos
        call = Call(
            name,
            args,
            params,
            delim == "%",
            start,
            pos,
            None,
            pos,
            self.line(start),
            self.line(pos - 1),
            bool(param.group("slash")),
        )
        self.tags.append(_Tag(name, False, call, delim, start, pos))
        return pos

    def pair(self) -> None:
        """Match closing tags to openers; nest calls inside paired calls."""
        stack: list[_Tag] = []
        for tag in self.tags:
            if not tag.closing:
                if tag.call is not None and not tag.call.self_closing:
                    stack.append(tag)
                continue
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].name == tag.name:
                    opener = stack[depth]
                    del stack[depth:]
                    call = opener.call
                    assert call is not None
                    call.close_start, call.end = tag.start, tag.end
                    call.end_line = self.line(tag.end - 1)
                    if opener.delim != tag.delim:
                        self.problem(
                            f"shortcode {tag.name!r} is opened with {{{{{opener.delim} and "
                            f"closed with {{{{{tag.delim}",
                            tag.start,
                        )
                    break
            else:
                self.problem(
                    f"closing tag {{{{< /{tag.name} >}}}} has no opening tag; kept as text",
                    tag.start,
                )
        calls = sorted((t.call for t in self.tags if t.call is not None), key=lambda c: c.start)
        open_calls: list[Call] = []
        for call in calls:
            while open_calls and call.start >= open_calls[-1].end:
                open_calls.pop()
            if open_calls:
                open_calls[-1].children.append(call)
            else:
                self.result.calls.append(call)
            if call.paired:
                open_calls.append(call)


def scan(text: str, first_line: int = 1) -> ScanResult:
    """Find the shortcode calls, escapes and problems of ``text``.

    :param text: Markdown text.
    :param first_line: the file line of ``text[0]``; all lines reported are file lines.
    """
    if "{{" not in text:
        return ScanResult()
    return _Scanner(text, first_line).run()
