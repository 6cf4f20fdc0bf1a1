"""Where Hugo puts a post: its permalink, its default path, its aliases (pure).

Hugo gives every page one URL: its ``url`` front matter if set, else the
site's ``permalinks`` pattern for the section (``/:year/:month/:slug/``), else
the file's own path (``content/blog/2022/launch.md`` is ``/blog/2022/launch/``,
``slug`` replacing the last name).  Aliases are old URLs that redirect to it; a
relative alias sits beside the page (Hugo joins it to the parent of the page's
own folder).  Every old URL a migrated blog had comes from these rules, so they
follow Hugo's ``resources/page/permalinks.go`` and ``page__output.go``.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from .dates import go_format

TOKENS = frozenset(
    {
        "year",
        "month",
        "monthname",
        "day",
        "weekday",
        "weekdayname",
        "yearday",
        "section",
        "sectionslug",
        "sections",
        "sectionslugs",
        "title",
        "slug",
        "slugorfilename",
        "filename",
        "contentbasename",
        "slugorcontentbasename",
    }
)
"""Hugo's named permalink tokens (besides ``:sections[1:]`` and Go layouts)."""

_TOKEN = re.compile(r":(\w+)(\[.+?\])?")
_REFERENCE = datetime(2019, 11, 9, 23, 1, 42, 1000, tzinfo=UTC)  # Hugo's layout probe
_DATE_TOKENS = {"year", "month", "monthname", "day", "weekday", "weekdayname", "yearday"}


def urlize(text: str) -> str:
    """Hugo's ``urlize`` of a path part: lower case, a run of spaces one hyphen,
    every character but letters, digits, marks and ``._-/\\#+~@`` dropped."""
    out: list[str] = []
    hyphen_due = was_hyphen = False
    text = unicodedata.normalize("NFC", text)
    for i, char in enumerate(text):
        allowed = (
            char.isalnum()
            or char in "./\\_#+~-@"
            or unicodedata.category(char).startswith("M")
            or (char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 1 : i + 3]) is not None)
        )
        if allowed:
            was_hyphen = char == "-"
            if hyphen_due and not was_hyphen:
                out.append("-")
            hyphen_due = False
            out.append(char)
        elif out and not was_hyphen and char.isspace():
            hyphen_due = True
    return "".join(out).lower()


def _is_layout(name: str) -> bool:
    """Whether ``name`` is a Go date layout (``2006``, ``01``): Hugo's own test."""
    return go_format(_REFERENCE, name) != name


def check_pattern(pattern: str) -> list[str]:
    """The tokens of a permalink pattern that Hugo does not know."""
    return [
        name
        for name, cut in _TOKEN.findall(pattern.replace("\\:", ""))
        if not (
            name in TOKENS or (cut and name in ("sections", "sectionslugs")) or _is_layout(name)
        )
    ]


@dataclass(frozen=True, slots=True)
class PageFile:
    """What a permalink is made of: the post's file and front matter."""

    docname: str  # path without suffix, relative to the content root
    date: datetime | None = None
    slug: str | None = None
    title: str | None = None
    sections: tuple[str, ...] | None = None  # None: every folder is a section

    @property
    def folders(self) -> list[str]:
        """The folders the post sits in (a page bundle's own folder not counted)."""
        parts = self.docname.split("/")[:-1]
        if self.bundle:
            parts = parts[:-1]
        return parts

    @property
    def bundle(self) -> bool:
        """Whether the post is a page bundle (``post/index.md``)."""
        parts = self.docname.split("/")
        return len(parts) > 1 and parts[-1] in ("index", "_index")

    @property
    def filename(self) -> str:
        """The file's name, or a page bundle's folder name."""
        parts = self.docname.split("/")
        return parts[-2] if self.bundle else parts[-1]

    @property
    def section_path(self) -> list[str]:
        return list(self.sections) if self.sections is not None else self.folders


def _cut(items: list[str], spec: str) -> list[str]:
    """Hugo's ``[low:high]``, ``[n]`` and ``[last]`` on section lists (never raising)."""
    spec = spec.strip().lower()
    if len(spec) < 3 or spec[0] != "[" or spec[-1] != "]":
        return []
    inner = spec[1:-1]

    def bound(text: str, low: bool) -> int:
        if text == "":
            return 0 if low else len(items)
        if text == "last":
            return len(items) - 1
        number = max(int(text), 0) if text.lstrip("-").isdigit() else 0
        if number >= len(items):
            return -1 if low else len(items)
        return number

    if ":" not in inner:
        if not items:
            return []
        n = bound(inner, True)
        return [items[n]] if n >= 0 and items[n] else []
    low, high = inner.split(":", 1)
    first, last = bound(low, True), bound(high, False)
    return items[first:last] if first >= 0 and last >= 0 else []


def expand(pattern: str, page: PageFile) -> str | None:
    """Hugo's permalink for one post; ``None`` when the pattern needs a date the
    post lacks or names a token Hugo does not know.  Not yet a key: see
    :func:`.urls.normalise_path`, which a slug such as ``../x`` fails."""
    date = page.date
    sections = page.section_path
    values = {
        "section": page.folders[0] if page.folders else "",
        "sectionslug": sections[0] if sections else "",
        "sections": "/".join(sections),
        "sectionslugs": "/".join(sections),
        "filename": urlize(page.filename),
        "contentbasename": urlize(page.filename),
        "slug": urlize(page.slug or page.title or page.filename),
        "slugorfilename": urlize(page.slug or page.filename),
        "slugorcontentbasename": urlize(page.slug or page.filename),
        "title": urlize(page.title or page.filename),
    }
    failed = False

    def token(match: re.Match[str]) -> str:
        nonlocal failed
        name, cut = match.group(1), match.group(2)
        if cut and name in ("sections", "sectionslugs"):
            return "/".join(_cut(sections, cut))
        if name in values and not cut:
            return values[name]
        if (name in _DATE_TOKENS or _is_layout(name)) and not cut:
            if date is None:
                failed = True
                return ""
            return _date_token(name, date)
        failed = True
        return ""

    url = _TOKEN.sub(token, pattern.replace("\\:", "\x00")).replace("\x00", ":")
    return None if failed else url


def _date_token(name: str, date: datetime) -> str:
    if name == "year":
        return str(date.year)
    if name == "month":
        return f"{date.month:02d}"
    if name == "monthname":
        return date.strftime("%B").lower()
    if name == "day":
        return f"{date.day:02d}"
    if name == "weekday":
        return str((date.weekday() + 1) % 7)  # Go counts from Sunday
    if name == "weekdayname":
        return date.strftime("%A").lower()
    if name == "yearday":
        return str(date.timetuple().tm_yday)
    return go_format(date, name).lower()


def default_path(page: PageFile) -> str:
    """The URL Hugo gives a post with no ``url`` and no pattern: its folders and
    its slug or file name, lower case (``/blog/2022/launch/``)."""
    parts = [urlize(folder) for folder in page.folders]
    parts.append(urlize(page.slug) if page.slug else urlize(page.filename))
    return "/" + "/".join(part for part in parts if part) + "/"


def alias_path(alias: str, own: str) -> str:
    """An alias as a site path: a relative one is beside the post's own URL
    (``old`` on ``/blog/2022/launch/`` is ``/blog/2022/old``)."""
    if alias.startswith("/"):
        return alias
    parent = posixpath.dirname(own.rstrip("/")) or "/"
    trailing = "/" if alias.endswith("/") else ""
    return posixpath.join(parent, alias).rstrip("/") + trailing if alias else parent
