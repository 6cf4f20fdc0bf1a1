"""Front matter and dates: unit tests of the pure core (no Sphinx).

Table-driven: one small case per rule of ``frontmatter`` and ``dates``.  The
larger inputs are in ``tests/fixtures/frontmatter/``.  The last tests read the
real Hugo posts in ``../shared/corpus`` when that folder exists.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinxcontrib_linkerdblog.hugo import frontmatter
from sphinxcontrib_linkerdblog.hugo.dates import parse_date, site_zone, wall_time
from sphinxcontrib_linkerdblog.hugo.frontmatter import FrontMatter, Problem, split_front_matter
from sphinxcontrib_linkerdblog.hugo.metadata import PostMeta, is_hidden, normalise

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
SHARED = Path(__file__).parents[2] / "shared"
CORPUS = SHARED / "corpus"


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def meta_of(yaml_body: str) -> tuple[PostMeta, list[Problem]]:
    """Normalise a YAML block made of ``yaml_body`` (its first line is file line 2)."""
    front = split_front_matter(f"---\n{yaml_body}\n---\n")
    assert front.problems == [], front.problems
    return normalise(front)


# --- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # RFC 2822, as the 2022 corpus writes it
        ("Fri, 31 May 2019 09:00:00 +0000", datetime(2019, 5, 31, 9, tzinfo=UTC)),
        # the corpus's wrong weekday (18 May 2019 was a Saturday) is ignored
        ("Mon, 18 May 2019 09:00:00 +0000", datetime(2019, 5, 18, 9, tzinfo=UTC)),
        ("Tue, 12 Feb 2019 08:00:00 -0800", datetime(2019, 2, 12, 8, tzinfo=tz(-8))),
        ("Tue, 12 Feb 2019 08:00:00 +05:30", datetime(2019, 2, 12, 8, tzinfo=tz(5.5))),
        ("12 Feb 2019 08:00:00 +0100", datetime(2019, 2, 12, 8, tzinfo=tz(1))),  # no weekday
        ("Tue, 12 Feb 2019 08:00 GMT", datetime(2019, 2, 12, 8, tzinfo=UTC)),  # no seconds
        # an abbreviation the site's zone (UTC) does not use: Go keeps the clock time
        ("Tue, 12 Feb 2019 08:00:00 PST", datetime(2019, 2, 12, 8, tzinfo=UTC)),
        ("Tue, 12 Feb 2019 08:00:00 XYZ", datetime(2019, 2, 12, 8, tzinfo=UTC)),  # unknown: UTC
        ("Tue, 12 Feb 2019 08:00:00", datetime(2019, 2, 12, 8, tzinfo=UTC)),  # no zone: UTC
        ("Tue, 12 Feb 2019", datetime(2019, 2, 12, tzinfo=UTC)),  # no time
        ("12 Feb 2019", datetime(2019, 2, 12, tzinfo=UTC)),
        ("12 February 2019", datetime(2019, 2, 12, tzinfo=UTC)),
        ("12 Feb 19 08:00 +0000", datetime(2019, 2, 12, 8, tzinfo=UTC)),  # two-digit year
        ("  Fri, 31 May 2019 09:00:00 +0000\n", datetime(2019, 5, 31, 9, tzinfo=UTC)),
        # ISO 8601
        ("2021-05-14T00:00:00Z", datetime(2021, 5, 14, tzinfo=UTC)),
        ("2021-05-14T09:30:00+02:00", datetime(2021, 5, 14, 9, 30, tzinfo=tz(2))),
        ("2021-05-14T09:30:00-07:00", datetime(2021, 5, 14, 9, 30, tzinfo=tz(-7))),
        ("2021-05-14T09:30:00.250Z", datetime(2021, 5, 14, 9, 30, 0, 250000, tzinfo=UTC)),
        ("2021-05-14 09:30:00", datetime(2021, 5, 14, 9, 30, tzinfo=UTC)),  # space, no zone
        ("2021-05-14 09:30", datetime(2021, 5, 14, 9, 30, tzinfo=UTC)),
        ("2021-05-14", datetime(2021, 5, 14, tzinfo=UTC)),
        # dateutil, the last resort
        ("May 3, 2018", datetime(2018, 5, 3, tzinfo=UTC)),
        ("Mon Jan  2 15:04:05 2006", datetime(2006, 1, 2, 15, 4, 5, tzinfo=UTC)),  # ANSI C
        ("2 Jan 2006 3:04 PM", datetime(2006, 1, 2, 15, 4, tzinfo=UTC)),
        ("2006-01-02 15:04:05 -0700", datetime(2006, 1, 2, 15, 4, 5, tzinfo=tz(-7))),
        ("January 2, 2006 15:04 EST", datetime(2006, 1, 2, 15, 4, tzinfo=UTC)),
        # values YAML and TOML have already read
        (datetime(2021, 5, 14, 1, 2), datetime(2021, 5, 14, 1, 2, tzinfo=UTC)),
        (datetime(2021, 5, 14, 1, 2, tzinfo=tz(3)), datetime(2021, 5, 14, 1, 2, tzinfo=tz(3))),
        (date(2021, 5, 14), datetime(2021, 5, 14, tzinfo=UTC)),
        (tomllib.loads("d = 2021-05-14")["d"], datetime(2021, 5, 14, tzinfo=UTC)),
        (tomllib.loads("d = 2021-05-14T07:00:00")["d"], datetime(2021, 5, 14, 7, tzinfo=UTC)),
        (
            tomllib.loads("d = 2021-05-14T07:00:00-08:00")["d"],
            datetime(2021, 5, 14, 7, tzinfo=tz(-8)),
        ),
    ],
)
def test_dates_are_read_and_aware(value: object, expected: datetime) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_integers_are_unix_seconds_and_zones_the_sites() -> None:
    assert parse_date(1472574600) == datetime(2016, 8, 30, 16, 30, tzinfo=UTC)
    assert parse_date(0) == datetime(1970, 1, 1, tzinfo=UTC)
    la = site_zone("America/Los_Angeles")
    assert parse_date("2019-05-31 09:00", la).utcoffset() == timedelta(hours=-7)
    assert parse_date("Tue, 12 Feb 2019 08:00:00 PST", la).utcoffset() == timedelta(hours=-8)
    assert parse_date("2009-11-10 23:00:00 +0000 UTC") == datetime(2009, 11, 10, 23, tzinfo=UTC)
    with pytest.raises(ValueError, match="not a time zone"):
        site_zone("Mars/Olympus")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        (True, "boolean"),
        (False, "boolean"),
        (1.5, "number"),
        (["2019-05-31"], "list"),
        ({"date": "2019-05-31"}, "dict"),
        (time(9, 0), "time"),
        ("not a date at all", "'not a date at all'"),
        ("next tuesday", "'next tuesday'"),
        ("2019", "not a whole date"),  # dateutil would take today's month and day
        ("May 2019", "not a whole date"),
        ("10:30", "not a whole date"),
        ("31 Feb 2019", "day is out of range"),
        ("Fri, 31 May 2019 25:00:00 +0000", "hour must be"),
        ("Fri, 31 May 2019 09:00:00 +2500", "offset +2500"),
        ("2019-02-30", "day is out of range"),
        ("2019-13-01", "month must be"),
    ],
)
def test_not_dates(value: object, words: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_date(value)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # the clock time as written, as Hugo prints it: never moved to UTC
        (datetime(2019, 2, 12, 8, tzinfo=tz(-8)), datetime(2019, 2, 12, 8)),
        (datetime(2019, 2, 12, 0, 30, tzinfo=tz(1)), datetime(2019, 2, 12, 0, 30)),
        (datetime(2019, 2, 12, 8, tzinfo=UTC), datetime(2019, 2, 12, 8)),
        (datetime(2019, 2, 12, 8), datetime(2019, 2, 12, 8)),
    ],
)
def test_wall_time_for_ablog(value: datetime, expected: datetime) -> None:
    result = wall_time(value)
    assert result == expected and result.tzinfo is None


# --- finding and reading the block -------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "end_line", "data"),
    [
        ("---\ntitle: Y\n---\nbody", "yaml", 3, {"title": "Y"}),
        ("---  \t\ntitle: Y\n---   \nbody", "yaml", 3, {"title": "Y"}),  # trailing blanks
        ("---\ntitle: Y\n---", "yaml", 3, {"title": "Y"}),  # no newline after the closer
        ("---\n---\nbody", "yaml", 2, {}),  # empty block
        ("---\n# only a comment\n---\n", "yaml", 3, {}),
        ("---\r\ntitle: Y\r\n---\r\nbody\r\n", "yaml", 3, {"title": "Y"}),  # CRLF
        ("\ufeff---\ntitle: BOM\n---\n", "yaml", 3, {"title": "BOM"}),
        ("+++\ntitle = 'T'\n+++\nbody", "toml", 3, {"title": "T"}),
        ("+++ \ntitle = 'T'\n+++\t\nbody", "toml", 3, {"title": "T"}),
        ("+++\n+++\n", "toml", 2, {}),
        ("\ufeff+++\r\ntitle = 'T'\r\n+++\r\n", "toml", 3, {"title": "T"}),
        ('{"title": "J"}\nbody', "json", 1, {"title": "J"}),  # one line
        ('{"title": "J"} body on the same line', "json", 1, {"title": "J"}),
        ('{\n  "title": "J {x}",\n  "tags": ["a"]\n}\n\nbody', "json", 4, None),
        ('{\n "t": "a \\"}\\" b",\n "p": {"q": {"r": 1}}\n}\nbody }', "json", 4, None),
        ("{}\nbody", "json", 1, {}),
        ("\ufeff{\n}\n", "json", 2, {}),
        # no front matter: nothing consumed, no problem
        ("no front matter\n---\n", None, 0, {}),
        # Hugo skips white space before the front matter, blank lines too
        ("\n---\ntitle: x\n---\n", "yaml", 4, {"title": "x"}),
        ("  \n\n ---\ntitle: x\n---\n", "yaml", 5, {"title": "x"}),
        ("{{< note >}}\nA shortcode, not JSON.\n{{< /note >}}\n", None, 0, {}),
        ("", None, 0, {}),
    ],
)
def test_blocks(text: str, fmt: str | None, end_line: int, data: dict[str, Any] | None) -> None:
    front = split_front_matter(text)
    assert (front.format, front.end_line, front.problems) == (fmt, end_line, [])
    if data is not None:
        assert front.data == data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Hugo ends YAML at "---" only: "..." leaves the block open
        ("---\ntitle: Y\n...\nbody", "never closed"),
        # a first '-' or '+' is a delimiter to Hugo, which refuses anything else
        ("----\ntitle: x\n----\n", "starts with '----'"),
        ("--- title: x\n---\n", "starts with '--- title: x'"),
        ("++\ntitle = 'x'\n++\n", "starts with '++'"),
        ("- a list first\n", "starts with '- a list first'"),
        ("\n  + a list first\n", "starts with '+ a list first'"),
    ],
)
def test_not_front_matter_is_body_with_a_problem(text: str, message: str) -> None:
    front = split_front_matter(text)
    assert (front.format, front.end_line, front.data) == (None, 0, {})
    assert [p.line for p in front.problems] == [
        1 + text.count("\n", 0, len(text) - len(text.lstrip()))
    ]
    assert message in front.problems[0].message


def test_org_mode_front_matter() -> None:
    front = split_front_matter(
        "#+TITLE: Org post\n#+DATE: <2020-01-02 Thu 10:30>\n#+TAGS[]: a b\n"
        "#+FILETAGS: :x:y:\n#+ALIAS: one\n#+ALIAS: two\n\nBody\n"
    )
    assert front.format == "org"
    assert front.end_line == 6
    assert front.data == {
        "title": "Org post",
        "date": "2020-01-02 10:30",
        "tags": ["a", "b"],
        "filetags": ["x", "y"],
        "alias": ["one", "two"],
    }
    assert front.key_lines["tags"] == 3


def test_toml_block_with_a_dash_line() -> None:
    front = split_front_matter("+++\ntitle = 'T'\n---\n+++\n")
    assert front.problems and front.problems[0].line == 3  # '---' is no TOML


@pytest.mark.parametrize("name", ["all-fields.yaml.md", "all-fields.toml.md", "all-fields.json.md"])
def test_body_is_what_follows_the_block(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    front = split_front_matter(text)
    lines = text.splitlines()
    assert lines[front.end_line - 1] in ("---", "+++", "}")
    assert [line for line in lines[front.end_line :] if line] == ["Body line."]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n\nBody, and a rule:\n\n- - -\n",
        "---",
        "---\n",
        "+++\ntitle = 'x'\n",
        "+++\ntitle = 'x'\n---\n",  # a YAML closer does not close TOML
        '{"title": "x"\nbody',
        '{"title": "}"\n',  # the brace in the string does not count
        "{\n",
    ],
)
def test_unterminated_block_stays_body(text: str) -> None:
    front = split_front_matter(text)
    assert (front.format, front.end_line, front.data) == (None, 0, {})
    (problem,) = front.problems
    assert (problem.line, problem.subtype) == (1, "frontmatter")
    assert "never closed" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # YAML: the problem mark, on the file line, and where the construct began
        (
            "---\ntitle: 'x\ndate: 1\n---\n",
            3,
            "unexpected end of stream (at line 3, column 8), while scanning a quoted scalar "
            "(at line 2, column 8)",
        ),
        ("---\ntitle: x\n  bad: indent\n---\n", 3, "mapping values are not allowed"),
        ("---\na: 1\nb: 2\ntags: [a, b\nc: 3\n---\n", 5, "did not find expected ',' or ']'"),
        ("---\na: 1\na: *nowhere\n---\n", 3, "found undefined alias"),
        ("---\ntitle: !!python/object:os.system x\n---\n", 2, "could not determine a constructor"),
        ("---\nx: \x07\n---\n", 2, "unacceptable character"),  # no mark: the first line
        # TOML: tomllib's block line rewritten to the file line
        (
            '+++\ntitle = "x"\ndraft = false\nauthor x\n+++\n',
            4,
            "Expected '=' after a key in a key/value pair (at line 4, column 8)",
        ),
        ("+++\na = 1\na = 2\n+++\n", 3, "Cannot overwrite a value"),  # a key twice
        ("+++\na = 1\na = 2\nb = 3\n+++\n", 3, "Cannot overwrite a value (at line 3, column"),
        ("+++\ndate = 2019-02-30\n+++\n", 2, "Invalid date"),
        ('+++\ntitle = "x"\ntags = ["a",\n\n+++\n', 3, "(at the end of the block, line 3)"),
        # JSON: json's line is the file line (the object starts on line 1)
        # (Python 3.13's json names the trailing comma itself, on its line)
        (
            '{\n  "title": "x",\n}\n',
            *((2, "Illegal trailing comma") if sys.version_info >= (3, 13) else (3, "Expecting")),
        ),
        ('{"title": "x" "date": 1}\nbody', 1, "Expecting ',' delimiter (at line 1, column 15)"),
        ("{\n  'title': 'x'\n}\n", 2, "(at line 2, column 3)"),
        # the top level is not a mapping
        ("---\n- a list\n---\n", 2, "is a list, not a mapping"),
        ("---\njust text\n---\n", 2, "is the text 'just text', not a mapping"),
        ("---\n42\n---\n", 2, "the number 42"),
    ],
)
def test_invalid_front_matter_is_located(text: str, line: int, words: str) -> None:
    front = split_front_matter(text)
    (problem,) = front.problems
    assert (problem.line, problem.subtype) == (line, "frontmatter")
    assert words in problem.message
    assert problem.message.startswith(("invalid ", "the "))
    # the block is still consumed: the body stays the body
    assert front.format is not None and front.end_line > 0 and front.data == {}
    assert normalise(front) == (PostMeta(lines=front.key_lines), [])


def test_yaml_loader_is_libyaml_when_there() -> None:
    assert frontmatter._LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert issubclass(frontmatter._LOADER, yaml.constructor.SafeConstructor)


def test_yaml_is_loaded_safely() -> None:
    front = split_front_matter("---\nx: !!python/object/apply:os.system ['true']\n---\n")
    assert front.data == {} and "constructor" in front.problems[0].message


def test_a_date_yaml_cannot_build_loses_only_itself() -> None:
    """PyYAML raises a bare ValueError for 2019-02-30: the block is read again."""
    meta, problems = meta_of("title: Kept\ndate: 2019-02-30\ntags: [a]")
    assert (meta.title, meta.tags, meta.date) == ("Kept", ["a"], None)
    (problem,) = problems
    assert (problem.line, problem.subtype) == (3, "date")
    assert "'2019-02-30' is not a real date: day is out of range" in problem.message


@pytest.mark.parametrize(
    ("text", "key_lines"),
    [
        (
            "---\nTitle: x\ndate: 2019-01-01\n# comment: no\ntags:\n  - a\n"
            "params:\n  author: a\n  cover:\n    image: i.png\n'quoted': 1\n---\n",
            {
                "title": 2,
                "date": 3,
                "tags": 5,
                "params": 7,
                "params.author": 8,
                "params.cover": 9,
                "quoted": 11,
            },
        ),
        (
            "+++\ntitle = 'x'\n\"Date\" = 2019-01-01\nsite.thumbnail = 't'\n"
            "[params]\nauthor = 'a'\n[params.cover]\nimage = 'i'\n[[items]]\nname = 'n'\n+++\n",
            {
                "title": 2,
                "date": 3,
                "site": 4,
                "site.thumbnail": 4,
                "params": 5,
                "params.author": 6,
                "params.cover": 7,
                "items": 9,
                "items.name": 10,
            },
        ),
        (
            '{\n "title": "a: b",\n "params": {\n  "author": "x",\n  "cover": {"image": "i"}\n'
            ' },\n "tags": ["t"]\n}\n',
            {
                "title": 2,
                "params": 3,
                "params.author": 4,
                "params.cover": 5,
                "tags": 7,
            },
        ),
    ],
)
def test_key_lines(text: str, key_lines: dict[str, int]) -> None:
    front = split_front_matter(text)
    assert front.problems == []
    assert front.key_lines == key_lines


# --- normalising -------------------------------------------------------------

ALL_FIELDS = {
    "title": "All fields",
    "date": datetime(2019, 5, 31, 9, tzinfo=tz(-8)),
    "publish_date": datetime(2019, 5, 30, tzinfo=UTC),
    "lastmod": datetime(2020, 2, 1, 10, tzinfo=tz(2)),
    "expiry_date": datetime(2030, 1, 1, tzinfo=UTC),
    "authors": ["alice", "bob", "carol"],
    "tags": ["Linkerd", "linkerd", "Tutorials &amp; How-To's"],  # as written, blank dropped
    "categories": ["News"],
    "keywords": ["mesh", "spaced"],
    "draft": False,
    "featured": True,
    "thumbnail": "/img/thumb.png",  # the top-level one wins over params.thumbnail
    "images": ["/img/a.png", "/img/b.png", "/img/cover.png"],
    "slug": "all-fields",
    "url": "/2019/05/31/all-fields/",
    "aliases": ["/old-path/"],
    "description": "A description.",
    "summary": "A summary.",
    "extra": {"custom": "kept"},
}


@pytest.mark.parametrize("name", ["all-fields.yaml.md", "all-fields.toml.md", "all-fields.json.md"])
def test_every_field_in_every_format(name: str) -> None:
    front = split_front_matter((FIXTURES / name).read_text(encoding="utf-8"))
    meta, problems = normalise(front)
    assert (front.problems, problems) == ([], [])
    assert {key: getattr(meta, key) for key in ALL_FIELDS} == ALL_FIELDS
    assert meta.params["author"] == ["carol", "bob"]
    assert meta.params["cover"] == {"image": "/img/cover.png", "alt": "Cover"}
    assert meta.front is front.data and meta.lines is front.key_lines
    assert meta.effective_date == ALL_FIELDS["date"]
    assert front.key_lines["expirydate"] == 6 and front.key_lines["params.thumbnail"] > 20


# (line, subtype, words) of each problem in fixtures/frontmatter/wrong-types.md
WRONG_TYPES = [
    (2, "frontmatter", "title should be a string, got a list; the items are joined"),
    (3, "frontmatter", "description should be a string, got a mapping; it is ignored"),
    (4, "frontmatter", "slug should be a string, got the number 42; used as '42'"),
    (5, "frontmatter", "tags value the number 2019 is not a string; used as '2019'"),
    (5, "frontmatter", "tags has a mapping among its values; it is ignored"),
    (5, "frontmatter", "tags has a list among its values; its items are used"),
    (6, "frontmatter", "keywords value the boolean true is not a string; used as 'true'"),
    (7, "frontmatter", "author value the number 7 is not a string; used as '7'"),
    (8, "frontmatter", "draft should be true or false, got the text 'yes'; read as true"),
    (9, "frontmatter", "featured should be true or false, got the text 'maybe'; false used"),
    (10, "date", "date is ignored: cannot read 'next tuesday' as a date"),
    (11, "date", "publishDate 2019 is read as Unix seconds (1970-01-01)"),
    (12, "date", "lastmod is ignored: '2019-02-30' is not a real date"),
    (13, "frontmatter", "aliases should be a list of strings, got a mapping; it is ignored"),
    (15, "frontmatter", "params.author has a mapping without a name; it is ignored"),
    (16, "frontmatter", "params.cover has no image; it is ignored"),
    (17, "frontmatter", "params.thumbnail should be a string, got a list; the items are joined"),
]


def test_wrong_types_fixture() -> None:
    front = split_front_matter((FIXTURES / "wrong-types.md").read_text(encoding="utf-8"))
    assert front.problems == []
    meta, problems = normalise(front)
    found = sorted((p.line, p.subtype, p.message) for p in problems)
    assert len(found) == len(WRONG_TYPES), found
    for (line, subtype, message), (want_line, want_subtype, words) in zip(
        found, sorted(WRONG_TYPES), strict=True
    ):
        assert (line, subtype) == (want_line, want_subtype) and words in message, message
    assert meta.title == "Part 2 of the series"
    assert (meta.description, meta.slug) == (None, "42")
    assert meta.tags == ["2019", "Linkerd", "x", "y"]
    assert (meta.keywords, meta.authors, meta.aliases) == (["true"], ["7"], [])
    assert (meta.draft, meta.featured) == (True, False)
    assert (meta.date, meta.lastmod) == (None, None)
    assert meta.publish_date == datetime(1970, 1, 1, 0, 33, 39, tzinfo=UTC)  # Unix seconds
    assert meta.thumbnail == "a.png" and meta.images == []


@pytest.mark.parametrize(
    ("body", "field", "value", "words"),
    [
        ("title: [a, b]", "title", "a b", "the items are joined: 'a b'"),
        ("title: [a, {b: c}, 2]", "title", "a 2", "joined: 'a 2'; the mappings and lists"),
        ("title: {a: 1}", "title", None, "got a mapping; it is ignored"),
        ("title: 2019", "title", "2019", "the number 2019; used as '2019'"),
        ("title: 1.5", "title", "1.5", "the number 1.5"),
        ("title: true", "title", "true", "the boolean true; used as 'true'"),
        ("title: 2019-05-31", "title", "2019-05-31", "the date 2019-05-31"),
        ("slug: 42", "slug", "42", "slug should be a string, got the number 42"),
        ("url: [/a/, /b/]", "url", "/a/ /b/", "url should be a string, got a list"),
        ("summary: [x]", "summary", "x", "summary should be a string"),
        ("tags: 2019", "tags", ["2019"], "tags value the number 2019"),
        ("tags: [a, true]", "tags", ["a", "true"], "value the boolean true is not a string"),
        ("tags: {a: b}", "tags", [], "tags should be a list of strings, got a mapping"),
        ("categories: [[a, b], c]", "categories", ["a", "b", "c"], "its items are used"),
        ("keywords: [1.5]", "keywords", ["1.5"], "keywords value the number 1.5"),
        ("author: 42", "authors", ["42"], "author value the number 42"),
        ("authors: [a, 7]", "authors", ["a", "7"], "authors value the number 7"),
        ("author: {avatar: x.png}", "authors", [], "author has a mapping without a name"),
        ("draft: 'yes'", "draft", True, "got the text 'yes'; read as true"),
        ("draft: 'True'", "draft", True, "read as true"),
        ("draft: '1'", "draft", True, "read as true"),
        ("draft: 'no'", "draft", False, "read as false"),
        ("draft: 1", "draft", True, "got the number 1; read as true"),
        ("draft: 0", "draft", False, "got the number 0; read as false"),
        ("draft: sometimes", "draft", False, "got the text 'sometimes'; false used"),
        ("draft: [true]", "draft", False, "got a list; false used"),
        ("featured: 'on'", "featured", True, "featured should be true or false"),
        ("date: next tuesday at noon-ish", "date", None, "'next tuesday at noon-ish'"),
        ("date: 20190531", "date", datetime(1970, 8, 22, 16, 28, 51, tzinfo=UTC), "Unix seconds"),
        ("date: true", "date", None, "True is not a date but a boolean"),
        ("date: [2019-05-31]", "date", None, "is not a date but a list"),
        ("expiryDate: someday", "expiry_date", None, "expiryDate is ignored"),
        ("params: 3", "params", {}, "params should be a mapping, got the number 3; kept"),
        ("params: [a]", "extra", {"params": ["a"]}, "params should be a mapping"),
        ("params:\n  cover: {alt: x}", "images", [], "params.cover has no image"),
        ("params:\n  cover: 3", "images", ["3"], "params.cover value the number 3"),
        ("params:\n  author: [a, 3]", "authors", ["a", "3"], "params.author value the number 3"),
        ("params:\n  thumbnail: {a: b}", "thumbnail", None, "params.thumbnail should be a str"),
    ],
)
def test_wrong_types(body: str, field: str, value: object, words: str) -> None:
    meta, problems = meta_of(body)
    assert getattr(meta, field) == value
    (problem,) = problems
    assert words in problem.message, problem.message
    assert problem.subtype == ("date" if field in ("date", "expiry_date") else "frontmatter")
    last_line = body.count("\n") + 2
    assert 2 <= problem.line <= last_line  # the key's own line, never the fallback


def test_problem_lines_are_the_keys_lines() -> None:
    meta, problems = meta_of("title: ok\ntags: [a]\n\ndraft: maybe\nparams:\n  x: 1\n  cover: 5")
    assert [(p.line, p.message.split()[0]) for p in problems] == [(5, "draft"), (8, "params.cover")]
    assert meta.images == ["5"]


def test_duplicate_keys_in_other_case_are_reported_and_kept() -> None:
    meta, problems = meta_of("title: first\nTITLE: second\ndate: 2019-01-01\nDate: 2020-01-01")
    assert meta.title == "second" and meta.date == datetime(2020, 1, 1, tzinfo=UTC)
    assert meta.extra == {"title": "first", "date": date(2019, 1, 1)}
    assert [(p.line, p.subtype, p.message) for p in problems] == [
        (2, "frontmatter", "'title' and 'TITLE' are one field (Hugo ignores case); 'TITLE' used"),
        (4, "frontmatter", "'date' and 'Date' are one field (Hugo ignores case); 'Date' used"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "hugo"),
    [
        ("---\ntitle: a\ndate: 2020-01-01\ntitle: b\n---\n", 4, "Hugo refuses the page"),
        ("---\ntitle: b\nparams:\n  x: 1\n  y: 2\n  x: 3\n---\n", 6, "Hugo refuses the page"),
        # the second read of a block holding a date that is no real one
        ("---\ndate: 2019-02-30\n\ntitle: a\ntitle: b\n---\n", 5, "Hugo refuses the page"),
        ('{"title": "a",\n "x": 1,\n "title": "b"}\n', 1, "Hugo uses the last too"),
    ],
)
def test_repeated_keys_are_reported_and_the_last_is_used(text: str, line: int, hugo: str) -> None:
    front = split_front_matter(text + "body")
    key = "x" if "y: 2" in text else "title"
    assert [(p.line, p.subtype, p.message) for p in front.problems] == [
        (line, "frontmatter", f"{key!r} is given more than once ({hugo}); the last value is used")
    ]
    assert (front.data.get("params") or front.data)[key] == ("b" if key == "title" else 3)


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        # case-insensitive keys, as in Hugo
        ("TITLE: Up", "title", "Up"),
        ("publishdate: 2019-01-02", "publish_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("PublishDate: 2019-01-02", "publish_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("lastMod: 2019-01-02", "lastmod", datetime(2019, 1, 2, tzinfo=UTC)),
        ("expirydate: 2019-01-02", "expiry_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("ExpiryDate: 2019-01-02", "expiry_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("Draft: true", "draft", True),
        ("Tags: [a]", "tags", ["a"]),
        ("Aliases: [/a/]", "aliases", ["/a/"]),
        # Hugo's other names for the dates
        ("pubdate: 2019-01-02", "publish_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("published: 2019-01-02", "publish_date", datetime(2019, 1, 2, tzinfo=UTC)),
        ("modified: 2019-01-02", "lastmod", datetime(2019, 1, 2, tzinfo=UTC)),
        ("unpublishdate: 2019-01-02", "expiry_date", datetime(2019, 1, 2, tzinfo=UTC)),
        (
            "publishDate: 2019-01-02\npubdate: 2020-01-01",
            "publish_date",
            datetime(2019, 1, 2, tzinfo=UTC),
        ),
        ("publishDate: 2019-01-02\npubdate: x", "extra", {"pubdate": "x"}),
        # Jekyll's published flag, which Hugo honours
        ("published: false", "draft", True),
        ("published: true", "draft", False),
        ("published: false\ndraft: false", "draft", False),
        # string or list
        ("aliases: /old/", "aliases", ["/old/"]),
        ("aliases: [/a/, /b/, /a/]", "aliases", ["/a/", "/b/"]),
        ("aliases:\n  - /a/\n  - ''\n  -\n  - ' /b/ '", "aliases", ["/a/", "/b/"]),
        ("categories: News", "categories", ["News"]),
        ("images: /a.png", "images", ["/a.png"]),
        ("tags: 'a, b'", "tags", ["a, b"]),  # one tag, as Hugo has it
        ("tags: [' Linkerd ', linkerd, Linkerd, '']", "tags", ["Linkerd", "linkerd"]),
        ("keywords: [K&amp;S]", "keywords", ["K&amp;S"]),  # no unescaping at this layer
        # authors: author/authors, then params.author; order kept, no repeats
        ("author: alice", "authors", ["alice"]),
        ("authors: [alice, bob]", "authors", ["alice", "bob"]),
        ("author: alice\nauthors: [bob, alice]", "authors", ["alice", "bob"]),
        ("params:\n  author: carol", "authors", ["carol"]),
        ("params:\n  Author: [carol, dave]", "authors", ["carol", "dave"]),
        ("author: alice\nparams:\n  author: [bob, alice]", "authors", ["alice", "bob"]),
        ("params:\n  author:\n    name: Chris C\n    avatar: c.png", "authors", ["Chris C"]),
        ("author: [{name: A}, b]", "authors", ["A", "b"]),
        # thumbnail, else params.thumbnail
        ("thumbnail: /t.png\nparams:\n  thumbnail: /p.png", "thumbnail", "/t.png"),
        ("params:\n  thumbnail: /p.png", "thumbnail", "/p.png"),
        ("thumbnail: ''\nparams:\n  thumbnail: /p.png", "thumbnail", "/p.png"),
        # images: images, feature, params.cover (a string or {image: ...})
        ("params:\n  cover: /c.png", "images", ["/c.png"]),
        ("params:\n  cover:\n    image: /c.png\n    alt: C", "images", ["/c.png"]),
        ("params:\n  cover: {Image: /c.png}", "images", ["/c.png"]),
        (
            "params:\n  cover: /c.png\nfeature: /f.png\nimages: [/i.png, /f.png]",
            "images",
            ["/i.png", "/f.png", "/c.png"],
        ),
        ("thumbnail: /t.png", "images", []),  # the thumbnail is not one of the images
        # everything else is kept as is
        ("Custom: {a: [1, 2]}\nitems:", "extra", {"Custom": {"a": [1, 2]}, "items": None}),
        ("params:\n  showCover: true", "params", {"showCover": True}),
        ("params:", "params", {}),
        # empty values are no values, without a problem
        ("title: ''", "title", None),
        ("title:", "title", None),
        ("date: ''", "date", None),
        ("date:", "date", None),
        ("draft:", "draft", False),
        ("tags:", "tags", []),
        ("title: '  Spaced  '", "title", "Spaced"),
    ],
)
def test_fields(body: str, field: str, value: object) -> None:
    meta, problems = meta_of(body)
    assert problems == []
    assert getattr(meta, field) == value


def test_inline_author_profile() -> None:
    """linkerd.io's guest authors: ``params.author`` as a mapping with a name."""
    meta, problems = meta_of("params:\n  author:\n    name: Chris C\n    avatar: c.png")
    assert problems == []
    assert meta.author_profiles == {"Chris C": {"name": "Chris C", "avatar": "c.png"}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("date: 2020-01-01\npublishDate: 2021-01-01\nlastmod: 2022-01-01", 2020),
        ("publishDate: 2021-01-01\nlastmod: 2022-01-01", 2021),
        ("lastmod: 2022-01-01", 2022),
        ("title: no date", None),
    ],
)
def test_effective_date(body: str, expected: int | None) -> None:
    meta, _ = meta_of(body)
    effective = meta.effective_date
    assert (effective.year if effective else None) == expected


