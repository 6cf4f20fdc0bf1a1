"""Links to old Hugo URLs, inside posts, lead to the posts' new pages.

``linkerdblog_permalinks`` takes Hugo's pattern (``"/:year/:month/:day/:slug/"``);
a post's ``url`` overrides it and its ``aliases`` add more (see
:mod:`.hugo.urls`; the redirect pages at those URLs are :mod:`.redirects`).
Links inside posts that use these URLs, site-root (``/2019/05/18/x/``),
page-relative (``../x/``, read from the post's own Hugo URL, as a browser on
the Hugo site read it) or absolute under ``linkerdblog_base_url``, are turned
into links to the post's page, keeping their text and inline markup whole;
links to the old site's other pages go to ``linkerdblog_base_url`` (or keep
their site path, with one ``linkerdblog.link`` warning per path).

The URL map is computed with the post index, before any document is read, from
front matter only: identical in every parallel reader.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .hugo.urls import normalise_path, site_path, split_url
from .state import get_state
from .warnings_ import Warn, warn

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


_PAGE_LIKE = re.compile(r"(?:[^.]*|.*\.html?)$")  # a folder, no suffix, or a page


def hugo_path(env: BuildEnvironment, fromdocname: str, target: str) -> str | None:
    """The Hugo site path a post's link names: site-root as is, relative ones
    read from the post's own Hugo URL (``../x/`` on ``/blog/2023/y/`` is
    ``/blog/2023/x/``), as a browser on the Hugo site read them; ``None`` for
    what is no page link (``#x``, ``file.md``, ``image.png``, ``//host``)."""
    if not target or target.startswith(("#", "//")) or "://" in target or ":" in target[:12]:
        return None
    path = split_url(target).path
    # "x/" is a folder whatever its name ("/announcing-linkerd-2.11/").
    if not path.endswith("/") and not _PAGE_LIKE.match(posixpath.basename(path)):
        return None
    if target.startswith("/"):
        return normalise_path(target)
    index = get_state(env).index
    own = index.own.get(fromdocname) or "/" + posixpath.dirname(fromdocname) + "/"
    return normalise_path(urljoin(own, target))


def _std_doc(env: BuildEnvironment, fromdocname: str, target: str) -> str | None:
    """The document ``target`` names as a file path (MyST links it itself), if any."""
    path = split_url(target).path.removesuffix(".md").rstrip("/")
    if not path:
        return None
    if path.startswith("/"):
        name = path.lstrip("/")
    else:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(fromdocname), path))
    return name if name in env.all_docs else None


def resolve_site_link(
    builder: Builder,
    fromdocname: str,
    target: str,
    node: nodes.Element,
    contnode: nodes.Element,
    env: BuildEnvironment,
) -> nodes.Element | None:
    """A post's MyST link to a Hugo URL: a link to the post there, or to the old
    site's page (``linkerdblog_base_url``), or the site path kept (one warning)."""
    index = get_state(env).index
    # A Hugo post's link (relative ones made site paths as it was read), or a
    # site-root link on any other page (a post converted to plain MyST).
    post = node.get(POST_ATTRIBUTE)
    if post is None and not target.startswith("/"):
        return None
    post = post or fromdocname
    fragment = split_url(target).fragment
    if not fragment and _std_doc(env, post, target):
        return None  # MyST links a document path itself (no "more than one target")
    path = hugo_path(env, post, target)
    if path is None:
        return None
    docname = index.urls.get(path)
    if docname is not None:
        return make_refnode(builder, fromdocname, docname, fragment, contnode)
    base = env.config.linkerdblog_base_url
    uri = path + (f"#{fragment}" if fragment else "")
    if base:
        # Another page of the Hugo site (docs, community...): keep it working there.
        uri = base.rstrip("/") + uri
    else:
        warn(
            f"{path} is a page of the old Hugo site, not a post here; the link keeps that "
            "path (set linkerdblog_base_url to link to the old site)",
            Warn.LINK,
            node,
            once=True,
        )
    return nodes.reference("", "", *contnode.children, internal=False, refuri=uri)


POST_ATTRIBUTE = "linkerdblog_post"
"""On a post's unresolved links: the post (ablog re-points ``refdoc`` at the listing
page that shows the post's summary)."""


class HugoLinkTargets(SphinxTransform):
    """A post's relative links are read from its Hugo URL, once, as it is read.

    ``[x](../why-histograms/)`` meant the Hugo page beside the post's own; it
    becomes that site path, so it means the same on the post's page and in every
    listing that shows the post's summary (ablog resolves those from the listing).
    """

    default_priority = 780  # before the summary is copied for ablog (790)

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not get_state(self.env).index.is_hugo(docname):
            return
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("reftype") != "myst" or node.get("refdomain"):
                continue
            node[POST_ATTRIBUTE] = docname
            target = str(node.get("reftarget", ""))
            if target.startswith(("/", "#")):
                continue
            fragment = split_url(target).fragment
            found = _std_doc(self.env, docname, target)
            path = "/" + found if found else hugo_path(self.env, docname, target)
            if path is not None:
                node["reftarget"] = path + (f"#{fragment}" if fragment else "")


def setup_links(app: Sphinx) -> None:
    """Register the link rewriting."""
    app.add_transform(HugoLinkTargets)
    app.add_post_transform(RewriteSiteLinks)
