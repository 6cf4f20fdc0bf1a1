"""``linkerdblog check`` reports exactly what the build reports.

``tests/roots/test-every-warning`` has a post for each warning subtype (and a
bad option in its ``conf.py``); the root is built with ``html``, then checked
with ``check --conf``, and the two lists of warnings must be the same, message
for message.  (Exit codes and formats: ``test_cli.py``.)
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
    return src, parse(warnings_of(app))


# Given by an HTML build only, about its theme and the pages it writes, which
# ``check`` (Sphinx's dummy builder, no theme, no pages) has not: tested in
# test_themes.py.
HTML_BUILD_ONLY = {Warn.THEME, Warn.PAGE}


def test_the_root_has_every_subtype(project) -> None:  # type: ignore[no-untyped-def]
    _src, built = project
    kinds = {kind for *_rest, kind in built}
    assert kinds == {f"linkerdblog.{w.subtype}" for w in Warn if w not in HTML_BUILD_ONLY}


def test_check_reports_what_the_build_reports(project, capsys) -> None:  # type: ignore[no-untyped-def]
    src, built = project
    status = main(["check", "--conf", str(src), str(src / "blog"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    checked = {
        (Path(p["file"]).name, p["line"], p["message"], p["subtype"])
        for p in report["problems"]
        if p["subtype"].startswith("linkerdblog.")
    }
    assert status == 1 and report["files"] == 14
    assert checked == built
