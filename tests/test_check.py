"""``linkerdblog check`` reports exactly what the build reports.

``tests/roots/test-every-warning`` has a post for each warning subtype (and a
bad option in its ``conf.py``); the root is built with ``html``, then checked
with ``check --conf``, and the two lists of warnings must be the same, message
for message.  (Exit codes and formats: ``test_cli.py``.)  The same build
checks that every warning says ``file:line:`` and that every example message of
``docs/warnings.md`` is one the build printed, word for word.
"""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_linkerdblog.cli import main
from sphinxcontrib_linkerdblog.warnings_ import Warn

ROOT = Path(__file__).parent / "roots" / "test-every-warning"
WARNINGS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "warnings.md"
LINE = re.compile(
    r"^(?:(?P<file>.+?):(?P<line>\d*): )?WARNING: (?P<message>.*) \[(?P<kind>linkerdblog\.\w+)\]$"
)


def parse(lines: list[str]) -> set[tuple[str, int, str, str]]:
    """(file name, line, message, type.subtype) of each linkerdblog warning."""
    found = set()
    for line in lines:
        match = LINE.match(line.strip())
        if match:
            name = Path(match["file"]).name if match["file"] else "conf.py"
            found.add((name, int(match["line"] or 0), match["message"], match["kind"]))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory):  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("every") / "every-warning"
    shutil.copytree(ROOT, src)
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), freshenv=True)
    app.build()
    app.cleanup()
    return src, parse(warnings_of(app)), warnings_of(app)


# Given by an HTML build only, about its theme and the pages it writes, which
# ``check`` (Sphinx's dummy builder, no theme, no pages) has not: tested in
# test_themes.py.
HTML_BUILD_ONLY = {Warn.THEME, Warn.PAGE}


def test_the_root_has_every_subtype(project) -> None:  # type: ignore[no-untyped-def]
    _src, built, _lines = project
    kinds = {kind for *_rest, kind in built}
    assert kinds == {f"linkerdblog.{w.subtype}" for w in Warn if w not in HTML_BUILD_ONLY}


def test_check_reports_what_the_build_reports(project, capsys) -> None:  # type: ignore[no-untyped-def]
    src, built, _lines = project
    status = main(["check", "--conf", str(src), str(src / "blog"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    checked = {
        (Path(p["file"]).name, p["line"], p["message"], p["subtype"])
        for p in report["problems"]
        if p["subtype"].startswith("linkerdblog.")
    }
    assert status == 1 and report["files"] == 16
    assert checked == built


LOCATED = re.compile(r"^(?P<file>/.+?\.md):(?P<line>[1-9]\d*): WARNING: .+ \[linkerdblog\.\w+\]$")


def test_every_warning_is_a_located_linkerdblog_warning(project) -> None:  # type: ignore[no-untyped-def]
    """``file:<number>: WARNING: ... [linkerdblog.<subtype>]``, never ``file::`` or
    ``file:`` alone, and no untyped warning of Sphinx's; only the ``conf.py``
    option's warning has no line, and says ``conf.py:`` in its message."""
    src, _built, lines = project
    for line in lines:
        if line.startswith("WARNING: conf.py: "):
            continue
        match = LOCATED.match(line.strip())
        assert match, line
        assert Path(match["file"]).is_relative_to(src), line


def documented_examples() -> list[tuple[str, int, str, str]]:
    """(file, line, message, type.subtype) of every example on docs/warnings.md."""
    text = WARNINGS_PAGE.read_text(encoding="utf-8")
    examples = text[text.index("## Examples") :]
    blocks = re.findall(r"^```text\n(.*?)^```$", examples, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    found = parse(lines)
    assert len(found) == len(lines), "an example is not a warning line"
    return sorted(found)


@pytest.mark.parametrize("example", documented_examples(), ids=lambda e: f"{e[0]}:{e[1]}")
def test_the_warnings_page_examples_are_what_the_build_prints(project, example) -> None:  # type: ignore[no-untyped-def]
    _src, built, _lines = project
    assert example in built, "\n".join(
        f"{w[0]}:{w[1]}: {w[2]} [{w[3]}]" for w in sorted(built) if w[0] == example[0]
    )


def test_the_warnings_page_has_an_example_of_every_subtype_the_root_gives() -> None:
    documented = {kind for *_rest, kind in documented_examples()}
    wanted = {f"linkerdblog.{w.subtype}" for w in Warn if w not in HTML_BUILD_ONLY}
    assert documented == wanted


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (("blog/post", None), ("blog/post", 1)),
        (("blog/post", 0), ("blog/post", 1)),
        (("blog/post", 7), ("blog/post", 7)),
        ((None, None), (None, None)),
        ("/src/blog/post.md:", "/src/blog/post.md:1"),
        ("/src/blog/post.md:None", "/src/blog/post.md:1"),
        ("/src/blog/post.md:0", "/src/blog/post.md:1"),
        ("/src/blog/post.md:12", "/src/blog/post.md:12"),
        ("blog/post", ("blog/post", 1)),
        (None, None),
    ],
)
def test_a_location_without_a_line_is_given_at_line_1(given, said) -> None:  # type: ignore[no-untyped-def]
    """Whatever a caller passes, Sphinx is never handed a file without a line."""
    from sphinxcontrib_linkerdblog.warnings_ import _with_line

    assert _with_line(given) == said


def test_a_node_without_a_line_is_given_at_line_1_of_its_file() -> None:
    from docutils import nodes
    from docutils.utils import new_document

    from sphinxcontrib_linkerdblog.warnings_ import _node_location

    document = new_document("/src/blog/post.md")
    paragraph = nodes.paragraph()
    document += paragraph
    image = nodes.image(uri="x.png")
    paragraph += image
    assert _node_location(image) == "/src/blog/post.md:1"
    paragraph.source, paragraph.line = "/src/blog/post.md", 4
    assert _node_location(image) == "/src/blog/post.md:4"