def test_normalise_without_front_matter() -> None:
    front = split_front_matter("Just a body.\n")
    assert normalise(front) == (PostMeta(), [])
    assert isinstance(front, FrontMatter)


def test_problem_is_immutable() -> None:
    problem = Problem("m", "frontmatter", 1)
    with pytest.raises(FrozenInstanceError):
        problem.line = 2  # type: ignore[misc]


# --- is_hidden ---------------------------------------------------------------

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "flags", "reason"),
    [
        ("date: 2020-01-01", {}, None),
        ("title: no date at all", {}, None),
        ("draft: true", {}, "draft"),
        ("draft: true", {"drafts": True}, None),
        ("draft: true\ndate: 2027-01-01", {"future": True}, "draft"),  # draft first
        ("draft: true\ndate: 2027-01-01", {"drafts": True}, "future"),
        ("date: 2027-01-01", {}, "future"),
        ("date: 2027-01-01", {"future": True}, None),
        ("date: 2026-01-01T00:00:00Z", {}, None),  # exactly now is not in the future
        ("date: 2026-01-01T00:00:01Z", {}, "future"),
        ("date: 2025-12-31T20:00:00-05:00", {}, "future"),  # 01:00 UTC
        ("publishDate: 2027-01-01\ndate: 2020-01-01", {}, "future"),  # publishDate decides
        ("publishDate: 2020-01-01\ndate: 2027-01-01", {}, None),
        ("lastmod: 2027-01-01", {}, None),  # lastmod never hides
        ("expiryDate: 2025-01-01", {}, "expired"),
        ("expiryDate: 2026-01-01T00:00:00Z", {}, "expired"),  # expired at exactly now
        ("expiryDate: 2027-01-01", {}, None),
        ("expiryDate: 2025-01-01", {"expired": True}, None),
        ("unpublishdate: 2025-01-01", {}, "expired"),
        ("date: 2027-01-01\nexpiryDate: 2025-01-01", {}, "future"),
        ("date: 2027-01-01\nexpiryDate: 2025-01-01", {"future": True}, "expired"),
        ("published: false", {}, "draft"),
    ],
)
def test_hidden_like_hugo(body: str, flags: dict[str, bool], reason: str | None) -> None:
    meta, _ = meta_of(body)
    options = {"drafts": False, "future": False, "expired": False, **flags}
    assert is_hidden(meta, NOW, **options) == reason


