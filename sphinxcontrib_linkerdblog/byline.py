"""Bylines: who wrote a post, when, when it was updated, how long it takes to read.

The byline is added at ``doctree-resolved``, after ablog has taken the post's
first paragraph as its excerpt (so the byline never becomes the excerpt), from
what the ``blog`` domain recorded while reading.  It is made of standard nodes
(a paragraph of text, links and small images), so every builder prints it.
Reading time is Hugo's (:func:`.hugo.content.reading_minutes`).  The
one-file outputs (LaTeX, texinfo, man, singlehtml) resolve one doctree for the
whole book; every post inlined in it gets its byline there
(:func:`.book.documents_in`).

Authors are shown as the post names them: a registry id by the registry's name
and avatar, an inline profile by its name and avatar, and a person named in
free text (Docsy's ``[A](url) (Org) and B``) with their link and affiliation,
joined as written.  The links were checked when the post was read (only
http(s), mailto and relative ones are kept); every text is a text node, which
every writer escapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .ablog_pages import collection_page, writes_collection_pages
from .book import documents_in
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx

    from .hugo.authors_text import AuthorName
    from .posts.domain import PostRecord


TEXT_ONLY = ("man", "text")
"""Output formats that print an image as a placeholder, not the image."""


def _date(date: datetime | None) -> str:
    return f"{date.day} {date:%B %Y}" if date else ""


def when_line(record: PostRecord) -> str:
    """The byline's second half: "1 May 2024 · updated 3 June 2024 · 4 min read"."""
    parts = [_date(record.date)]
    if record.lastmod and record.lastmod != record.date:
        parts.append("updated " + _date(record.lastmod))
    if record.reading_minutes:
        parts.append(f"{record.reading_minutes} min read")
    return " · ".join(p for p in parts if p)


def display_name(app: Sphinx, record: PostRecord, entry: AuthorName) -> str:
    """The name an author is shown by: the registry's, an inline profile's, or as written."""
    author = get_state(app.env).authors.get(entry.key)
    profile = record.author_profiles.get(entry.key, {})
    return author.name if author else str(profile.get("name", entry.name))


def author_nodes(
    app: Sphinx, record: PostRecord, entry: AuthorName, docname: str = ""
) -> list[nodes.Node]:
    """One author in a byline: avatar, name, affiliation.  The name links where
    the post linked it (``[Jane](https://...)``), else to the author's page of
    posts ("Posts by Jane"), where the output has such pages."""
    name = display_name(app, record, entry)
    found: list[nodes.Node] = []
    uri = record.avatars.get(entry.key)
    # An avatar is decoration (no alt text): man and text would print "[image]".
    if uri and app.builder.format not in TEXT_ONLY:
        found.append(
            nodes.image(uri=uri, alt="", classes=["linkerdblog-avatar"], candidates={"*": uri})
        )
    shown = nodes.inline("", "", classes=["linkerdblog-author"])
    if entry.url:
        shown += nodes.reference(name, name, refuri=entry.url)
    elif docname and writes_collection_pages(app.builder):
        page = collection_page(app.env, "author", entry.key)
        uri = app.builder.get_relative_uri(docname, page)
        shown += nodes.reference(name, name, internal=True, refuri=uri)
    else:
        shown += nodes.Text(name)
    found.append(shown)
    if entry.affiliation:
        affiliation = entry.affiliation
        found += [
            nodes.Text(" ("),
            nodes.inline(affiliation, affiliation, classes=["linkerdblog-affiliation"]),
            nodes.Text(")"),
        ]
    return found


def make_byline(app: Sphinx, docname: str, record: PostRecord) -> nodes.paragraph:
    """The byline paragraph for one post."""
    para = nodes.paragraph("", "", classes=["linkerdblog-byline"])
    names = record.author_names
    if names:
        para += nodes.Text("By ")
    for position, entry in enumerate(names):
        if position:
            # As written inside one value ("A (Org) and B"); between list items, as a list.
            para += nodes.Text(entry.joiner or (", " if position < len(names) - 1 else " and "))
        para.extend(author_nodes(app, record, entry, docname))
    text = when_line(record)
    if text:
        para += nodes.Text((" · " if names else "") + text)
    return para


def make_tags(app: Sphinx, docname: str, tags: list[str]) -> nodes.paragraph:
    """ "Tags: a, b", each linked to ablog's tag page where there is one (plain text elsewhere)."""
    # "no-search": Sphinx's search index skips it (the tag pages are what to find).
    para = nodes.paragraph("", "Tags: ", classes=["linkerdblog-tags", "no-search"])
    html = writes_collection_pages(app.builder)
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
    """Insert the byline under the title of every post the doctree holds.

    ``docname`` is the page being written: links are made from it (in a book,
    from the root document, which is where the builder resolves them).
    """
    index = get_state(app.env).index
    posts = get_domain(app.env).posts
    for post, section in documents_in(doctree, docname):
        record = posts.get(post)
        if not index.is_post(post) or record is None or not section.children:
            continue
        given = section.children[:3]
        if any(
            isinstance(c, nodes.Element) and "linkerdblog-byline" in c["classes"] for c in given
        ):
            continue  # already given (a book resolved twice)
        title = section.next_node(nodes.title)
        position = section.index(title) + 1 if title is not None and title.parent is section else 0
        section.insert(position, make_byline(app, docname, record))
        if record.tags:
            section.insert(position + 1, make_tags(app, docname, record.tags))


def setup_byline(app: Sphinx) -> None:
    """Bylines are added late, once ablog has its excerpts."""
    app.connect("doctree-resolved", add_byline)
