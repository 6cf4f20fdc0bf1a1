"""Hugo front matter: find it, read it, normalise it (pure, no Sphinx).

:func:`split_front_matter` finds the YAML (``---``), TOML (``+++``) or JSON
(``{ ... }``) block at the start of a post and reads it; :func:`normalise`
turns the data into one typed :class:`PostMeta`.  Neither ever raises on bad
input: every problem becomes a :class:`Problem` with the file line it concerns,
and values of the wrong type keep their text where they can, so the Sphinx side
can warn and still build the page.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import yaml

from .dates import parse_date

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DELIMS: dict[str, Literal["yaml", "toml"]] = {"---": "yaml", "+++": "toml"}
_TOML_LINE = re.compile(r"at line (\d+)")
# JSON strings (whose braces do not count) and braces.
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}]')
_KEY = {
    "yaml": re.compile(r"^([A-Za-z_][\w.-]*)\s*:", re.M),
    "toml": re.compile(r"^\s*\[?([A-Za-z_][\w.-]*)\]?\s*(?:=|$)", re.M),
    "json": re.compile(r'^\s*"([^"]+)"\s*:', re.M),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the front matter, at a 1-based line of the file."""

    message: str
    subtype: str  # "frontmatter" or "date"
    line: int


@dataclass(slots=True)
class FrontMatter:
    """The front-matter block of a file, read but not yet interpreted."""

    format: Literal["yaml", "toml", "json"] | None
    data: dict[str, Any]
    end_line: int  # last line of the block (its closing delimiter); 0 when none
    problems: list[Problem] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)


