"""Hugo's date formats, read into timezone-aware datetimes (pure, no Sphinx).

Every date is made aware the same way (a value without a zone is UTC, Hugo's
default ``timeZone``), so that sorting posts never compares naive with aware
datetimes.  ablog, on the other hand, compares post dates with a naive "now";
:func:`to_naive_utc` gives it what it expects.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_tz

from dateutil import parser as dateutil_parser

# "Fri, 31 May 2019 09:00:00 +0000": the weekday is optional and, as in Hugo,
# not checked (the Linkerd corpus has "Mon, 18 May 2019", a Saturday).
_WEEKDAY = re.compile(r"^\s*[A-Za-z]{3,9},\s*")
_RFC2822 = re.compile(r"^\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\b")


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _parse_string(text: str) -> datetime:
    text = text.strip()
    if not text:
        raise ValueError("the date is empty")
    bare = _WEEKDAY.sub("", text)
    if _RFC2822.match(bare):
        parts = parsedate_tz(bare)
        if parts is not None:
            offset = parts[9]
            naive = datetime(*parts[:6])
            if offset is None:
                return naive.replace(tzinfo=UTC)
            return naive.replace(tzinfo=timezone(timedelta(seconds=offset)))
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _aware(dateutil_parser.parse(bare))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"cannot read the date {text!r}") from exc


def parse_date(value: object) -> datetime:
    """Read a front-matter date value.

    :param value: a string (RFC 2822, ISO 8601, date only, or anything
        dateutil reads), or a ``datetime``/``date`` from YAML or TOML.
    :return: a timezone-aware datetime (naive values are taken as UTC).
    :raises ValueError: when the value is not a date; the message quotes it.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, str):
        return _parse_string(value)
    raise ValueError(f"{value!r} is not a date (a {type(value).__name__})")


def to_naive_utc(value: datetime) -> datetime:
    """The same instant as a naive UTC datetime (what ablog compares with)."""
    return value.astimezone(UTC).replace(tzinfo=None)
