"""Hugo's own test cases, run against our pure Hugo layer, to show where we differ.

The cases are transcribed from Hugo's and spf13/cast's Go tests into our own
notation, one fixture file per area (``tests/fixtures/hugo/``); each case is
titled with the Go test it comes from:

- ``shortcode_lexer.md``: hugo ``parser/pageparser/pageparser_shortcode_test.go``
  (and ``TestHasShortcode`` of ``pageparser_test.go``), run through :func:`.lexer.scan`;
- ``shortcode_params.md``: hugo ``hugolib/shortcode_test.go`` as it was before its
  removal (at a2469d504^, November 2025; titled ``shortcode_test.go``) and, for the
  ``.Get``/``.IsNamedParams``/``.Inner`` tests that version had already lost, as it
  was before the Blackfriday removal (at 0f8dc4703^, May 2022; titled
  ``shortcode_test.go@0f8dc4703^``), run through :func:`.lexer.scan`;
- ``front_matter.md``: hugo ``parser/pageparser/pageparser_intro_test.go``,
  ``pagelexer_intro_test.go``, what ``pagelexer_intro.go`` does (leading white
  space, delimiters) and a few hugolib pages, run through
  :func:`.frontmatter.split_front_matter`;
- ``dates.md``: spf13/cast v1.10.0 (Hugo's) ``time_test.go`` and the layouts of
  ``internal/time.go``, hugo ``hugolib/dates_test.go``, run through
  :func:`.metadata.normalise` (a ``date`` field), hence :func:`.dates.parse_date`.

Notation (the same in every file)
---------------------------------

Each case is, as in ``fixtures/lexer/cases.md`` (read by
:func:`helpers.read_cases`), a title line, ``.``, the input, ``.``, the
expected output, ``.``.  The input is the lines between the dots joined by
newlines, so an empty last line means the text ends with a newline.  In inputs
``→`` stands for a tab, ``␣`` for a space, ``␍`` for a carriage return and
``<BOM>`` for U+FEFF, to keep them visible.

In the expected output, a line starting with ``#`` is a note, not compared.  A
line ``error: <message>`` says that Hugo fails there (the message is Hugo's where
it has one, for reference).  Where Hugo errors we must not raise, but
report a problem and keep the broken text as text: such a case passes when our
layer reports at least one problem (in our own words) and every other line
matches; a case without ``error:`` passes only when we report no problem.

``shortcode_lexer.md``: test_lexer.py's dump of :func:`.lexer.scan`: one line
per call, ``call <name> args=[...] params={...} [markdown] [self-closing]
[paired] lines=<first>..<last>`` (children indented by two spaces), then one
per escape, ``escape <line>: '<what it shows>'``.  Hugo's lexer emits tokens;
each shortcode tag pair there is one call here.

``shortcode_params.md``: what a Hugo template sees, one line per call
(children indented): the tag as ``{{< name >}}``, ``{{% name %}}`` or
``{{< name />}}``, then ``.Params=`` (a list for positional parameters, a dict
for named ones, ``[]`` for none) and, for a paired call only, ``.Inner=`` (the
raw text between the tags: nested calls are in it, and on the indented lines
after it).  Values are shown as their text, as Python string literals (their
Go types only in ``types=``); ``None`` is "not there" (Hugo's ``nil`` or empty
string).  A line may ask for more, and gets it computed for that call
only: ``.Get 0=...`` / ``.Get "id"=...``, ``.IsNamedParams=true|false``,
``types=bool,int,float64,string`` (the Go types Hugo gives the values: bare
``true``/``false``, integers and decimals are typed, quoted values are
strings; ours are all text) and ``.Position=<line>:<column>``.  ``escape
'<what it shows>'`` is an escape.

``front_matter.md``: ``format: yaml|toml|json|org|none``, ``data:`` (the
block's fields as sorted JSON), ``body:`` (the text after the block, as a JSON
string: the lines after ``end_line``, without a BOM, which our source codec
drops; the whole text when there is no block) and, when the body has
shortcodes, ``calls:`` (their names, in order).

``dates.md``: the input is a ``date`` front-matter value: the text itself (a
string), or ``!yaml <text>`` / ``!toml <text>`` / ``!json <text>`` for the value
our YAML / TOML / JSON reader makes of ``<text>`` (a date, a number...).  The
expected output is the date as ISO 8601 with its offset (what
``datetime.isoformat`` writes), ``none`` (no date and no problem: Hugo skips an
empty value) or ``error: ...`` (Hugo: "not a parsable date").  A title ending
in ``[timeZone=<IANA name>]`` is for a site with that ``timeZone`` (Hugo's
default is UTC): it is passed to :func:`.dates.parse_date` as a second argument
once that takes one; until then the case runs with UTC.

Failing cases
-------------

Every case runs.  Those we fail are marked, never skipped:

- :data:`DEVIATIONS`: we differ from Hugo on purpose, and say so in our
  docstrings or docs (the reason quotes where);
- :data:`KNOWN_BUGS`: we differ and should not; to be fixed in the package.

Both are ``xfail(strict=True)``: a case that starts passing fails the suite
until its entry is removed.
"""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers import read_cases

