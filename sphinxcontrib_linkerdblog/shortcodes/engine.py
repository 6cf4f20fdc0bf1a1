"""The build's side of shortcodes: the placeholder role and directive, and their context.

:mod:`..hugo.rewrite` has replaced each call by ``{linkerdblog-sc}`N``` or a
``linkerdblog-sc`` fence and left the calls in ``env.temp_data``.  The role and
directive here look call ``N`` up, wrap it in a :class:`Context` (which parses
MyST into docutils nodes) and hand it to :func:`.dispatch.run_call` with the
build's registry.  Whatever goes wrong ends as a located warning and the
call's source text in the page, never as a traceback or lost text.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .. import messages
from ..hugo.index import locate
from ..hugo.rewrite import MISSING_SCHEME, Entry
from ..state import CALLS_KEY, POST_KEY, get_state
from ..warnings_ import Warn, warn
from .dispatch import CallBase, run_call, run_url
from .registry import ShortcodeError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..hugo.metadata import PostMeta


class Context(CallBase):
    """One shortcode call in the build: MyST is parsed into nodes (see :class:`CallBase`)."""

    def __init__(
        self,
        entry: Entry,
        env: BuildEnvironment,
        docname: str,
        renderer: Any | None = None,
        builder: Builder | None = None,
    ) -> None:
        super().__init__(entry, docname, str(env.doc2path(docname)))
        self.env = env
        self.renderer = renderer
        self.builder = builder  # while the source is rewritten: for URLs in raw HTML

    @property
    def page(self) -> PostMeta | None:
        """The front matter of the Hugo post being read (``None`` for other pages)."""
        return self.env.temp_data.get(POST_KEY)

    @property
    def metadata(self) -> dict[str, Any]:
        """The page's MyST front matter (for pages that are not Hugo posts)."""
        return self.env.metadata.get(self.docname, {})

    @property
    def config(self) -> Any:
        """The Sphinx configuration."""
        return self.env.config

    def warn(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        """A warning at the call's line."""
        warn(message, subtype, self.location)

    def find_post(self, ref: str) -> str | None:
        """The docname a ``ref`` path names, seen from this page."""
        return locate(ref, self.docname, self.env.found_docs, get_state(self.env).index.names)

    def hugo_url(self, docname: str) -> str:
        """The post's own Hugo URL (its page's path for other documents)."""
        own = get_state(self.env).index.own.get(docname)
        return own or "/" + docname.removesuffix("/index").removesuffix("index") + "/"

    def link_target(self, docname: str) -> str:
        """The relative path of ``docname``'s source file, which MyST resolves; in
        raw HTML (``<a href="{{< relref x >}}">``), which nothing resolves, its page."""
        if self.entry.in_tag and self.builder is not None:
            return self.builder.get_relative_uri(self.docname, docname)
        target = str(self.env.doc2path(docname, False)).replace("\\", "/")
        return posixpath.relpath(target, posixpath.dirname(self.docname) or ".")

    def render(
        self, text: str, line: int | None = None, *, inline: bool = False
    ) -> list[nodes.Node]:
        """Parse MyST ``text`` (written at file line ``line``) into nodes.

        Whatever happens inside the parse, the renderer is left as it was: MyST
        restores its current node only when the parse returns, so an exception
        in a directive of ``text`` would otherwise leave every later block of
        the post in our throw-away holder (and off the page).  docutils
        messages are caught rather than printed: an error (a directive that
        fails) raises :class:`ShortcodeError`, so the call's text is kept with
        one ``linkerdblog`` warning; a lesser message becomes such a warning.

        :raises ShortcodeError: when the text does not parse cleanly.
        """
        renderer = self.renderer
        if renderer is None:
            return [nodes.Text(text)]
        holder = nodes.paragraph() if inline else nodes.container()
        start = (line if line is not None else self.inner_line) - 1
        saved = (
            renderer.current_node,
            renderer._heading_offset,
            dict(renderer._level_to_section),
            renderer.md_env.get("temp_root_node"),
        )
        reporter = renderer.document.reporter
        report_level = reporter.report_level
        reporter.report_level = reporter.SEVERE_LEVEL + 1  # keep messages as nodes only
        try:
            renderer.current_node = holder
            renderer.nested_render_text(text, start, inline=inline)
        except Exception as exc:
            raise ShortcodeError(messages.unparsable_myst(exc)) from exc
        finally:
            reporter.report_level = report_level
            renderer.current_node, renderer._heading_offset = saved[0], saved[1]
            renderer._level_to_section = saved[2]
            renderer.md_env["temp_root_node"] = saved[3]
        for message in list(holder.findall(nodes.system_message)):
            first = message.next_node(nodes.paragraph)
            summary = " ".join((first or message).astext().split())
            if message.get("level", 0) >= reporter.ERROR_LEVEL:
                raise ShortcodeError(messages.myst_error(summary))
            message.parent.remove(message)
            self.warn(messages.myst_message(self.name, summary))
        return list(holder.children)

    def render_inner(self) -> list[nodes.Node]:
        """The inner content, as blocks for a block call and inline otherwise."""
        return self.render(self.inner, self.inner_line, inline=not self.block)

    def verbatim(self) -> list[nodes.Node]:
        """The call's source, shown as written; a paired call's inner is still rendered.

        Never raises: an inner that does not parse either is shown as written too.
        """
        entry, call = self.entry, self.entry.call
        if not call.paired or call.close_start is None:
            return (
                [_in_paragraph(as_written(entry.source))]
                if self.block
                else [as_written(entry.source)]
            )
        opening = as_written(entry.source[: call.open_end - call.start])
        closing = as_written(entry.source[call.close_start - call.start :])
        try:
            inner = self.render_inner()
        except ShortcodeError:
            raw = as_written(
                entry.source[call.open_end - call.start : call.close_start - call.start]
            )
            inner = [_in_paragraph(raw)] if self.block else [raw]
        if self.block:
            return [_in_paragraph(opening), *inner, _in_paragraph(closing)]
        return [opening, *inner, closing]


def as_written(text: str) -> nodes.inline:
    """Source text shown exactly as written (no smart quotes), e.g. an unknown shortcode."""
    return nodes.inline(text, text, classes=["linkerdblog-verbatim"], support_smartquotes=False)


def _as_is(result: list[nodes.Node]) -> list[nodes.Node]:
    """The build keeps a handler's nodes as they are."""
    return result


def _in_paragraph(node: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", node)


def _entry(env: BuildEnvironment, text: str) -> Entry | None:
    entries = env.temp_data.get(CALLS_KEY) or []
    try:
        return entries[int(text.split()[0])]
    except (ValueError, IndexError):
        return None


class lifted(nodes.Element):
    """Block nodes a role produced for a call that stands alone on its line.

    Only ever lives between parsing and :class:`LiftBlocks`, which moves its
    children out of the paragraph, so it needs no visitors.
    """


class ShortcodeRole(SphinxRole):
    """``{linkerdblog-sc}`N```: call ``N`` inside a paragraph (or alone on a line)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        entry = _entry(self.env, self.text)
        if entry is None:
            warn(messages.internal_role(), Warn.SHORTCODE, self.get_location())
            return [nodes.Text(self.rawtext)], []
        ctx = Context(entry, self.env, self.env.docname, getattr(self.inliner, "_renderer", None))
        result = run_call(ctx, get_state(self.env).shortcodes, _as_is, ctx.verbatim)
        if entry.block:
            return [lifted("", *result)], []
        return result, []


class ShortcodeDirective(SphinxDirective):
    """A fence standing for call ``N`` that spans several whole lines."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        entry = _entry(self.env, self.arguments[0])
        if entry is None:
            warn(messages.internal_role(), Warn.SHORTCODE, self.get_location())
            return []
        ctx = Context(entry, self.env, self.env.docname, getattr(self.state, "_renderer", None))
        return run_call(ctx, get_state(self.env).shortcodes, _as_is, ctx.verbatim)


def _blank(children: list[nodes.Node]) -> bool:
    return all(isinstance(c, nodes.Text) and not c.astext().strip() for c in children)


class LiftBlocks(SphinxTransform):
    """Move the block output of a standalone call out of its paragraph.

    ``<p>text {tweet}</p>`` would otherwise put a ``<blockquote>`` inside a
    ``<p>``.  The paragraph is split around the block; empty halves vanish.
    Priority 100: right after parsing, before anything reads paragraphs (ablog's
    excerpts, Sphinx's title collection).
    """

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(lifted)):
            parent = node.parent
            if not isinstance(parent, nodes.paragraph) or parent.parent is None:
                node.replace_self(node.children)
                continue
            index = parent.index(node)
            before, after = parent.children[:index], parent.children[index + 1 :]
            parts: list[nodes.Node] = []
            if not _blank(before):
                parts.append(nodes.paragraph("", "", *before))
            parts.extend(node.children)
            if not _blank(after):
                parts.append(nodes.paragraph("", "", *after))
            for part in parts:
                if isinstance(part, nodes.Element) and part.line is None:
                    part.source, part.line = parent.source, parent.line
            parent.replace_self(parts)


class UnwrapMissingLinks(SphinxTransform):
    """``[text]({{< ref "missing" >}})``: keep the text, drop the link.

    The target could not be found (a warning said so at rewrite time); a link to
    nowhere would be worse than plain text.
    """

    default_priority = 101

    def apply(self, **kwargs: Any) -> None:
        prefix = MISSING_SCHEME + ":"
        for ref in list(self.document.findall(nodes.reference)):
            if ref.get("refuri", "").startswith(prefix):
                ref.replace_self(ref.children)


def resolve_url(app: Sphinx, docname: str, entry: Entry) -> str | None:
    """The URL for a call used as a link destination (``[t]({{< ref "x" >}})``).

    Called while the source is rewritten, before parsing (see :func:`.dispatch.run_url`).
    """
    context = Context(entry, app.env, docname, builder=app.builder)
    return run_url(context, get_state(app.env).shortcodes)


def setup_engine(app: Sphinx) -> None:
    """Register the placeholder role/directive and the lifting transform."""
    app.add_role(messages.INTERNAL_ROLE, ShortcodeRole())
    app.add_directive(messages.INTERNAL_ROLE, ShortcodeDirective)
    app.add_node(lifted)
    app.add_transform(LiftBlocks)
    app.add_transform(UnwrapMissingLinks)
