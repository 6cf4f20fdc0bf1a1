"""Bylines: who wrote a post, when, when it was updated, how long it takes to read.

The byline is added at ``doctree-resolved``, after ablog has taken the post's
first paragraph as its excerpt (so the byline never becomes the excerpt), from
what the ``blog`` domain recorded while reading.  It is made of standard nodes
(a paragraph of text, links and small images), so every builder prints it.
Reading time is Hugo's: words / 213, rounded up, with CJK text counted by
characters.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .ablog_pages import collection_page
from .authors import get_authors
from .posts import get_domain, get_index
from .static_files import project_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .frontmatter import PostMeta

WORDS_PER_MINUTE = 213
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def reading_minutes(text: str) -> int:
    """Hugo's ``.ReadingTime``: words / 213 rounded up, CJK characters as words."""
    cjk = len(_CJK.findall(text))
    words = len(_CJK.sub(" ", text).split()) + cjk
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _date(value: str | None) -> str:
    if not value:
        return ""
    date = datetime.fromisoformat(value)
    return f"{date.day} {date:%B %Y}"


def register_images(app: Sphinx, docname: str, meta: PostMeta) -> dict[str, str]:
    """Copy the post's avatars and thumbnail to the output like its own images.

    They are not in the document's text, so Sphinx's image collector does not
    see them; registered here, at read time, the HTML builder copies them.
    :return: author -> avatar path, for the byline.
    """
    authors = get_authors(app.env)
    avatars: dict[str, str] = {}
    for author_id in meta.authors:
        author = authors.get(author_id)
        profile = meta.author_profiles.get(author_id, {})
        avatar = author.avatar if author else str(profile.get("avatar") or "")
        rel = project_file(avatar, docname, app.env)
        if rel:
            avatars[author_id] = rel
            app.env.images.add_file(docname, rel)
    thumbnail = project_file(meta.thumbnail or "", docname, app.env)
    if thumbnail:
        app.env.images.add_file(docname, thumbnail)
    return avatars


def make_byline(app: Sphinx, docname: str, record: dict[str, Any]) -> nodes.paragraph:
    """The byline paragraph for one post."""
    authors = get_authors(app.env)
    para = nodes.paragraph("", "", classes=["linkerdblog-byline"])
    names = record.get("authors") or []
    if names:
        para += nodes.Text("By ")
    for position, author_id in enumerate(names):
        author = authors.get(author_id)
        profile = (record.get("author_profiles") or {}).get(author_id, {})
        name = author.name if author else profile.get("name", author_id)
        uri = (record.get("avatars") or {}).get(author_id)
        if position:
            para += nodes.Text(", " if position < len(names) - 1 else " and ")
        if uri:
            para += nodes.image(
                uri=uri, alt="", classes=["linkerdblog-avatar"], candidates={"*": uri}
            )
        para += nodes.inline(name, name, classes=["linkerdblog-author"])
    parts = [_date(record.get("date"))]
    if record.get("lastmod") and record.get("lastmod") != record.get("date"):
        parts.append("updated " + _date(record.get("lastmod")))
    if record.get("reading_minutes"):
        parts.append(f"{record['reading_minutes']} min read")
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
    if not get_index(app.env).is_post(docname):
        return
    record = get_domain(app.env).posts.get(docname)
    section = doctree.next_node(nodes.section)
    if record is None or section is None or not section.children:
        return
    title = section.next_node(nodes.title)
    position = section.index(title) + 1 if title is not None and title.parent is section else 0
    section.insert(position, make_byline(app, docname, record))
    if record.get("tag_list"):
        section.insert(position + 1, make_tags(app, docname, record["tag_list"]))


def setup_byline(app: Sphinx) -> None:
    """Bylines are added late, once ablog has its excerpts."""
    app.connect("doctree-resolved", add_byline)
