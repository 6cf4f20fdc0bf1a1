"""Shared fixtures: Sphinx's testing fixtures, our test roots, corpus location."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The shared material (seed post, corpora); absent on a user's clone."""


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>``."""
    return Path(__file__).parent / "roots"


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only the project's own checkout has ../shared)")
    return path


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings_of(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The build's warnings, one per line, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    """The ``app`` of the test's ``@pytest.mark.sphinx`` root, built."""
    app.build()
    return app


def build_project(src: Path, **overrides: object):  # type: ignore[no-untyped-def]
    """Build a project that is not a test root (a copy of the corpus, the docs).

    Returns the built ``SphinxTestApp``; the caller calls ``cleanup()``.
    """
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        freshenv=True,
        confoverrides=overrides or None,
    )
    app.build()
    return app


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    """MyST-style fixture file: (title, input, expected) triples.

    Each case is a title line, ``.``, the input, ``.``, the expected output, ``.``.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[tuple[str, str, str]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.' after {title!r}"
        blocks: list[list[str]] = [[], []]
        i += 2
        for block in blocks:
            while lines[i] != ".":
                block.append(lines[i])
                i += 1
            i += 1
        cases.append((title, "\n".join(blocks[0]), "\n".join(blocks[1])))
    return cases
