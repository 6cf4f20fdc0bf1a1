"""What a reader gets from a published post: its words and what its links designate.

A small tolerant HTML tree (standard library only), the post's own content
cut out of a Hugo page (``#hugo-post``) or of one of our pages (``div.body``
less our additions), its visible words and the list of its links, each
resolved to what it designates: another post (by source file, and the heading
a fragment names, by its text) or a normalised URL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urljoin, urlsplit

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}  # fmt: skip
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
    "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
    "sup", "time", "u", "var", "wbr", "font", "strike", "tt", "big",
}  # fmt: skip
CLOSES_P = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip
HIDDEN = {"script", "style", "template", "head", "title", "noscript"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find(self, test: Callable[[Node], bool]) -> Node | None:
        return next((n for n in self.iter() if test(n)), None)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P and any(n.tag == "p" for n in self.stack[1:]):
            while self.stack[-1].tag != "p":
                self.stack.pop()
            self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack[-1].tag != tag:
                self.stack.pop()
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- normalisation --------------------------------------------------------

# curly single quotes and prime; curly double quotes
QUOTES = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f", '"')
)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f"))


def words(text: str, *, fold_quotes: bool = True) -> list[str]:
    """NFKC, invisible characters dropped, (curly quotes made straight), split on whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(INVISIBLE)
    if fold_quotes:
        text = text.translate(QUOTES)
    return text.split()


def phrase(text: str) -> str:
    """A heading's text as a key: words joined, case-folded."""
    return " ".join(words(text)).casefold()


def norm_url(url: str) -> str:
    """Scheme and host in lower case, default port and empty path made canonical."""
    if url.strip().lower().startswith("mailto:"):
        return "mailto:" + unquote(url.strip()[7:]).casefold()
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~") or "/"
    query = quote(unquote(parts.query), safe="=&/:@!$'()*+,;-._~?")
    out = f"{scheme}://{host}{f':{port}' if port else ''}{path}"
    out += f"?{query}" if query else ""
    return out + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


_YOUTUBE = re.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?v=|v/)|youtu\.be/)([\w-]+)")
_STATUS = re.compile(r"(?:twitter|x)\.com/(?:[^/]+)/status(?:es)?/(\d+)")
_VIMEO = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


def embed_token(*urls: str) -> str:
    """An embed as one token, ``⟦youtube:ID⟧`` (``tweet``, ``vimeo``, ``embed:URL``)."""
    for url in urls:
        for kind, pattern in (("youtube", _YOUTUBE), ("tweet", _STATUS), ("vimeo", _VIMEO)):
            match = pattern.search(url or "")
            if match:
                return f"⟦{kind}:{match.group(1)}⟧"
    first = next((u for u in urls if u), "")
    return f"⟦embed:{norm_url(first) if first else '?'}⟧"


# --- the post's content ----------------------------------------------------


@dataclass
class Content:
    """A post's content, ready to compare."""

    words: list[str]
    raw_words: list[str]  # without quote folding
    links: list[tuple[str, str]]  # (href as written, designation)
    after_related: list[str] = field(default_factory=list)  # our words after the related box


@dataclass(frozen=True)
class Side:
    """How one build's pages are read."""

    chrome: Callable[[Node], bool]  # our additions and navigation: dropped
    embed: Callable[[Node], str | None]  # an embed's token, or None
    footnote_ref: Callable[[Node], bool]


def _hugo_chrome(node: Node) -> bool:
    return "footnote-backref" in node.classes


def _hugo_embed(node: Node) -> str | None:
    if node.tag == "iframe":
        return embed_token(node.attrs.get("src", ""))
    if node.tag == "blockquote" and node.classes & {"twitter-tweet", "instagram-media"}:
        hrefs = [n.attrs.get("href", "") for n in node.iter() if n.tag == "a"]
        return embed_token(*hrefs)
    return None


OUR_CHROME = {
    "headerlink",
    "linkerdblog-byline",
    "linkerdblog-tags",
    "linkerdblog-related",
    "fn-bracket",
}
HIDDEN_TEXT = {"sd-hide-link-text", "visually-hidden", "sr-only", "screen-reader-text"}


def _our_chrome(node: Node) -> bool:
    classes = node.classes
    if classes & OUR_CHROME or any(c.startswith("ablog") for c in classes):
        return True
    # the footnote list's labels ([1], the back-links); Hugo's ↩︎ goes the same way
    return "label" in classes and node.parent is not None and "footnote" in node.parent.classes


