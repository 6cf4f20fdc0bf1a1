"""Hugo's front-matter dates, read as Hugo reads them (pure, no Sphinx).

Hugo reads a date with Go's ``time.ParseInLocation`` in the site's time zone
(``timeZone``, UTC by default), through spf13/cast's list of layouts.  So:

* a value without a zone (``2021-05-14``, ``2021-05-14 09:30``, a TOML local
  date-time) is wall-clock time in the site's zone;
* an offset (``+02:00``, ``-0800``, ``Z``) is that offset;
* a zone *abbreviation* (``PST`` in ``Tue, 12 Feb 2019 08:00:00 PST``, even
  ``UTC``) is dropped and the clock time read in the site's zone: Go gives an
  abbreviation no offset of its own, so cast's ``ParseDateWith`` puts the wall
  time in the site's location for every layout with a named zone;
* an integer is Unix seconds;
* Go's own ``time.String()`` form, which Hugo archetypes write
  (``2009-11-10 23:00:00 +0000 UTC``), and RFC 2822/1123 with or without the
  weekday, seconds or zone, and ISO 8601 are read directly; other whole dates
  fall back to :func:`dateutil.parser.parse` (only when the text names a year,
  month and day, so a post's date never depends on the day it is built).

Every result is timezone-aware, so posts always sort; ablog takes naive dates,
and :func:`wall_time` gives it the clock time Hugo shows.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

# RFC 2822 (and RFC 822/1123): optional weekday, day, month, year, optional time
# and zone.  The weekday is not checked, as in Hugo: the Linkerd corpus has
# "Mon, 18 May 2019", a Saturday.
_RFC2822 = re.compile(
    r"(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{2,4})"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?",
)
# Go's time.String(): "2006-01-02 15:04:05.999999999 -0700 MST" (the fraction,
# and the abbreviation, optional; "m=+0.1" monotonic suffixes ignored).
_GO_STRING = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?\s+([+-]\d{2}:?\d{2})"
    r"(?:\s+[A-Za-z][A-Za-z0-9+-]*)?(?:\s+m=[+-][\d.]+)?"
)
_MONTHS: dict[str, int] = {"sept": 9}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"),
    start=1,
):  # fmt: skip
    _MONTHS[_name] = _MONTHS[_name[:3]] = _number

_UTC_NAMES = frozenset({"UT", "UTC", "GMT", "Z"})
# Two different "today"s for dateutil: a text naming a whole date reads the same
# with both; one lacking a year, month or day does not.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_EXPECTED = "RFC 2822 such as 'Fri, 31 May 2019 09:00:00 +0000' or ISO 8601 such as '2019-05-31'"

EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, 23, 59, 59, tzinfo=UTC)
"""Dates outside these are refused: a day's margin from Python's limits, so that no
conversion to another zone (ablog's feed uses the machine's) can overflow."""


def site_zone(name: str | None) -> tzinfo:
    """The zone Hugo's ``timeZone`` names (an IANA name such as ``Europe/Oslo``).

    :raises ValueError: for a name the zone database does not know.
    """
    if not name or name.upper() in _UTC_NAMES or name in ("Etc/UTC", "Etc/GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not a time zone name (e.g. 'Europe/Oslo')") from None


def _in_zone(value: datetime, tz: tzinfo) -> datetime:
    """``value`` with ``tz`` when it has no zone (wall-clock time in the site's zone)."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _offset(text: str) -> tzinfo:
    """A numeric zone offset: ``+0200``, ``-08:00``.

    :raises ValueError: for an offset of a day or more.
    """
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    if minutes >= 24 * 60:
        raise ValueError(f"the zone offset {text} is out of range")
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def _rfc2822(text: str, tz: tzinfo) -> datetime | None:
    """Read an RFC 2822 date (time optional), or None when ``text`` is not one.

    Hand-written rather than :func:`email.utils.parsedate_tz`: that one refuses
    a date without a time, accepts "31 Feb", and knows zone names Go does not.

    :raises ValueError: when it is one but names no real day or time.
    """
    found = _RFC2822.fullmatch(text)
    if found is None:
        return None
    day, month_name, year_text, hour, minute, second, zone = found.groups()
    month = _MONTHS.get(month_name.lower())
    if month is None or (zone or "").upper() in ("AM", "PM"):
        return None  # not RFC 2822 after all; dateutil reads "9:00 PM"
    year = int(year_text)
    if len(year_text) == 2:  # Go's rule: 69-99 is 19xx, 00-68 is 20xx
        year += 1900 if year >= 69 else 2000
    elif len(year_text) == 3:
        year += 1900
    naive = datetime(year, month, int(day), int(hour or 0), int(minute or 0), int(second or 0))
    if not zone:
        return naive.replace(tzinfo=tz)
    if zone[0] in "+-":
        return naive.replace(tzinfo=_offset(zone))
    return naive.replace(tzinfo=tz)  # a zone abbreviation: the site's zone (see above)


def _go_string(text: str) -> datetime | None:
    """Go's ``time.String()`` form, or None when ``text`` is not one."""
    found = _GO_STRING.fullmatch(text)
    if found is None:
        return None
    day, clock, fraction, offset = found.groups()
    micro = (fraction or ".0")[1:7].ljust(6, "0")
    naive = datetime.fromisoformat(f"{day}T{clock}.{micro}")
    return naive.replace(tzinfo=_offset(offset))


def _parse_string(text: str, tz: tzinfo) -> datetime:
    """Read a date written as text (see the module docstring for the forms)."""
    text = text.strip()
    if not text:
        raise ValueError("the date is empty")
    try:
        parsed = _rfc2822(text, tz) or _go_string(text)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{text!r} is not a real date: {exc}") from None
    if parsed is not None:
        return parsed
    iso_error = ""
    if text[:4].isdigit():
        try:
            return _in_zone(datetime.fromisoformat(text.replace(" UTC", "Z")), tz)
        except ValueError as exc:  # "month must be in 1..12" says more than dateutil
            iso_error = "" if str(exc).startswith("Invalid isoformat") else str(exc)

    def zone_for(name: str | None, offset: int | None) -> tzinfo:
        # dateutil's ``tzinfos`` hook: never the machine's local zone, never a warning.
        if offset is not None:
            return timezone(timedelta(seconds=offset))
        return tz  # no zone, or an abbreviation: the site's zone, as cast does

    try:
        first, second = (
            dateutil_parser.parse(text, default=default, tzinfos=zone_for) for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        if iso_error:
            raise ValueError(f"{text!r} is not a real date: {iso_error}") from None
        raise ValueError(f"cannot read {text!r} as a date (expected {_EXPECTED})") from None
    if first.date() != second.date():
        raise ValueError(f"{text!r} is not a whole date (a year, month or day is missing)")
    return _in_zone(first, tz)


def _in_range(value: datetime, written: object) -> datetime:
    """``value`` when every zone can show it; ValueError otherwise."""
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        shown = written.isoformat() if isinstance(written, date) else written
        raise ValueError(f"{shown!r} is out of range (years 2 to 9998 only)")
    return value


def parse_date(value: object, tz: tzinfo = UTC) -> datetime:
    """Read a front-matter date value as Hugo would, within years 2 to 9998.

    :param value: a string (see the module docstring), an integer (Unix
        seconds), or a ``datetime``/``date`` as YAML and TOML produce them.
    :param tz: the site's time zone, for values that name none.
    :return: a timezone-aware datetime.
    :raises ValueError: when the value is not a date (also for booleans and
        fractional numbers, which Hugo rejects too), or is out of range; the
        message quotes the value.
    """
    return _in_range(_parse(value, tz), value)


def _parse(value: object, tz: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return _in_zone(value, tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz)
    if isinstance(value, str):
        return _parse_string(value, tz)
    if value is None:
        raise ValueError("the date is empty")
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)  # Unix seconds, as cast reads them
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"{value!r} is out of range (years 2 to 9998 only)") from None
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, float):
        kind = "a number"
    else:
        kind = f"a {type(value).__name__}"
    raise ValueError(f"{value!r} is not a date but {kind}")


