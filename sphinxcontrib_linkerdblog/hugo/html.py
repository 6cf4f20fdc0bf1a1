"""Raw HTML from a post, made harmless and rebuilt (pure, standard library only).

Hugo sites write raw HTML in posts (``<span style=...>``, inline SVG logos,
``<details>``); Hugo passes it through when the site sets ``unsafe = true``.
A post arrives through a pull request, though, so :func:`sanitize` keeps the
HTML a post needs and removes what could run script, load a third party as the
page opens, or escape into the page around it:

* elements on an allow list (text formatting, structure, tables, media, inline
  SVG shapes) keep their allowed attributes; URL attributes must pass
  :func:`.urls.safe_url`; ``style`` is kept unless it can fetch or run
  something (``url(``, ``expression``, ``@import``, escapes);
* ``<script>``, ``<style>`` and ``<template>`` go with their content;
  ``<iframe>``, ``<object>`` and ``<embed>`` become a plain link to what they
  would have loaded (privacy first: nothing loads until the reader clicks);
  page-level and form elements lose their tags and keep their text;
* any other tag (``<pod-name>`` in a sentence) is shown as text, so that no
  word of the post disappears;
* every text and attribute value is escaped again on output, so what a browser
  parses is exactly what was checked.

Each fragment is handled on its own: MyST hands inline HTML over tag by tag.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .urls import safe_url, split_url

_TEXT = {
    "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
    "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "data",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
    "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var",
    "wbr", "video", "audio", "track", "label", "title", "input",
}  # fmt: skip
_SVG = {
    "svg", "g", "path", "circle", "ellipse", "line", "polygon", "polyline", "rect", "desc",
    "defs", "lineargradient", "radialgradient", "stop", "text", "tspan", "clippath", "mask",
    "symbol",
}  # fmt: skip
ALLOWED = frozenset(_TEXT | _SVG)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed"})
UNWRAPPED = frozenset(
    {
        "html", "head", "body", "form", "fieldset", "legend", "button", "select",
        "option", "optgroup", "textarea", "noscript", "math", "foreignobject", "meta", "link",
        "base", "frame", "frameset", "noframes", "noembed", "xmp", "plaintext", "applet",
        "dialog", "slot", "portal", "marquee", "blink",
    }
)  # fmt: skip
"""Elements whose tags go (they act on the page, or hold raw text) while their text stays."""
FRAMES = {"iframe": "src", "object": "data", "embed": "src"}

_GLOBAL = frozenset({"class", "id", "title", "lang", "dir", "style", "role", "hidden"})
_BY_ELEMENT: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "target", "rel", "hreflang", "type"}),
    "img": frozenset(
        {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "align",
         "border", "hspace", "vspace"}
    ),
    "td": frozenset({"colspan", "rowspan", "align", "valign", "width", "headers", "scope", "abbr"}),
    "table": frozenset({"border", "cellpadding", "cellspacing", "width", "align", "summary"}),
    "col": frozenset({"span", "width", "align"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "ul": frozenset({"type"}),
    "li": frozenset({"value", "type"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
    "video": frozenset(
        {"src", "poster", "controls", "width", "height", "preload", "loop", "muted",
         "playsinline", "autoplay"}
    ),
    "audio": frozenset({"src", "controls", "preload", "loop", "muted", "autoplay"}),
    "source": frozenset({"src", "srcset", "type", "media", "sizes"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "font": frozenset({"color", "face", "size"}),
    "hr": frozenset({"width", "size", "noshade", "align"}),
    "label": frozenset({"for"}),
    "input": frozenset({"type", "checked", "disabled"}),  # a task list's box, see below
}  # fmt: skip
for _name in ("th",):
    _BY_ELEMENT[_name] = _BY_ELEMENT["td"]
for _name in ("colgroup",):
    _BY_ELEMENT[_name] = _BY_ELEMENT["col"]
for _name in ("ins",):
    _BY_ELEMENT[_name] = _BY_ELEMENT["del"]
for _name in ("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "tr", "tbody",
              "thead", "tfoot"):  # fmt: skip
    _BY_ELEMENT[_name] = frozenset({"align", "valign"})
_SVG_ATTRIBUTES = frozenset(
    {
        "xmlns", "version", "width", "height", "viewbox", "preserveaspectratio", "fill",
        "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-opacity", "stroke-dasharray", "opacity", "d", "cx", "cy",
        "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "points", "transform", "offset",
        "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "font-size",
        "font-family", "font-weight", "text-anchor", "dominant-baseline", "clip-rule",
        "clip-path", "mask", "focusable", "aria-hidden", "aria-label",
    }
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster", "data"})
_STYLE_DANGER = re.compile(r"url\s*\(|expression|javascript|@import|behavior|-moz-binding|\\")
_SVG_REFERENCE = re.compile(r"url\(#[\w-]+\)")
_SAFE_COMMENT = re.compile(r"[\w\s.,:;!?'\"()/#+=*@-]*")


@dataclass(slots=True)
class Sanitized:
    """The rebuilt HTML and one phrase for each thing removed."""

    html: str
    removed: list[str] = field(default_factory=list)


def _attribute_allowed(tag: str, name: str) -> bool:
    if name in _GLOBAL or name.startswith("aria-"):
        return True
    if name.startswith("data-"):
        return not name.startswith("data-linkerdblog")  # our script's own attributes
    if tag in _SVG:
        return name in _SVG_ATTRIBUTES
    return name in _BY_ELEMENT.get(tag, frozenset())


class _Sanitizer(HTMLParser):
    """Rebuilds a fragment from what :class:`HTMLParser` reads of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.removed: list[str] = []
        self.skipping = 0  # depth inside an element dropped with its content
        self.skipped = ""  # its name

    def note(self, what: str) -> None:
        if what not in self.removed:
            self.removed.append(what)

    def attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept: list[str] = []
        for name, value in attrs:
            value = value or ""
            if not _attribute_allowed(tag, name):
                self.note(f"the {name} attribute of <{tag}>")
                continue
            if name in URL_ATTRIBUTES and safe_url(value) is None:
                scheme = re.sub(r"[\x00-\x20]", "", value.split(":", 1)[0])[:20]
                self.note(f"the {name} URL of <{tag}> ({scheme}:)")
                continue
            if name == "srcset" and any(
                safe_url(part.strip().split(" ", 1)[0]) is None for part in value.split(",")
            ):
                self.note(f"the srcset of <{tag}>")
                continue
            if name == "style" and _STYLE_DANGER.search(value.lower()):
                self.note(f"the style of <{tag}> (it could load or run something)")
                continue
            if name in ("clip-path", "mask") and not _SVG_REFERENCE.fullmatch(value.strip()):
                self.note(f"the {name} of <{tag}>")
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def frame(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An embedded page: a link to it instead (nothing loads until the reader asks)."""
        values = dict(attrs)
        url = values.get(FRAMES[tag]) or ""
        parts = split_url(url)
        if url and safe_url(url) is not None and parts.scheme in ("http", "https", ""):
            label = values.get("title") or f"Embedded content from {parts.netloc or url}"
            self.out.append(
                f'<a class="reference external linkerdblog-frame-link" '
                f'href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'
            )
            self.note(f"<{tag}> (shown as a link to what it loads)")
        else:
            self.note(f"<{tag}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=True)

    def start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self.skipping:
            if tag == self.skipped and not closed:
                self.skipping += 1
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag in FRAMES:
                self.frame(tag, attrs)
            else:
                self.note(f"<{tag}>")
            if not closed:
                self.skipping, self.skipped = 1, tag
            return
        if tag in UNWRAPPED:
            self.note(f"the <{tag}> tag")
            return
        if tag not in ALLOWED:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))
            return
        if tag == "input" and (
            dict(attrs).get("type") != "checkbox" or "disabled" not in dict(attrs)
        ):
            self.note("an <input> that is not a disabled check box")
            return
        self.out.append(f"<{tag}{self.attributes(tag, attrs)}{' /' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipped:
                self.skipping -= 1
            return
        if tag in DROPPED_WITH_CONTENT or tag in UNWRAPPED:
            return
        if tag not in ALLOWED:
            self.out.append(html.escape(f"</{tag}>"))
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if not self.skipping and "--" not in data and _SAFE_COMMENT.fullmatch(data):
            self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.note("a declaration")

    def handle_pi(self, data: str) -> None:
        self.note("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.note("a CDATA section")


def sanitize(fragment: str) -> Sanitized:
    """``fragment`` with only what is safe kept (see the module docstring)."""
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return Sanitized("".join(parser.out), parser.removed)


def is_comment(fragment: str) -> bool:
    """Whether ``fragment`` is only HTML comments (``<!--more-->``), invisible either way."""
    return not re.sub(r"<!--.*?-->", "", fragment, flags=re.S).strip()