def _our_embed(node: Node) -> str | None:
    if "linkerdblog-embed" in node.classes:
        hrefs = [n.attrs.get("href", "") for n in node.iter() if n.tag == "a"]
        src = node.attrs.get("data-linkerdblog-src", "")
        return embed_token(node.attrs.get("cite", ""), *hrefs, src)
    if node.tag == "iframe":
        return embed_token(node.attrs.get("src", ""))
    return _hugo_embed(node) if node.tag == "blockquote" else None


HUGO = Side(_hugo_chrome, _hugo_embed, lambda n: "footnote-ref" in n.classes)
OURS = Side(_our_chrome, _our_embed, lambda n: "footnote-reference" in n.classes)


def hugo_root(page: Node) -> Node | None:
    return page.find(lambda n: n.attrs.get("id") == "hugo-post")


def our_root(page: Node) -> Node | None:
    """``div.body`` without the title (its first ``h1``)."""
    body = page.find(lambda n: n.tag == "div" and "body" in n.classes)
    if body is None:
        return None
    title = body.find(lambda n: n.tag == "h1")
    if title is not None and title.parent is not None:
        title.parent.children.remove(title)
    return body


def _flatten(
    node: Node, side: Side, out: list[str], links: list[Node], marks: dict[str, int]
) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
            continue
        if child.tag in HIDDEN:
            continue
        if child.classes & HIDDEN_TEXT:  # not seen; its link still counts
            links.extend(n for n in child.iter() if n.tag == "a" and "href" in n.attrs)
            continue
        if "linkerdblog-related" in child.classes:
            marks.setdefault("related", len("".join(out)))
        if side.chrome(child):
            continue
        token = side.embed(child)
        if token is not None:
            out.append(f" {token} ")
            continue
        block = child.tag not in INLINE
        if block:
            out.append(" ")
        if child.tag == "a" and "href" in child.attrs:
            links.append(child)
        _flatten(child, side, out, links, marks)
        if block:
            out.append(" ")


def content(root: Node, side: Side, designate: Callable[[Node], str]) -> Content:
    """The words and link designations of the post content under ``root``."""
    out: list[str] = []
    anchors: list[Node] = []
    marks: dict[str, int] = {}
    _flatten(root, side, out, anchors, marks)
    text = "".join(out)
    links = [(a.attrs["href"], designate(a)) for a in anchors]
    after = words(text[marks["related"] :]) if "related" in marks else []
    return Content(words(text), words(text, fold_quotes=False), links, after)


def heading_text(page: Node, fragment: str) -> str | None:
    """The text of what ``#fragment`` names in ``page``: a heading (or a section's), else None."""
    target = page.find(lambda n: n.attrs.get("id") == fragment)
    if target is None:
        return None
    if not phrase(target.text()) and target.parent is not None:
        # an empty anchor (``<span id=...></span>``) before a heading names that heading
        siblings = [c for c in target.parent.children if isinstance(c, Node)]
        later = siblings[siblings.index(target) + 1 :]
        heading = next((n for n in later if n.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}), None)
        target = heading or target.parent
    if target.tag == "section" or target.tag == "div":
        heading = target.find(lambda n: n.tag in {"h1", "h2", "h3", "h4", "h5", "h6"})
        target = heading or target
    clone = Node(target.tag, children=[c for c in target.children if not (
        isinstance(c, Node) and "headerlink" in c.classes)])  # fmt: skip
    return phrase(clone.text())[:80]


def designation(
    href: str,
    base: str,
    resolve: Callable[[str], tuple[str, str] | str],
    page_of_post: Callable[[str], Node | None],
    current: str,
) -> str:
    """What ``href`` on the page at ``base`` (a post's file ``current``) designates.

    ``resolve`` maps an absolute URL to ``(post file, fragment)`` or to the
    designation of what is not a post; ``page_of_post`` gives a post's page, to
    name a fragment by the text of the heading it points at.
    """
    if href.startswith("#"):
        post, fragment = current, unquote(href[1:])
    else:
        found = resolve(urljoin(base, href))
        if isinstance(found, str):
            return found
        post, fragment = found
    if not fragment:
        return f"post:{post}"
    page = page_of_post(post)
    named = heading_text(page, fragment) if page is not None else None
    return f"post:{post}#{named}" if named is not None else f"post:{post}#?{fragment}"