from sphinxcontrib_linkerdblog.hugo.dates import parse_date
from sphinxcontrib_linkerdblog.hugo.frontmatter import FrontMatter, split_front_matter
from sphinxcontrib_linkerdblog.hugo.lexer import Call, ScanResult, scan, typed
from sphinxcontrib_linkerdblog.hugo.metadata import normalise

FIXTURES = Path(__file__).parent / "fixtures" / "hugo"
MARKERS = {"→": "\t", "␣": " ", "␍": "\r", "<BOM>": "\ufeff"}

# Where we differ from Hugo on purpose (documented); title -> why.
_CODE = (
    "deliberate: shortcodes inside Markdown code are kept verbatim (lexer.py module "
    "docstring; docs/shortcodes.md 'Code stays code'); Hugo's lexer knows no Markdown "
    "and runs them"
)
_MIXED = (
    "deliberate: mixing positional and named parameters is a problem but the call keeps "
    "both (tests/fixtures/lexer/cases.md, 'a problem, both kept'); Hugo fails the page "
    "('Cannot mix named and positional parameters')"
)
_LENIENT = (
    "deliberate: we read more than Hugo's date layouts (dates.py module docstring: RFC 2822 "
    "with the time optional, any ISO 8601, dateutil as a last resort; docs/frontmatter.md); "
    "Hugo fails the page ('not a parsable date')"
)
DEVIATIONS: dict[str, str] = {
    # shortcode_lexer.md
    "pageparser_shortcode_test.go: indented on first line": _CODE,
    "pageparser_shortcode_test.go: close with extra keyword": (
        "deliberate: 'a closing tag with parameters still closes (with a problem)' (lexer.py "
        "module docstring); Hugo fails the page ('unclosed shortcode')"
    ),
    "pageparser_shortcode_test.go: one named param, one not": _MIXED,
    "pageparser_shortcode_test.go: one named param, one quoted positional param, "
    "both raw strings": _MIXED,
    "pageparser_shortcode_test.go: one named param, one quoted positional param": _MIXED,
    "pageparser_shortcode_test.go: one quoted positional param, one named param": _MIXED,
    "pageparser_shortcode_test.go: ono positional param, one not": _MIXED,
    # shortcode_params.md
    "shortcode_test.go: TestShortcodeCodeblockIndent": _CODE,
    "shortcode_test.go: TestShortcodeHighlightDeindent": _CODE,
    "shortcode_test.go: TestShortcodeInCodeFenceHyphen": _CODE,
    "shortcode_test.go@0f8dc4703^: TestShortcodesInSite (doc6, in a fenced code block)": _CODE,
    # front_matter.md
    "pagelexer_intro.go: lexFrontMatterJSON (a post that starts with a shortcode, issue 7176)": (
        "deliberate: a text starting with '{{<' or '{{%' is body, not JSON front matter "
        "(frontmatter.py, split_front_matter); Hugo takes it for JSON and fails (hugo#7176)"
    ),
    # dates.md
    "internal/time.go: ParseDateWith (no layout: RFC1123Z with a one-digit day)": _LENIENT,
    "internal/time.go: ParseDateWith (no layout: RFC1123Z with a colon in the offset)": _LENIENT,
    "internal/time.go: ParseDateWith (no layout: RFC1123 without the time)": _LENIENT,
    "internal/time.go: ParseDateWith (no layout: date and time without seconds)": _LENIENT,
    "internal/time.go: ParseDateWith (no layout: month name, day, year)": _LENIENT,
    "time.go: ToTimeInDefaultLocationE (a JSON number is a float64: refused)": (
        "deliberate: a JSON integer date is read as Unix seconds, as YAML and TOML ones are "
        "(dates.py; docs/hugo-compatibility.md); Go decodes every JSON number as float64, "
        "which cast refuses"
    ),
    "internal/time.go: ParseDateWith (no layout: white space around the date)": (
        "deliberate: the value is stripped first (dates.py _parse_string; tested in "
        "tests/test_frontmatter.py); Go's layouts take no white space, Hugo fails the page"
    ),
}

