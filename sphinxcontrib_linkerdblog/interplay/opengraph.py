"""sphinxext-opengraph writes a post's ``og:`` tags, with the post's own values.

Left alone, sphinxext-opengraph (0.13) gives a post page ``og:type`` website,
the site's ``og:url`` and, as ``og:description`` and ``<meta name=
"description">``, the page's first words, which on a post are its byline
("1 March 2024 · 1 min read"); and :mod:`..meta_tags` wrote a second
``og:title``, ``og:description``... beside them.

So, before its ``html-page-context`` hook (500), :func:`feed_opengraph` puts
the post's values where it reads per-page overrides, the page's metadata
(``context["meta"]``, a copy: the environment's is not changed): ``og:type``
article, ``og:title``, ``og:description`` (the front matter's ``description``,
else ``summary``, else what sphinxext-opengraph would take from the page with
our byline and tag line left out), ``og:image`` (the post's thumbnail or first
image, made absolute; never a ``javascript:`` one, see
:func:`..meta_tags.image_url`) and, when ``ogp_site_url`` is not set, an
absolute ``og:url`` from ``html_baseurl``/``blog_baseurl``.  A value the
page's own metadata already gives wins.  Its ``<meta name="description">`` is
written first, so that sphinxext-opengraph leaves its own out.  Our tags are
added after its hook (:data:`..meta_tags.PRIORITY`), and only those it did not
write: ``twitter:*`` and ``article:published_time``.

Escaping: sphinxext-opengraph only turns ``"`` into ``&quot;`` in a value, so
the values given to it are HTML-escaped first (:func:`escapes_itself` checks what
its ``make_tag`` does, should a later version escape them itself).

Its functions are taken from the module Sphinx loaded (``app.extensions``),
never imported here: importing it prints a notice about matplotlib, which
every build without it would show.
"""

from __future__ import annotations

import html
from types import ModuleType
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..meta_tags import post_values, present_tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..meta_tags import PostValues

EXTENSION = "sphinxext.opengraph"
PRIORITY = 450
"""Of :func:`feed_opengraph`: before sphinxext-opengraph's hook (500)."""
OURS = frozenset({"linkerdblog-byline", "linkerdblog-tags"})
"""Classes of the paragraphs we add to a post: no description of it."""


def escapes_itself(module: ModuleType) -> bool:
    """Whether sphinxext-opengraph escapes ``&`` and ``<`` in a value itself."""
    make_tag = getattr(module, "make_tag", None)
    return callable(make_tag) and "&amp;" in make_tag("p", "&")


def ready(value: str, escapes: bool) -> str:
    """``value`` as sphinxext-opengraph must be given it to write it escaped once."""
    return value if escapes else html.escape(value)


def page_description(module: ModuleType, doctree: nodes.document, length: int, title: str) -> str:
    """What sphinxext-opengraph would take from the page, without our byline and tags.

    Those paragraphs are taken out of the doctree (already written) while its
    own parser reads it, and put back.  Plain text.
    """
    get_description = getattr(module, "get_description", None)
    if not callable(get_description):
        return ""
    ours = [node for node in doctree.findall(nodes.paragraph) if OURS & set(node["classes"])]
    places = [(node.parent, node.parent.index(node), node) for node in ours]
    for parent, _, node in places:
        parent.remove(node)
    try:
        return html.unescape(get_description(doctree, length, {title}))
    finally:
        for parent, index, node in places:
            parent.insert(index, node)


def _length(app: Sphinx, fields: dict[str, Any]) -> int:
    try:
        return int(fields.get("ogp_description_length", app.config.ogp_description_length))
    except (TypeError, ValueError):
        return 200  # sphinxext-opengraph's own fallback


def fields_for(app: Sphinx, values: PostValues, description: str) -> dict[str, str]:
    """The ``og:`` overrides (plain text) for one post page."""
    fields = {"og:type": "article", "og:title": values.title}
    if description:
        fields["og:description"] = description
    if values.image:
        fields["og:image"] = values.image
    own_url = app.config.ogp_site_url or app.config.ogp_canonical_url
    if values.page_url and not own_url:
        fields["og:url"] = values.page_url
    return fields


def feed_opengraph(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``, before sphinxext-opengraph: give it the post's values."""
    extension = app.extensions.get(EXTENSION)
    if extension is None or doctree is None:
        return
    values = post_values(app, pagename)
    if values is None:
        return
    fields = dict(context.get("meta") or {})
    if "ogp_disable" in fields:
        return
    description = values.description
    if not description:
        length = _length(app, fields)
        description = page_description(extension.module, doctree, length, values.title)
    escapes = escapes_itself(extension.module)
    for key, value in fields_for(app, values, description).items():
        fields.setdefault(key, ready(value, escapes))
    context["meta"] = fields
    metatags = context.get("metatags", "")
    wanted = app.config.ogp_enable_meta_description and description
    if wanted and ("name", "description") not in present_tags(metatags):
        tag = f'<meta name="description" content="{html.escape(description)}" />\n'
        context["metatags"] = metatags + tag


def setup_opengraph(app: Sphinx) -> None:
    """Register the hook (it checks that sphinxext-opengraph is loaded)."""
    app.connect("html-page-context", feed_opengraph, priority=PRIORITY)
