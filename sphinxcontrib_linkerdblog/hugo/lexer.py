"""Hugo shortcode lexer (pure, stdlib only): find every call in a Markdown text.

It reads Hugo's syntax so that posts build unchanged: ``{{< name params >}}``
and ``{{% name params %}}``, positional and named parameters, values bare,
"quoted" (with backslash escapes) or in `raw backticks`, self-closing ``/>}}``,
paired tags with inner content (nested calls become ``children``), tags spread
over several lines, and Hugo's escape ``{{</* ... */>}}``, which shows
``{{< ... >}}``.

A closing tag closes the nearest open call of its name (calls opened after
that one stay standalone, as children); an opening tag never closed is a
standalone call.  Shortcodes inside Markdown code (fenced blocks, indented
blocks outside list items, inline code spans) are text: neither calls nor
problems.  Escapes are reported everywhere, code included, since showing
shortcode syntax inside code is what they are for.  Anything that is not a
valid shortcode is a :class:`LexProblem` and its text is left as written.

Where Hugo is stricter or silent, we chose: a quoted value holds no line break
(Hugo refuses one); a bare value never holds a quote or ``{{``, so a broken tag
stops before the next shortcode; a closing tag with parameters still closes
(with a problem); text is read left to right, so a tag's raw-backtick value is
not a code span, and backticks before a tag may make it code.

Speed matters, since every post goes through here: a text without ``{{<`` or
``{{%`` costs a few substring tests; otherwise ``str.find`` jumps from one
``{{`` to the next (much faster than a regex over the text), compiled regexes
read a tag one parameter at a time, and code is looked for only around those
offsets (see :mod:`._code`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .code_regions import CodeMap

_ESCAPE = re.compile(r"\{\{(?:</\*(.*?)\*/>|%/\*(.*?)\*/%)\}\}", re.S)
_NAME = r"\w[\w.-]*(?:/[\w.-]+)*"
_HEAD = re.compile(rf"\{{\{{[<%]\s*(/)?\s*({_NAME})")
# One parameter, or the tag end.  A bare value runs up to whitespace or the tag
# end and never takes a quote or a ``{{``, so that an unterminated tag stops
# before the next shortcode; quoted values hold no line break, as in Hugo.
_PARAM = re.compile(
    r"""\s*(?:
        (?P<end>(?P<slash>/)?\s*(?P<close>[>%])\}\})
      | (?:(?P<key>[\w-]+)[ \t]*=[ \t]*)?
        (?: "(?P<dq>[^"\\\n]*(?:\\.[^"\\\n]*)*)"
          | \\"(?P<edq>[^"\\\n]*)\\"
          | (?P<badescape>\\`)
          | `(?P<raw>[^`]*)`
          | (?P<bare>(?:[^\s"`/>%{]+|/(?!\s*[>%]\}\})|[>%](?!\}\})|\{(?!\{))+)
        )
    )""",
    re.X,
)
_DQ_ESCAPE = re.compile(r"\\([\"\\])")
MAX_DEPTH = 20
"""Paired calls nested deeper than this are kept as text (Hugo sites nest two or three)."""
_CLOSE = {"<": ">", "%": "%"}


@dataclass(slots=True)
class Call:
    """One shortcode call; offsets index the scanned text, lines are file lines."""

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
    quoted: frozenset[str] = frozenset()  # keys, or positions as text, of quoted values

    @property
    def paired(self) -> bool:
        """Whether the call has a closing tag (and so inner content)."""
        return self.close_start is not None

    def inner(self, text: str) -> str:
        """The text between the tags of a paired call, ``""`` otherwise."""
        return text[self.open_end : self.close_start] if self.close_start is not None else ""


@dataclass(slots=True)
class Escape:
    """Hugo's ``{{</* x */>}}``, which shows ``{{< x >}}``.

    ``in_code`` tells the rewriter whether the replacement lands in code (kept
    as is) or in Markdown text (where it must be escaped to stay literal).
    """

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
    """Top-level calls (nested ones in ``children``), escapes and problems, in source order."""

    calls: list[Call] = field(default_factory=list)
    escapes: list[Escape] = field(default_factory=list)
    problems: list[LexProblem] = field(default_factory=list)


@dataclass(slots=True)
class _Closing:
    """A closing tag, waiting to be paired with its opener."""

    name: str
    delim: str
    start: int
    end: int


class _Scanner:
    """One pass over a text: tags in source order, then pairing and nesting."""

    __slots__ = ("code", "line_at", "line_no", "result", "tags", "text")

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.result = ScanResult()
        self.tags: list[Call | _Closing] = []
        self.code = CodeMap(text)
        self.line_at, self.line_no = 0, first_line

    def line(self, offset: int) -> int:
        """The file line of ``offset``, counting only the newlines since the last question."""
        if offset >= self.line_at:
            self.line_no += self.text.count("\n", self.line_at, offset)
        else:
            self.line_no -= self.text.count("\n", offset, self.line_at)
        self.line_at = offset
        return self.line_no

    def problem(self, message: str, offset: int) -> None:
        self.result.problems.append(LexProblem(message, self.line(offset)))

    def run(self) -> ScanResult:
        text, code, pos = self.text, self.code, 0
        while (start := text.find("{{", pos)) >= 0:
            kind = text[start + 2 : start + 3]
            if kind != "<" and kind != "%":
                pos = start + 1
                continue
            code_end = code.code_end(start)
            if code_end is not None:
                self.escapes_in_code(start, code_end)
                pos = code_end
            elif text.startswith("/*", start + 3):
                pos = self.escape(start)
            else:
                pos = self.tag(start)
        self.pair()
        self.result.problems.sort(key=lambda p: p.line)
        return self.result

    def escapes_in_code(self, start: int, end: int) -> None:
        """Report the escapes of a code region (and no problem: code is text)."""
        if self.text.find("/*", start, end) >= 0:
            for match in _ESCAPE.finditer(self.text, start, end):
                self.add_escape(match, in_code=True)

    def add_escape(self, match: re.Match[str], in_code: bool) -> None:
        inner, delim = (
            (match.group(1), "<") if match.group(1) is not None else (match.group(2), "%")
        )
        replacement = "{{" + delim + inner + _CLOSE[delim] + "}}"
        line = self.line(match.start())
        self.result.escapes.append(Escape(match.start(), match.end(), replacement, line, in_code))

    def escape(self, start: int) -> int:
        """Read the escape at ``start``; return where scanning goes on.

        The code map is not moved past it: its text stays Markdown text, in
        which backticks may still open code spans.
        """
        match = _ESCAPE.match(self.text, start)
        if match is None:
            delim = self.text[start + 2]
            closer = "*/" + _CLOSE[delim] + "}}"
            self.problem(f"unterminated escape {{{{{delim}/*: no {closer}; kept as text", start)
            return start + 3
        self.add_escape(match, in_code=False)
        return match.end()

    def tag(self, start: int) -> int:
        """Read the tag at ``start``, one parameter at a time; return where scanning goes on."""
        text = self.text
        opener = text[start : start + 3]
        head = _HEAD.match(text, start)
        if head is None:
            self.problem(f"{opener} is not followed by a shortcode name; kept as text", start)
            return start + 3
        closing, name = bool(head.group(1)), head.group(2)
        args: list[str] = []
        params: dict[str, str] = {}
        pos, slash, close = head.end(), None, ""
        quoted: set[str] = set()  # the keys (or positions) of quoted values
        while (param := _PARAM.match(text, pos)) is not None:
            pos = param.end()
            end, slash, close, key, dq, edq, bad, raw, bare = param.groups()
            if end is not None:
                break
            if bad is not None:
                self.problem(f"unrecognized escape character \\` in shortcode {name!r}", start)
                return start + 3
            if bare == "/":
                message = f"'/' inside shortcode {name!r} is neither a value nor its end '/>}}}}'"
                self.problem(message + "; kept as text", start)
                return start + 3
            if bare is not None:
                value = bare
            elif raw is not None:
                value = raw
            elif edq is not None:
                value = edq  # \"a value\", as when the call sits in a Go string
            else:
                value = _DQ_ESCAPE.sub(r"\1", dq) if "\\" in dq else dq
            if bare is None:
                quoted.add(key if key is not None else str(len(args)))
            if key is not None:
                params[key] = value
            else:
                args.append(value)
        else:
            shown = f"{opener} {'/' if closing else ''}{name}"
            self.problem(f"unterminated shortcode {shown}; kept as text", start)
            return start + 3
        if close != _CLOSE[opener[2]]:
            self.problem(f"shortcode {opener} {name} is closed by {close}}}}}; kept as text", start)
            return start + 3
        self.code.skip(pos)
        if closing:
            if args or params or slash:
                shown = f"{opener} /{name} {_CLOSE[opener[2]]}}}}}"
                self.problem(f"closing tag {shown} takes no parameters; they are ignored", start)
            self.tags.append(_Closing(name, opener[2], start, pos))
            return pos
        if "." in name and not name.endswith(".inline"):
            message = f"shortcode name {name!r}: Hugo allows a '.' only in '.inline'"
            self.problem(message + "; kept as text", start)
            return start + 3
        if args and params:
            self.problem(f"shortcode {name!r} mixes positional and named parameters", start)
        line = self.line(start)
        closed = slash is not None
        call = Call(name, args, params, opener[2] == "%", start, pos, None, pos, line, line, closed)
        call.quoted = frozenset(quoted)
        call.end_line = self.line(pos - 1)
        self.tags.append(call)
        return pos

    def pair(self) -> None:
        """Close the nearest open call of the same name; nest calls inside paired calls.

        Linear in the number of tags: each name keeps the stack positions of its
        open calls, so a closing tag finds its opener without scanning the stack
        (an unmatched closing tag costs one dictionary lookup), and each call is
        pushed and dropped once.  Calls nested deeper than :data:`MAX_DEPTH`
        stay text inside the deepest allowed one (one problem says so).
        """
        stack: list[Call] = []
        open_by_name: dict[str, list[tuple[int, Call]]] = {}
        for tag in self.tags:
            if isinstance(tag, Call):
                if not tag.self_closing:
                    open_by_name.setdefault(tag.name, []).append((len(stack), tag))
                    stack.append(tag)
                continue
            candidates = open_by_name.get(tag.name, [])
            # Entries for calls already dropped from the stack are stale.
            while candidates and (
                candidates[-1][0] >= len(stack) or stack[candidates[-1][0]] is not candidates[-1][1]
            ):
                candidates.pop()
            if not candidates:
                shown = f"{{{{{tag.delim} /{tag.name} {_CLOSE[tag.delim]}}}}}"
                self.problem(f"closing tag {shown} has no opening tag; kept as text", tag.start)
                continue
            depth, call = candidates.pop()
            del stack[depth:]  # calls opened since then stay standalone
            call.close_start, call.end = tag.start, tag.end
            call.end_line = self.line(tag.end - 1)
            opened = "{{%" if call.markdown else "{{<"
            if opened[2] != tag.delim:
                closed = "{{" + tag.delim
                message = f"shortcode {tag.name!r} is opened with {opened} and closed with"
                self.problem(f"{message} {closed}", tag.start)
        self.nest()

    def nest(self) -> None:
        """Give each call its place: top level, or a child of the paired call around it."""
        open_calls: list[tuple[Call, bool]] = []  # (call, kept as a call)
        too_deep: Call | None = None
        for tag in self.tags:
            if not isinstance(tag, Call):
                continue
            while open_calls and tag.start >= open_calls[-1][0].end:
                open_calls.pop()
            inside_inline = bool(open_calls) and open_calls[-1][0].name.endswith(".inline")
            if inside_inline:
                message = "inline shortcodes do not support nesting; the inner one is kept as text"
                self.problem(message, tag.start)
                continue
            kept = len(open_calls) < MAX_DEPTH and (not open_calls or open_calls[-1][1])
            if not kept:
                too_deep = too_deep or tag
            elif open_calls:
                open_calls[-1][0].children.append(tag)
            else:
                self.result.calls.append(tag)
            if tag.close_start is not None:
                open_calls.append((tag, kept))
        if too_deep is not None:
            self.problem(
                f"shortcodes nested more than {MAX_DEPTH} deep; the deeper ones are kept as text",
                too_deep.start,
            )


_BOOL = re.compile(r"true|false")
_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?\d*\.\d+")


def typed(value: str, quoted: bool) -> str | bool | int | float:
    """A parameter's value as Hugo's templates see it (``ValTyped``): a bare
    ``true``/``false`` is a bool, ``33`` an int, ``3.14`` a float; a quoted value,
    or anything else, stays text."""
    if quoted:
        return value
    if _BOOL.fullmatch(value):
        return value == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def scan(text: str, first_line: int = 1) -> ScanResult:
    """Find the shortcode calls, escapes and problems of ``text``.

    :param text: Markdown text (a whole post, or its body after the front matter).
    :param first_line: the file line of ``text[0]``; every line reported is a file line.
    """
    if "{{" not in text or ("{{<" not in text and "{{%" not in text):
        return ScanResult()
    return _Scanner(text, first_line).run()


def all_calls(calls: list[Call]) -> list[Call]:
    """Every call, nested ones included, in source order (no recursion: any depth)."""
    found: list[Call] = []
    pending = list(reversed(calls))
    while pending:
        call = pending.pop()
        found.append(call)
        pending.extend(reversed(call.children))
    return found
