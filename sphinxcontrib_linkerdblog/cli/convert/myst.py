"""One shortcode call as plain MyST: the same handlers as the build, written out.

``convert`` does not keep a second implementation of each shortcode.  It runs
the call through the build's own dispatch (:func:`..shortcodes.dispatch.run_call`)
and registry, with a :class:`TextContext` whose ``render`` returns the MyST text
unparsed, and writes the few node types the handlers make back as Markdown that
myst-parser, sphinx-design and ablog understand without this extension:

* a figure -> a ``{figure}`` directive; a literal block -> ``{code-block}``;
* ``details`` -> sphinx-design's ``{dropdown}``;
* an embed (tweet, YouTube, Vimeo, gist, Instagram) -> a sphinx-design
  ``{card}`` linking to it (``label <url>`` inside a sentence): plain MyST has
  no click-to-load player, and a raw ``<iframe>`` would make every reader's
  browser call the provider, which this project never does;
* text a handler or a site template produced -> itself.

``ref``/``relref`` are found by :func:`..hugo.index.locate` over the folder
being converted and written as links MyST resolves; ``comment`` stays an HTML
comment.  A call that cannot be written is kept as written (escaped, so MyST
shows it literally) with a located problem worded as in the build.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from docutils import nodes

from ...embeds.base import embed
from ...hugo.frontmatter import Problem
from ...hugo.index import PostNames, locate
from ...hugo.rewrite import Entry
from ...shortcodes.builtins import details
from ...shortcodes.dispatch import CallBase, run_call
from ...shortcodes.refs import target
from ...shortcodes.registry import Shortcode, ShortcodeError
from ...warnings_ import Warn

_SPECIAL = re.compile(r"""([\\`*_\[\]<>{}|~$&#!'"])""")


def escape(text: str) -> str:
    """Backslash-escape what MyST could read as markup (and quotes, which the
    build keeps straight in titles and verbatim text), and nothing else, so the
    converted file stays readable."""
    return _SPECIAL.sub(r"\\\1", text)


class MystText(nodes.Text):
    """Text that is already MyST (a site template's output, a caption): not escaped."""


@dataclass(slots=True)
class Document:
    """What the writers need to know about the post being converted."""

    docname: str  # path in SRC's parent without suffix, e.g. "blog/2019-01-01-x"
    source_path: str
    page: Any  # its PostMeta
    config: Any  # attribute access to linkerdblog_* values and the site shortcodes
    found: Collection[str]  # every docname converted
    posts: PostNames  # the posts by docname, logical name and slug
    urls: Mapping[str, str] = field(default_factory=dict)  # Hugo site path -> docname
    problems: list[Problem] = field(default_factory=list)
    registry: Mapping[str, Shortcode] = field(default_factory=dict)  # see convert_registry

    def relative(self, target: str, anchor: str = "") -> str:
        """Path of ``target``'s Markdown file from this post, as MyST links want it."""
        here = posixpath.dirname(self.docname) or "."
        return posixpath.relpath(target + ".md", here) + anchor


class TextContext(CallBase):
    """A call outside a build: MyST stays text (see :class:`..shortcodes.registry.CallContext`).

    ``inner`` is the call's inner content already converted, so nested calls
    are written before the call around them.
    """

    def __init__(self, entry: Entry, doc: Document, inner: str) -> None:
        super().__init__(entry, doc.docname, doc.source_path)
        self.doc = doc
        self.inner = inner

    @property
    def page(self) -> Any:
        """The post's front matter."""
        return self.doc.page

    @property
    def metadata(self) -> dict[str, Any]:
        """Not a MyST page: no MyST front matter."""
        return {}

    @property
    def config(self) -> Any:
        """The project's ``linkerdblog_*`` values."""
        return self.doc.config

    def warn(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        """Record a problem at the call's line."""
        self.doc.problems.append(Problem(message, subtype.subtype, self.lineno))

    def find_post(self, ref: str) -> str | None:
        """The docname a ``ref`` path names, among the converted files."""
        return locate(ref, self.docname, self.doc.found, self.doc.posts)

    def hugo_url(self, docname: str) -> str:
        """The post's Hugo URL (the first site path that names it)."""
        found = next((path for path, name in self.doc.urls.items() if name == docname), None)
        return found or "/" + docname + "/"

    def link_target(self, docname: str) -> str:
        """The target's Markdown file, relative to this post."""
        return self.doc.relative(docname)

    def render(self, text: str, line: int | None = None, *, inline: bool = False) -> list[Any]:
        """MyST stays MyST: the text is written out, not parsed."""
        return [MystText(text)]

    def render_inner(self) -> list[Any]:
        """The inner content, already converted."""
        return [MystText(self.inner)]


def fence(name: str, argument: str, options: dict[str, str], body: str = "") -> str:
    """A backtick-fenced MyST directive, its fence longer than any inside ``body``."""
    stripped = (line.lstrip() for line in body.split("\n"))
    runs = (len(line) - len(line.lstrip("`")) for line in stripped)
    ticks = "`" * max(3, max(runs, default=0) + 1)
    lines = [f"{ticks}{{{name}}} {argument}".rstrip()]
    lines += [f":{key}: {value}".rstrip() for key, value in options.items()]
    if body.strip():
        lines += ["", body.strip("\n")]
    return "\n".join([*lines, ticks])


def _quoted(text: str) -> str:
    """An option value MyST reads back exactly (quotes, colons and all)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _text(children: list[nodes.Node]) -> str:
    return "".join(str(c) if isinstance(c, MystText) else escape(c.astext()) for c in children)


def _figure(node: nodes.figure) -> str:
    image = next(node.findall(nodes.image))
    options = {"alt": _quoted(image.get("alt", ""))}
    for name in ("width", "height"):
        if image.get(name):
            options[name] = image[name]
    if isinstance(image.parent, nodes.reference):
        options["target"] = image.parent["refuri"]
    if node.get("classes"):
        options["class"] = " ".join(node["classes"])
    caption = next(iter(node.findall(nodes.caption)), None)
    return fence("figure", image["uri"], options, _text(caption.children) if caption else "")


def _code(node: nodes.literal_block) -> str:
    options: dict[str, str] = {}
    args: dict[str, Any] = node.get("highlight_args", {})
    if node.get("linenos"):
        options["linenos"] = ""
    if args.get("linenostart"):
        options["lineno-start"] = str(args["linenostart"])
    if args.get("hl_lines"):
        options["emphasize-lines"] = ",".join(str(n) for n in args["hl_lines"])
    return fence("code-block", node.get("language", "text"), options, node.astext())


def _details(node: details) -> str:
    options = {"open": ""} if node.get("open") else {}
    body = [
        c
        for c in node.children
        if not (isinstance(c, nodes.Element) and "linkerdblog-details-summary" in c["classes"])
    ]
    return fence("dropdown", node["summary"], options, _text(body))


def _embed(node: embed, block: bool) -> str:
    label = next(
        (
            n.astext()
            for n in node.findall(nodes.inline)
            if "linkerdblog-embed-provider" in n["classes"]
        ),
        node.get("provider", "Link"),
    )
    if not block:
        return f"[{escape(label)}](<{node['url']}>)"
    return fence("card", escape(label), {"link": node["url"]}, f"<{node['url']}>")


def write_nodes(result: list[nodes.Node], block: bool) -> str:
    """The nodes a handler returned, as MyST; ShortcodeError for a node we cannot write."""
    parts: list[str] = []
    for node in result:
        if isinstance(node, nodes.Text):
            parts.append(_text([node]))
        elif isinstance(node, nodes.paragraph):
            parts.append(_text(list(node.children)))
        elif isinstance(node, nodes.figure):
            parts.append(_figure(node))
        elif isinstance(node, nodes.literal_block):
            parts.append(_code(node))
        elif isinstance(node, details):
            parts.append(_details(node))
        elif isinstance(node, embed):
            parts.append(_embed(node, block))
        else:
            kind = getattr(node, "tagname", type(node).__name__)
            raise ShortcodeError(f"its output ({kind}) has no plain MyST form")
    return ("\n\n" if block else "").join(parts)


def write_ref(ctx: TextContext) -> list[nodes.Node]:
    """``ref``/``relref`` outside a link: a link MyST resolves, titled by Sphinx."""
    _ref, docname, anchor = target(ctx)
    if anchor:
        return [MystText(f"[](<{ctx.doc.relative(docname, anchor)}>)")]
    here = posixpath.dirname(ctx.docname) or "."
    return [MystText("{doc}`" + posixpath.relpath(docname, here) + "`")]


def write_comment(ctx: TextContext) -> list[nodes.Node]:
    """Hugo's ``comment``: kept in the file as an HTML comment, unpublished as before."""
    return [MystText("<!-- " + ctx.raw_inner.strip().replace("--", "- -") + " -->")]


def convert_registry(registry: Mapping[str, Shortcode]) -> dict[str, Shortcode]:
    """The build's registry, with the shortcodes whose output plain MyST writes its own way."""
    result = dict(registry)
    for name, writer in (("ref", write_ref), ("relref", write_ref), ("comment", write_comment)):
        if name in result:
            result[name] = replace(result[name], render=writer)  # type: ignore[arg-type]
    return result


def as_written(entry: Entry, inner: str) -> str:
    """The call shown literally, its inner content (already converted) kept."""
    call = entry.call
    if not call.paired:
        return escape(entry.source)
    opening = entry.source[: call.open_end - call.start]
    closing = entry.source[call.close_start - call.start :] if call.close_start else ""
    return escape(opening) + inner + escape(closing)


def write_call(entry: Entry, doc: Document, inner: str) -> str:
    """One call as MyST; on failure, a located problem and the call as written."""
    ctx = TextContext(entry, doc, inner)
    return run_call(
        ctx,
        doc.registry,
        lambda result: write_nodes(result, entry.block),
        lambda: as_written(entry, inner),
    )
