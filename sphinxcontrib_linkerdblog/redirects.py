"""Redirect pages at every old Hugo URL of a post: its permalink, ``url`` and aliases.

A page there (relative meta refresh, canonical link, a script fallback) keeps
inbound links alive.  The paths come from front matter, which any post author
writes, so each one goes through :func:`.hugo.urls.page_file` and the checks
below before anything is written; every refusal is one ``linkerdblog.alias``
warning at the post's front-matter line:

* the file must stay inside the output folder, never at the site root, and be
  a page (``/x/`` or ``/x.html``);
* it never replaces a file this build wrote or will write: a document's page
  (in ``html`` and ``dirhtml`` alike), a generated page (ablog's, the indexes,
  search), a feed, ``_static/``, ``_images/``, ``objects.inv``...; an existing
  file is replaced only when it is a redirect page of ours (see the
  ``generator`` marker in ``templates/linkerdblog/redirect.html``).

Redirects are written at ``build-finished``, once every page exists, and only
when their bytes change.  A page the user's own redirects write (with
sphinx-reredirects or sphinxext-rediraffe, see :mod:`.interplay.redirect_claims`)
is theirs: no redirect of ours is written there, whatever the order of
``extensions``, and the refused alias is warned.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from sphinx.util.osutil import relative_uri

from . import messages
from .hugo.urls import page_file
from .interplay.redirect_claims import claimed_pages
from .stable_outputs import write_if_changed
from .state import get_state
from .unchanged_pages import RECORD, note_generated, skips
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .hugo.index import Claim

MARKER = "sphinxcontrib-linkerdblog redirect"
TEMPLATES = Path(__file__).parent / "templates"
RESERVED_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads", "_modules"})
"""Top-level folders of files Sphinx copies or writes; never a redirect in them."""
RESERVED_FILES = frozenset(
    {"objects.inv", "searchindex.js", "search.html", "genindex.html", "sitemap.xml", "robots.txt"}
    | {".buildinfo", RECORD}
)
"""Files written by Sphinx (or by extensions after us, at build-finished), and our record;
no redirect page goes there, nor in a folder of that name (which would stand in their way)."""

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True
)


def redirect_html(target: str, canonical: str, title: str) -> str:
    """A redirect page to ``target``; every value is escaped for its context."""
    template = _ENVIRONMENT.get_template("linkerdblog/redirect.html")
    return template.render(target=target, canonical=canonical, title=title, marker=MARKER)


def reserved(page: str) -> str:
    """Why ``page`` is the build's own file whatever was written (``""``: it is not)."""
    first = page.split("/", 1)[0]
    if first in RESERVED_FOLDERS or first in RESERVED_FILES or page in RESERVED_FILES:
        return f"{page} is the build's own file"
    return ""


def is_ours(path: Path) -> bool:
    """Whether the existing file at ``path`` is a redirect page this extension wrote."""
    try:
        with path.open("rb") as stream:
            head = stream.read(512)
    except OSError:
        return False
    return f'content="{MARKER}"'.encode() in head


class _Writer:
    """One build's redirects: checks, then writes (folders made once each)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.builder = app.builder
        self.outdir = Path(app.builder.outdir).resolve()
        state = get_state(app.env)
        self.index = state.index
        self.written = {path.resolve() for path in state.written}
        self.documents = {
            Path(self.builder.get_outfilename(docname)).resolve()  # type: ignore[attr-defined]
            for docname in app.env.all_docs
        }
        # The canonical URL is the page's new home, not the old Hugo site.
        self.base = app.config.html_baseurl or getattr(app.config, "blog_baseurl", "") or ""
        self.made: set[Path] = set()
        self.claimed = {
            (self.outdir / page).resolve(): who for page, who in claimed_pages(app).items()
        }

    def refuse(self, claim: Claim, reason: str) -> None:
        warn(
            messages.no_redirect(claim.field, claim.written, reason),
            Warn.ALIAS,
            (claim.docname, claim.line),
        )

    def why_not(self, page: str, out: Path) -> str:
        """Why no redirect may be written at ``out`` (``""``: it may)."""
        if reason := reserved(page):
            return reason
        if not out.is_relative_to(self.outdir):
            return "it is outside the output folder"
        if out in self.documents:
            return f"{page} is a document's page"
        if out in self.written:
            return f"{page} is a page this build writes"
        if out in self.claimed:
            return f"{page} is written by {self.claimed[out]}: the project's own redirect wins"
        if out.exists() and (out.is_dir() or not is_ours(out)):
            return f"{page} is already written by this build"
        parent = out.parent
        while parent != self.outdir and parent not in self.made:
            if parent.exists() and not parent.is_dir():
                return f"{parent.relative_to(self.outdir).as_posix()} is a file, not a folder"
            parent = parent.parent
        return ""

    def write(self, key: str, claim: Claim) -> None:
        page, note = page_file(key)
        if page is None:
            self.refuse(claim, note)
            return
        if note:
            message = messages.redirect_shortened(claim.field, claim.written, note, page)
            warn(message, Warn.ALIAS, (claim.docname, claim.line))
        out = (self.outdir / page).resolve()
        if out == Path(self.builder.get_outfilename(claim.docname)).resolve():  # type: ignore[attr-defined]
            return  # the old URL is the post's own page: nothing to redirect
        reason = self.why_not(page, out)
        if reason:
            self.refuse(claim, reason)
            return
        target_uri = self.builder.get_target_uri(claim.docname)
        target = relative_uri(page, target_uri)
        # Without a base URL the canonical link is relative, so relative to this page.
        canonical = (self.base.rstrip("/") + "/" + target_uri) if self.base else target
        title = self.index.posts[claim.docname].title or claim.docname
        self.make_parents(out)
        write_if_changed(out, redirect_html(target, canonical, title).encode("utf-8"))
        note_generated(self.app, out)

    def make_parents(self, path: Path) -> None:
        """Create ``path``'s missing folders below the output folder, each checked once.

        Hugo permalinks nest (``/2022/12/01/slug/``): hundreds of folders, shared
        by many pages, on a file system where every ``mkdir`` costs.
        """
        missing = []
        parent = path.parent
        while parent != self.outdir and parent not in self.made:
            missing.append(parent)
            parent = parent.parent
        for folder in reversed(missing):
            if not folder.is_dir():
                folder.mkdir()
            self.made.add(folder)


def write_redirects(app: Sphinx) -> None:
    """Write (only when changed) a redirect page at every permalink and alias."""
    builder = app.builder
    if builder.format != "html" or builder.name.startswith(("epub", "singlehtml")):
        return
    if skips(app):
        return  # the redirects are unchanged (see .unchanged_pages)
    writer = _Writer(app)
    for key, claim in writer.index.claims.items():
        if claim.docname in app.env.found_docs:
            writer.write(key, claim)


def drop_displaced(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, before the redirect writers: a redirect page of ours left
    (by an earlier build) where the user's own redirects now write is removed, so
    that sphinxext-rediraffe, which refuses to replace a file, writes its own."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    for page in claimed_pages(app):
        path = outdir / page
        if path.is_file() and is_ours(path):
            path.unlink()


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Redirects are written once every page exists (and only after a good build)."""
    if exception is None:
        write_redirects(app)


def setup_redirects(app: Sphinx) -> None:
    """Register the redirect writer."""
    app.connect("build-finished", drop_displaced, priority=400)
    app.connect("build-finished", on_build_finished)