KNOWN_BUGS: dict[str, str] = {}
"""Empty: every case found to differ by mistake has been fixed (add one here,
as ``"title": "bug: what Hugo does; what we do"``, when a new case shows a bug)."""


def _unmark(text: str) -> str:
    for marker, char in MARKERS.items():
        text = text.replace(marker, char)
    return text


# --- comparing ----------------------------------------------------------------


def _compare(ours: list[str], problems: list[str], expected: str) -> None:
    """Our lines must be the expected ones; problems must exist iff Hugo errors."""
    wanted = [line for line in expected.split("\n") if line and not line.startswith("#")]
    hugo_errors = [line for line in wanted if line.startswith("error")]
    wanted = [line for line in wanted if not line.startswith("error")]
    got = "\n".join(ours + (["error"] if problems else []))
    want = "\n".join(wanted + (["error"] if hugo_errors else []))
    detail = "\n".join(
        ["ours:", *ours, *(f"problem: {p}" for p in problems), "Hugo:", *wanted, *hugo_errors]
    )
    assert got == want, detail


# --- shortcode_lexer.md ---------------------------------------------------------


def _lexer_lines(result: ScanResult) -> list[str]:
    """test_lexer.py's dump, without its problem lines."""
    out: list[str] = []

    def add(call: Call, depth: int) -> None:
        flags = [("markdown", call.markdown), ("self-closing", call.self_closing)]
        flags.append(("paired", call.paired))
        shown = "".join(f" {flag}" for flag, on in flags if on)
        out.append(
            f"{'  ' * depth}call {call.name} args={call.args} params={call.params}{shown}"
            f" lines={call.line}..{call.end_line}"
        )
        for child in call.children:
            add(child, depth + 1)

    for call in result.calls:
        add(call, 0)
    for esc in result.escapes:
        out.append(f"escape {esc.line}: {esc.replacement!r}" + (" in code" if esc.in_code else ""))
    return out


def run_lexer(source: str, expected: str) -> None:
    result = scan(source)
    _compare(_lexer_lines(result), [p.message for p in result.problems], expected)


# --- shortcode_params.md --------------------------------------------------------

_GET = re.compile(r'\.Get (\d+|"[^"]*")=')


@dataclass
class _Wanted:
    """What one expected call line asks for beyond the defaults."""

    gets: list[str]
    named: bool
    types: bool
    position: bool


def _wanted(line: str) -> _Wanted:
    return _Wanted(
        gets=_GET.findall(line),
        named=".IsNamedParams=" in line,
        types=" types=" in line,
        position=".Position=" in line,
    )


def _params_line(text: str, call: Call, depth: int, wanted: _Wanted) -> str:
    if call.self_closing:
        tag = f"{{{{{'%' if call.markdown else '<'} {call.name} />}}}}"
    elif call.markdown:
        tag = f"{{{{% {call.name} %}}}}"
    else:
        tag = f"{{{{< {call.name} >}}}}"
    if call.args and call.params:
        params: Any = f"{call.args!r}+{call.params!r}"
    else:
        params = repr(call.params) if call.params else repr(call.args)
    parts = [f"{'  ' * depth}{tag}", f".Params={params}"]
    if call.paired:
        parts.append(f".Inner={call.inner(text)!r}")
    for key in wanted.gets:
        if key.startswith('"'):
            value: str | None = call.params.get(key[1:-1]) if not call.args else None
        else:
            index = int(key)
            value = call.args[index] if index < len(call.args) and not call.params else None
        parts.append(f".Get {key}={value!r}")
    if wanted.named:
        parts.append(f".IsNamedParams={'true' if call.params else 'false'}")
    if wanted.types:
        go = {bool: "bool", int: "int", float: "float64", str: "string"}
        values = [
            *(typed(v, str(i) in call.quoted) for i, v in enumerate(call.args)),
            *(typed(v, k in call.quoted) for k, v in call.params.items()),
        ]
        parts.append("types=" + ",".join(go[type(value)] for value in values))
    if wanted.position:
        column = call.start - (text.rfind("\n", 0, call.start) + 1) + 1
        parts.append(f".Position={call.line}:{column}")
    return " ".join(parts)


