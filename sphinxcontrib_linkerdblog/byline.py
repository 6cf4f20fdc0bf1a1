"""Bylines: who wrote a post, when, when it was updated, how long it takes to read.

The byline is added at ``doctree-resolved``, after ablog has taken the post's
first paragraph as its excerpt (so the byline never becomes the excerpt), from
what the ``blog`` domain recorded while reading.  It is made of standard nodes
(a paragraph of text, links and small images), so every builder prints it.
Reading time is Hugo's (:func:`.hugo.content.reading_minutes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .ablog_pages import collection_page
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx

    from .posts.domain import PostRecord


def _date(date: datetime | None) -> str:
    return f"{date.day} {date:%B %Y}" if date else ""


def make_byline(app: Sphinx, docname: str, record: PostRecord) -> nodes.paragraph:
    """The byline paragraph for one post."""
    authors = get_state(app.env).authors
    para = nodes.paragraph("", "", classes=["linkerdblog-byline"])
    names = record.authors
    if names:
        para += nodes.Text("By ")
    for position, author_id in enumerate(names):
        author = authors.get(author_id)
        profile = record.author_profiles.get(author_id, {})
        name = author.name if author else str(profile.get("name", author_id))
        uri = record.avatars.get(author_id)
        if position:
            para += nodes.Text(", " if position < len(names) - 1 else " and ")
        if uri:
            para += nodes.image(
                uri=uri, alt="", classes=["linkerdblog-avatar"], candidates={"*": uri}
            )
        para += nodes.inline(name, name, classes=["linkerdblog-author"])
    parts = [_date(record.date)]
    if record.lastmod and record.lastmod != record.date:
        parts.append("updated " + _date(record.lastmod))
    if record.reading_minutes:
        parts.append(f"{record.reading_minutes} min read")
    text = " · ".join(p for p in parts if p)
    if text:
        para += nodes.Text((" · " if names else "") + text)
    return para


def make_tags(app: Sphinx, docname: str, tags: list[str]) -> nodes.paragraph:
    """ "Tags: a, b", each linked to ablog's tag page in HTML (plain text elsewhere)."""
    # "no-search": Sphinx's search index skips it (the tag pages are what to find).
    para = nodes.paragraph("", "Tags: ", classes=["linkerdblog-tags", "no-search"])
    html = app.builder.format == "html" and not app.builder.name.startswith("epub")
    for position, tag in enumerate(tags):
        if position:
            para += nodes.Text(", ")
        if html:
            page = collection_page(app.env, "tags", tag)
            uri = app.builder.get_relative_uri(docname, page)
            para += nodes.reference(
                tag, tag, internal=True, refuri=uri, classes=["linkerdblog-tag"]
            )
        else:
            para += nodes.Text(tag)
    return para


def add_byline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Insert the byline under the title of every post."""
    if not get_state(app.env).index.is_post(docname):
        return
    record = get_domain(app.env).posts.get(docname)
    section = doctree.next_node(nodes.section)
    if record is None or section is None or not section.children:
        return
    title = section.next_node(nodes.title)
    position = section.index(title) + 1 if title is not None and title.parent is section else 0
    section.insert(position, make_byline(app, docname, record))
    if record.tags:
        section.insert(position + 1, make_tags(app, docname, record.tags))


def setup_byline(app: Sphinx) -> None:
    """Bylines are added late, once ablog has its excerpts."""
    app.connect("doctree-resolved", add_byline)
