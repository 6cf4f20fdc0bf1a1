"""ablog's generated pages, made safe for values that come from posts.

ablog writes a page per tag, author, category and year, the archive and
``blog.html``, and sidebars on every page; its templates print post titles,
tag and author names unescaped, and its page names come straight from those
names.  Without patching ablog:

* **escaped templates**: ``templates/ablog-escaped`` holds copies of ablog's
  ``ablog/*`` templates that print every post value with ``|e``; its loader
  takes the place of ablog's own (before the theme, or after it for a theme that
  asks ablog for that), so they replace ablog's and nothing else.  ablog's own
  folder is moved behind the theme: its ``page.html``, found before the theme's,
  replaced furo's page layout by one that extends ``layout.html`` (furo's error
  page, ablog issue #108); ``linkerdblog/page.html`` does its work inside the
  theme's own ``page.html`` instead (see :mod:`.themes`).  The escaped loader is
  added even where ablog adds none (``skip_injecting_base_ablog_templates``),
  so ablog's pages still find ``ablog/catalog.html``.  The ``title`` ablog gives its pages is
  made HTML (escaped), as Sphinx's own page titles are, for the theme's
  ``<title>`` and headings.
* **page names**: once every post is read (``env-updated``), ablog's
  collections are registered and each one's page name checked: a name longer
  than any file system allows is shortened with a stable hash (with a located
  warning at the post), an empty one (a tag made only of punctuation) gets one,
  and two tags whose names slugify alike (``C`` and ``C++``, or authors ``Jane
  Doe`` and ``jane doe``) get two pages, and two of ablog's labels, which its
  ``postlist`` links go through.  The names are kept in the build state, so
  bylines, indices and listings link to the very pages ablog writes.
* **author links**: an author named in free text with a link
  (``[Jane](https://github.com/jane)``) has no registry entry; their ablog page
  ("Posts by Jane") links to them as ablog links an author's ``blog_authors``
  URL, with the first link a post gives (links were checked as posts were read).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ablog
from ablog.blog import Blog, slugify
from ablog.post import register_posts
from markupsafe import Markup, escape
from sphinx.jinja2glue import SphinxFileSystemLoader

from .hugo.urls import MAX_SEGMENT, shorten
from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

ESCAPED = Path(__file__).parent / "templates" / "ablog-escaped"
CATALOG_FOLDERS = {"tags": "tag", "author": "author", "category": "category"}
"""ablog's catalogs of post labels, and the folder of their pages under ``blog_path``."""
_FIELDS = {"tags": "tags", "author": "authors", "category": "categories"}
_FRONT_KEYS = {"tags": ("tags", "keywords"), "author": ("author", "authors", "params"),
               "category": ("categories",)}  # fmt: skip


def _holds(loader: Any, path: str) -> bool:
    return path in getattr(loader, "searchpath", ())


def use_escaped_templates(app: Sphinx) -> None:
    """``builder-inited``, after ablog's: our ``ablog/*`` where ablog's were, ablog's last.

    :param app: the application; builders without Sphinx's template loader
        (a custom template bridge) are left as they are.
    """
    templates: Any = getattr(app.builder, "templates", None)
    loaders = getattr(templates, "loaders", None)
    if loaders is None:
        return
    ours, theirs = str(ESCAPED), ablog.get_html_templates_path()
    if any(_holds(loader, ours) for loader in loaders):
        return
    first = templates.templatepathlen  # the first loader after the project's templates_path
    position = next((i for i, loader in enumerate(loaders) if _holds(loader, theirs)), None)
    # ablog appends its folder when the theme asks (ablog_inject_templates_after_theme):
    # the theme's own ablog templates are then meant to win, and still do.
    after_theme = position is not None and position == len(loaders) - 1 and position > first
    if position is not None:
        del loaders[position]
    loaders.insert(len(loaders) if after_theme else first, SphinxFileSystemLoader(ours))
    # Behind every theme: only what no theme has is found there (its old top-level
    # names, such as "recentposts.html"), never its page.html.
    loaders.append(SphinxFileSystemLoader(theirs))


def cloud_sizes(catalog: Any) -> list[tuple[Any, int]]:
    """Each collection of ``catalog`` with ablog's ``relsize(5, 1)``, computed once.

    ablog's ``relsize`` counts every collection of the catalog again for each
    one it sizes (a tag cloud of a hundred tags: ten thousand counts on every
    page).  The sizes are the same for the whole build.
    """
    sizes = [(coll, len(coll)) for coll in catalog]
    counts = [count for _, count in sizes if count]
    if not counts:
        return [(coll, 3) for coll, _ in sizes]
    low, high, total = min(counts), max(counts), sum(counts)
    if total == 1 or low == high:
        return [(coll, 3) for coll, _ in sizes]  # ablog: round(diff / 2 + minsize)
    return [(coll, int(1.0 * (count - low) / (high - low) * 4 + 1)) for coll, count in sizes]


