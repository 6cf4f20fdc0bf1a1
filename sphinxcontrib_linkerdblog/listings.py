"""Directives for any page: ``featured-posts``, ``tag-cloud`` and ``author-card``.

Each leaves a placeholder node at read time that is filled at
``doctree-resolved`` from the ``blog`` domain, once every post is read (like
Sphinx's ``todolist``), so a list on the front page names posts read after it.
The content is standard nodes (lists, paragraphs, links, images) with
sphinx-design card classes, so it renders in every builder and sits well in
sphinx-design layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .ablog_pages import collection_page
from .posts.domain import published
from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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


def _link(app: Sphinx, fromdoc: str, page: str, text: str) -> nodes.Node:
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return nodes.Text(text)
    uri = app.builder.get_relative_uri(fromdoc, page)
    return nodes.reference(text, text, internal=True, refuri=uri)


def featured(app: Sphinx, docname: str, node: listing) -> list[nodes.Node]:
    posts = published(app.env)
    chosen = sorted(
        (d for d, r in posts.items() if r.featured),
        key=lambda d: posts[d].sort_key,
        reverse=True,
    )
    if node["limit"]:
        chosen = chosen[: node["limit"]]
    items = nodes.bullet_list(classes=["linkerdblog-featured"])
    for target in chosen:
        uri = app.builder.get_relative_uri(docname, target)
        title = posts[target].title or target
        items += nodes.list_item(
            "", nodes.paragraph("", "", nodes.reference(title, title, internal=True, refuri=uri))
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


def setup_listings(app: Sphinx) -> None:
    """Register the directives and the late filling."""
    app.add_node(listing)
    app.add_directive("featured-posts", FeaturedPosts)
    app.add_directive("tag-cloud", TagCloud)
    app.add_directive("author-card", AuthorCard)
    app.connect("doctree-resolved", fill)
