"""The Sphinx side of the shortcode engine: placeholder role/directive, dispatch.

:mod:`.rewrite` has replaced each call by ``{linkerdblog-sc}`N``` or a
``linkerdblog-sc`` fence and left the calls in ``env.temp_data``.  The role and
directive here look call ``N`` up and hand it, wrapped in a :class:`Context`, to
the handler registered under its name (:mod:`.registry`).  Whatever goes wrong
(unknown name, bad parameters, a failing handler) ends as a located warning and
the call's source text in the page, never as a traceback or lost text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..hugo.rewrite import MISSING_SCHEME, ROLE, Entry
from ..state import CALLS_KEY, POST_KEY, get_state
from ..warnings_ import Warn, warn
from .registry import lookup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..hugo.frontmatter import PostMeta


class ShortcodeError(Exception):
    """Raised by a handler for bad input; becomes a located warning."""

    def __init__(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        super().__init__(message)
        self.subtype = subtype


class Context:
    """One shortcode call as a handler sees it.

    :ivar name: the shortcode's name.
    :ivar args: positional parameters.
    :ivar params: named parameters.
    :ivar inner: the content between paired tags (``""`` for none), with any
        nested shortcodes already rewritten, ready for :meth:`render`.
    :ivar block: whether the call stands alone on its lines (a block) or sits
        inside a paragraph or link.
    """

    def __init__(
        self,
        entry: Entry,
        env: BuildEnvironment,
        docname: str,
        renderer: Any | None = None,
    ) -> None:
        self.entry = entry
        self.env = env
        self.docname = docname
        self.renderer = renderer
        call = entry.call
        self.name: str = call.name
        self.args: list[str] = call.args
        self.params: dict[str, str] = call.params
        self.inner: str = entry.inner
        self.lineno: int = call.line
        self.block: bool = entry.block
        self.paired: bool = call.paired
        self.raw_inner: str = entry.raw_inner

    @property
    def page(self) -> PostMeta | None:
        """The front matter of the Hugo post being read (``None`` for other pages)."""
        return self.env.temp_data.get(POST_KEY)

    @property
    def config(self) -> Config:
        """The Sphinx configuration."""
        return self.env.config

    @property
    def source_path(self) -> str:
        """The post's file."""
        return str(self.env.doc2path(self.docname))

    @property
    def location(self) -> tuple[str, int]:
        """Where warnings about this call point."""
        return (self.docname, self.lineno)

    def get(self, name: str, position: int | None = None, default: str | None = None) -> str | None:
        """A parameter given by ``name`` or, failing that, at ``position``."""
        if name in self.params:
            return self.params[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return default

    def warn(self, message: str, subtype: Warn = Warn.SHORTCODE) -> None:
        """A warning at the call's line."""
        warn(message, subtype, self.location)

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
        start = (line if line is not None else self.entry.inner_line) - 1
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
            raise ShortcodeError(f"its MyST could not be parsed ({_reason(exc)})") from exc
        finally:
            reporter.report_level = report_level
            renderer.current_node, renderer._heading_offset = saved[0], saved[1]
            renderer._level_to_section = saved[2]
            renderer.md_env["temp_root_node"] = saved[3]
        for message in list(holder.findall(nodes.system_message)):
            first = message.next_node(nodes.paragraph)
            summary = " ".join((first or message).astext().split())
            if message.get("level", 0) >= reporter.ERROR_LEVEL:
                raise ShortcodeError(f"its MyST has an error: {summary}")
            message.parent.remove(message)
            self.warn(f"shortcode {self.name!r}: {summary}")
        return list(holder.children)

    def render_inner(self) -> list[nodes.Node]:
        """The inner content, as blocks for a block call and inline otherwise."""
        return self.render(self.inner, self.entry.inner_line, inline=not self.block)

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


def _reason(exc: BaseException) -> str:
    """An exception in one line, for a warning."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def as_written(text: str) -> nodes.inline:
    """Source text shown exactly as written (no smart quotes), e.g. an unknown shortcode."""
    return nodes.inline(text, text, classes=["linkerdblog-verbatim"], support_smartquotes=False)


def _in_paragraph(node: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", node)


def dispatch(ctx: Context) -> list[nodes.Node]:
    """Run the call's handler; on any failure warn at the call and keep its text."""
    shortcode = lookup(ctx.name, get_state(ctx.env).shortcodes)
    if shortcode is None:
        ctx.warn(f"unknown shortcode {ctx.name!r}; its text is kept as written")
        return ctx.verbatim()
    try:
        shortcode.check(ctx)
        result = shortcode.render(ctx)
        if shortcode.inner is False and ctx.paired:
            result.extend(ctx.render_inner())  # never lose the inner text
        return result
    except ShortcodeError as exc:
        ctx.warn(f"shortcode {ctx.name!r}: {exc}; its text is kept as written", exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        ctx.warn(f"shortcode {ctx.name!r} failed ({_reason(exc)}); its text is kept")
    return ctx.verbatim()


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
            warn(
                f"{ROLE} is internal to sphinxcontrib-linkerdblog",
                Warn.SHORTCODE,
                self.get_location(),
            )
            return [nodes.Text(self.rawtext)], []
        ctx = Context(entry, self.env, self.env.docname, getattr(self.inliner, "_renderer", None))
        result = dispatch(ctx)
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
            warn(
                f"{ROLE} is internal to sphinxcontrib-linkerdblog",
                Warn.SHORTCODE,
                self.get_location(),
            )
            return []
        return dispatch(
            Context(entry, self.env, self.env.docname, getattr(self.state, "_renderer", None))
        )


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


def setup_engine(app: Sphinx) -> None:
    """Register the placeholder role/directive and the lifting transform."""
    app.add_role(ROLE, ShortcodeRole())
    app.add_directive(ROLE, ShortcodeDirective)
    app.add_node(lifted)
    app.add_transform(LiftBlocks)
    app.add_transform(UnwrapMissingLinks)
