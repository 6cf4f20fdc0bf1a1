"""Helpers the tests share: where the shared corpus is, building a project, warnings.

Imported by the test modules (``from helpers import ...``); ``conftest.py``
only holds pytest's fixtures and settings.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The shared material (seed post, corpora); absent on a user's clone."""


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only the project's own checkout has ../shared)")
    return path


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings_of(app: Any) -> list[str]:
    """The build's warnings, one per line, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


# Warnings the real corpora rightly give: their posts' own mistakes, which
# Hugo 0.168 refuses too.  Tests that a corpus builds without our warnings
# leave exactly these out (and fail if one stops being given).
KNOWN_CORPUS_WARNINGS = {
    "linkerd-2022": [
        ("/announcing-the-linkerd-ambassador-program.md:10: ", "'tags' is given more than once"),
    ],
}


def without_known(era: str, warnings: list[str]) -> list[str]:
    """``warnings`` without the era's known ones, each of which must be there."""
    known = KNOWN_CORPUS_WARNINGS.get(era, [])

    def is_known(warning: str) -> bool:
        return any(where in warning and words in warning for where, words in known)

    for where, words in known:
        assert any(where in w and words in w for w in warnings), f"no longer warned: {words}"
    return [w for w in warnings if not is_known(w)]


def build_project(src: Path, **overrides: object) -> SphinxTestApp:
    """Build a project that is not a test root (a copy of the corpus, the docs).

    Returns the built ``SphinxTestApp``; the caller calls ``cleanup()``.
    """
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


# -- snapshots ------------------------------------------------------------------


def doctree_text(app: Any, docname: str, *, resolved: bool) -> str:
    """A document's doctree as text for a snapshot: before post-transforms (as read)
    or after them (as written), with the machine's paths made neutral."""
    if resolved:
        doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    else:
        doctree = app.env.get_doctree(docname)
    # docutils 0.22 writes a boolean attribute as "1"/"0", older ones as "True"/"False"
    # (and every one writes None as "True"): booleans as numbers, whichever it is.
    doctree = doctree.deepcopy()
    for node in doctree.findall(nodes.Element):
        for key, value in node.attributes.items():
            if isinstance(value, bool):
                node[key] = int(value)
    text = doctree.pformat()
    return text.replace(str(app.srcdir), "<srcdir>").replace(str(app.outdir), "<outdir>")


class _Fragments(HTMLParser):
    """The outer HTML of every outermost element whose class starts with a prefix."""

    VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "source", "wbr", "col"})

    def __init__(self, prefix: str) -> None:
        super().__init__(convert_charrefs=False)
        self.prefix = prefix
        self.depth = 0
        self.current: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        starts = any(c.startswith(self.prefix) for c in classes)
        if self.depth or starts:
            self.current.append(self.get_starttag_text() or "")
            if tag not in self.VOID:
                self.depth += 1
            elif not self.depth:
                self.found.append("".join(self.current))
                self.current = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or any(c.startswith(self.prefix) for c in classes):
            self.current.append(self.get_starttag_text() or "")
            if not self.depth:
                self.found.append("".join(self.current))
                self.current = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in self.VOID:
            self.current.append(f"</{tag}>")
            self.depth -= 1
            if not self.depth:
                self.found.append("".join(self.current))
                self.current = []

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current.append(data)

    def handle_entityref(self, name: str) -> None:
        if self.depth:
            self.current.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.depth:
            self.current.append(f"&#{name};")


def html_fragments(path: Path, prefix: str = "linkerdblog-") -> str:
    """Our own elements of a page (class ``linkerdblog-*``), one per paragraph, for a
    snapshot that does not depend on the theme's markup around them."""
    parser = _Fragments(prefix)
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n\n".join(fragment.strip() for fragment in parser.found) + "\n"


def body(path: Path) -> str:
    """A page's own content (its top section), whatever the theme puts around it."""
    html = path.read_text(encoding="utf-8")
    start = html.index("<section")
    return html[start : html.rindex("</section>") + len("</section>")]


def more_posts(rootdir: Path, tmp_path: Path, name: str, posts: int = 6) -> Path:
    """``test-blog`` copied to ``tmp_path / name`` with ``posts`` more posts like its third
    (Sphinx reads and writes in parallel from a few documents on)."""
    import shutil

    src = tmp_path / name
    shutil.copytree(rootdir / "test-blog", src)
    third = (src / "blog" / "third.md").read_text("utf-8")
    for n in range(posts):
        (src / "blog" / f"more{n}.md").write_text(third.replace("Third", f"More {n}"), "utf-8")
    return src


def output_files(outdir: Path, *skip: str) -> dict[str, bytes]:
    """Every output file's bytes by its path, but for files named in ``skip``."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in skip
    }
