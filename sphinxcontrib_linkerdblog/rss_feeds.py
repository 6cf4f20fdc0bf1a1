"""RSS 2.0 feeds at the URLs a Hugo site had: ``index.xml`` of the site, of each
section, and of each tag and category.

A Hugo blog's subscribers follow ``/index.xml``, ``/blog/index.xml`` or
``/tags/linkerd/index.xml``; ablog writes Atom at ``blog/atom.xml`` only, so
after the move those URLs would be dead.  These feeds are written beside ablog's,
in Hugo's shape (its default ``rss.xml`` template: the channel "Recent content
in ...", one item per post, newest first, the summary as the description, or
the full text with ``linkerdblog_rss_content = "full"``), with ``feedgen``,
which ablog already uses (it escapes every value for XML).

The dates are the posts' own, with their offsets (not ablog's naive ones).  Feed
URLs must be absolute, so without ``blog_baseurl`` (which ablog's Atom feed
needs too) no feed is written.  A feed goes through the same checks as a
redirect: inside the output folder, never over a file this build writes; tag
names come from posts, so each becomes one Hugo-urlized path segment or no feed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ablog.blog import Blog
from feedgen.feed import FeedGenerator

from .excerpts import to_html
from .hugo.permalinks import urlize
from .stable_outputs import write_if_changed
from .state import get_state
from .unchanged_pages import note_generated, skips
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

    from sphinx.application import Sphinx

    from .hugo.index import PostIndex

MAX_SEGMENT = 200
"""Longest tag segment written (file systems take 255 bytes)."""


@dataclass
class Feed:
    """One ``index.xml``: where, its title, and its posts (docnames)."""

    path: str  # below the output folder, posix: "blog/index.xml"
    title: str
    posts: list[str] = field(default_factory=list)


def term_segment(term: str) -> str | None:
    """A tag's folder, as Hugo urlizes it, made one safe path segment (``None``:
    nothing usable is left, as for ``..`` or ``/``)."""
    segment = urlize(term).replace("/", "-").replace("\\", "-").replace("#", "").strip("-")
    if segment in ("", ".", "..") or len(segment.encode()) > MAX_SEGMENT:
        return None
    return segment


def plan_feeds(app: Sphinx, posts: list[Any]) -> Iterator[Feed]:
    """The feeds Hugo had, for ablog's ``posts`` (drafts are not among them)."""
    index = get_state(app.env).index
    site = str(getattr(app.config, "blog_title", "") or app.config.project)
    everything = Feed("index.xml", site)
    sections: dict[str, Feed] = {}
    terms: dict[tuple[str, str], Feed] = {}
    for post in posts:
        everything.posts.append(post.docname)
        indexed = index.posts.get(post.docname)
        if indexed and indexed.sections:
            name = indexed.sections[0]
            feed = sections.setdefault(name, Feed(f"{name}/index.xml", name.title()))
            feed.posts.append(post.docname)
        labelled = [("tags", tag.name) for tag in post.tags]
        labelled += [("categories", category.name) for category in post.category]
        for taxonomy, term in labelled:
            segment = term_segment(term)
            if segment is None:
                continue  # warned by refused_terms, with the post's line
            feed = terms.setdefault(
                (taxonomy, segment), Feed(f"{taxonomy}/{segment}/index.xml", term)
            )
            if post.docname not in feed.posts:
                feed.posts.append(post.docname)
    yield everything
    yield from sections.values()
    yield from terms.values()


def refused_terms(index: PostIndex) -> Iterator[tuple[str, int, str]]:
    """(docname, line, message) for each tag of a published post that can have
    no feed; once per tag.  The build warns with these, and so does ``check``."""
    seen: set[str] = set()
    for post in index.visible():
        if post.list_page:
            continue
        for term in post.terms:
            if term_segment(term) is None and term not in seen:
                seen.add(term)
                message = f"no RSS feed for tag {term!r}: its Hugo URL is no path segment"
                yield post.docname, post.lines.get("tags", 1), message


