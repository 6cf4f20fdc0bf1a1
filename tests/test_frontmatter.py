"""Front matter and dates (unit tests of the pure core, no Sphinx)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import SHARED

from sphinxcontrib_linkerdblog.dates import parse_date, to_naive_utc
from sphinxcontrib_linkerdblog.frontmatter import is_hidden, normalise, split_front_matter


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 31 May 2019 09:00:00 +0000", datetime(2019, 5, 31, 9, tzinfo=UTC)),
        (  # the corpus's wrong weekday: 18 May 2019 was a Saturday
            "Mon, 18 May 2019 09:00:00 +0000",
            datetime(2019, 5, 18, 9, tzinfo=UTC),
        ),
        (
            "Tue, 12 Feb 2019 08:00:00 -0800",
            datetime(2019, 2, 12, 8, tzinfo=timezone(timedelta(hours=-8))),
        ),
        ("2021-05-14T00:00:00Z", datetime(2021, 5, 14, tzinfo=UTC)),
        (
            "2021-05-14T09:30:00+02:00",
            datetime(2021, 5, 14, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2021-05-14 09:30", datetime(2021, 5, 14, 9, 30, tzinfo=UTC)),
        ("2021-05-14", datetime(2021, 5, 14, tzinfo=UTC)),
        (datetime(2021, 5, 14, 1, 2), datetime(2021, 5, 14, 1, 2, tzinfo=UTC)),
        (datetime(2021, 5, 14).date(), datetime(2021, 5, 14, tzinfo=UTC)),
        ("May 3, 2018", datetime(2018, 5, 3, tzinfo=UTC)),
    ],
)
def test_dates_are_aware(value: object, expected: datetime) -> None:
    parsed = parse_date(value)
    assert parsed == expected and parsed.tzinfo is not None


@pytest.mark.parametrize("value", ["", "not a date at all", True, 2019, None, ["2019"]])
def test_not_dates(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_naive_utc_for_ablog() -> None:
    value = datetime(2019, 2, 12, 8, tzinfo=timezone(timedelta(hours=-8)))
    assert to_naive_utc(value) == datetime(2019, 2, 12, 16)


@pytest.mark.parametrize(
    ("text", "fmt", "end_line", "title"),
    [
        ("---\ntitle: Y\n---\nbody", "yaml", 3, "Y"),
        ("---  \ntitle: Y\n...\nbody", "yaml", 3, "Y"),
        ("+++\ntitle = 'T'\n+++\nbody", "toml", 3, "T"),
        ('{"title": "J"}\nbody', "json", 1, "J"),
        ('{\n  "title": "J {x}",\n  "tags": ["a"]\n}\n\nbody', "json", 4, "J {x}"),
        ("\ufeff---\ntitle: BOM\n---\n", "yaml", 3, "BOM"),
        ("---\n---\nbody", "yaml", 2, None),
        ("no front matter\n---\n", None, 0, None),
    ],
)
def test_formats(text: str, fmt: str | None, end_line: int, title: str | None) -> None:
    front = split_front_matter(text)
    assert (front.format, front.end_line, front.problems) == (fmt, end_line, [])
    assert normalise(front)[0].title == title


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: 'x\ndate: 1\n---\n", 3, "invalid YAML"),
        ('+++\ntitle = "x"\ntags = ["a",\n+++\n', 3, "invalid TOML"),
        ('{\n  "title": "x",\n}\n', 3, "invalid JSON"),
        ("---\n- a list\n---\n", 2, "not a set of fields"),
        ("---\ntitle: x\n", 1, "never closed"),
        ('{"title": "x"\n', 1, "never closed"),
    ],
)
def test_invalid_front_matter_is_located(text: str, line: int, words: str) -> None:
    (problem,) = split_front_matter(text).problems
    assert problem.line == line and words in problem.message
    assert problem.subtype == "frontmatter"


def test_unterminated_block_stays_body() -> None:
    front = split_front_matter("---\ntitle: x\n")
    assert front.format is None and front.end_line == 0


def test_every_field() -> None:
    text = """---
Title: All fields
date: 2020-01-02T03:04:05Z
publishDate: 2020-01-01
LastMod: 2020-02-01
expirydate: 2030-01-01
authors: [alice, bob]
params:
  author: carol
  thumbnail: /p.png
  cover: {image: /cover.png}
