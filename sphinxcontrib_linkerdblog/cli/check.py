"""``linkerdblog check PATH``: every problem a build would report, without a site.

``check`` is the build itself, stopped before anything is written: Sphinx's
``dummy`` builder reads every Markdown file under ``PATH`` with this
extension, runs every transform (front matter, shortcodes through the same
dispatch, images, links, raw HTML, file reads, the post index) and resolves
every page, then writes nothing.  So it reports exactly what the build
reports, in the build's words, with no second implementation to drift; only
the checks that depend on the files an HTML build writes are then made the
way an ``html`` build would (a redirect over a page, the site root, a
non-page alias).  Two warnings are the HTML build's alone, since ``check``
has no theme and writes no page: ``linkerdblog.theme`` (no room for the blog's
sidebars) and ``linkerdblog.page`` (a generated page over the project's).

The folder is read in place: the source folder is ``PATH``'s parent, only
``PATH/**`` is read, every Markdown file under it is a post, and the
environment and output go to a temporary folder.  ``--conf DIR`` runs that
project's ``conf.py`` (its site shortcodes, authors, options) for it.

Each problem is printed as ``file:line: message [type.subtype]``; ``--format
json`` is for CI.  Exit 0: nothing found; 1: problems; 2: the folder or the
``conf.py`` could not be used (one line, no traceback).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .. import messages
from ..hugo.urls import page_file
from ..redirects import reserved
from ..rss_feeds import refused_terms
from ..state import get_state
from .conf import read_conf

if TYPE_CHECKING:
    from collections.abc import Iterator

_WARNING = re.compile(
    r"^(?:(?P<file>.+?):(?P<line>\d*): )?(?:WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[(?P<kind>[\w.-]+)\])?$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located; ``subtype`` is the warning's ``type.subtype``."""

    file: str
    line: int
    message: str
    subtype: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.subtype}]"


def _shown(file: str) -> str:
    """A file's path as the user gave it: relative to the current folder when inside it."""
    path = Path(file)
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else file


def _overrides(name: str, namespace: dict[str, Any], first: str) -> dict[str, Any]:
    """What the build is told on top of ``conf.py``: read ``PATH`` only, all of it posts."""
    extensions = list(namespace.get("extensions", []))
    if "sphinxcontrib_linkerdblog" not in extensions:
        extensions.append("sphinxcontrib_linkerdblog")
    return {
        "extensions": extensions,
        "blog_post_pattern": [f"{name}/**"],
        "include_patterns": [f"{name}/**"],
        # Some post is the root document: the folder need not have an index.
        "root_doc": first,
        "suppress_warnings": [
            *namespace.get("suppress_warnings", []),
            "toc.not_included",
            "config.cache",
        ],
    }


def _redirect_problems(app: Sphinx) -> Iterator[str]:
    """The redirect checks an ``html`` build makes that need no written file
    (:mod:`..redirects`): the site root, a path that is no page, a name too long,
    the build's own files, a document's page."""
    pages = {f"{docname}.html" for docname in app.env.all_docs}
    for key, claim in get_state(app.env).index.claims.items():
        page, note = page_file(key)
        path = app.env.doc2path(claim.docname)
        if page == f"{claim.docname}.html":
            continue  # the post's own page
        if page is None:
            why = note
        elif page in pages:
            why = f"{page} is a document's page"
        else:
            why = reserved(page)
        if why:
            message = messages.no_redirect(claim.field, claim.written, why)
        elif note and page is not None:
            message = messages.redirect_shortened(claim.field, claim.written, note, page)
        else:
            continue
        yield f"{path}:{claim.line}: WARNING: {message} [linkerdblog.alias]"


def _feed_problems(app: Sphinx) -> Iterator[str]:
    """The tags an ``html`` build can write no RSS feed for (:mod:`..rss_feeds`)."""
    if not app.config.linkerdblog_rss:
        return
    for docname, line, message in refused_terms(get_state(app.env).index):
        yield f"{app.env.doc2path(docname)}:{line}: WARNING: {message} [linkerdblog.feed]"


def run_check(path: Path, confdir: Path | None) -> tuple[list[Finding], int]:
    """Read ``path`` as the build would; the problems found and the files read."""
    src = path.resolve()
    files = sorted(p for p in src.rglob("*.md") if p.is_file())
    if not files:
        return [], 0
    namespace = read_conf(confdir) or {}
    first = files[0].relative_to(src.parent).with_suffix("").as_posix()
    out = Path(tempfile.mkdtemp(prefix="linkerdblog-check-"))
    warnings, status = StringIO(), StringIO()
    tty = sys.stderr.isatty()
    # As sphinx-build does: docutils' registries are restored afterwards, so
    # that a later build in the same process starts clean.
    with patch_docutils(confdir), docutils_namespace():
        app = Sphinx(
            str(src.parent),
            str(confdir.resolve()) if confdir is not None else None,
            str(out / "dummy"),
            str(out / "doctrees"),
            "dummy",
            confoverrides=_overrides(src.name, namespace, first),
            status=status,
            warning=warnings,
            freshenv=True,
        )
        if tty:
            done = [0]

            def progress(app: Sphinx, docname: str, source: list[str]) -> None:
                done[0] += 1
                filled = 30 * done[0] // max(len(files), 1)
                bar = "#" * filled + "." * (30 - filled)
                sys.stderr.write(f"\r[{bar}] {done[0]}/{len(files)}")

            app.connect("source-read", progress, priority=1)
        app.build()
        extra = [*_redirect_problems(app), *_feed_problems(app)]
    shutil.rmtree(out, ignore_errors=True)
    if tty:
        sys.stderr.write("\n")
    lines = _ANSI.sub("", warnings.getvalue()).splitlines() + extra
    findings = []
    for line in lines:
        found = _WARNING.match(line)
        # Problems of PATH's files, and those of no file (conf.py's options).
        if found and (found["file"] is None or Path(found["file"]).is_relative_to(src)):
            findings.append(
                Finding(
                    _shown(found["file"] or "conf.py"),
                    int(found["line"] or 0),
                    found["message"],
                    found["kind"] or "sphinx",
                )
            )
    unique = sorted(set(findings), key=lambda f: (f.file, f.line, f.message))
    return unique, len(files)


def check(path: Path, output: str, confdir: Path | None = None) -> int:
    """Run ``check`` on a folder; return the exit status."""
    if not path.is_dir():
        print(f"error: {path}: no such folder", file=sys.stderr)
        return 2
    if read_conf(confdir) is None:
        return 2
    findings, files = run_check(path, confdir)
    counts: Counter[str] = Counter(f.subtype.removeprefix("linkerdblog.") for f in findings)
    if output == "json":
        report: dict[str, Any] = {
            "files": files,
            "problems": [asdict(f) for f in findings],
            "counts": dict(counts),
        }
        print(json.dumps(report, indent=2))
    else:
        for finding in findings:
            print(finding)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"{files} files, {len(findings)} problems" + (f" ({summary})" if summary else ""))
    return 1 if findings else 0
