"""A post's front matter as Hugo understands it: one typed :class:`PostMeta` (pure).

:func:`normalise` turns a block's data (:mod:`.frontmatter`) into a
:class:`PostMeta`, reading the fields as Hugo does (keys in any case, Hugo's
names for each date, ``params``); :func:`is_hidden` says whether Hugo would
build the post.  A value of the wrong type never raises: it keeps its text
where it has one, with a :class:`~.frontmatter.Problem` on its line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import PurePosixPath
from typing import Any

from .dates import parse_date
from .frontmatter import FrontMatter, Problem, describe, scalar_text, split_front_matter


@dataclass(slots=True)
class PostMeta:
    """A post's front matter, normalised: one type per field, whatever was written."""

    title: str | None = None
    date: datetime | None = None  # every date is timezone-aware
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
    # Inline authors (linkerd.io's guests: ``params.author: {name:, avatar:}``) by name.
    author_profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    front: dict[str, Any] = field(default_factory=dict)  # the data as written, for templates
    lines: dict[str, int] = field(default_factory=dict)  # FrontMatter.key_lines

    @property
    def effective_date(self) -> datetime | None:
        """The publication date as Hugo picks it: date, else publishDate, else lastmod."""
        return self.date or self.publish_date or self.lastmod


_STRINGS = ("title", "slug", "url", "description", "summary", "thumbnail")
_TEXTS = frozenset({"title", "description", "summary"})
"""Text fields whose HTML entities (``&amp;``) are decoded: every output escapes
them again exactly once, so ``&amp;`` shows as ``&`` and never as ``&amp;amp;``."""
_LISTS = ("tags", "categories", "keywords", "aliases")
# Hugo's default front-matter keys for each date, best first.
_DATES = {
    "date": ("date",),
    "publish_date": ("publishdate", "pubdate", "published"),
    "lastmod": ("lastmod", "modified"),
    "expiry_date": ("expirydate", "unpublishdate"),
}
_LOOKS_LIKE_A_DAY = re.compile(r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_LOOKS_LIKE_A_YEAR = re.compile(r"(19|20)\d\d")
_TRUE = frozenset({"true", "yes", "on", "y", "1"})
_BOOL_WORDS = _TRUE | {"false", "no", "off", "n", "0", ""}


class _Normaliser:
    """Converts values to their field's type, collecting problems on the way."""

    def __init__(self, key_lines: dict[str, int], tz: tzinfo = UTC) -> None:
        self.key_lines = key_lines
        self.tz = tz
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, subtype: str = "frontmatter") -> None:
        """Record a problem on the line of ``key`` (else its parent's, else line 1)."""
        name = key.lower()
        line = self.key_lines.get(name) or self.key_lines.get(name.split(".", 1)[0]) or 1
        self.problems.append(Problem(message, subtype, line))

    def string(self, key: str, value: Any) -> str | None:
        """One text: a list is joined, a scalar written out, a mapping ignored."""
        if value is None or isinstance(value, str):
            return (value or "").strip() or None
        if isinstance(value, dict):
            self.problem(key, f"{key} should be a string, got a mapping; it is ignored")
            return None
        if isinstance(value, list):
            items = [item for item in value if item is not None]
            kept = [
                scalar_text(item).strip() for item in items if not isinstance(item, dict | list)
            ]
            joined = " ".join(text for text in kept if text)
            note = "" if len(kept) == len(items) else "; the mappings and lists among them are not"
            message = f"{key} should be a string, got a list; the items are joined: {joined!r}"
            self.problem(key, message + note)
            return joined or None
        text = scalar_text(value)
        self.problem(key, f"{key} should be a string, got {describe(value)}; used as {text!r}")
        return text

    def strings(self, key: str, value: Any) -> list[str]:
        """A list of texts (one string is a list of one), stripped, without repeats."""
        if value is None:
            return []
        if isinstance(value, dict):
            self.problem(key, f"{key} should be a list of strings, got a mapping; it is ignored")
            return []
        out: list[str] = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                texts = [item.strip()]
            elif item is None:
                continue
            elif isinstance(item, dict):
                self.problem(key, f"{key} has a mapping among its values; it is ignored")
                continue
            elif isinstance(item, list):
                self.problem(key, f"{key} has a list among its values; its items are used")
                texts = self.strings(key, item)
            else:
                texts = [scalar_text(item)]
                self.problem(
                    key, f"{key} value {describe(item)} is not a string; used as {texts[0]!r}"
                )
            for text in texts:
                if text and text not in out:
                    out.append(text)
        return out

    def authors(self, key: str, value: Any, profiles: dict[str, dict[str, Any]]) -> list[str]:
        """Author ids; an inline profile (a mapping with a ``name``) is kept aside."""
        out: list[str] = []
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                out += self.strings(key, item)
            elif isinstance(item.get("name"), str) and item["name"].strip():
                out.append(item["name"].strip())
                profiles.setdefault(out[-1], dict(item))
            else:
                self.problem(key, f"{key} has a mapping without a name; it is ignored")
        return out

    def boolean(self, key: str, value: Any) -> bool:
        """A flag; text and numbers are read as YAML 1.1 would, with a problem."""
        if isinstance(value, bool) or value is None:
            return bool(value)
        word = value.strip().lower() if isinstance(value, str) else None
        if word in _BOOL_WORDS or isinstance(value, int | float):
            result = word in _TRUE if word is not None else value != 0
            said = f"read as {str(result).lower()}"
        else:
            result, said = False, "false used"
        self.problem(key, f"{key} should be true or false, got {describe(value)}; {said}")
        return result

    def date(self, key: str, value: Any) -> datetime | None:
        """A date, aware; one that cannot be read is reported and left out."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # as in Hugo: no date
        try:
            found = parse_date(value, self.tz)
        except ValueError as exc:
            self.problem(key, f"{key} is ignored: {exc}", "date")
            return None
        digits = str(value) if isinstance(value, int) else ""
        if _LOOKS_LIKE_A_DAY.fullmatch(digits) or _LOOKS_LIKE_A_YEAR.fullmatch(digits):
            meant = "-".join(filter(None, (digits[:4], digits[4:6], digits[6:])))
            self.problem(
                key,
                f"{key} {value} is read as Unix seconds ({found:%Y-%m-%d}), as Hugo reads a "
                f"number; write it as text ({meant!r}) for that date",
                "date",
            )
        return found


def normalise(fm: FrontMatter, tz: tzinfo = UTC) -> tuple[PostMeta, list[Problem]]:
    """Turn a block's data into a :class:`PostMeta`, reading the fields as Hugo does.

    Keys match whatever their case (``publishDate``, ``publishdate``).  A value
    of the wrong type never raises, and keeps its text where it has one.

    :param fm: what :func:`split_front_matter` returned.
    :param tz: the site's time zone (Hugo's ``timeZone``) for dates without one.
    :return: the post's fields, and the problems met, each on its key's file
        line (the block's own problems, in ``fm.problems``, are not repeated).
    """
    data = fm.data
    meta = PostMeta(front=data, lines=fm.key_lines)
    norm = _Normaliser(fm.key_lines, tz)
    keys: dict[str, Any] = {}  # lower-case name -> the key as written
    for raw in data:
        name = str(raw).lower()
        if name in keys:
            message = f"{keys[name]!r} and {raw!r} are one field (Hugo ignores case)"
            norm.problem(name, f"{message}; {raw!r} used")
        keys[name] = raw
    taken: set[str] = set()

    def take(name: str) -> tuple[str, Any] | None:
        if name not in keys:
            return None
        taken.add(name)
        return str(keys[name]), data[keys[name]]

    for name in _STRINGS:
        if found := take(name):
            value = norm.string(*found)
            if value and name in _TEXTS and "&" in value:
                value = html.unescape(value)  # shown as text, escaped once by each writer
            setattr(meta, name, value)
    for name in _LISTS:
        if found := take(name):
            setattr(meta, name, norm.strings(*found))
    for name in ("draft", "featured"):
        if found := take(name):
            setattr(meta, name, norm.boolean(*found))
    if "published" in keys and isinstance(data[keys["published"]], bool):
        taken.add("published")  # Jekyll's flag, which Hugo honours when there is no draft
        meta.draft = meta.draft if "draft" in keys else not data[keys["published"]]
    for attr, names in _DATES.items():  # the first of Hugo's names for it that is there
        chosen = next((name for name in names if name in keys and name not in taken), None)
        if chosen is not None and (found := take(chosen)):
            setattr(meta, attr, norm.date(*found))
    authors: list[str] = []
    for name in ("author", "authors"):
        if found := take(name):
            authors += norm.authors(*found, meta.author_profiles)
    images: list[str] = []
    for name in ("images", "feature"):
        if found := take(name):
            images += norm.strings(*found)
    if (found := take("params")) and isinstance(found[1], dict):
        meta.params = found[1]
    elif found and found[1] is not None:
        norm.problem("params", f"params should be a mapping, got {describe(found[1])}; kept")
        meta.extra[found[0]] = found[1]
    if meta.params:
        params = {str(key).lower(): value for key, value in meta.params.items()}
        authors += norm.authors("params.author", params.get("author"), meta.author_profiles)
        if meta.thumbnail is None:
            meta.thumbnail = norm.string("params.thumbnail", params.get("thumbnail"))
        cover = params.get("cover")
        if isinstance(cover, dict):
            cover = {str(key).lower(): value for key, value in cover.items()}.get("image")
            if cover is None:
                norm.problem("params.cover", "params.cover has no image; it is ignored")
        images += norm.strings("params.cover", cover)
    meta.authors = list(dict.fromkeys(authors))
    meta.images = list(dict.fromkeys(images))
    for raw, value in data.items():
        name = str(raw).lower()
        if name not in taken or keys[name] is not raw:
            meta.extra[str(raw)] = value
    return meta, norm.problems


def is_hidden(
    meta: PostMeta, now: datetime, *, drafts: bool, future: bool, expired: bool
) -> str | None:
    """Why Hugo would leave this post out of the site, if it would.

    :param meta: the post.
    :param now: the build time; a naive one is taken as UTC.
    :param drafts: build drafts too (``hugo --buildDrafts``).
    :param future: build posts published after ``now`` (``--buildFuture``).
    :param expired: build posts expired at ``now`` (``--buildExpired``).
    :return: ``"draft"``, ``"future"`` or ``"expired"``, or None to build it.
    """
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if meta.draft and not drafts:
        return "draft"
    published = meta.publish_date or meta.date
    if not future and published is not None and published > now:
        return "future"
    if not expired and meta.expiry_date is not None and meta.expiry_date <= now:
        return "expired"
    return None


@dataclass(frozen=True, slots=True)
class ReadFront:
    """A text's front-matter block, its normalised metadata and every problem."""

    front: FrontMatter
    meta: PostMeta
    problems: list[Problem]


def read_front(text: str, tz: tzinfo = UTC) -> ReadFront:
    """Split and normalise the front matter of ``text``."""
    front = split_front_matter(text)
    meta, problems = normalise(front, tz)
    return ReadFront(front, meta, [*front.problems, *problems])


def fallback_title(docname: str, meta: PostMeta) -> str:
    """A title for a post without one: its slug or file (bundle) name, as words."""
    name = PurePosixPath(docname).name
    if name in ("index", "_index"):
        name = PurePosixPath(docname).parent.name or name
    return (meta.slug or name).replace("-", " ").replace("_", " ").strip().capitalize()
