"""Links to old Hugo URLs, inside posts, lead to the posts' new pages.

``linkerdblog_permalinks`` takes Hugo's pattern (``"/:year/:month/:day/:slug/"``);
a post's ``url`` overrides it and its ``aliases`` add more (see
:mod:`.hugo.urls`; the redirect pages at those URLs are :mod:`.redirects`).
Links inside posts that use these URLs, site-root (``/2019/05/18/x/``) or
absolute under ``linkerdblog_base_url``, are turned into links to the post's
page, keeping their text and inline markup whole.

The URL map is computed with the post index, before any document is read, from
front matter only: identical in every parallel reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .hugo.urls import site_path, split_url
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def _children(ref: nodes.Element, fallback: str) -> nodes.Element:
    """All of a link's content (several lines, inline markup) in one node."""
    if len(ref.children) == 1 and isinstance(ref.children[0], nodes.Element):
        return ref.children[0].deepcopy()
    inline = nodes.inline("", "")
    inline.extend([child.deepcopy() for child in ref.children] or [nodes.Text(fallback)])
    return inline


class RewriteSiteLinks(SphinxPostTransform):
    """Absolute links under ``linkerdblog_base_url`` to a post become internal."""

    default_priority = 5  # before Sphinx resolves references (10)

    def run(self, **kwargs: Any) -> None:
        base = self.config.linkerdblog_base_url
        if not base:
            return
        index = get_state(self.env).index
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            path = site_path(uri, base) if uri.startswith(("http://", "https://")) else None
            docname = index.urls.get(path) if path else None
            if docname is None:
                continue
            fragment = split_url(uri).fragment
            new = make_refnode(
                self.app.builder, self.env.docname, docname, fragment, _children(ref, uri)
            )
            new["classes"] = ref.get("classes", [])
            ref.replace_self(new)


def resolve_site_link(
    builder: Builder,
    fromdocname: str,
    target: str,
    contnode: nodes.Element,
    env: BuildEnvironment,
) -> nodes.Element | None:
    """A MyST link to a site-root Hugo URL, as a link to the post (or None)."""
    base = env.config.linkerdblog_base_url
    path = site_path(target, base)
    if path is None:
        return None
    docname = get_state(env).index.urls.get(path)
    if docname is None:
        if not base or not target.startswith("/"):
            return None
        # Another page of the Hugo site (docs, community...): keep it working there.
        return nodes.reference(
            "", "", *contnode.children, internal=False, refuri=base.rstrip("/") + target
        )
    return make_refnode(builder, fromdocname, docname, split_url(target).fragment, contnode)


def setup_links(app: Sphinx) -> None:
    """Register the link rewriting."""
    app.add_post_transform(RewriteSiteLinks)
