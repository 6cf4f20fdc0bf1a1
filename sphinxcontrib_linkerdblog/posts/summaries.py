"""A post's summary as Hugo makes its ``.Summary``, computed once, at read time.

Hugo (``hugolib/page__content.go``, ``resources/page/page_markup.go``) takes,
in this order:

1. **manual**: with a ``<!--more-->`` divider, the content before it (the
   paragraph it stands in is closed where it stands);
2. **front matter**: when there is no divider, or nothing before it, the
   ``summary`` field rendered as Markdown (``description`` is not a summary);
3. **automatic**: otherwise, the content's first blocks up to the end of the
   paragraph in which ``summaryLength`` words are reached (see
   :mod:`..hugo.summary`), or the whole content when it is shorter.  Hugo
   0.168 (gohugoio/hugo#15353, "Balance container tags in automatic
   summaries") then moves the cut on to where every element open at that
   paragraph's end is closed: a paragraph in a list, a block quote or a raw
   ``<div>`` brings the whole list, quote or ``<div>``.

The doctree is written out, for counting only, as Goldmark would write it
(:class:`_Goldmark`): the count stops at the first ``</p>`` that reaches the
limit, and the writing goes on until the open elements are closed.  The
summary is a copy of the blocks up to the node written then.  Copies lose
their ids and names (a listing page holds many posts), except that a figure,
table or code block with a caption gets a new one made from the post's file and
line (Sphinx's HTML writer warns about a captioned one with none), and sub-headings become
rubrics (ablog drops the first ``<h1>`` of an excerpt).  The manual summary
keeps Hugo's own cut: a divider inside a list ends the list there.

The front-matter summary is parsed by MyST into a hidden :class:`summary_source`
node at priority 90, before the transforms that make a post's markup safe and
find its images (140, 150), so that it is made safe and resolved like the body.
The ablog bridge (790) takes the summary from here and hands it to ablog as its
excerpt, with the post's thumbnail once (:func:`with_thumbnail`).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..embeds.base import embed
from ..embeds.video import vimeo, youtube
from ..hugo.summary import WordCounter, is_cjk_language
from ..images import project_file
from ..state import POST_KEY

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..hugo.metadata import PostMeta

MORE = "<!--more-->"
"""Hugo's manual summary divider."""


class summary_source(nodes.General, nodes.Element):
    """Hidden holder of the parsed front-matter ``summary``; removed at priority 790."""


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


class FrontMatterSummary(SphinxTransform):
    """Parse the post's ``summary:`` (Markdown) into a :class:`summary_source`."""

    default_priority = 90  # before SafeMarkup (140) and ResolveImages (150)

    def apply(self, **kwargs: Any) -> None:
        meta: PostMeta | None = self.env.temp_data.get(POST_KEY)
        if meta is None or not meta.summary:
            return
        parser = self.app.registry.create_source_parser(
            "markdown", config=self.config, env=self.env
        )
        # The document's reporter, so that MyST's messages are Sphinx warnings; blank
        # lines first, so that they name the line of ``summary:`` in the file.
        parsed = nodes.document(self.document.settings, self.document.reporter)
        parsed["source"] = self.document.get("source", "")
        line = meta.lines.get("summary") or 1
        parser.parse("\n" * (line - 1) + meta.summary, parsed)
        holder = summary_source()
        holder.extend(parsed.children)
        self.document += holder


def take_front_matter_summary(document: nodes.document) -> list[nodes.Node] | None:
    """Remove the :class:`summary_source`, returning its blocks (None without one)."""
    holder = next(iter(document.findall(summary_source)), None)
    if holder is None:
        return None
    holder.parent.remove(holder)
    return _copy_all(holder.children)


# --- copies -----------------------------------------------------------------

_DROPPED = (
    nodes.target,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
    summary_source,
)


def _dropped(node: nodes.Node) -> bool:
    return isinstance(node, _DROPPED)


