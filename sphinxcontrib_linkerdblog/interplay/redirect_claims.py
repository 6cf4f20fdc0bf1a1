"""The files the user's own redirects write: sphinx-reredirects and sphinxext-rediraffe.

Both write redirect pages from ``conf.py`` (``redirects``,
``rediraffe_redirects``) into the output folder, as :mod:`..redirects` does for
a post's Hugo URLs, and neither knows of ours:

* sphinx-reredirects (1.1) writes at ``html-collect-pages``, before our
  ``build-finished``, and over any file (ours of the previous build too);
* sphinxext-rediraffe (0.3) writes at ``build-finished``, before or after us
  depending on the order of ``extensions``, and fails the build when its file
  exists already.

So which one wins would depend on the order of ``extensions`` and on what the
previous build left.  It does not: a redirect the user wrote in ``conf.py``
wins, and the alias or permalink it displaces gets one ``linkerdblog.alias``
warning at its front-matter line naming the extension and its entry.  Where
they do not meet, both work.  :func:`claimed_pages` gives the output files
(relative POSIX paths) each extension will write, computed the way it
computes them, and :func:`..redirects.drop_displaced` removes a redirect page of
ours left where one of them now writes, before either runs.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

from sphinx.util.osutil import SEP

if TYPE_CHECKING:
    from sphinx.application import Sphinx

REREDIRECTS = "sphinx_reredirects"
REDIRAFFE = "sphinxext.rediraffe"
REDIRAFFE_BUILDERS = frozenset({"html", "dirhtml", "readthedocs", "readthedocsdirhtml"})
"""The builders sphinxext-rediraffe writes its redirects for."""
_WILDCARD = re.compile(r"[*?\[\]]")
# sphinxext-rediraffe's line of a redirects file: two paths, each maybe quoted.
_RE_LINE = re.compile(r"(?:(\"|')(.*?)\1|(\S+))\s+(?:(\"|')(.*?)\4|(\S+))")


def _reredirects_pages(app: Sphinx) -> dict[str, str]:
    """sphinx-reredirects' files: page -> its ``redirects`` entry."""
    suffix = getattr(app.builder, "out_suffix", ".html")
    pages = {}
    for source in app.config.redirects or {}:
        sources = [source]
        if _WILDCARD.search(source):
            sources = [doc for doc in sorted(app.env.found_docs) if fnmatch(doc, source)]
        for docname in sources:
            if docname.endswith(suffix):
                parts = [docname]
            else:
                name = docname.rstrip(SEP) if len(docname) > 1 else docname
                uri = app.builder.get_target_uri(name)
                parts = [uri] if uri.endswith(suffix) else [uri, "index"]
            page = Path(*parts).with_suffix(suffix).as_posix()
            pages[page] = f"sphinx-reredirects (conf.py redirects[{source!r}])"
    return pages


def _rediraffe_sources(app: Sphinx) -> list[str]:
    """The ``from`` side of every rediraffe redirect (a dict, or a file of lines)."""
    redirects = app.config.rediraffe_redirects
    if isinstance(redirects, dict):
        return [str(key) for key in redirects]
    if not isinstance(redirects, str):
        return []
    try:
        lines = (Path(app.srcdir) / redirects).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # sphinxext-rediraffe reports it itself
    sources = []
    for line in lines:
        found = _RE_LINE.fullmatch(line.strip())
        if found and not line.strip().startswith("#"):
            sources.append(found.group(2) or found.group(3))
    return sources


def _rediraffe_pages(app: Sphinx) -> dict[str, str]:
    """sphinxext-rediraffe's files: page -> its entry."""
    directory = "dirhtml" in app.builder.name
    pages = {}
    for source in _rediraffe_sources(app):
        path = PurePosixPath(PureWindowsPath(source))
        name = path.name
        for suffix in app.config.source_suffix:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        page = path.parent / f"{name}.html"
        if directory and name != "index":
            page = path.parent / name / "index.html"
        pages[page.as_posix().lstrip("/")] = f"sphinxext-rediraffe (rediraffe_redirects {source!r})"
    return pages


def claimed_pages(app: Sphinx) -> dict[str, str]:
    """Output file (relative, POSIX) -> which of the user's redirects writes it."""
    pages: dict[str, str] = {}
    if REREDIRECTS in app.extensions:
        pages.update(_reredirects_pages(app))
    if REDIRAFFE in app.extensions and app.builder.name in REDIRAFFE_BUILDERS:
        pages.update(_rediraffe_pages(app))
    return pages