def add_cloud_function(app: Sphinx) -> None:
    """``builder-inited``: ``linkerdblog_cloud(catalog)`` for the tag cloud sidebar.

    A template global, not a page-context value: some themes (pydata) render
    their sidebars from their own ``html-page-context`` listener.
    """
    environment: Any = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    clouds = get_state(app.env).clouds

    def cloud(catalog: Any) -> list[tuple[Any, int]]:
        if catalog.name not in clouds:
            clouds[catalog.name] = cloud_sizes(catalog)
        return clouds[catalog.name]

    environment.globals["linkerdblog_cloud"] = cloud


def escape_page_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ablog's page titles (``Posts tagged <name>``) as HTML."""
    if not templatename.startswith("ablog/"):
        return
    for key in ("title", "feed_title"):
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)


def page_name(folder: str, label: str, taken: set[str]) -> str:
    """A short page name for a label, unique among ``taken`` (which it joins)."""
    slug = slugify(label)
    digest = hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]
    if not slug:
        slug = f"{folder}-{digest}"
    slug = shorten(slug, MAX_SEGMENT - 20)  # room for ".html", "/index.html", "/atom.xml"
    if slug in taken:
        slug = shorten(f"{slug}-{digest}", MAX_SEGMENT - 20)
    taken.add(slug)
    return slug


def _first_post(env: BuildEnvironment, catalog: str, label: str) -> tuple[str, int] | None:
    """Where the first post using ``label`` names it, for a warning."""
    posts = env.get_domain("blog").data["posts"]
    for docname in sorted(posts):
        record = posts[docname]
        if label in getattr(record, _FIELDS[catalog]):
            lines = record.lines
            line = next((lines[k] for k in _FRONT_KEYS[catalog] if k in lines), 1)
            return (docname, line)
    return None


def author_links(env: BuildEnvironment) -> dict[str, str]:
    """Author label -> the first link posts give the person (posts in name order)."""
    posts = env.get_domain("blog").data["posts"]
    links: dict[str, str] = {}
    for docname in sorted(posts):
        for entry in posts[docname].author_names:
            if entry.url and entry.kind == "name":
                links.setdefault(entry.key, entry.url)
    return links


def fix_page_names(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: register ablog's posts, then give every collection a safe page name."""
    if not ablog.builder_support(app):
        return
    blog = Blog(app)
    if not blog:
        register_posts(app)
    state = get_state(env)
    state.pages.clear()
    for label, url in author_links(env).items():
        collection = blog.catalogs["author"].collections.get(label)
        if collection is not None and collection.href is None:
            collection.href = url
    for catalog, folder in CATALOG_FOLDERS.items():
        collections = blog.catalogs[catalog].collections
        taken: set[str] = set()
        xrefs: set[str] = set()
        base = f"{blog.blog_path}/{folder}"
        for label in sorted(collections, key=str):
            collection = collections[label]
            slug = page_name(folder, str(collection.name), taken)
            docname = f"{base}/{slug}"
            if len(slugify(str(collection.name)).encode("utf-8")) > MAX_SEGMENT - 20:
                where = _first_post(env, catalog, str(label))
                warn(
                    f"the {folder} {str(collection.name)[:40]!r}... is "
                    f"{len(str(collection.name))} characters long; its page is "
                    f"{docname}.html",
                    Warn.AUTHOR if catalog == "author" else Warn.FRONTMATTER,
                    where,
                )
            if docname != collection.docname:
                collection._path = docname  # ablog's own attribute for the page name
            if collection.xref in xrefs:
                # ablog's label (its postlist links) is made from the slug too: two
                # labels that slugify alike would both link to the page of the last.
                collection.xref = f"{blog.catalogs[catalog].xref}-{slug}"
            xrefs.add(collection.xref)
            blog.references[collection.xref] = (docname, collection.name)
            state.pages[(catalog, str(label))] = docname


def writes_collection_pages(builder: Builder) -> bool:
    """Whether this build has ablog's tag, author and category pages to link to.

    Not epub (ablog's pages are left out of the book) and not singlehtml (one
    page: Sphinx never asks it for ablog's), nor any non-HTML output.
    """
    return (
        builder.format == "html"
        and builder.name not in ("singlehtml",)
        and (not builder.name.startswith("epub"))
    )


def collection_page(env: BuildEnvironment, catalog: str, label: str) -> str:
    """The page ablog writes for a tag (``"tags"``), author or category label."""
    found = get_state(env).pages.get((catalog, label))
    if found is not None:
        return found
    blog_path = env.config.blog_path
    return f"{blog_path}/{CATALOG_FOLDERS[catalog]}/{slugify(label)}"


def setup_ablog_pages(app: Sphinx) -> None:
    """Escaped templates, escaped titles, safe page names."""
    app.connect("builder-inited", use_escaped_templates, priority=600)
    app.connect("builder-inited", add_cloud_function, priority=600)
    app.connect("html-page-context", escape_page_titles, priority=600)
    app.connect("env-updated", fix_page_names, priority=400)