tags: [A, b]
categories: News
keywords: [k]
draft: false
featured: true
images: /i.png
feature: /f.png
slug: all-fields
url: /all/
aliases: /old/
description: D
summary: S
custom: kept
---
"""
    meta, problems = normalise(split_front_matter(text))
    assert problems == []
    assert meta.title == "All fields"
    assert meta.date == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert meta.publish_date == datetime(2020, 1, 1, tzinfo=UTC)
    assert meta.lastmod == datetime(2020, 2, 1, tzinfo=UTC)
    assert meta.expiry_date == datetime(2030, 1, 1, tzinfo=UTC)
    assert meta.authors == ["alice", "bob", "carol"]
    assert meta.tags == ["A", "b"] and meta.categories == ["News"] and meta.keywords == ["k"]
    assert (meta.draft, meta.featured) == (False, True)
    assert meta.thumbnail == "/p.png"
    assert meta.images == ["/p.png", "/i.png", "/f.png", "/cover.png"]
    assert (meta.slug, meta.url, meta.aliases) == ("all-fields", "/all/", ["/old/"])
    assert (meta.description, meta.summary) == ("D", "S")
    assert meta.extra == {"custom": "kept"}
    assert meta.params["author"] == "carol"


@pytest.mark.parametrize(
    ("body", "line", "subtype", "words"),
    [
        ("title: [a, b]", 2, "frontmatter", "joined as 'a b'"),
        ("title: {a: 1}", 2, "frontmatter", "ignored"),
        ("tags: [2019, x]", 2, "frontmatter", "2019"),
        ("author: 42", 2, "frontmatter", "42"),
        ("draft: 'yes'", 2, "frontmatter", "read as True"),
        ("date: next tuesday at noon-ish", 2, "date", "next tuesday"),
        ("params: 3", 2, "frontmatter", "params"),
    ],
)
def test_wrong_types_are_located_and_kept(body: str, line: int, subtype: str, words: str) -> None:
    _meta, problems = normalise(split_front_matter(f"---\n{body}\n---\n"))
    (problem,) = problems
    assert (problem.line, problem.subtype) == (line, subtype)
    assert words in problem.message


def test_inline_author_profile() -> None:
    """linkerd.io's guest authors: ``params.author`` as a mapping with a name."""
    text = "---\nparams:\n  author:\n    name: Chris C\n    avatar: c.png\n---\n"
    meta, problems = normalise(split_front_matter(text))
    assert problems == []
    assert meta.authors == ["Chris C"]
    assert meta.author_profiles == {"Chris C": {"name": "Chris C", "avatar": "c.png"}}


NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "flags", "reason"),
    [
        ("draft: true", {}, "draft"),
        ("draft: true", {"drafts": True}, None),
        ("date: 2027-01-01", {}, "future"),
        ("publishDate: 2027-01-01\ndate: 2020-01-01", {}, "future"),
        ("date: 2027-01-01", {"future": True}, None),
        ("expiryDate: 2025-01-01", {}, "expired"),
        ("expiryDate: 2025-01-01", {"expired": True}, None),
        ("date: 2020-01-01", {}, None),
    ],
)
def test_hidden_like_hugo(body: str, flags: dict[str, bool], reason: str | None) -> None:
    meta, _ = normalise(split_front_matter(f"---\n{body}\n---\n"))
    options = {"drafts": False, "future": False, "expired": False, **flags}
    assert is_hidden(meta, NOW, **options) == reason


def test_corpus_front_matter() -> None:
    """Every real post reads without a problem, with a title and an aware date."""
    corpus = SHARED / "corpus"
    posts = sorted(corpus.glob("linkerd-2022/blog/*.md")) + sorted(
        corpus.glob("linkerd-2026/blog/*/*/index.md")
    )
    if not posts:
        pytest.skip("../shared/corpus is absent")
    formats = set()
    for post in posts:
        front = split_front_matter(post.read_text(encoding="utf-8"))
        meta, problems = normalise(front)
        assert front.problems == [] and problems == [], post
        formats.add(front.format)
        if post.name != "_index.md":
            assert meta.title, post
            assert meta.date is not None and meta.date.tzinfo is not None, post
    assert formats == {"yaml", "toml"}
