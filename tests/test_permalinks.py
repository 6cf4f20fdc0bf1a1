"""Hugo's permalinks, default paths and aliases, table-driven (tests/fixtures/permalinks.md).

The cases follow Hugo's ``resources/page/permalinks_test.go``: its test page is
``posts/test-page/index.md``, titled "Spf13 Vim 3.0 Release and new website",
dated 2012-04-06 03:01:59, with slug "The Slug" and sections a/b/c.  Lines
after the first override a field (an empty value clears it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import read_cases

from sphinxcontrib_linkerdblog.hugo.permalinks import (
    PageFile,
    alias_path,
    check_pattern,
    default_path,
    expand,
    urlize,
)

CASES = read_cases(Path(__file__).parent / "fixtures" / "permalinks.md")


def page_of(lines: list[str]) -> PageFile:
    fields: dict[str, str] = {
        "docname": "posts/test-page/index",
        "title": "Spf13 Vim 3.0 Release and new website",
        "date": "2012-04-06T03:01:59",
        "slug": "The Slug",
        "sections": "a/b/c",
    }
    for line in lines:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    date = datetime.fromisoformat(fields["date"]).replace(tzinfo=UTC) if fields["date"] else None
    sections = tuple(fields["sections"].split("/")) if fields["sections"] else None
    return PageFile(fields["docname"], date, fields["slug"] or None, fields["title"], sections)


@pytest.mark.parametrize(("title", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(title: str, given: str, expected: str) -> None:
    first, *rest = given.split("\n")
    verb, _, argument = first.partition(" ")
    if verb == "expand":
        assert str(expand(argument, page_of(rest))) == expected
    elif verb == "default":
        assert default_path(page_of(rest)) == expected
    elif verb == "alias":
        alias, _, own = argument.partition(" on ")
        assert alias_path(alias, own) == expected
    else:
        assert verb == "urlize"
        assert urlize(argument) == expected


def test_unknown_tokens_are_named() -> None:
    assert check_pattern("/:year/:nonsense/:sections[1:]/:2006/") == ["nonsense"]
    assert check_pattern("/\\:literal/:slug/") == []
