"""Hugo's date formats, read into timezone-aware datetimes (pure, no Sphinx).

Every date is made aware the same way (a value without a zone is UTC, Hugo's
default ``timeZone``), so that sorting posts never compares naive with aware
datetimes.  ablog, on the other hand, compares post dates with a naive "now";
:func:`to_naive_utc` gives it what it expects.

The forms tried, cheapest and most common first: values YAML or TOML already
read as dates; RFC 2822 (``Fri, 31 May 2019 09:00:00 +0000``, what older Hugo
archetypes wrote); ISO 8601 (``2021-05-14T00:00:00Z``, ``2021-05-14``); and as a
last resort :func:`dateutil.parser.parse`, accepted only when the text names a
whole date (dateutil would otherwise fill a missing day or year from today, so
the same post would get a different date each day).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from dateutil import parser as dateutil_parser

# RFC 2822 (and RFC 822/1123): optional weekday, day, month, year, optional time
# and zone.  The weekday is not checked, as in Hugo: the Linkerd corpus has
# "Mon, 18 May 2019", a Saturday.
_RFC2822 = re.compile(
    r"(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{2,4})"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?",
)
_MONTHS: dict[str, int] = {"sept": 9}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"),
    start=1,
):  # fmt: skip
    _MONTHS[_name] = _MONTHS[_name[:3]] = _number

# Zone names RFC 2822 defines; any other name means UTC (RFC 2822 section 4.3,
# and what Go's time.Parse, hence Hugo, does with an unknown abbreviation).
_ZONES: dict[str, tzinfo] = {
    name: timezone(timedelta(hours=hours))
    for name, hours in (
        ("EST", -5),
        ("EDT", -4),
        ("CST", -6),
        ("CDT", -5),
        ("MST", -7),
        ("MDT", -6),
        ("PST", -8),
        ("PDT", -7),
    )
}
_ZONES.update(UT=UTC, UTC=UTC, GMT=UTC, Z=UTC)

# Two different "today"s for dateutil: a text naming a whole date reads the same
# with both; one lacking a year, month or day does not.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_EXPECTED = "RFC 2822 such as 'Fri, 31 May 2019 09:00:00 +0000' or ISO 8601 such as '2019-05-31'"


def _aware(value: datetime) -> datetime:
    """``value`` with UTC when it has no zone (Hugo's default time zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _offset(text: str | None) -> tzinfo:
    """The zone of an RFC 2822 date: ``+0200``, ``-08:00``, ``PST``; none is UTC.

    :raises ValueError: for an offset of a day or more.
    """
    if not text:
        return UTC
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes >= 24 * 60:
            raise ValueError(f"the zone offset {text} is out of range")
        return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))
    return _ZONES.get(text.upper(), UTC)


def _rfc2822(text: str) -> datetime | None:
    """Read an RFC 2822 date (time optional), or None when ``text`` is not one.

    Hand-written rather than :func:`email.utils.parsedate_tz`: that one refuses
    a date without a time, accepts "31 Feb", and is slower.

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
    if len(year_text) == 2:  # RFC 2822 section 4.3: 00-49 is 20xx, 50-99 is 19xx
        year += 2000 if year < 50 else 1900
    elif len(year_text) == 3:
        year += 1900
    return datetime(
        year,
        month,
        int(day),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        tzinfo=_offset(zone),
    )


def _zone_for_dateutil(name: str | None, offset: int | None) -> tzinfo:
    """dateutil's ``tzinfos`` hook: never the machine's local zone, never a warning."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return _ZONES.get((name or "").upper(), UTC)


def _parse_string(text: str) -> datetime:
    """Read a date written as text (see the module docstring for the forms)."""
    text = text.strip()
    if not text:
        raise ValueError("the date is empty")
    try:
        parsed = _rfc2822(text)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{text!r} is not a real date: {exc}") from None
    if parsed is not None:
        return parsed
    iso_error = ""
    if text[:4].isdigit():
        try:
            return _aware(datetime.fromisoformat(text))
        except ValueError as exc:  # "month must be in 1..12" says more than dateutil
            iso_error = "" if str(exc).startswith("Invalid isoformat") else str(exc)
    try:
        first, second = (
            dateutil_parser.parse(text, default=default, tzinfos=_zone_for_dateutil)
            for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        if iso_error:
            raise ValueError(f"{text!r} is not a real date: {iso_error}") from None
        raise ValueError(f"cannot read {text!r} as a date (expected {_EXPECTED})") from None
    if first.date() != second.date():
        raise ValueError(f"{text!r} is not a whole date (a year, month or day is missing)")
    return _aware(first)


EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, 23, 59, 59, tzinfo=UTC)
"""Dates outside these are refused: a day's margin from Python's limits, so that no
conversion to another zone (ablog's feed uses the machine's) can overflow."""


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


def parse_date(value: object) -> datetime:
    """Read a front-matter date value as Hugo would, within years 2 to 9998.

    See :func:`_parse` for the forms; a date outside :data:`EARLIEST` ..
    :data:`LATEST` raises ``ValueError`` like any other bad date.
    """
    return _in_range(_parse(value), value)


def _parse(value: object) -> datetime:
    """Read a front-matter date value as Hugo would.

    :param value: a string (RFC 2822 with or without the time, ISO 8601 with or
        without the time or zone, or another whole date dateutil reads), or a
        ``datetime``/``date`` as YAML and TOML produce them.
    :return: a timezone-aware datetime; values without a zone are UTC and a
        bare date is midnight UTC, so that every post date compares with every
        other.
    :raises ValueError: when the value is not a date (also for numbers and
        booleans, which Hugo rejects too); the message quotes the value.
    """
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, str):
        return _parse_string(value)
    if value is None:
        raise ValueError("the date is empty")
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, int | float):
        kind = "a number"
    else:
        kind = f"a {type(value).__name__}"
    raise ValueError(f"{value!r} is not a date but {kind}")


def to_naive_utc(value: datetime) -> datetime:
    """The same instant as a naive UTC datetime.

    ablog compares post dates with a naive "now"; handing it an aware datetime
    would raise ``TypeError`` there.

    :param value: an aware datetime (a naive one is taken as UTC already).
    :return: the UTC wall-clock time without ``tzinfo``.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)
