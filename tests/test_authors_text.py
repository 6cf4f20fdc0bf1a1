"""Authors written as text, split into people, table-driven (tests/fixtures/authors_text.md).

Each case's input is one author value (any number of lines, as a YAML block
would give it), or list items (``- value``; ``- profile: name`` for an inline
profile), and an optional ``registry: id=Name, id=Name`` line.  The expected
lines are the entries in order: kind, name, then what differs from the
defaults (key = name, no url, no affiliation, no joiner).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import read_cases

from sphinxcontrib_linkerdblog.hugo.authors_text import (
    AuthorName,
    author_keys,
    name_key,
    post_authors,
    split_author_text,
)

CASES = read_cases(Path(__file__).parent / "fixtures" / "authors_text.md")


def shown(entry: AuthorName) -> str:
    line = f"{entry.kind} {entry.name!r}"
    if entry.key != entry.name:
        line += f" key={entry.key!r}"
    for field in ("url", "affiliation", "joiner"):
        if getattr(entry, field):
            line += f" {field}={getattr(entry, field)!r}"
    return line


@pytest.mark.parametrize(("title", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(title: str, given: str, expected: str) -> None:
    lines = given.split("\n")
    registry: dict[str, str] = {}
    if lines[-1].startswith("registry: "):
        for pair in lines.pop().removeprefix("registry: ").split(", "):
            key, _, name = pair.partition("=")
            registry[key] = name
    names = {name_key(name): key for key, name in registry.items()}
    if lines[0].startswith("- "):
        items = [line.removeprefix("- ") for line in lines]
        profiles = [i.removeprefix("profile: ") for i in items if i.startswith("profile: ")]
        values = [i.removeprefix("profile: ") for i in items]
        entries = post_authors(values, profiles, registry, names)
    else:
        entries = split_author_text("\n".join(lines), registry, names)
    assert ("\n".join(shown(e) for e in entries) or "(none)") == expected


def test_keys_once_in_order() -> None:
    entries = post_authors(["Jane and John", "John, Ann"])
    assert author_keys(entries) == ["Jane", "John", "Ann"]


def test_nothing_visible_is_lost() -> None:
    """Every word of a long, odd text is in a name or an affiliation."""
    text = ", ".join(f"[N{i} x](https://e.example/{i}) (O{i}) and M{i} (P{i}" for i in range(50))
    entries = split_author_text(text)
    words = " ".join(f"{e.name} {e.affiliation}" for e in entries).split()
    for i in range(50):
        assert {f"N{i}", f"O{i}", f"M{i}", f"(P{i}"} <= set(words)


@pytest.mark.parametrize("text", ["(" * 20_000, "[" * 20_000, "[a](" * 5_000, "a, " * 7_000])
def test_hostile_text_is_linear(text: str) -> None:
    """Pathological brackets, parentheses and separators: no backtracking blow-up."""
    entries = split_author_text(text)
    assert len("".join(e.name for e in entries)) <= len(text)
