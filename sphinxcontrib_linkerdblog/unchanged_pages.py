"""Generated pages, feeds and redirects rendered only when what they show changed.

ablog renders every archive, tag, author, category and year page on every
build, and with them each excerpt again; so do our tag and author indexes,
the RSS feeds and the redirects.  On a no-op build of a 600-post blog that was
most of the build, to write files identical to those already there
(:mod:`.page_writes` keeps their bytes; this module keeps their rendering).

What those pages show is summed up in one fingerprint (:func:`fingerprint`):
every post as the listings and feeds see it (ablog's fields, the excerpt's
nodes, the ``blog`` domain's record with the byline data, the Hugo index with
URLs and aliases, the redirects other extensions write), every document's
title and the toctrees (sidebars show them), the builder, its ``.buildinfo``
hash of the configuration, the newest template, and the versions of Sphinx,
ablog and this extension. After a good build it is kept in the output folder
(:data:`RECORD`) with the list of the generated files. When the next build's
fingerprint is the same and every one of those files is still there, the
generated pages are not rendered (the pages ablog yields are dropped before
rendering, our indexes too), ablog's Atom feed and our RSS feeds and redirects
are not made again. Sphinx's own generated pages (general index, search page)
are left to Sphinx.

With sphinx-sitemap loaded every page is rendered as before: it lists only
the pages a build renders.  A skipped page's warnings are not repeated: like
Sphinx's for a document it does not read again, they were given by the build
that rendered it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ablog
import sphinx
from ablog.blog import Blog
from ablog.post import generate_atom_feeds
from sphinx.locale import __
from sphinx.util import logging

from . import __version__
from .ablog_doctrees import fulltext_wanted
from .interplay.redirect_claims import claimed_pages
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

RECORD = ".linkerdblog.buildinfo"
"""The output folder's record of the last good build's fingerprint and generated files."""
BUILDERS = ("html", "dirhtml")
SKIP_ENABLED = True
"""Tests turn it off to compare a build that renders everything."""
RENDER_ALL = {"sphinx_sitemap"}
"""Extensions that must see every page rendered: sphinx-sitemap lists only those."""

_POST_FIELDS = ("title", "date", "update", "published", "draft", "section", "order", "redirect")
_POST_LABELS = ("tags", "author", "category", "location", "language")


SHOWN = "linkerdblog_shown"
"""Key of a post's data in ``env.ablog_posts``: the digest of its excerpt's nodes
(its whole doctree's for full-text feeds), made when the post is read."""


def _digest(nodes: list[Any]) -> str:
    text = "".join(node.pformat() for node in nodes)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest_post_info(app: Sphinx, doctree: Any) -> None:
    """``doctree-read``, after ablog's: what the listings show of each post, summed up.

    Done once, when the post is read, and kept with ablog's data (pickled,
    merged from parallel readers, purged with the post), so that a build which
    reads nothing does not walk every excerpt again.
    """
    fulltext = fulltext_wanted(app)
    for info in getattr(app.env, "ablog_posts", {}).get(app.env.docname, []):
        info[SHOWN] = _digest([info["doctree"]] if fulltext else info.get("excerpt") or [])


def _post(post: Any, fulltext: bool) -> str:
    """What ablog's pages and feeds show of one post, as text."""
    shown = [post.docname, *(str(getattr(post, name, "")) for name in _POST_FIELDS)]
    shown += [
        ",".join(str(label) for label in getattr(post, name, None) or []) for name in _POST_LABELS
    ]
    digest = (getattr(post, "options", None) or {}).get(SHOWN)
    shown.append(digest or _digest([post.doctree] if fulltext else post.excerpt))
    return "\x00".join(shown)


def fingerprint(app: Sphinx) -> str:
    """What the generated pages, feeds and redirects of this build show, hashed.

    Every part is text that is the same in every process: ``repr`` of the
    dataclasses, dicts and lists (in the order they were filled, the same for
    the same sources) and sorted sets.
    """
    env, builder = app.env, app.builder
    blog, state = Blog(app), get_state(env)
    index = state.index
    fulltext = fulltext_wanted(app)
    build_info: Any = getattr(builder, "build_info", None)
    templates: Any = getattr(builder, "templates", None)
    parts: list[Any] = [
        (sphinx.__version__, ablog.__version__, __version__),
        builder.name,  # the record lives in its output folder
        (getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", "")),
        templates.newest_template_mtime() if templates else 0,
        sorted((d, t.astext()) for d, t in env.titles.items()),
        sorted((d, sorted(i)) for d, i in env.toctree_includes.items()),
        sorted(get_domain(env).posts.items()),
        # The index, but not its cache of parsed front matter (keyed by this process's hashes).
        (index.posts, index.urls, index.claims, index.own, index.tz),
        sorted(state.pages.items()),
        sorted(claimed_pages(app).items()),  # other extensions' redirects
    ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\x01")
    for post in [*blog.posts, *blog.drafts]:
        digest.update(_post(post, fulltext).encode("utf-8", "surrogatepass") + b"\x01")
    return digest.hexdigest()


def _record_path(app: Sphinx) -> Path:
    return Path(app.builder.outdir) / RECORD


def decide(app: Sphinx, env: Any) -> list[str]:
    """``env-updated``, last: whether this build's generated pages are the last build's."""
    state = get_state(app.env)
    state.unchanged_pages = False
    if not SKIP_ENABLED or app.builder.name not in BUILDERS or RENDER_ALL & set(app.extensions):
        return []
    state.fingerprint = fingerprint(app)
    try:
        last = json.loads(_record_path(app).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    outdir = Path(app.builder.outdir)
    files = last.get("files", [])
    state.unchanged_pages = last.get("fingerprint") == state.fingerprint and all(
        (outdir / name).is_file() for name in files
    )
    if state.unchanged_pages:
        state.generated_files.update(outdir / name for name in files)
        logger.info(
            __("generated pages, feeds and redirects unchanged: %d files left as they are"),
            len(files),
        )
    return []


def skips(app: Sphinx) -> bool:
    """Whether this build leaves the generated pages, feeds and redirects as they are."""
    return get_state(app.env).unchanged_pages


def note_generated(app: Sphinx, path: Path) -> None:
    """``path`` is a generated output file of this build (for the record)."""
    get_state(app.env).generated_files.add(path)


def skippable(app: Sphinx, pagename: str, templatename: str) -> bool:
    """Whether a generated page is one of those the fingerprint covers.

    ablog's pages and the ``blog`` domain's indexes; not Sphinx's own.
    """
    if templatename.startswith("ablog/"):
        return True
    domain = get_domain(app.env)
    return any(pagename == f"{domain.name}-{index.name}" for index in domain.indices)


def wrap_atom_feeds(app: Sphinx) -> None:
    """``builder-inited``: ablog's Atom feeds made only when the fingerprint changed."""
    listeners = app.events.listeners.get("html-collect-pages", [])
    for position, listener in enumerate(listeners):
        if listener.handler is generate_atom_feeds:

            def atom_feeds(app: Sphinx) -> Any:
                if skips(app):
                    return []
                pages = list(generate_atom_feeds(app) or [])
                blog, outdir = Blog(app), Path(app.builder.outdir)
                for root in blog.blog_feed_templates:
                    for path in outdir.rglob(f"{root}.xml"):
                        note_generated(app, path)
                return pages

            listeners[position] = listener._replace(handler=atom_feeds)
            return


def keep_record(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: after a good build, record its fingerprint and generated files."""
    state = get_state(app.env)
    if exception is not None or not state.fingerprint or app.builder.name not in BUILDERS:
        return
    outdir = os.path.abspath(app.builder.outdir)
    real = os.path.realpath(outdir)
    files = []
    for path in state.generated_files:
        name = os.path.relpath(os.path.abspath(path), outdir)
        if name.startswith(".."):  # a resolved path, and the output folder is a link
            name = os.path.relpath(os.path.realpath(path), real)
        if not name.startswith("..") and os.path.isfile(os.path.join(outdir, name)):
            files.append(name.replace(os.sep, "/"))
    files.sort()
    data = json.dumps({"fingerprint": state.fingerprint, "files": files}, indent=0)
    record = _record_path(app)
    with contextlib.suppress(OSError):  # no record: the next build renders every page
        if not record.is_file() or record.read_text("utf-8") != data:  # a no-op changes nothing
            record.write_text(data, "utf-8")


def setup_unchanged_pages(app: Sphinx) -> None:
    """Sum each post up when read; decide once all are registered; record at the end."""
    app.connect("doctree-read", digest_post_info, priority=950)
    app.connect("env-updated", decide, priority=950)
    app.connect("builder-inited", wrap_atom_feeds)
    app.connect("build-finished", keep_record, priority=950)
