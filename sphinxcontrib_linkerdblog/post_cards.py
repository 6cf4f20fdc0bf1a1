"""Post cards on listing pages: each post's byline as on its own page.

ablog's listing pages show a post's title, date, authors and tags; the post's
own page shows more (:mod:`.byline`): the authors' avatars, each name linked
to that author's page of posts (or where the post linked it), the update date
and the reading time.  Listing pages get the same line, made here as HTML
(they are no documents, so no docutils tree is written for them) from what the
``blog`` domain recorded, every value escaped, and the post's tags under it.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from sphinx.util.osutil import relative_uri

from .ablog_pages import collection_page
from .byline import display_name, when_line
from .excerpts import excerpt_html
from .posts.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts.domain import PostRecord

LISTING_TEMPLATES = ("ablog/collection.html",)


def card_html(app: Sphinx, pagename: str, docname: str, record: PostRecord) -> Markup:
    """The byline and tag line of ``docname``, with links relative to ``pagename``."""
    builder = app.builder
    here = builder.get_target_uri(pagename)

    def link(target: str) -> str:
        uri = builder.get_target_uri(target)
        # A link to this very page (a tag's own page) is its file name, never "";
        # dirhtml's page is its folder ("./": its name would be a folder inside).
        if relative := relative_uri(here, uri):
            return relative
        return "./" if uri.endswith("/") else posixpath.basename(uri) or "#"

    people: list[Markup] = []
    names = record.author_names
    for position, entry in enumerate(names):
        if position:
            people.append(escape(entry.joiner or (", " if position < len(names) - 1 else " and ")))
        avatar = record.avatars.get(entry.key)
        if avatar and avatar in app.env.images:
            src = relative_uri(here, "_images/" + app.env.images[avatar][1])
            people.append(Markup('<img alt="" class="linkerdblog-avatar" src="{}" />').format(src))
        name = display_name(app, record, entry)
        href = entry.url or link(collection_page(app.env, "author", entry.key))
        people.append(
            Markup('<span class="linkerdblog-author"><a href="{}">{}</a></span>').format(href, name)
        )
        if entry.affiliation:
            people.append(
                Markup(' (<span class="linkerdblog-affiliation">{}</span>)').format(
                    entry.affiliation
                )
            )
    when = when_line(record)
    line = Markup("")
    if people:
        line = Markup("By ") + Markup("").join(people) + (Markup(" · ") if when else "")
    html = Markup('<p class="linkerdblog-byline">{}{}</p>').format(line, when)
    if record.tags:
        tags = Markup(", ").join(
            Markup('<a class="linkerdblog-tag" href="{}">{}</a>').format(
                link(collection_page(app.env, "tags", tag)), tag
            )
            for tag in record.tags
        )
        html += Markup('\n<p class="linkerdblog-tags">Tags: {}</p>').format(tags)
    return html


def add_card_function(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``linkerdblog_card(post)`` for ablog's listing pages."""
    if templatename not in LISTING_TEMPLATES:
        return
    posts = get_domain(app.env).posts

    def card(post: Any) -> Markup | None:
        record = posts.get(getattr(post, "docname", ""))
        return card_html(app, pagename, post.docname, record) if record else None

    context["linkerdblog_card"] = card
    context["linkerdblog_excerpt"] = lambda post: excerpt_html(app, pagename, post)


def setup_post_cards(app: Sphinx) -> None:
    """Register the card function for listing pages."""
    app.connect("html-page-context", add_card_function)
