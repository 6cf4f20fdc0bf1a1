"""``ref`` and ``relref``: links to other posts, as Hugo resolves them.

A target is found, in this order, as a document path (``blog/foo``,
``/blog/foo.md``), a path relative to the current post, a post's file name
(``foo`` or ``foo.md``; a page bundle's folder name for ``.../index.md``) or a
post's ``slug``.  An optional ``#anchor`` is kept.  Inside a link destination
the call becomes the relative path of the target's source file, which MyST turns
into a cross-reference; elsewhere it shows what Hugo prints, the target's Hugo
URL (``ref``: with ``linkerdblog_base_url``; ``relref``: the site path), linked
to the target's page here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..warnings_ import Warn
from .registry import ShortcodeError, shortcodes

if TYPE_CHECKING:
    from .registry import CallContext

REF_PARAMS = frozenset({"path", "lang", "outputFormat"})


def target(ctx: CallContext) -> tuple[str, str, str]:
    """(ref as written, docname, '#anchor' or '') or a ShortcodeError."""
    ref = ctx.get("path", 0)
    if not ref:
        raise ShortcodeError('needs the path of a post, e.g. {{< ref "my-post" >}}', Warn.REF)
    page, _, anchor = ref.partition("#")
    if not page:  # {{< ref "#anchor" >}}: the current page
        return ref, ctx.docname, "#" + anchor
    docname = ctx.find_post(page)
    if docname is None:
        raise ShortcodeError(f"no post {page!r} to link to", Warn.REF)
    return ref, docname, ("#" + anchor) if anchor else ""


def ref_url(ctx: CallContext) -> str | None:
    """Relative path to the target's source file, which MyST resolves."""
    _ref, docname, anchor = target(ctx)
    return ctx.link_target(docname) + anchor


def shown_url(ctx: CallContext, docname: str, anchor: str) -> str:
    """What Hugo prints for the call: ``ref`` the permalink (``baseURL`` and the
    path), ``relref`` the site path; the ``#anchor`` after either."""
    path = ctx.hugo_url(docname)
    base = str(getattr(ctx.config, "linkerdblog_base_url", "") or "")
    if ctx.name == "ref" and base:
        path = base.rstrip("/") + path
    return path + anchor


def render_ref(ctx: CallContext) -> list[nodes.Node]:
    """Hugo prints the URL: so do we, linked to the post's page here."""
    _ref, docname, anchor = target(ctx)
    if anchor and docname == ctx.docname:
        return [nodes.reference("", anchor, refuri=anchor, internal=True)]
    text = shown_url(ctx, docname, anchor)
    xref = addnodes.pending_xref(
        "",
        refdomain="doc" if anchor else "std",
        reftype="myst" if anchor else "doc",
        reftarget=docname if anchor else "/" + docname,
        reftargetid=anchor[1:] or None,
        refexplicit=True,
        refwarn=True,
        refdoc=ctx.docname,
    )
    xref += nodes.inline(text, text, classes=["xref", "std", "std-doc"])
    xref.source, xref.line = ctx.source_path, ctx.lineno
    return [xref]


SHORTCODES = shortcodes(render_ref, "ref", "relref", url=ref_url, params=REF_PARAMS, inner=False)