def run_params(source: str, expected: str) -> None:
    result = scan(source)
    call_lines = [
        line
        for line in expected.split("\n")
        if line.lstrip().startswith("{{") and not line.startswith("#")
    ]
    ours: list[str] = []
    index = 0

    def add(call: Call, depth: int) -> None:
        nonlocal index
        asked = call_lines[index] if index < len(call_lines) else ""
        index += 1
        ours.append(_params_line(source, call, depth, _wanted(asked)))
        for child in call.children:
            add(child, depth + 1)

    for call in result.calls:
        add(call, 0)
    ours.extend(f"escape {esc.replacement!r}" for esc in result.escapes)
    _compare(ours, [p.message for p in result.problems], expected)


# --- front_matter.md ------------------------------------------------------------


def _body(text: str, front: FrontMatter) -> str:
    """The body as the package takes it: the lines after the block (see cli/convert/text.py)."""
    text = text.removeprefix("\ufeff")
    return "\n".join(text.split("\n")[front.end_line :]) if front.end_line else text


def run_front_matter(source: str, expected: str) -> None:
    front = split_front_matter(source)
    body = _body(source, front)
    ours = [
        f"format: {front.format or 'none'}",
        "data: " + json.dumps(front.data, sort_keys=True, ensure_ascii=False, default=str),
        "body: " + json.dumps(body, ensure_ascii=False),
    ]
    calls = scan(body, front.end_line + 1).calls
    if calls:
        ours.append("calls: " + ", ".join(call.name for call in calls))
    _compare(ours, [p.message for p in front.problems], expected)


# --- dates.md -------------------------------------------------------------------

_ZONE = re.compile(r"\s*\[timeZone=([^\]]+)\]$")


def _value(source: str) -> Any:
    """A front-matter value as our readers make it (see the notation above)."""
    kind, _, text = source.partition(" ")
    wrappers = {
        "!yaml": ("---\nv: {}\n---\n", "v"),
        "!toml": ("+++\nv = {}\n+++\n", "v"),
        "!json": ('{{"v": {}}}\n', "v"),
    }
    if kind not in wrappers:
        return source
    template, key = wrappers[kind]
    front = split_front_matter(template.format(text))
    assert not front.problems, front.problems
    return front.data[key]


def _takes_zone() -> bool:
    return len(inspect.signature(parse_date).parameters) > 1


def run_date(title: str, source: str, expected: str) -> None:
    value = _value(source)
    zone = _ZONE.search(title)
    problems: list[str] = []
    if zone and _takes_zone():
        try:
            got = parse_date(value, ZoneInfo(zone.group(1)))  # type: ignore[call-arg]
            ours = [got.isoformat()]
        except ValueError as exc:
            ours, problems = [], [str(exc)]
    else:
        front = FrontMatter("yaml", {"date": value}, 3, [], {"date": 2})
        meta, found = normalise(front)
        ours = [meta.date.isoformat()] if meta.date else ([] if found else ["none"])
        problems = [p.message for p in found]
    _compare(ours, problems, expected)


# --- the cases ------------------------------------------------------------------

RUNNERS = {
    "shortcode_lexer.md": lambda title, source, expected: run_lexer(source, expected),
    "shortcode_params.md": lambda title, source, expected: run_params(source, expected),
    "front_matter.md": lambda title, source, expected: run_front_matter(source, expected),
    "dates.md": run_date,
}


def _cases() -> list[Any]:
    params: list[Any] = []
    titles: set[str] = set()
    for name in RUNNERS:
        for title, source, expected in read_cases(FIXTURES / name):
            assert title not in titles, f"{name}: two cases are titled {title!r}"
            titles.add(title)
            marks = []
            reason = DEVIATIONS.get(title) or KNOWN_BUGS.get(title)
            if reason:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            params.append(
                pytest.param(name, title, _unmark(source), expected, marks=marks, id=title)
            )
    listed = set(DEVIATIONS) | set(KNOWN_BUGS)
    assert not listed - titles, f"entries for no case: {sorted(listed - titles)}"
    assert not set(DEVIATIONS) & set(KNOWN_BUGS), "a case is both a deviation and a bug"
    return params


@pytest.mark.parametrize(("fixture", "title", "source", "expected"), _cases())
def test_hugo_case(fixture: str, title: str, source: str, expected: str) -> None:
    RUNNERS[fixture](title, source, expected)
