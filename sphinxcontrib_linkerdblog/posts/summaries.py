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

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..hugo.summary import WordCounter, is_cjk_language
from ..images import project_file
from ..state import POST_KEY
from .goldmark_words import DROPPED, Cut, GoldmarkWords, is_more, summary_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..hugo.metadata import PostMeta


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


def _dropped(node: nodes.Node) -> bool:
    return isinstance(node, DROPPED)


def _clean(node: nodes.Node) -> list[nodes.Node]:
    """A copied node as it may stand in a listing: see the module docstring."""
    if isinstance(node, DROPPED) or is_more(node):
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


def automatic_summary(
    children: list[nodes.Node], length: int, cjk: bool = False, text: str = ""
) -> list[nodes.Node]:
    """Hugo's automatic summary of ``children`` (the post's blocks, title left out).

    :param text: the source MyST parsed, for its blank lines (which lists are loose).
    """
    if length <= 0:
        return []
    writer = GoldmarkWords(WordCounter(length, cjk), text)
    try:
        for child in children:
            writer.visit(child)
    except Cut as cut:
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
    marker = next(iter(body.findall(is_more)), None) if divider else None
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
