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
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts.domain import PostRecord

LISTING_TEMPLATES = ("ablog/collection.html",)
CACHE_EXCERPTS = True
"""Render each excerpt once per folder of listing pages (tests compare with off)."""


def link_base(target_uri: str) -> str:
    """What a listing page's relative links depend on, as a cache key.

    A relative link depends on the page's depth and on the folders it shares
    with the target.  Excerpts link to posts, images and documents, never into
    the folders that hold only listing pages (a tag's, an author's, the pages of
    a pager, ``blog/tag/linkerd/page/2/``): below its second folder a listing's
    path only counts by its depth.
    """
    parts = posixpath.dirname(target_uri).split("/")
    return "/".join(parts[:2]) + f"#{len(parts)}"


def excerpt_html(app: Sphinx, pagename: str, post: Any) -> Markup:
    """ablog's ``post.to_html(pagename)``, rendered once per post and folder.

    ablog renders a post's excerpt again for every listing page that shows it
    (a post with four tags: on ten pages, each render a fresh docutils
    document, settings and writer).  What differs between two pages is only
    where their links point from, so pages whose links start alike
    (:func:`link_base`: every tag page, every author page, every page of a
    pager) share one rendering; the cache lives as long as the build.
    """
    if not CACHE_EXCERPTS:
        return Markup(post.to_html(pagename))
    cache = get_state(app.env).excerpts
    key = (post.docname, link_base(app.builder.get_target_uri(pagename)))
    if key not in cache:
        cache[key] = post.to_html(pagename)
    return Markup(cache[key])


def card_html(app: Sphinx, pagename: str, docname: str, record: PostRecord) -> Markup:
    """The byline and tag line of ``docname``, with links relative to ``pagename``."""
    builder = app.builder
    here = builder.get_target_uri(pagename)

    def link(target: str) -> str:
        uri = builder.get_target_uri(target)
        # A link to this very page (a tag's own page) is its file name, never "".
        return relative_uri(here, uri) or posixpath.basename(uri.rstrip("/")) or "#"

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