def _is_more(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.raw, nodes.comment)) and node.astext().strip() in (MORE, "more")


def _clean(node: nodes.Node) -> list[nodes.Node]:
    """A copied node as it may stand in a listing: see the module docstring."""
    if isinstance(node, _DROPPED) or _is_more(node):
        return []
    if isinstance(node, nodes.section):
        out: list[nodes.Node] = []
        for child in node.children:
            if isinstance(child, nodes.title):
                out.append(nodes.rubric("", "", *(c.deepcopy() for c in child.children)))
            else:
                out.extend(_clean(child))
        return out
    if isinstance(node, nodes.Element):
        for inner in list(node.findall(_dropped, include_self=False)):
            inner.parent.remove(inner)
        for element in node.findall(nodes.Element):
            element["ids"] = []
            element["names"] = []
            element["dupnames"] = []
            if _captioned(element):
                element["ids"] = [_excerpt_id(element)]
    return [node]


def _captioned(element: nodes.Element) -> bool:
    """A node Sphinx numbers (figure, table, code block) that has a caption: its
    caption is written with a figure number looked up by id."""
    if isinstance(element, nodes.figure):
        return any(isinstance(c, nodes.caption) for c in element.children)
    if isinstance(element, nodes.table):
        return any(isinstance(c, nodes.title) for c in element.children)
    if isinstance(element, nodes.container) and element.get("literal_block"):
        return any(isinstance(c, nodes.caption) for c in element.children)
    return False


def _excerpt_id(element: nodes.Element) -> str:
    """An id for a copied captioned node, the same in every build and unique on a
    listing page: the post's last path parts (bundles are all ``index``) and the line."""
    source, line = element.source, element.line
    parent = element.parent
    while (not source or not line) and parent is not None:
        source, line = source or parent.source, line or parent.line
        parent = parent.parent
    where = "-".join(re.split(r"[\\/]", (source or "").rsplit(".", 1)[0])[-3:])
    return nodes.make_id(f"excerpt-{where}-{element.tagname}-{line or 0}")