def _date(app: Sphinx, post: Any) -> datetime | None:
    indexed = get_state(app.env).index.posts.get(post.docname)
    return indexed.date if indexed and indexed.date else None


def render(
    app: Sphinx, feed: Feed, by_name: dict[str, Any], base: str, texts: dict[str, str]
) -> bytes:
    """The feed as RSS 2.0, in the order and shape of Hugo's default template.

    :param texts: each post's description, rendered once for all the feeds that
        list it (``texts`` is filled as they are written), from the post's own
        page: a feed reader resolves a relative link against the item's link.
    """
    site = str(getattr(app.config, "blog_title", "") or app.config.project)
    full = app.config.linkerdblog_rss_content == "full"
    limit = app.config.linkerdblog_rss_limit
    generator = FeedGenerator()
    title = site if feed.title == site else f"{feed.title} on {site}"
    generator.title(title)
    generator.link(href=posixpath.join(base, feed.path), rel="self")
    generator.link(href=base, rel="alternate")  # RSS's <link>: the site (set last)
    generator.description(
        "Recent content " + ("" if feed.title == site else f"in {feed.title} ") + f"on {site}"
    )
    generator.generator("sphinxcontrib-linkerdblog")
    if app.config.language:
        generator.language(app.config.language)
    dates = {name: _date(app, by_name[name]) for name in feed.posts}
    names = sorted(feed.posts, key=lambda n: (dates[n] is not None, dates[n]), reverse=True)
    posts = [by_name[name] for name in (names[:limit] if limit >= 0 else names)]
    newest = next((d for post in posts if (d := dates[post.docname])), None)
    if newest is not None:
        generator.lastBuildDate(newest)  # the newest post, so a no-op build changes nothing
    for post in posts:
        url = posixpath.join(base, app.builder.get_target_uri(post.docname))
        entry = generator.add_entry(order="append")
        entry.title(post.title)
        entry.link(href=url)
        entry.guid(url, permalink=True)
        date = dates[post.docname]
        if date is not None:
            entry.pubDate(date)
        if post.docname not in texts:
            texts[post.docname] = to_html(app, post, post.docname, fulltext=full, img_url=True)
        entry.description(texts[post.docname])
    return generator.rss_str(pretty=True)


def write_rss_feeds(app: Sphinx) -> None:
    """Write every feed (only when its bytes changed); called once the pages exist."""
    builder = app.builder
    if not app.config.linkerdblog_rss or builder.format != "html":
        return
    if builder.name.startswith(("epub", "singlehtml")):
        return
    state = get_state(app.env)
    if skips(app):
        return  # what the feeds show is unchanged (see .unchanged_pages)
    for docname, line, message in refused_terms(state.index):
        warn(message, Warn.FEED, (docname, line))
    base = str(getattr(app.config, "blog_baseurl", "") or "")
    if not base:
        return  # ablog's Atom feed is skipped the same way (see the module doc)
    blog = Blog(app)
    by_name = {post.docname: post for post in blog.posts}
    outdir = Path(builder.outdir).resolve()
    texts: dict[str, str] = {}
    written = {path.resolve() for path in state.written}
    for feed in plan_feeds(app, list(by_name.values())):
        out = (outdir / feed.path).resolve()
        if not out.is_relative_to(outdir) or out in written:
            warn(f"no RSS feed at {feed.path}: this build writes that file", Warn.FEED)
            continue
        try:
            data = render(app, feed, by_name, base.rstrip("/") + "/", texts)
        except ValueError as exc:  # a value XML cannot hold; the posts are checked before
            warn(f"no RSS feed at {feed.path}: {exc}", Warn.FEED)
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(out, data)
        state.written.add(out)
        note_generated(app, out)


def setup_rss_feeds(app: Sphinx) -> None:
    """Feeds are written with ablog's, before redirects (which then keep off them)."""

    def collect(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        write_rss_feeds(app)
        yield from ()

    app.connect("html-collect-pages", collect)
