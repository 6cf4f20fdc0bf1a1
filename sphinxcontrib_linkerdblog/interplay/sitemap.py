"""sphinx-sitemap's ``sitemap.xml``, as Hugo's: posts dated, no pager pages, at ``/sitemap.xml``.

sphinx-sitemap (2.9) lists every page that went through ``html-page-context``
and gives a ``<lastmod>`` only from git (``sitemap_show_lastmod``, through
sphinx-last-updated-by-git): for a blog moved from Hugo that is the date of
the move, for every post.  Hugo's sitemap dates each page by its ``lastmod``
(else its date) and leaves out the pages after the first of a paged list
(``/blog/page/2/``).  sphinx-sitemap reads no per-page value we could set, so
its file is amended once written, at ``build-finished`` after its own hook
(priority 600 > 500), without patching it:

* the ``<url>`` of each published post gets ``<lastmod>`` from the post's
  front matter (``lastmod``, else Hugo's date), in Hugo's format
  (``2021-02-03T00:00:00+00:00``), over git's: the front matter is the
  post's own word on when it changed;
* the ``<url>`` of a pager page (:mod:`..pagination`) is removed; the other
  generated pages (tag, author, archive pages) stay, as in Hugo's sitemap,
  and redirect pages were never in it (they are no rendered pages).

The post's ``<loc>`` is found by the formula sphinx-sitemap uses to write it
(``site_url`` or ``html_baseurl``, then ``sitemap_url_scheme``).

Hugo served the sitemap at ``/sitemap.xml``.  A user who names it otherwise
(``sitemap_filename``) still has one there: a sitemap index naming theirs,
unless a file of their own is already at ``sitemap.xml``.  Without
sphinx-sitemap, no sitemap is written: that stays the user's choice.

Both files are written only when their bytes change.  (sphinx-sitemap lists
only the pages a build writes, so an incremental build's sitemap misses the
unchanged pages, jdillard/sphinx-sitemap#13: deploy from a fresh build.)
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..posts.domain import published
from ..stable_outputs import write_if_changed
from ..state import get_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

EXTENSION = "sphinx_sitemap"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
ROOT_NAME = "sitemap.xml"
INDEX_MARKER = "sphinxcontrib-linkerdblog sitemap index"


def note_pager_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: remember the pages after the first of a paged list."""
    pager = context.get("linkerdblog_pager")
    if isinstance(pager, dict) and pager.get("number", 1) != 1:
        get_state(app.env).pager_pages.add(pagename)


def site_url(app: Sphinx) -> str:
    """The base of every ``<loc>``, as sphinx-sitemap takes it (``""``: it writes none)."""
    return app.config.site_url or app.config.html_baseurl or ""


def page_loc(app: Sphinx, pagename: str) -> str:
    """The ``<loc>`` sphinx-sitemap writes for ``pagename``."""
    if type(app.builder).__name__ == "DirectoryHTMLBuilder":
        if pagename == "index":
            link = ""
        elif pagename.endswith("/index"):
            link = pagename[:-6] + "/"
        else:
            link = pagename + "/"
    else:
        link = pagename + (app.config.html_file_suffix or ".html")
    lang = app.config.language + "/" if app.config.language else ""
    version = app.config.version + "/" if app.config.version else ""
    scheme = app.config.sitemap_url_scheme
    return site_url(app) + scheme.format(lang=lang, version=version, link=link)


def post_dates(app: Sphinx) -> dict[str, str]:
    """``<loc>`` -> ``<lastmod>`` of every published post with a date."""
    dates = {}
    for docname, record in published(app.env).items():
        when = record.lastmod or record.date
        if when is not None and docname in app.env.all_docs:
            dates[page_loc(app, docname)] = when.isoformat(timespec="seconds")
    return dates


def amend(app: Sphinx, data: bytes) -> bytes:
    """The sitemap ``data`` with the posts' dates and without the pager pages."""
    ElementTree.register_namespace("", NS)
    ElementTree.register_namespace("xhtml", XHTML)
    root = ElementTree.fromstring(data)
    dates = post_dates(app)
    pagers = {page_loc(app, name) for name in get_state(app.env).pager_pages}
    for url in list(root.findall(f"{{{NS}}}url")):
        loc = (url.findtext(f"{{{NS}}}loc") or "").strip()
        if loc in pagers:
            root.remove(url)
        elif loc in dates:
            lastmod = url.find(f"{{{NS}}}lastmod")
            if lastmod is None:
                lastmod = ElementTree.Element(f"{{{NS}}}lastmod")
                url.insert(1, lastmod)  # the schema's order: loc, lastmod, ...
            lastmod.text = dates[loc]
    indent = app.config.sitemap_indent
    if isinstance(indent, int) and indent > 0:
        ElementTree.indent(root, space=indent * " ")
    out = io.BytesIO()
    ElementTree.ElementTree(root).write(out, xml_declaration=True, encoding="utf-8")
    return out.getvalue()


def index_xml(loc: str) -> bytes:
    """A sitemap index naming the one sitemap at ``loc``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<!-- {INDEX_MARKER} -->\n"
        f'<sitemapindex xmlns="{NS}"><sitemap><loc>{escape(loc)}</loc></sitemap></sitemapindex>\n'
    ).encode()


def keep_root_sitemap(app: Sphinx, outdir: Path, filename: str) -> None:
    """A sitemap index at ``/sitemap.xml`` when the sitemap is named otherwise."""
    root = outdir / ROOT_NAME
    if filename == ROOT_NAME or not (outdir / filename).is_file():
        return
    if root.exists() and (not root.is_file() or INDEX_MARKER.encode() not in root.read_bytes()):
        return  # a file of the project's own (html_extra_path) or another extension's
    write_if_changed(root, index_xml(site_url(app) + filename))


def finish_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, after sphinx-sitemap: amend its file, keep ``/sitemap.xml``."""
    if exception is not None or EXTENSION not in app.extensions:
        return
    if app.builder.format != "html" or not site_url(app):
        return
    outdir = Path(app.outdir)
    filename = Path(app.config.sitemap_filename).as_posix().lstrip("/")
    path = outdir / filename
    if path.is_file():
        try:
            data = amend(app, path.read_bytes())
        except ElementTree.ParseError:
            return  # not the file sphinx-sitemap writes: not ours to change
        write_if_changed(path, data)
    keep_root_sitemap(app, outdir, filename)


def setup_sitemap(app: Sphinx) -> None:
    """Register the hooks (they check that sphinx-sitemap is loaded)."""
    app.connect("html-page-context", note_pager_page)
    app.connect("build-finished", finish_sitemap, priority=600)
