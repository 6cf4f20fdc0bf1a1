"""Hugo front matter: find the block at the start of a post and read it (pure).

:func:`split_front_matter` finds the YAML (``---``), TOML (``+++``) or JSON
(``{ ... }``) block at the start of a post and reads it, as Hugo does; what the
fields mean is :mod:`.metadata`'s.  Nothing here raises on bad input: every
problem becomes a :class:`Problem` with the file line it concerns, so the
Sphinx side can warn and still build the page.

Every post of a site goes through here before Sphinx reads anything, so the work
is kept small: regular expressions are compiled once, the body after the block
is never split, and YAML is read with libyaml when PyYAML has it.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import yaml

from .text import strip_invalid

Format = Literal["yaml", "toml", "json", "org"]

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The same safe loader, but timestamps stay text.  Used again when YAML takes a
# value for a date that is no real one ("2019-02-30"): PyYAML then raises a bare
# ValueError that would lose the whole block; read as text, normalise reports
# that one date on its own line.
_TEXT_DATES_LOADER: Any = type("_TextDatesLoader", (_LOADER,), {})
_TEXT_DATES_LOADER.add_constructor("tag:yaml.org,2002:timestamp", _LOADER.construct_yaml_str)


# The keys a mapping repeats, each with the 0-based line of its repetition.
_Repeated = list[tuple[str, int]]


def _recording_loader(base: Any) -> Any:
    """``base`` that also records the keys a mapping repeats: YAML forbids them,
    Hugo refuses the page, PyYAML silently keeps the last value."""

    def construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
        seen: set[object] = set()
        for key_node, _value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                self.linkerdblog_duplicates.append((str(key), key_node.start_mark.line))
            seen.add(key)
        return base.construct_mapping(self, node, deep)

    return type(f"_Recording{base.__name__}", (base,), {"construct_mapping": construct_mapping})


_RECORDING_LOADER: Any = _recording_loader(_LOADER)
_RECORDING_TEXT_DATES_LOADER: Any = _recording_loader(_TEXT_DATES_LOADER)

_OPENERS: dict[str, Format] = {"---": "yaml", "+++": "toml"}
_CLOSERS = {
    "yaml": re.compile(r"^---[ \t]*\r?$", re.M),  # Hugo ends YAML at "---" only
    "toml": re.compile(r"^\+\+\+[ \t]*\r?$", re.M),
}
# Keys found without parsing, to place warnings: YAML ``key:`` (indented ones
# are kept as ``parent.key``), TOML ``key =`` and ``[table]``, JSON ``"key":``.
_YAML_KEY = re.compile(r"""^( *)["']?(\w[\w .-]*?)["']?[ \t]*:(?=[ \t]|\r?$)""", re.M)
_TOML_KEY = re.compile(r"""^[ \t]*(?:\[\[?\s*([^\]\n]+?)\s*\]|([\w"'. \t-]+?)[ \t]*=)""", re.M)
_JSON_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"(?=\s*:)|"(?:[^"\\\n]|\\.)*"|[{}\[\]\n]')
_ORG_LINE = re.compile(r"#\+([^:\s]+):[ \t]*(.*)")
_ORG_DATE = re.compile(r"[<\[](\d{4}-\d{2}-\d{2})(?:\s+[^\s\d>\]]+)?(?:\s+(\d{1,2}:\d{2}))?[>\]]")
_LINE_IN_MESSAGE = re.compile(r"(\bline )(\d+)")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the front matter, at a 1-based line of the file."""

    message: str
    subtype: str  # "frontmatter", "date" or "encoding"
    line: int


@dataclass(slots=True)
class FrontMatter:
    """The front-matter block of a file, read but not yet interpreted.

    ``key_lines`` maps each top-level key, lower case (Hugo ignores the case of
    keys), to its file line, and a key one level down as ``"params.author"``: a
    best guess made without parsing, only used to place warnings.
    """

    format: Format | None
    data: dict[str, Any]
    end_line: int  # last line of the block (its closing delimiter); 0 when none
    problems: list[Problem] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)


def split_front_matter(text: str) -> FrontMatter:
    """Find and read the front matter at the start of ``text``, as Hugo does.

    :param text: the whole file; a leading byte-order mark is ignored.
    :return: the block's data, the line it ends on and what went wrong.  A block
        that is never closed is reported on line 1 and left to the body (nothing
        lost); one that does not parse is reported on the line of the error and
        still ends at its delimiter, so the body stays the body.
    """
    text = text.removeprefix("\ufeff")
    rest = text.lstrip(" \t\r\n")
    if len(rest) != len(text) and rest.startswith(("-", "+", "{", "#+")):
        # Hugo skips white space (blank lines too) before the front matter.
        skipped = text.count("\n", 0, len(text) - len(rest))
        front = split_front_matter(rest)
        return _shifted(front, skipped) if front.format is not None or front.problems else front
    if text.startswith(("---", "+++")):
        eol = text.find("\n")
        opener = (text if eol == -1 else text[:eol]).rstrip()
        fmt = _OPENERS.get(opener)
        if fmt is not None:
            start = len(text) if eol == -1 else eol + 1
            closer = _CLOSERS[fmt].search(text, start)
            if closer is None:
                return _unclosed(f"the {fmt.upper()} front matter opened by {opener!r} on line 1")
            block = text[start : closer.start()]
            block = block[:-2] if block.endswith("\r\n") else block[:-1]  # its last newline
            end_line = text.count("\n", 0, closer.start()) + 1
            lines = _yaml_key_lines(block) if fmt == "yaml" else _toml_key_lines(block)
            return _read(fmt, block, end_line, lines)
    if text.startswith(("-", "+")):
        first = text.split("\n", 1)[0].rstrip()
        message = (
            f"the file starts with {first[:30]!r}: Hugo takes a first '-' or '+' for a "
            "front-matter delimiter ('---' or '+++' alone on line 1) and refuses the file "
            "('invalid delimiter'); it is read as body text"
        )
        return FrontMatter(None, {}, 0, [Problem(message, "frontmatter", 1)])
    # "{{<" opens a shortcode, which no JSON object does: body, not front matter.
    if text.startswith("{") and not text.startswith("{{"):
        return _split_json(text)
    if text.startswith("#+"):
        return _split_org(text)
    return FrontMatter(None, {}, 0)


def _split_org(text: str) -> FrontMatter:
    """Org-mode front matter: the leading ``#+KEY: value`` lines, as Hugo's Org
    decoder reads them (keys lower case, ``key[]`` split on spaces, ``filetags``
    on colons, a repeated key a list, Org timestamps ``<2020-01-02 Thu>`` as dates)."""
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    lines = text.split("\n")
    end = 0
    for number, line in enumerate(lines, start=1):
        found = _ORG_LINE.fullmatch(line.rstrip("\r"))
        if not line.startswith("#+"):
            break
        end = number
        if found is None:
            continue
        key, value = found.group(1).lower(), found.group(2).strip()
        value_of: Any = value
        if key.endswith("[]"):
            key, value_of = key[:-2], value.split()
        elif key == "filetags":
            value_of = value.strip(":").split(":")
        elif key in ("date", "lastmod", "publishdate", "expirydate"):
            stamp = _ORG_DATE.fullmatch(value)
            value_of = " ".join(p for p in stamp.groups() if p) if stamp else value
        if key in data and not isinstance(data[key], list) and not key.endswith("[]"):
            data[key] = [data[key], value_of] if isinstance(value_of, str) else value_of
        else:
            data[key] = value_of
        key_lines.setdefault(key, number)
    return FrontMatter("org", data, end, [], key_lines)


def _shifted(front: FrontMatter, lines: int) -> FrontMatter:
    """``front`` read after ``lines`` leading lines: every line number moved down."""
    if front.end_line:
        front.end_line += lines

    def moved(message: str) -> str:  # "(at line 4, column 1)" names a file line too
        return _LINE_IN_MESSAGE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + lines}", message)

    front.problems = [Problem(moved(p.message), p.subtype, p.line + lines) for p in front.problems]
    front.key_lines = {key: line + lines for key, line in front.key_lines.items()}
    return front


def _unclosed(what: str) -> FrontMatter:
    """The result for a block without its end: no front matter, one problem."""
    message = f"{what} is never closed; the file is read as if it had none"
    return FrontMatter(None, {}, 0, [Problem(message, "frontmatter", 1)])


def _yaml_key_lines(block: str) -> dict[str, int]:
    """File lines of YAML keys: top-level ones, and ``parent.key`` one level down."""
    lines: dict[str, int] = {}
    line, position, top, child_indent = 2, 0, "", 0
    for found in _YAML_KEY.finditer(block):
        line += block.count("\n", position, found.start())
        position = found.start()
        indent, key = len(found.group(1)), found.group(2).lower()
        if indent == 0:
            top, child_indent = key, 0
            lines.setdefault(key, line)
        elif top:
            child_indent = child_indent or indent
            if indent == child_indent:
                lines.setdefault(f"{top}.{key}", line)
    return lines


def _toml_key_lines(block: str) -> dict[str, int]:
    """File lines of TOML keys, of tables (``[params]`` is ``params``) and their keys."""
    lines: dict[str, int] = {}
    line, position, table = 2, 0, []
    for found in _TOML_KEY.finditer(block):
        line += block.count("\n", position, found.start())
        position = found.start()
        header, key = found.group(1), found.group(2)
        parts = [part.strip().strip("\"'").lower() for part in (header or key).split(".")]
        if header is not None:
            table = parts  # the keys below belong to this table
        else:
            parts = table + parts
        lines.setdefault(parts[0], line)
        if len(parts) > 1:
            lines.setdefault(f"{parts[0]}.{parts[1]}", line)
    return lines


def _split_json(text: str) -> FrontMatter:
    """Find the JSON object at the start of ``text`` (braces in strings do not count)."""
    lines: dict[str, int] = {}
    depth, line, key = 0, 1, ""
    parents: list[str] = []  # the top-level key each open object is the value of
    for token in _JSON_TOKEN.finditer(text):
        kind = token.group()[0]
        if kind == "\n":
            line += 1
        elif kind == '"':
            name = token.group(1)
            if name is not None and depth == 1:
                key = name.lower()
                lines.setdefault(key, line)
            elif name is not None and depth == 2 and parents[-1]:
                lines.setdefault(f"{parents[-1]}.{name.lower()}", line)
        elif kind in "{[":
            parents.append(key if depth == 1 and kind == "{" else "")
            depth += 1
        else:
            depth -= 1
            if depth <= 0:
                return _read("json", text[: token.end()], line, lines)
            parents.pop()
    return _unclosed("the JSON front matter opened by '{' on line 1")


def _read(fmt: Format, block: str, end_line: int, key_lines: dict[str, int]) -> FrontMatter:
    """Parse one block, which starts on file line 2 (YAML, TOML) or 1 (JSON)."""
    front = FrontMatter(fmt, {}, end_line, [], key_lines)
    first_line = 1 if fmt == "json" else 2
    data: Any
    repeated: _Repeated = []
    try:
        if fmt == "yaml":
            data = _load_yaml(block, repeated)
        elif fmt == "toml":
            data = tomllib.loads(block)  # refuses a repeated key itself
        else:
            data = json.loads(block, object_pairs_hook=lambda pairs: _json_object(pairs, repeated))
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # the TOML and JSON errors too
        front.problems.append(_parse_problem(fmt, exc, block))
        return front
    data = {} if data is None else data  # None: an empty or comments-only YAML block
    if not isinstance(data, dict):
        message = f"the {fmt.upper()} front matter is {describe(data)}, not a mapping of fields;"
        front.problems.append(Problem(message + " it is ignored", "frontmatter", first_line))
        return front
    for key, line in repeated:
        where = first_line + line if fmt == "yaml" else key_lines.get(key.lower(), first_line)
        hugo = "Hugo refuses the page" if fmt == "yaml" else "Hugo uses the last too"
        message = f"{key!r} is given more than once ({hugo}); the last value is used"
        front.problems.append(Problem(message, "frontmatter", where))
    data, removed = _without_control(data)
    if removed:
        message = (
            f"{removed} control character(s) removed from front-matter values "
            "(written as escapes; no page or feed can hold them)"
        )
        front.problems.append(Problem(message, "encoding", first_line))
    front.data = data
    return front


def _without_control(value: Any) -> tuple[Any, int]:
    """``value`` (parsed front matter) with XML-invalid characters removed from its
    texts, and how many were removed.  Escapes such as YAML's ``"\\x01"`` or
    JSON's ``"\\u0000"`` make them even though the file itself is clean."""
    if isinstance(value, str):
        cleaned = strip_invalid(value)
        return cleaned, len(value) - len(cleaned)
    if isinstance(value, list):
        pairs = [_without_control(item) for item in value]
        return [item for item, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        removed, result = 0, {}
        for key, item in value.items():
            clean_key, n_key = _without_control(key) if isinstance(key, str) else (key, 0)
            clean_item, n_item = _without_control(item)
            result[clean_key] = clean_item
            removed += n_key + n_item
        return result, removed
    return value, 0


MAX_YAML_NODES = 100_000
"""Values a YAML block may stand for once its aliases are expanded; more is an
"alias bomb" (a few lines that expand to millions of values), which Hugo's YAML
reader refuses as excessive aliasing, and so do we."""


class ExcessiveAliasing(ValueError):
    """A YAML block whose aliases expand beyond :data:`MAX_YAML_NODES` values."""


def _expanded_size(root: yaml.Node) -> int:
    """How many values ``root`` stands for with every alias expanded (stops early)."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()  # a node met again while its children are counted: a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if not done:
            if id(node) in visiting:
                return MAX_YAML_NODES + 1  # a recursive structure has no end
            visiting.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        visiting.discard(id(node))
        size = 1 + sum(sizes.get(id(child), 1) for child in children)
        if size > MAX_YAML_NODES:
            return size
        sizes[id(node)] = size
    return sizes.get(id(root), 1)


def _json_object(pairs: list[tuple[str, Any]], repeated: _Repeated) -> dict[str, Any]:
    """A JSON object, its repeated keys recorded (the line is placed later)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            repeated.append((key, 0))
        data[key] = value
    return data


def _load_yaml(block: str, repeated: _Repeated | None = None) -> Any:
    """Safe-load YAML; a date YAML recognises but cannot build is kept as text.

    :raises ExcessiveAliasing: for an alias bomb (checked only when the block
        has both an anchor and an alias, so ordinary posts pay nothing).
    """
    if not block.strip():
        return None
    if "&" in block and "*" in block:
        loader = _LOADER(block)
        try:
            root = loader.get_single_node()
            if root is not None and _expanded_size(root) > MAX_YAML_NODES:
                raise ExcessiveAliasing(
                    f"its aliases expand to more than {MAX_YAML_NODES:,} values "
                    "(excessive aliasing, which Hugo refuses too)"
                )
        finally:
            loader.dispose()
    try:
        return _load_with(_RECORDING_LOADER, block, repeated)
    except (ValueError, OverflowError):
        if repeated is not None:
            repeated.clear()  # read again from the start
        return _load_with(_RECORDING_TEXT_DATES_LOADER, block, repeated)


def _load_with(loader_class: Any, block: str, repeated: _Repeated | None) -> Any:
    """``yaml.load`` with a recording safe loader, its repeated keys into ``repeated``."""
    loader = loader_class(block)
    loader.linkerdblog_duplicates = repeated if repeated is not None else []
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _parse_problem(fmt: Format, exc: Exception, block: str) -> Problem:
    """The problem for a block that does not parse, on the file line of the error.

    Each parser counts lines from the start of what it was given; the block
    starts on file line 2 (YAML, TOML) or 1 (JSON).  The line in the message is
    rewritten to the file line, so that it agrees with the warning's location.
    """
    line, where = (1 if fmt == "json" else 2), ""
    if isinstance(exc, yaml.MarkedYAMLError):
        what = exc.problem or exc.context or "syntax error"
        if exc.problem_mark is not None:
            line += exc.problem_mark.line
            where = f" (at line {line}, column {exc.problem_mark.column + 1})"
        if exc.context and exc.problem and exc.context_mark is not None:
            start = exc.context_mark  # where the construct the error concerns began
            where += f", {exc.context} (at line {2 + start.line}, column {start.column + 1})"
    elif isinstance(exc, json.JSONDecodeError):
        what, line = exc.msg, exc.lineno
        where = f" (at line {line}, column {exc.colno})"
    elif isinstance(exc, tomllib.TOMLDecodeError) and (found := _TOML_AT.search(str(exc))):
        what, line = str(exc)[: found.start()].rstrip(), 1 + int(found.group(1))
        where = f" (at line {line}, column {found.group(2)})"
    elif isinstance(exc, tomllib.TOMLDecodeError):  # "(at end of document)"
        what = str(exc).replace(" (at end of document)", "")
        line = 2 + block.rstrip().count("\n")  # the block's last line with something on it
        where = f" (at the end of the block, line {line})"
    else:  # no position: a YAML ReaderError, a value PyYAML cannot build
        what = str(exc).partition("\n")[0] or type(exc).__name__
    return Problem(f"invalid {fmt.upper()} front matter: {what}{where}", "frontmatter", line)


def describe(value: Any) -> str:
    """A value's kind and, for a scalar, the value itself, for messages."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, date):
        return f"the date {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    kinds: dict[type, str] = {dict: "a mapping", list: "a list"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def scalar_text(value: Any) -> str:
    """The text a scalar stands for: ``str``, but booleans as YAML writes them."""
    return str(value).lower() if isinstance(value, bool) else str(value)
