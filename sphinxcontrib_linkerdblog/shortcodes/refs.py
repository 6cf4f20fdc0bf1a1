"""``ref`` and ``relref``: links to other posts, as Hugo resolves them.

A target is found, in this order, as a document path (``blog/foo``,
``/blog/foo.md``), a path relative to the current post, a post's file name
(``foo`` or ``foo.md``; a page bundle's folder name for ``.../index.md``) or a
post's ``slug``.  An optional ``#anchor`` is kept.  Inside a link destination
the call becomes the relative path of the target's source file, which MyST turns
into a cross-reference; elsewhere it becomes a link titled with the target's
title.  Sphinx writes the real URL, so both forms give the same link.
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


def render_ref(ctx: CallContext) -> list[nodes.Node]:
    """A link to the target post, titled with its title."""
    _ref, docname, anchor = target(ctx)
    if anchor and docname == ctx.docname:
        return [nodes.reference("", anchor, refuri=anchor, internal=True)]
    # Resolved late, when every page is read: titled with the target's title, or
    # with its heading's for an #anchor (MyST's resolver, as for a Markdown link).
    xref = addnodes.pending_xref(
        "",
        refdomain="doc" if anchor else "std",
        reftype="myst" if anchor else "doc",
        reftarget=docname if anchor else "/" + docname,
        reftargetid=anchor[1:] or None,
        refexplicit=False,
        refwarn=True,
        refdoc=ctx.docname,
    )
    xref += nodes.inline("", "", classes=["xref", "std", "std-doc"])
    xref.source, xref.line = ctx.source_path, ctx.lineno
    return [xref]


SHORTCODES = shortcodes(render_ref, "ref", "relref", url=ref_url, params=REF_PARAMS, inner=False)
