"""OpenGraph and Twitter-card meta tags for post pages.

Title, description (``description``, else ``summary``), image (the thumbnail,
made absolute with ablog's ``blog_baseurl``) and the canonical URL of the page.
Every value is HTML-escaped; nothing is fetched.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .hugo.urls import safe_url
from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .posts.domain import PostRecord


def _tag(kind: str, name: str, value: str) -> str:
    return f'<meta {kind}="{html.escape(name)}" content="{html.escape(value)}" />'


def meta_tags(record: PostRecord, page_url: str | None, image: str, title: str) -> str:
    """The ``<meta>`` lines for one post."""
    description = record.description or record.summary or ""
    tags = [
        _tag("property", "og:type", "article"),
        _tag("property", "og:title", title),
        _tag("name", "twitter:title", title),
    ]
    if description:
        tags += [
            _tag("property", "og:description", description),
            _tag("name", "twitter:description", description),
        ]
    if page_url:
        tags.append(_tag("property", "og:url", page_url))
    if image:
        tags += [_tag("property", "og:image", image), _tag("name", "twitter:image", image)]
        tags.append(_tag("name", "twitter:card", "summary_large_image"))
    else:
        tags.append(_tag("name", "twitter:card", "summary"))
    if record.date:
        tags.append(_tag("property", "article:published_time", record.date.isoformat()))
    return "\n".join(tags) + "\n"


def add_meta_tags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: add the tags to post pages."""
    if doctree is None or not get_state(app.env).index.is_post(pagename):
        return
    record = get_domain(app.env).posts.get(pagename)
    if record is None:
        return
    base = app.config.html_baseurl or getattr(app.config, "blog_baseurl", "") or ""
    page_url = urljoin(base, app.builder.get_target_uri(pagename)) if base else None
    title = record.title or pagename
    image = image_url(app, record, base)
    context["metatags"] = context.get("metatags", "") + meta_tags(record, page_url, image, title)


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
    app.connect("html-page-context", add_meta_tags)
