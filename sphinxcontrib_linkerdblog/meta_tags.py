"""OpenGraph and Twitter-card meta tags for post pages.

Title, description (``description``, else ``summary``), image (the thumbnail,
made absolute with ablog's ``blog_baseurl``) and the canonical URL of the page.
Every value is HTML-escaped; nothing is fetched.

A tag that is already in the page's ``metatags`` when ours are added is not
written again: ours run late (priority 550), after sphinxext-opengraph's
(500), which then writes the ``og:`` tags with the values
:mod:`.interplay.opengraph` gave it.  A page never has two ``og:title``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .hugo.urls import safe_url
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .posts.domain import PostRecord


PRIORITY = 550
"""Of :func:`add_meta_tags`: after the ``html-page-context`` hooks of other extensions."""


@dataclass(frozen=True, slots=True)
class PostValues:
    """What a post page's meta tags say (plain text; escaped when written)."""

    record: PostRecord
    title: str
    description: str
    page_url: str | None
    image: str


class _MetaNames(HTMLParser):
    """The ``(property|name, value)`` of every ``<meta>`` in a page's ``metatags``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            for kind, value in attrs:
                if kind in ("property", "name") and value:
                    self.found.add((kind, value))


def present_tags(metatags: str) -> set[tuple[str, str]]:
    """The meta tags (``("property", "og:title")``...) already in ``metatags``."""
    parser = _MetaNames()
    parser.feed(metatags)
    parser.close()
    return parser.found


def _tag(kind: str, name: str, value: str) -> str:
    return f'<meta {kind}="{html.escape(name)}" content="{html.escape(value)}" />'


def meta_tags(
    record: PostRecord,
    page_url: str | None,
    image: str,
    title: str,
    present: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> str:
    """The ``<meta>`` lines for one post, but those in ``present``."""
    description = record.description or record.summary or ""
    tags = [("property", "og:type", "article"), ("property", "og:title", title)]
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("property", "og:description", description))
        tags.append(("name", "twitter:description", description))
    if page_url:
        tags.append(("property", "og:url", page_url))
    if image:
        tags += [("property", "og:image", image), ("name", "twitter:image", image)]
        tags.append(("name", "twitter:card", "summary_large_image"))
    else:
        tags.append(("name", "twitter:card", "summary"))
    if record.date:
        tags.append(("property", "article:published_time", record.date.isoformat()))
    kept = [_tag(*tag) for tag in tags if tag[:2] not in present]
    return "".join(line + "\n" for line in kept)


def post_values(app: Sphinx, pagename: str) -> PostValues | None:
    """The meta values of post page ``pagename`` (``None``: it is no post)."""
    if not get_state(app.env).index.is_post(pagename):
        return None
    record = get_domain(app.env).posts.get(pagename)
    if record is None:
        return None
    base = app.config.html_baseurl or getattr(app.config, "blog_baseurl", "") or ""
    page_url = urljoin(base, app.builder.get_target_uri(pagename)) if base else None
    description = record.description or record.summary or ""
    title = record.title or pagename
    return PostValues(record, title, description, page_url, image_url(app, record, base))


def add_meta_tags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: add the tags to post pages (those not there yet)."""
    if doctree is None:
        return
    values = post_values(app, pagename)
    if values is None:
        return
    existing = context.get("metatags", "")
    tags = meta_tags(
        values.record, values.page_url, values.image, values.title, present_tags(existing)
    )
    context["metatags"] = existing + tags


def image_url(app: Sphinx, record: PostRecord, base: str) -> str:
    """The thumbnail's URL: where Sphinx copied it, else its site path, made absolute."""
    thumbnail = record.thumbnail or next(iter(record.images), "")
    if not thumbnail or safe_url(thumbnail) is None:
        return ""  # a javascript: or data: "image" is no image
    if "://" in thumbnail:
        return thumbnail
    path = thumbnail.lstrip("/")
    if path in app.env.images:
        path = "_images/" + app.env.images[path][1]
    try:
        return urljoin(base, path) if base else "/" + path
    except ValueError:  # a path urljoin cannot read ("//[")
        return ""


def setup_meta_tags(app: Sphinx) -> None:
    """Register the page-context hook."""
    app.connect("html-page-context", add_meta_tags, priority=PRIORITY)