def wall_time(value: datetime) -> datetime:
    """The clock time of ``value`` where it was written, without ``tzinfo``: what
    Hugo prints for a date (in its own offset, or the site's zone)."""
    return value.replace(tzinfo=None)


# Go's reference-time layout chunks, longest first where one starts another.
_GO_CHUNK = re.compile(
    r"January|Jan(?![a-z])|Monday|Mon(?![a-z])|MST|2006|002|_2|01|02|03|04|05|06|"
    r"Z07:00|Z0700|Z07|-07:00|-0700|-07|15|PM|pm|[.,][09]+|1|2|3|4|5"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def _go_offset(value: datetime, colon: bool, zulu: bool, hours_only: bool = False) -> str:
    delta = value.utcoffset() or timedelta(0)
    if zulu and not delta:
        return "Z"
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    if hours_only:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"


def _zone_name(value: datetime) -> str:
    """The zone's abbreviation; Go writes ``-0700`` for an offset that has none."""
    name = value.tzname() or "UTC"
    if name.startswith("UTC") and name != "UTC":
        return _go_offset(value, False, False)
    return name


def go_format(value: datetime, layout: str) -> str:
    """``value`` written with a Go layout (``"January 2, 2006"``), as Hugo's
    ``dateFormat`` and ``.Format`` and the ``:2006`` permalink tokens write it."""
    hour12 = value.hour % 12 or 12

    def chunk(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] in ".," and len(token) > 1:  # a fraction: 0s keep zeros, 9s drop them
            digits = f"{value.microsecond:06d}000"[: len(token) - 1]
            if token[1] == "9":
                digits = digits.rstrip("0")
            return token[0] + digits if digits else ""
        table = {
            "January": _MONTH_NAMES[value.month - 1],
            "Jan": _MONTH_NAMES[value.month - 1][:3],
            "Monday": _WEEKDAYS[value.weekday()],
            "Mon": _WEEKDAYS[value.weekday()][:3],
            "MST": _zone_name(value),
            "2006": f"{value.year:04d}",
            "002": f"{value.timetuple().tm_yday:03d}",
            "_2": f"{value.day:2d}",
            "01": f"{value.month:02d}",
            "02": f"{value.day:02d}",
            "03": f"{hour12:02d}",
            "04": f"{value.minute:02d}",
            "05": f"{value.second:02d}",
            "06": f"{value.year % 100:02d}",
            "15": f"{value.hour:02d}",
            "PM": "PM" if value.hour >= 12 else "AM",
            "pm": "pm" if value.hour >= 12 else "am",
            "1": str(value.month),
            "2": str(value.day),
            "3": str(hour12),
            "4": str(value.minute),
            "5": str(value.second),
            "Z07:00": _go_offset(value, True, True),
            "Z0700": _go_offset(value, False, True),
            "Z07": _go_offset(value, False, True, hours_only=True),
            "-07:00": _go_offset(value, True, False),
            "-0700": _go_offset(value, False, False),
            "-07": _go_offset(value, False, False, hours_only=True),
        }
        return table[token]

    return _GO_CHUNK.sub(chunk, layout)
