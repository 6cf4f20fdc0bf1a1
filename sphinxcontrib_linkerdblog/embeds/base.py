"""What every embed (tweet, video, gist, ...) shares: node shape, modes, visitors.

An embed node is built at read time with everything resolved: its provider, its
canonical page URL, the URL the provider's player would load (``src``), and, as
*children*, the plain content every builder can print ("YouTube video: Title:
https://..."), made of standard docutils nodes.  So LaTeX, text, man and texinfo
need no code of ours: their visitors let the children through.  man alone
needs a word: it separates a paragraph from the one before only when the
paragraph is not the first child of its parent, and the card's paragraph is
the first child of the embed; :func:`visit_embed_man` puts the space in.

HTML depends on ``linkerdblog_embeds``:

``"click"`` (default)
    a card (the plain children) carrying ``data-linkerdblog-src``; our
    ``linkerdblog-embeds.js`` swaps the provider's player in when the reader
    clicks the card's link.  Opening the page requests nothing from any third
    party; without JavaScript the card is a working link.
``"static"``
    the card only, no script.
``"live"``
    the provider's player at once (what Hugo does).

epub has no scripts and no remote frames: it always gets the static card.
Visitors are pure: they write, never change the node, touch the disk or network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from docutils import nodes

from .marks import mark

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

# Builders by output *format*.  Registering by format, never by builder name
# (``epub=``), keeps other extensions' html visitors working in epub builds.
FALLBACK_FORMATS = ("latex", "text", "man", "texinfo")
MODES = ("click", "static", "live")
SCRIPT = "linkerdblog-embeds.js"


class embed(nodes.General, nodes.TextElement):
    """Base class of embed nodes.

    Attributes: ``provider`` (e.g. ``"YouTube"``), ``url`` (the page to link
    to), ``src`` (what the provider's player loads; empty when there is none),
    ``kind`` (``"iframe"``, ``"tweet"`` or ``"script"``), ``title``, ``block``
    (a card on its own, or a link inside a sentence), ``aspect`` (``"16/9"`` for
    videos), ``classes`` (extra classes from a ``class`` parameter).
    """

    css_class: ClassVar[str] = "linkerdblog-embed"
    tagname_html: ClassVar[str] = "div"


def _mode(self: HTML5Translator) -> str:
    if self.builder.name.startswith("epub"):
        return "static"
    mode = getattr(self.config, "linkerdblog_embeds", "click")
    return mode if mode in MODES else "click"


def visit_embed_html(self: HTML5Translator, node: embed) -> None:
    """Open the card (or the live player) for a block; an inline link otherwise."""
    # docutils adds the node's own ``classes`` (a ``class`` parameter) itself.
    classes = ["linkerdblog-embed", node.css_class]
    if not node.get("block"):
        self.body.append(self.starttag(node, "span", "", CLASS=" ".join([*classes, "inline"])))
        return
    mode = _mode(self)
    attrs: dict[str, Any] = {"CLASS": " ".join(classes), **node.get("html_attrs", {})}
    if mode == "click" and node.get("src"):
        attrs["data-linkerdblog-src"] = node["src"]
        attrs["data-linkerdblog-kind"] = node.get("kind", "iframe")
        attrs["data-linkerdblog-title"] = node.get("title") or node["provider"]
        if node.get("aspect"):
            attrs["data-linkerdblog-aspect"] = node["aspect"]
    self.body.append(self.starttag(node, node.tagname_html, "", **attrs))
    if mode == "live" and node.get("src"):
        self.body.append(live_html(self, node))
        raise nodes.SkipChildren
    self.body.append(mark(node["provider"]))


def load_label(node: embed) -> str:
    """What the card's button says it will do: which content, from which host
    (the one the player is requested from), so the click is an informed one."""
    kind = node.get("kind", "iframe")
    noun = {"tweet": "post", "script": "gist"}.get(kind) or (
        "video" if node.get("aspect") else "post"
    )
    host = (urlsplit(node["src"]).hostname or "").removeprefix("www.")
    return f"Load {noun} from {host}"


def depart_embed_html(self: HTML5Translator, node: embed) -> None:
    """Close what :func:`visit_embed_html` opened; a click-to-load card gets its
    button (hidden until the script runs: without JavaScript the link is all)."""
    if not node.get("block"):
        self.body.append("</span>")
        return
    if _mode(self) == "click" and node.get("src"):
        self.body.append(
            '<button type="button" class="linkerdblog-embed-load" hidden>'
            f"{self.encode(load_label(node))}</button>"
        )
    self.body.append(f"</{node.tagname_html}>\n")


def live_html(self: HTML5Translator, node: embed) -> str:
    """The provider's own player, as Hugo's built-in shortcodes write it."""
    kind, src, title = node.get("kind"), node["src"], node.get("title") or node["provider"]
    encode = self.encode
    if kind == "tweet":
        return (
            f'<blockquote class="twitter-tweet"><a href="{encode(node["url"])}">'
            f"{encode(title)}</a></blockquote>"
            f'<script async src="{encode(src)}" charset="utf-8"></script>'
        )
    if kind == "script":
        return f'<script src="{encode(src)}"></script>'
    frame = (
        f'<iframe src="{encode(src)}" title="{encode(title)}" loading="lazy" '
        'allow="autoplay; encrypted-media; picture-in-picture; fullscreen" '
        'allowfullscreen="allowfullscreen" referrerpolicy="strict-origin-when-cross-origin">'
        "</iframe>"
    )
    if node.get("aspect"):
        return f'<div class="linkerdblog-frame">{frame}</div>'
    return frame


def visit_passthrough(self: Any, node: nodes.Element) -> None:
    """Non-HTML builders print the plain children only."""


def depart_passthrough(self: Any, node: nodes.Element) -> None:
    """Nothing to close."""


def visit_embed_man(self: Any, node: embed) -> None:
    """A card is its own paragraph in man (``.sp`` before it, as before any paragraph
    that is not the first of its parent); an inline embed stays in its sentence."""
    if node.get("block") and not self.first_child(node):
        self.ensure_eol()
        self.body.append(".sp\n")


def add_embed_node(app: Sphinx, node_class: type[embed]) -> None:
    """Register ``node_class`` with an HTML card and plain fallbacks everywhere else."""
    fallbacks: dict[str, Any] = {
        fmt: (visit_passthrough, depart_passthrough) for fmt in FALLBACK_FORMATS
    }
    fallbacks["man"] = (visit_embed_man, depart_passthrough)
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


E = TypeVar("E", bound="embed")


def make_embed(
    node_class: type[E],
    *,
    provider: str,
    label: str,
    url: str,
    src: str = "",
    kind: str = "iframe",
    title: str = "",
    block: bool = True,
    aspect: str = "",
    classes: list[str] | None = None,
) -> E:
    """Build an embed node with its plain children; see :class:`embed`."""
    return node_class(
        "",
        "",
        *card_children(label, url, block=block),
        provider=provider,
        url=url,
        src=src,
        kind=kind,
        title=title,
        block=block,
        aspect=aspect,
        classes=list(classes or []),
    )


def add_assets(app: Sphinx) -> None:
    """CSS for every HTML builder; the click-to-load script only in ``click`` mode."""
    if app.builder.format != "html":
        return
    app.add_css_file("linkerdblog.css")
    if app.config.linkerdblog_embeds == "click" and not app.builder.name.startswith("epub"):
        app.add_js_file(SCRIPT, loading_method="defer")