def test_hidden_with_a_naive_now() -> None:
    meta, _ = meta_of("date: 2026-01-01T10:00:00+02:00")  # 08:00 UTC
    hidden = {"drafts": False, "future": False, "expired": False}
    assert is_hidden(meta, datetime(2026, 1, 1, 7), **hidden) == "future"
    assert is_hidden(meta, datetime(2026, 1, 1, 9), **hidden) is None


# --- the real posts ----------------------------------------------------------

# Problems the 2022 corpus is known to have: (file name, line, words).  One: a
# post gives `tags:` twice, which Hugo 0.152+ refuses (goccy/go-yaml).  Every
# other post reads cleanly, dates included (RFC 2822 with a wrong weekday,
# -0800, YAML timestamps, TOML dates and date strings).
KNOWN_2022_PROBLEMS: set[tuple[str, int, str]] = {
    ("announcing-the-linkerd-ambassador-program.md", 10, "'tags' is given more than once"),
}


def corpus_posts() -> dict[str, list[Path]]:
    """The posts of both corpora, or skip the test when ``../shared`` is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (only the project's own checkout has ../shared)")
    return {
        "2022": sorted(
            path
            for path in (CORPUS / "linkerd-2022" / "blog").glob("*.md")
            if path.name != "_index.md"
        ),
        "2026": sorted((CORPUS / "linkerd-2026" / "blog").glob("*/*/index.md")),
    }


def test_corpus_front_matter() -> None:
    """Every real post reads with a title and an aware date; 2022 has no problem."""
    posts = corpus_posts()
    assert len(posts["2022"]) >= 150 and len(posts["2026"]) >= 150
    problems_2022: list[tuple[str, int, str]] = []
    formats: dict[str, int] = {}
    for era, paths in posts.items():
        for path in paths:
            front = split_front_matter(path.read_text(encoding="utf-8"))
            meta, problems = normalise(front)
            formats[f"{era} {front.format}"] = formats.get(f"{era} {front.format}", 0) + 1
            assert front.format is not None and front.end_line > 2, path
            assert meta.title, path
            if "date" in front.key_lines:
                assert meta.date is not None and meta.date.tzinfo is not None, path
            for problem in [*front.problems, *problems]:
                assert era == "2022", (path, problem)  # see the list above for 2022
                problems_2022.append((path.name, problem.line, problem.message))
    unexpected = [
        found
        for found in problems_2022
        if not any(found[:2] == known[:2] and known[2] in found[2] for known in KNOWN_2022_PROBLEMS)
    ]
    assert unexpected == []
    assert len(problems_2022) == len(KNOWN_2022_PROBLEMS)
    assert formats.get("2022 toml", 0) >= 20 and formats.get("2022 yaml", 0) >= 130
    assert set(formats) == {"2022 yaml", "2022 toml", "2026 yaml"}


def test_corpus_toml_posts_parse() -> None:
    toml_posts = [
        path
        for path in corpus_posts()["2022"]
        if path.read_text(encoding="utf-8").startswith("+++")
    ]
    assert len(toml_posts) >= 20
    for path in toml_posts:
        front = split_front_matter(path.read_text(encoding="utf-8"))
        meta, problems = normalise(front)
        assert (front.format, front.problems, problems) == ("toml", [], []), path
        assert meta.title and meta.date and meta.date.tzinfo is not None, path
        assert meta.authors and meta.thumbnail, path


def test_corpus_wrong_weekday_and_offsets() -> None:
    """The RFC 2822 dates of 2022 keep their own zone and ignore a wrong weekday."""
    seen_weekday = seen_offset = False
    for path in corpus_posts()["2022"]:
        text = path.read_text(encoding="utf-8")
        meta, _ = normalise(split_front_matter(text))
        assert meta.date is not None
        line = next(line for line in text.splitlines() if line.lower().startswith("date"))
        if "Mon, 18 May 2019" in line:
            seen_weekday = True
            assert (meta.date.year, meta.date.month, meta.date.day) == (2019, 5, 18)
        if line.rstrip().endswith("-0800"):
            seen_offset = True
            assert meta.date.utcoffset() == timedelta(hours=-8)
    assert seen_weekday and seen_offset