def _copy_all(children: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for child in children:
        out.extend(_clean(child.deepcopy()))
    return out


def _blank(node: nodes.Node) -> bool:
    return not node.astext().strip() and not any(
        isinstance(n, (nodes.image, nodes.raw)) for n in node.findall()
    )


def copy_until(children: list[nodes.Node], stop: nodes.Node, *, include: bool) -> list[nodes.Node]:
    """Copies of ``children`` up to ``stop`` (with it if ``include``), in document order.

    The block that holds ``stop`` is copied without what follows it, at every
    level: a divider inside a paragraph ends the paragraph, a summary ending in
    a block quote's first paragraph ends the block quote there (as a browser
    closes Hugo's cut HTML).  A block left empty by the cut is dropped.
    """
    path = set()
    parent = stop.parent
    while parent is not None:
        path.add(id(parent))
        parent = parent.parent
    out: list[nodes.Node] = []
    for child in children:
        if child is stop:
            if include:
                out.extend(_clean(child.deepcopy()))
            return out
        if id(child) in path and isinstance(child, nodes.Element):
            part = child.copy()
            part.extend(copy_until(child.children, stop, include=include))
            if not _blank(part) or isinstance(child, nodes.section):
                out.extend(_clean(part))
            return out
        out.extend(_clean(child.deepcopy()))
    return out


# --- counting, as Goldmark writes -------------------------------------------


class _Cut(Exception):
    """The summary ends with ``node`` (the paragraph or raw HTML holding the ``</p>``)."""

    def __init__(self, node: nodes.Node) -> None:
        self.node = node


def _starts_after_blank(node: nodes.Node, lines: list[str]) -> bool:
    """Whether the source line before ``node``'s first line is blank."""
    line = getattr(node, "line", None) or 0
    return 1 < line <= len(lines) and not lines[line - 2].strip()


def _loose(items: nodes.Element, lines: list[str]) -> bool:
    """CommonMark's loose list: a blank line between two of its items, or between
    two blocks of one item (a list item's first line is its ``line``)."""
    blocks = [c for c in items.children if isinstance(c, nodes.list_item)]
    later: list[nodes.Node] = list(blocks[1:])
    for item in blocks:
        later.extend(item.children[1:])
    return any(_starts_after_blank(node, lines) for node in later)


_P_PARENTS = (
    nodes.section,
    nodes.document,
    nodes.block_quote,
    nodes.Admonition,
    nodes.container,
    nodes.footnote,
    nodes.topic,
    nodes.sidebar,
)


HUGO_VIDEO = (
    '<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">\n'
    '\t\t\t<iframe allow="accelerometer; autoplay; clipboard-write; encrypted-media; '
    'gyroscope; picture-in-picture; web-share; fullscreen" loading="eager" '
    'referrerpolicy="strict-origin-when-cross-origin" src="u" style="position: absolute; '
    'top: 0; left: 0; width: 100%; height: 100%; border:0;" title="YouTube video"></iframe>\n'
    "\t\t</div>\n"
)
"""What Hugo 0.168's ``youtube`` shortcode writes (25 "words" to its count: its inline
styles); used for ``vimeo`` too, whose template is alike.  Other embeds (tweets,
gists, Instagram) count nothing: Hugo's output for them comes from the network."""


def _missing_image(node: nodes.raw) -> bool:
    """The ``<img />`` that :mod:`..images` writes for an image file it cannot find."""
    parent = node.parent
    return isinstance(parent, nodes.inline) and "linkerdblog-missing-image" in parent["classes"]


def _code_block(node: nodes.literal_block) -> str:
    """A code block as Hugo writes it: a fence with a language goes through Chroma,
    whose every line is ``<span style="display:flex;"><span>...</span></span>`` (the
    first word of a line follows an attribute; a line break is a word of markup);
    the words Chroma colours are not words either, which this does not know."""
    text = node.astext()
    if not node.get("language"):
        return f'<pre tabindex="0"><code>{html.escape(text)}</code></pre>\n'
    lines = "".join(
        f'<span style="display:flex;"><span>{html.escape(line)}\n</span></span>'
        for line in text.split("\n")
    )
    return f'<div class="highlight"><pre tabindex="0"><code class="x">{lines}</code></pre></div>\n'


_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>", re.S)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)  # HTML's void elements: no end tag


class _Goldmark:
    """The doctree written out as Goldmark's HTML, fed to Hugo's word count.

    Only what changes the count matters: where ``<p>`` elements end, and which
    tokens look like tags or attributes (a link's first word follows
    ``href="...">`` and is not a word to Hugo, an image's alt text after its
    first word is).  Code and videos are written as Hugo writes them, roughly
    (see :func:`_code_block`, :data:`HUGO_VIDEO`); other shortcodes' output as
    their nodes' text.
    """

    def __init__(self, counter: WordCounter, text: str = "") -> None:
        self.counter = counter
        self.lines = text.split("\n")
        self.pending: list[str] = []
        self.loose: dict[int, bool] = {}
        self.stack: list[str] = []  # the elements open where the writing is
        self.cut: nodes.Node | None = None  # the paragraph that reached the count

    def write(self, text: str, owner: nodes.Node) -> None:
        """Write ``text`` (part of ``owner``): count each paragraph's words, then balance.

        :raises _Cut: where the summary ends.
        """
        if self.cut is not None:
            self.track(text)
            if not self.stack:
                raise _Cut(owner)
            return
        while (closing := text.find("</p>")) != -1:
            self.pending.append(text[:closing])
            reached = self.counter.add("".join(self.pending))
            self.track(text[: closing + 4])
            text = text[closing + 4 :]
            if reached:
                self.cut = owner
                if self.stack:
                    self.track(text)
                if not self.stack:
                    raise _Cut(owner)
                return
            self.pending = [">"]  # as Hugo: the next chunk starts at the ">" of "</p>"
        self.pending.append(text)
        self.track(text)

    def track(self, text: str) -> None:
        """Follow the open elements (void ones and comments aside)."""
        if "<" not in text:
            return
        for match in _TAG.finditer(text):
            closing, name, self_closing = match.groups()
            if name is None:
                continue
            name = name.lower()
            if closing:
                if name in self.stack:
                    while self.stack.pop() != name:
                        pass
            elif not self_closing and name not in _VOID:
                self.stack.append(name)

    def is_p(self, node: nodes.paragraph) -> bool:
        parent = node.parent
        if isinstance(parent, nodes.list_item):
            items = parent.parent
            if id(items) not in self.loose:
                self.loose[id(items)] = _loose(items, self.lines)
            return self.loose[id(items)]
        return isinstance(parent, _P_PARENTS)

    def children(self, node: nodes.Element) -> None:
        for child in node.children:
            self.visit(child)

    def wrap(self, node: nodes.Element, start: str, end: str) -> None:
        self.write(start, node)
        self.children(node)
        self.write(end, node)

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            self.write(html.escape(str(node)), node)
        elif isinstance(node, _DROPPED) or _is_more(node):
            return
        elif isinstance(node, nodes.raw) and _missing_image(node):
            self.write(node.astext().replace(" />", ">"), node)  # Goldmark's <img ...>
        elif isinstance(node, nodes.raw):
            self.write(
                node.astext() + ("" if isinstance(node.parent, nodes.TextElement) else "\n"), node
            )
        elif isinstance(node, nodes.paragraph):
            if self.is_p(node):
                self.wrap(node, "<p>", "</p>\n")
            else:
                self.wrap(node, "", "\n")
        elif isinstance(node, nodes.title):
            self.wrap(node, '<h2 id="h">', "</h2>\n")
        elif isinstance(node, nodes.literal_block):
            self.write(_code_block(node), node)
        elif isinstance(node, nodes.literal):
            self.write(f"<code>{html.escape(node.astext())}</code>", node)
        elif isinstance(node, (nodes.reference, addnodes.pending_xref)):
            self.wrap(node, '<a href="u">', "</a>")
        elif isinstance(node, nodes.image):
            alt = html.escape(node.get("alt", ""))
            self.write(f'<img src="u" alt="{alt}">', node)
        elif isinstance(node, nodes.footnote_reference):
            self.write('<sup id="r"><a href="#f" role="doc-noteref">1</a></sup>', node)
        elif isinstance(node, (nodes.emphasis, nodes.strong)):
            tag = "em" if isinstance(node, nodes.emphasis) else "strong"
            self.wrap(node, f"<{tag}>", f"</{tag}>")
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            tag = "ul" if isinstance(node, nodes.bullet_list) else "ol"
            self.wrap(node, f"<{tag}>\n", f"</{tag}>\n")
        elif isinstance(node, nodes.list_item):
            self.wrap(node, "<li>", "</li>\n")
        elif isinstance(node, embed):
            if isinstance(node, (youtube, vimeo)):
                self.write(HUGO_VIDEO, node)
        elif isinstance(node, addnodes.only) and "not html" in node.get("expr", ""):
            return  # another output's text (a missing image's alt text, for one)
        elif isinstance(node, (nodes.section, nodes.compound)):
            self.children(node)  # Goldmark's headings have no element around their text
        elif isinstance(node, nodes.Element):
            block = not isinstance(node, nodes.Inline)
            self.wrap(node, "<div>\n" if block else "", "</div>\n" if block else "")


def automatic_summary(
    children: list[nodes.Node], length: int, cjk: bool = False, text: str = ""
) -> list[nodes.Node]:
    """Hugo's automatic summary of ``children`` (the post's blocks, title left out).

    :param text: the source MyST parsed, for its blank lines (which lists are loose).
    """
    if length <= 0:
        return []
    writer = _Goldmark(WordCounter(length, cjk), text)
    try:
        for child in children:
            writer.visit(child)
    except _Cut as cut:
        return copy_until(children, cut.node, include=True)
    if writer.cut is not None:  # an element never closed: Hugo keeps its first cut
        return copy_until(children, writer.cut, include=True)
    return _copy_all(children)


def post_summary(
    body: nodes.Element,
    meta: PostMeta,
    front: list[nodes.Node] | None,
    length: int,
    *,
    divider: bool = True,
    text: str = "",
) -> list[nodes.Node]:
    """The post's summary, by Hugo's rule (see the module docstring).

    :param body: the post's section (or document): its blocks, after its title.
    :param meta: the front matter (``isCJKLanguage``).
    :param front: the front-matter summary's blocks, or None without one.
    :param length: ``summaryLength``.
    :param divider: whether the source may hold ``<!--more-->`` (False skips the search).
    :param text: the source MyST parsed (see :func:`automatic_summary`).
    :return: copies of the blocks, to be ablog's excerpt.
    """
    children = [c for c in body.children if not isinstance(c, nodes.title)]
    marker = next(iter(body.findall(_is_more)), None) if divider else None
    if marker is not None:
        manual = copy_until(children, marker, include=False)
        if manual:
            return manual
        return front or []
    if front is not None:
        return front
    return automatic_summary(children, length, is_cjk_language(meta.extra), text)


# --- the thumbnail, once ----------------------------------------------------


def with_thumbnail(
    env: BuildEnvironment,
    docname: str,
    meta: PostMeta,
    body: nodes.Element,
    summary: list[nodes.Node],
) -> list[nodes.Node]:
    """The summary with the post's thumbnail first, unless the summary shows it already.

    The body's own image is copied when the body shows the thumbnail; otherwise
    a new image points at the file (its site path resolved as the body's are).
    """
    wanted = project_file(meta.thumbnail or "", docname, env)
    if not wanted:
        return summary

    def same(image: nodes.image) -> bool:
        return project_file(image.get("uri", ""), docname, env) == wanted

    if any(same(image) for block in summary for image in block.findall(nodes.image)):
        return summary
    found = next((image for image in body.findall(nodes.image) if same(image)), None)
    if found is not None:
        image = found.deepcopy()
        image["ids"] = []
    else:
        image = nodes.image(uri="/" + wanted, alt=meta.title or "")
    image.source, image.line = body.source, meta.lines.get("thumbnail")
    return [nodes.paragraph("", "", image, classes=["linkerdblog-thumbnail"]), *summary]


def publish_excerpt_images(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: the images of every excerpt are copied to the output.

    ablog writes listing pages with the builder's image table but never adds to
    it, so a thumbnail the post's own page does not show would point at a file
    that is never copied.  Run before ablog writes its pages (priority 400).
    """
    builder = app.builder
    table = getattr(builder, "images", None)
    if table is None:
        return []
    for posts in getattr(app.env, "ablog_posts", {}).values():
        for post in posts:
            for block in post.get("excerpt") or []:
                for image in block.findall(nodes.image):
                    candidate = image.get("candidates", {}).get("*")
                    if candidate and candidate in app.env.images and candidate not in table:
                        table[candidate] = app.env.images[candidate][1]
    return []


def setup_summaries(app: Sphinx) -> None:
    """Register the holder node, the front-matter parse and the excerpt images."""
    visitors = (_skip, None)
    app.add_node(
        summary_source,
        html=visitors,
        latex=visitors,
        text=visitors,
        man=visitors,
        texinfo=visitors,
    )
    app.add_transform(FrontMatterSummary)
    app.connect("html-collect-pages", publish_excerpt_images, priority=400)