def _json_end(text: str) -> int:
    """Offset just past the ``}`` closing the JSON object at ``text[0]``, or -1."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return match.end()
    return -1


def split_front_matter(text: str) -> FrontMatter:
    """Find and read the front matter at the start of ``text``.

    :return: the block's data, where it ends and what went wrong.  An
        unterminated block is reported and treated as body text (nothing lost).
    """
    text = text.removeprefix("\ufeff")
    first, _, _ = text.partition("\n")
    opener = first.rstrip()
    if opener in _DELIMS:
        fmt = _DELIMS[opener]
        closers = ("---", "...") if fmt == "yaml" else ("+++",)
        lines = text.split("\n")
        for number in range(1, len(lines)):
            if lines[number].rstrip() in closers:
                block = "\n".join(lines[1:number])
                return _read(fmt, block, first_line=2, end_line=number + 1)
        return FrontMatter(
            None,
            {},
            0,
            [
                Problem(
                    f"the {fmt.upper()} front matter opened by {opener!r} is never closed",
                    "frontmatter",
                    1,
                )
            ],
        )
    if opener.startswith("{"):
        end = _json_end(text)
        if end == -1:
            return FrontMatter(
                None, {}, 0, [Problem("the JSON front matter is never closed", "frontmatter", 1)]
            )
        return _read("json", text[:end], first_line=1, end_line=text.count("\n", 0, end) + 1)
    return FrontMatter(None, {}, 0)


def _read(
    fmt: Literal["yaml", "toml", "json"], block: str, first_line: int, end_line: int
) -> FrontMatter:
    front = FrontMatter(fmt, {}, end_line)
    for match in _KEY[fmt].finditer(block):
        key = match.group(1).lower()
        front.key_lines.setdefault(key, first_line + block.count("\n", 0, match.start()))
    try:
        if fmt == "yaml":
            data = yaml.load(block, Loader=_Loader) if block.strip() else {}
        elif fmt == "toml":
            data = tomllib.loads(block)
        else:
            data = json.loads(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        front.problems.append(Problem(f"invalid YAML front matter: {problem}", "frontmatter", line))
        return front
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        if found:
            line = first_line + int(found.group(1)) - 1
        else:  # "at end of document": the block's last line
            line = first_line + max(block.count("\n"), 0)
        front.problems.append(Problem(f"invalid TOML front matter: {exc}", "frontmatter", line))
        return front
    except json.JSONDecodeError as exc:
        front.problems.append(
            Problem(
                f"invalid JSON front matter: {exc.msg}", "frontmatter", first_line + exc.lineno - 1
            )
        )
        return front
    if data is None:
        data = {}
    if not isinstance(data, dict):
        front.problems.append(
            Problem(
                f"the front matter is a {type(data).__name__}, not a set of fields; it is ignored",
                "frontmatter",
                first_line,
            )
        )
        return front
    front.data = data
    return front


@dataclass(slots=True)
class PostMeta:
    """A post's front matter, normalised (see the docs' front-matter page)."""

    title: str | None = None
    date: datetime | None = None
    publish_date: datetime | None = None
    lastmod: datetime | None = None
    expiry_date: datetime | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    draft: bool = False
    featured: bool = False
    thumbnail: str | None = None
    images: list[str] = field(default_factory=list)
    slug: str | None = None
    url: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    summary: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # Authors given inline as a mapping (``params.author: {name:, avatar:}``, as
    # linkerd.io does for guests), keyed by the name that stands in ``authors``.
    author_profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The data exactly as written, for ``{{< param "name" >}}`` and site templates.
    front: dict[str, Any] = field(default_factory=dict)
    # File line of each top-level key (lower case), to place warnings.
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def effective_date(self) -> datetime | None:
        """The publication date as Hugo picks it: date, publishDate, lastmod."""
        return self.date or self.publish_date or self.lastmod


_DATES = {
    "date": "date",
    "publishdate": "publish_date",
    "lastmod": "lastmod",
    "expirydate": "expiry_date",
}
_LISTS = {"tags": "tags", "categories": "categories", "keywords": "keywords", "aliases": "aliases"}
_STRINGS = {
    "title": "title",
    "slug": "slug",
    "url": "url",
    "description": "description",
    "summary": "summary",
    "thumbnail": "thumbnail",
}
_BOOLS = {"draft": "draft", "featured": "featured"}
_TRUE = {"true", "yes", "on", "1"}


class _Normaliser:
    """Collects problems while converting values; one per :func:`normalise` call."""

    def __init__(self, front: FrontMatter) -> None:
        self.lines = front.key_lines
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, subtype: str = "frontmatter") -> None:
        line = self.lines.get(key.lower().split(".")[0], 1)
        self.problems.append(Problem(message, subtype, line))

    def string(self, key: str, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
            joined = " ".join(str(v) for v in value)
            self.problem(
                key, f"{key} should be a string, got a list; the items are joined as {joined!r}"
            )
            return joined or None
        if isinstance(value, (dict, list)):
            self.problem(key, f"{key} should be a string, got a {type(value).__name__}; ignored")
            return None
        self.problem(key, f"{key} should be a string, got {value!r}; used as {str(value)!r}")
        return str(value)

    def strings(self, key: str, value: Any) -> list[str]:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for item in items:
            text = item.strip() if isinstance(item, str) else None
            if text is None:
                if isinstance(item, (dict, list)):
                    self.problem(
                        key, f"{key} has a {type(item).__name__} among its values; it is ignored"
                    )
                    continue
                if item is None:
                    continue
                text = str(item)
                self.problem(key, f"{key} value {item!r} is not a string; used as {text!r}")
            if text and text not in out:
                out.append(text)
        return out

    def authors(self, key: str, value: Any, profiles: dict[str, dict[str, Any]]) -> list[str]:
        """Author ids, or inline profiles (a mapping with a ``name``) kept aside."""
        items = value if isinstance(value, list) else [value]
        plain: list[Any] = []
        names: list[str] = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]:
                names.append(item["name"].strip())
                profiles[item["name"].strip()] = dict(item)
            else:
                plain.append(item)
        return self.strings(key, plain) + names

    def boolean(self, key: str, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        result = str(value).strip().lower() in _TRUE
        self.problem(key, f"{key} should be true or false, got {value!r}; read as {result}")
        return result

    def date(self, key: str, value: Any) -> datetime | None:
        if value is None or value == "":
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.problem(key, f"cannot read {key} {value!r}: {exc}", "date")
            return None


def normalise(front: FrontMatter) -> tuple[PostMeta, list[Problem]]:
    """Turn raw front-matter data into a :class:`PostMeta`; never raises."""
    meta = PostMeta(front=front.data, lines=front.key_lines)
    norm = _Normaliser(front)
    authors: list[str] = []
    images: list[str] = []
    params: dict[str, Any] = {}
    for raw_key, value in front.data.items():
        key = str(raw_key).lower()
        if key in _DATES:
            setattr(meta, _DATES[key], norm.date(str(raw_key), value))
        elif key in _LISTS:
            setattr(meta, _LISTS[key], norm.strings(str(raw_key), value))
        elif key in _STRINGS:
            setattr(meta, _STRINGS[key], norm.string(str(raw_key), value))
        elif key in _BOOLS:
            setattr(meta, _BOOLS[key], norm.boolean(str(raw_key), value))
        elif key in ("author", "authors"):
            authors += norm.authors(str(raw_key), value, meta.author_profiles)
        elif key in ("images", "feature"):
            images += norm.strings(str(raw_key), value)
        elif key == "params":
            if isinstance(value, dict):
                params = value
            else:
                norm.problem(
                    "params", f"params should be a table of fields, got {value!r}; kept as is"
                )
                meta.extra[str(raw_key)] = value
        else:
            meta.extra[str(raw_key)] = value
    if params:
        meta.params = params
        lowered = {str(k).lower(): v for k, v in params.items()}
        authors += norm.authors("params.author", lowered.get("author"), meta.author_profiles)
        if meta.thumbnail is None and lowered.get("thumbnail") is not None:
            meta.thumbnail = norm.string("params.thumbnail", lowered.get("thumbnail"))
        cover = lowered.get("cover")
        if isinstance(cover, dict):
            cover = cover.get("image")
        images += norm.strings("params.cover", cover)
    meta.authors = list(dict.fromkeys(authors))
    if meta.thumbnail:
        images.insert(0, meta.thumbnail)
    meta.images = list(dict.fromkeys(images))
    return meta, norm.problems


def is_hidden(
    meta: PostMeta, now: datetime, *, drafts: bool, future: bool, expired: bool
) -> str | None:
    """Why Hugo would not build this post ("draft", "future", "expired"), or None."""
    if meta.draft and not drafts:
        return "draft"
    published = meta.publish_date or meta.date
    if not future and published is not None and published > now:
        return "future"
    if not expired and meta.expiry_date is not None and meta.expiry_date <= now:
        return "expired"
    return None
