"""What a Hugo post's doctree may carry into any output: no script, no unsafe URL.

One transform over every Hugo document, right after parsing (priority 140:
after :mod:`.shortcodes.engine` lifts and unwraps, before images are resolved
at 150 and before ablog copies excerpts at ``doctree-read``), so that every
later copy of the post (listing pages, feeds, other builders) is already safe:

* raw HTML (``nodes.raw`` in an HTML format) goes through
  :func:`.hugo.html.sanitize`, or is shown as text, or is trusted, as
  ``linkerdblog_raw_html`` says; raw output for another format (``{raw} latex``)
  is shown as text: a Hugo post has no such thing;
* a link, a link target or an image whose URL scheme is not http, https or
  mailto (:func:`.hugo.urls.safe_url`) loses that URL: the link keeps its text,
  the image shows its alt text.

Each problem is one located warning (``linkerdblog.html`` or ``linkerdblog.url``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .hugo.html import is_comment, sanitize
from .hugo.urls import safe_url
from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HTML_FORMATS = frozenset({"html", "html5", "xhtml"})
MYST_LINE_BREAK = "\\\\\n"
"""The raw LaTeX MyST itself writes for a hard line break (beside its ``<br />``)."""


def _formats(node: nodes.raw) -> set[str]:
    return set(node.get("format", "").split())


def _as_text(node: nodes.raw) -> nodes.Node:
    """A raw node's source, shown as text (a paragraph where it was a block)."""
    text = node.astext()
    if isinstance(node.parent, nodes.TextElement):
        return nodes.Text(text)
    return nodes.literal_block(text, text, language="text")


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].strip()[:20]


class SafeMarkup(SphinxTransform):
    """Sanitise raw HTML and drop unsafe URLs in Hugo documents (see the module docstring)."""

    default_priority = 140

    def apply(self, **kwargs: Any) -> None:
        if not get_state(self.env).index.is_hugo(self.env.docname):
            return
        mode = self.config.linkerdblog_raw_html
        for node in list(self.document.findall(nodes.raw)):
            self.raw(node, mode)
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if uri and safe_url(uri) is None:
                warn(
                    f"link to a {_scheme(uri)}: URL removed (only http, https, mailto and "
                    "relative links are kept); its text is kept",
                    Warn.URL,
                    ref,
                )
                ref.replace_self(ref.children or [nodes.Text(uri)])
        for target in self.document.findall(nodes.target):
            uri = target.get("refuri")
            if uri and safe_url(uri) is None:
                warn(f"link target with a {_scheme(uri)}: URL removed", Warn.URL, target)
                del target["refuri"]
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if uri and safe_url(uri) is None:
                warn(
                    f"image with a {_scheme(uri)}: URL removed (only http, https and "
                    "relative images are kept); its alt text is shown",
                    Warn.URL,
                    image,
                )
                alt = image.get("alt") or ""
                image.replace_self(nodes.inline(alt, alt, classes=["linkerdblog-refused"]))

    def raw(self, node: nodes.raw, mode: str) -> None:
        formats = _formats(node)
        if formats == {"latex"} and node.astext() == MYST_LINE_BREAK:
            return
        if not formats & HTML_FORMATS:
            warn(
                f"raw {' '.join(sorted(formats)) or 'output'} in a post is shown as text "
                "(a Hugo post has HTML only)",
                Warn.HTML,
                node,
            )
            node.replace_self(_as_text(node))
            return
        if mode == "trust":
            return
        text = node.astext()
        if mode == "escape":
            if not is_comment(text):
                node.replace_self(_as_text(node))
            return
        result = sanitize(text)
        if result.removed:
            warn(
                f"raw HTML: removed {', '.join(result.removed)}; the rest is kept",
                Warn.HTML,
                node,
            )
        if result.html != text:
            new = nodes.raw(result.html, result.html, format=node["format"])
            new.source, new.line = node.source, node.line
            node.replace_self(new)


def no_source_copy(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a Hugo post's source is not published in ``_sources/``.

    Hugo never publishes a post's source, and it holds what the page does not
    show: ``{{< comment >}}`` and ``<!-- -->`` text, front matter, raw markup
    that was sanitised away.  Without a ``sourcename`` Sphinx neither copies it
    nor links to it.
    """
    if get_state(app.env).index.is_hugo(pagename):
        context["sourcename"] = ""


def setup_markup_safety(app: Sphinx) -> None:
    """Register the transform and the source-copy rule."""
    app.add_transform(SafeMarkup)
    app.connect("html-page-context", no_source_copy)
