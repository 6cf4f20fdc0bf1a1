"""Directives for any page: ``featured-posts``, ``tag-cloud`` and ``author-card``.

Each leaves a placeholder node at read time that is filled at
``doctree-resolved`` from the ``blog`` domain, once every post is read (like
Sphinx's ``todolist``), so a list on the front page names posts read after it.
The content is standard nodes (lists, paragraphs, links, images) with
sphinx-design card classes, so it renders in every builder and sits well in
sphinx-design layouts.

A link to a post is only made where the output holds the post: LaTeX and
texinfo have a URI only for the documents of the book being written
(``NoUri`` otherwise), so elsewhere the title is plain text.  ablog's own
``postlist`` asks the builder for such URIs without catching ``NoUri``; its
``doctree-resolved`` handler is run through :func:`postlist_without_nouri`,
which turns a missing URI into an empty one (a title without a link, as
Sphinx's own references do) instead of a crash.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from ablog.post import process_postlist
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective

from .ablog_pages import collection_page, writes_collection_pages
from .posts.domain import published
from .posts.indices import newest_first
from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class listing(nodes.General, nodes.Element):
    """Placeholder: ``kind`` ("featured", "tags", "author") and its options."""


class FeaturedPosts(SphinxDirective):
    """``featured-posts``: the posts whose front matter says ``featured: true``."""

    option_spec = {"limit": directives.nonnegative_int}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        node = listing(kind="featured", limit=self.options.get("limit", 0))
        self.set_source_info(node)
        return [node]


class TagCloud(SphinxDirective):
    """``tag-cloud``: every tag, sized by its number of posts, linked to its page."""

    def run(self) -> list[nodes.Node]:
        node = listing(kind="tags")
        self.set_source_info(node)
        return [node]


class AuthorCard(SphinxDirective):
    """``author-card``: an author of the registry (argument: the id)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        node = listing(kind="author", author=self.arguments[0].strip())
        self.set_source_info(node)
        return [node]


def uri_of(builder: Builder, fromdoc: str, target: str) -> str | None:
    """The URI of document ``target`` from ``fromdoc``, ``None`` where the output
    does not hold it (a LaTeX or texinfo book without that document)."""
    try:
        return builder.get_relative_uri(fromdoc, target)
    except NoUri:
        return None


def _link(app: Sphinx, fromdoc: str, page: str, text: str) -> nodes.Node:
    if not writes_collection_pages(app.builder):
        return nodes.Text(text)
    uri = app.builder.get_relative_uri(fromdoc, page)
    return nodes.reference(text, text, internal=True, refuri=uri)


def _post_link(app: Sphinx, fromdoc: str, target: str, text: str) -> nodes.Node:
    uri = uri_of(app.builder, fromdoc, target)
    if uri is None:
        return nodes.Text(text)
    return nodes.reference(text, text, internal=True, refuri=uri)


def featured(app: Sphinx, docname: str, node: listing) -> list[nodes.Node]:
    posts = published(app.env)
    chosen = newest_first((d for d, r in posts.items() if r.featured), posts)
    if node["limit"]:
        chosen = chosen[: node["limit"]]
    items = nodes.bullet_list(classes=["linkerdblog-featured"])
    for target in chosen:
        title = posts[target].title or target
        items += nodes.list_item(
            "", nodes.paragraph("", "", _post_link(app, docname, target, title))
        )
    return [items] if chosen else [nodes.paragraph("", "No featured posts yet.")]


def tag_cloud(app: Sphinx, docname: str, node: listing) -> list[nodes.Node]:
    counts: dict[str, int] = {}
    for record in published(app.env).values():
        for tag in record.tags:
            counts[tag] = counts.get(tag, 0) + 1
    para = nodes.paragraph(classes=["linkerdblog-tag-cloud"])
    top = max(counts.values(), default=1)
    for position, tag in enumerate(sorted(counts, key=str.lower)):
        if position:
            para += nodes.Text(" ")
        size = 1 + round(4 * counts[tag] / top)
        box = nodes.inline("", "", classes=[f"linkerdblog-tag-size-{size}"])
        box += _link(app, docname, collection_page(app.env, "tags", tag), tag)
        box += nodes.Text(f" ({counts[tag]})")
        para += box
    return [para]


def author_card(app: Sphinx, docname: str, node: listing) -> list[nodes.Node]:
    author = get_state(app.env).authors.get(node["author"])
    if author is None:
        warn(f"author-card: {node['author']!r} is not in the authors registry", Warn.AUTHOR, node)
        return [nodes.paragraph(node["author"], node["author"])]
    card = nodes.container(classes=["linkerdblog-author-card", "sd-card", "sd-shadow-sm"])
    body = nodes.container(classes=["sd-card-body"])
    card += body
    count = sum(author.id in r.authors for r in published(app.env).values())
    title = nodes.paragraph(classes=["sd-card-title"])
    title += _link(app, docname, collection_page(app.env, "author", author.id), author.name)
    title += nodes.Text(f" ({count} posts)")
    body += title
    if author.bio:
        body += nodes.paragraph(author.bio, author.bio)
    if author.links:
        links = nodes.paragraph()
        for position, (label, url) in enumerate(author.links):
            if position:
                links += nodes.Text(" · ")
            links += nodes.reference(label, label, refuri=url)
        body += links
    return [card]


FILL = {"featured": featured, "tags": tag_cloud, "author": author_card}


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace every placeholder by its content."""
    for node in list(doctree.findall(listing)):
        node.replace_self(FILL[node["kind"]](app, docname, node))


@contextmanager
def _missing_uris_empty(builder: Builder) -> Iterator[None]:
    """While the block runs, ``builder.get_relative_uri`` gives ``""`` for a
    document the output does not hold, instead of raising ``NoUri``.

    An attribute of this builder object only, removed afterwards: the builder's
    class and every other caller are left as they are.  Re-entrant: ablog
    resolves each excerpt it copies, which runs ``doctree-resolved`` (and this)
    again inside the outer call.
    """
    if "get_relative_uri" in vars(builder):
        yield
        return
    own = builder.get_relative_uri

    def relative_uri(from_: str, to: str, typ: str | None = None) -> str:
        try:
            return own(from_, to, typ)
        except NoUri:
            return ""  # the writers print a reference without a URI as its text

    builder.get_relative_uri = relative_uri  # type: ignore[method-assign]
    try:
        yield
    finally:
        del builder.get_relative_uri


def postlist_without_nouri(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: ablog's ``postlist`` filling, never stopped by ``NoUri``."""
    with _missing_uris_empty(app.builder):
        process_postlist(app, doctree, docname)


def guard_postlist(app: Sphinx) -> None:
    """Run ablog's ``postlist`` handler through :func:`postlist_without_nouri`.

    ablog connected :func:`ablog.post.process_postlist` in its ``setup``; the
    listener is swapped for ours at the same priority, nothing of ablog changes.
    """
    for listener in list(app.events.listeners.get("doctree-resolved", [])):
        if listener.handler is process_postlist:
            app.disconnect(listener.id)
            app.connect("doctree-resolved", postlist_without_nouri, priority=listener.priority)


def setup_listings(app: Sphinx) -> None:
    """Register the directives and the late filling."""
    guard_postlist(app)
    app.add_node(listing)
    app.add_directive("featured-posts", FeaturedPosts)
    app.add_directive("tag-cloud", TagCloud)
    app.add_directive("author-card", AuthorCard)
    app.connect("doctree-resolved", fill)
