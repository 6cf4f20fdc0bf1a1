"""What every embed (tweet, video, gist, ...) shares: node shape and visitors.

An embed node is built at read time with everything resolved: its provider, its
canonical URL and, as *children*, the plain content every builder can print
("Post by @user on X: https://x.com/..."), made of standard docutils nodes.  So
LaTeX, text, man, texinfo and epub need no code of ours: their visitors only let
the children through.  HTML wraps the children in a card; it loads nothing from
a third party, because the card is made of our own markup only.

Visitors are pure: they write, they never change the node, touch the disk or
the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

# Builders by output *format*.  Registering by format, never by builder name
# (``epub=``), keeps other extensions' html visitors working in epub builds.
FALLBACK_FORMATS = ("latex", "text", "man", "texinfo")


class embed(nodes.General, nodes.TextElement):
    """Base class of embed nodes.

    Attributes: ``provider`` (human name, e.g. ``"X"``), ``url`` (the canonical
    link), ``block`` (a card on its own, or a link inside a sentence).
    """

    tagname_html: ClassVar[str] = "div"
    css_class: ClassVar[str] = "linkerdblog-embed"


def visit_embed_html(self: HTML5Translator, node: embed) -> None:
    """Open the card (block) or the inline wrapper."""
    classes = ["linkerdblog-embed", node.css_class]
    if node.get("block"):
        attrs: dict[str, Any] = {"CLASS": " ".join(classes)}
        attrs.update(node.get("html_attrs", {}))
        self.body.append(self.starttag(node, node.tagname_html, "", **attrs))
    else:
        self.body.append(self.starttag(node, "span", "", CLASS=" ".join([*classes, "inline"])))


def depart_embed_html(self: HTML5Translator, node: embed) -> None:
    """Close what :func:`visit_embed_html` opened."""
    self.body.append(f"</{node.tagname_html}>\n" if node.get("block") else "</span>")


def visit_passthrough(self: Any, node: nodes.Element) -> None:
    """Non-HTML builders print the plain children only."""


def depart_passthrough(self: Any, node: nodes.Element) -> None:
    """Nothing to close."""


def add_embed_node(app: Sphinx, node_class: type[embed]) -> None:
    """Register ``node_class`` with an HTML card and plain fallbacks everywhere else."""
    fallbacks: dict[str, Any] = {
        fmt: (visit_passthrough, depart_passthrough) for fmt in FALLBACK_FORMATS
    }
    app.add_node(node_class, html=(visit_embed_html, depart_embed_html), **fallbacks)


def link(url: str, text: str | None = None) -> nodes.reference:
    """An external link node (text escaped by the writers, like all text)."""
    return nodes.reference("", text or url, refuri=url, classes=["linkerdblog-embed-link"])


def card_children(label: str, url: str, *, block: bool) -> list[nodes.Node]:
    """The plain content of an embed: ``label: URL`` as a paragraph, ``label (URL)`` inline.

    The URL is always printed, so text, man and texinfo output keep it.
    """
    if not block:
        return [nodes.Text(label + " ("), link(url), nodes.Text(")")]
    para = nodes.paragraph("", "")
    para += nodes.inline(label, label, classes=["linkerdblog-embed-provider"])
    para += nodes.Text(": ")
    para += link(url)
    return [para]
