"""Hugo posts are parsed as Goldmark reads them; every other document as MyST does.

The ``markdown`` parser is replaced by :class:`HugoMarkdownParser`, a
``MystParser`` that, for a Hugo post only, turns on what Hugo's Goldmark has by
default (``linkerdblog_goldmark`` says which): GFM autolinks (Goldmark's
linkify: ``https://...``, ``www.``, e-mail addresses), strikethrough,
definition lists and task lists (MyST's own extensions), heading and block
attributes, the typographer's angle quotes and GitHub-style alerts
(:mod:`.hugo.markdown_rules`).  Its renderer, :class:`HugoRenderer`, keeps
shortcodes working inside raw HTML blocks, renders strikethrough in every
builder, shows code in a language Pygments does not know as plain text (as
Chroma does) and does not warn about heading levels Hugo never checks.  A
project's own pages keep exactly MyST's settings.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.transforms import Transform
from myst_parser.mdit_to_docutils.html_to_nodes import html_to_nodes
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.highlighting import lexers as sphinx_lexers

from .hugo.markdown_rules import alerts, angle_quotes, block_attributes, heading_attributes
from .hugo.rewrite import ROLE
from .state import PAGE_TITLE_KEY, get_state

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx

_PLACEHOLDER = re.compile(
    rf"\{{{re.escape(ROLE)}\}}`\d+(?:\n\d+)*`|```\{{{re.escape(ROLE)}\}} \d+(?:\n[^\n`]*)*?```"
)
_PLAIN_NAMES = frozenset({"", "none", "default", "guess", "text", "txt", "plain", "plaintext"})
GOLDMARK_EXTENSIONS = {
    "linkify": "gfm_autolink",
    "strikethrough": "strikethrough",
    "definition_list": "deflist",
    "task_list": "tasklist",
}
"""Goldmark setting -> the MyST extension that does the same."""


def goldmark_settings(config: Any) -> dict[str, bool]:
    """Hugo's Goldmark defaults, with ``linkerdblog_goldmark``'s choices applied."""
    settings = {
        "linkify": True,
        "typographer": True,
        "strikethrough": True,
        "definition_list": True,
        "task_list": True,
        "title_attributes": True,
        "block_attributes": False,
    }
    settings.update(getattr(config, "linkerdblog_goldmark", {}) or {})
    return settings


def hugo_myst_config(config: MdParserConfig, settings: dict[str, bool]) -> MdParserConfig:
    """MyST's configuration for a Hugo post: Goldmark's extensions added."""
    extensions = set(config.enable_extensions)
    for setting, extension in GOLDMARK_EXTENSIONS.items():
        if settings.get(setting):
            extensions.add(extension)
    return replace(config, enable_extensions=extensions, strikethrough_single_tilde=True)


class HugoRenderer(SphinxRenderer):
    """MyST's renderer, for Hugo posts (see the module docstring)."""

    def create_warning(
        self, message: str, subtype: MystWarnings | str, **kwargs: Any
    ) -> nodes.system_message | None:
        """Heading levels may skip (H2 to H4): Hugo, and the HTML, never mind."""
        if subtype == MystWarnings.MD_HEADING_NON_CONSECUTIVE:
            return None
        return super().create_warning(message, subtype, **kwargs)

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        """Raw HTML with shortcodes inside (``<div>{{< youtube x >}}</div>``): the
        HTML around each call stays raw, the call is rendered as a call."""
        content = token.content
        if ROLE not in content:
            super().render_html_block(token)
            return
        line = token.map[0] + 1 if token.map else 1
        pos = 0
        for found in _PLACEHOLDER.finditer(content):
            self._raw(content[pos : found.start()], line + content.count("\n", 0, pos))
            at = line + content.count("\n", 0, found.start())
            self.nested_render_text(found.group(), at)
            pos = found.end()
        self._raw(content[pos:], line + content.count("\n", 0, pos))

    def _raw(self, html: str, line: int) -> None:
        if html.strip():
            self.current_node.extend(html_to_nodes(html, line, self))

    def render_s(self, token: SyntaxTreeNode) -> None:
        """``~~struck~~``: a span with a class (styled by our CSS), in every builder."""
        node = nodes.inline(classes=["linkerdblog-del"])
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_fence(self, token: SyntaxTreeNode) -> None:
        """Code in a language Pygments does not know is plain text, as in Hugo."""
        info = (token.info or "").strip()
        name = info.split(maxsplit=1)[0] if info else ""
        if name and not name.startswith("{") and not known_language(name) and token.token:
            token.token.info = "text" + info[len(name) :]
        super().render_fence(token)


def known_language(name: str) -> bool:
    """Whether Sphinx can highlight code written in ``name``."""
    return name.lower() in _PLAIN_NAMES or name in sphinx_lexers or _pygments_knows(name)


@lru_cache(maxsize=512)
def _pygments_knows(name: str) -> bool:
    """Whether Pygments has a lexer named ``name`` (it searches every lexer's aliases)."""
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def has_level_one_heading(text: str, config: MdParserConfig) -> bool:
    """Whether MyST finds a ``# heading`` (or a setext one) in ``text``: a page's own title."""
    tokens = create_md_parser(config, SphinxRenderer).parse(text)
    return any(t.type == "heading_open" and t.tag == "h1" for t in tokens)


class HugoMarkdownParser(MystParser):
    """MyST's parser; for Hugo posts, with Goldmark's Markdown (module docstring)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not get_state(env).index.is_hugo(env.docname):
            if env.temp_data.get(PAGE_TITLE_KEY):
                # A page's YAML title, and no heading of its own (see .posts.sources).
                shared = env.myst_config
                env.myst_config = replace(shared, title_to_header=True)
                try:
                    super().parse(inputstring, document)
                finally:
                    env.myst_config = shared
                return
            super().parse(inputstring, document)
            return
        state = get_state(env)
        parser = state.hugo_parser
        if parser is None or parser.options.get("document") is not None:
            # The first post, or one parsed while another is (an include): a parser of its own.
            parser = hugo_parser(env)
            if state.hugo_parser is None:
                state.hugo_parser = parser
        parser.options["document"] = document
        try:
            parser.render(inputstring)
        finally:
            parser.options["document"] = None


def hugo_parser(env: Any) -> Any:
    """MyST's parser with Goldmark's settings and rules, for every post of the build.

    MyST makes a parser for each document (a tenth of its parsing time); a
    post's parser depends on the build's configuration only, and its renderer
    sets up everything it keeps for one document when it starts
    (``setup_render``), so it is made once.
    """
    settings = goldmark_settings(env.config)
    config = hugo_myst_config(env.myst_config, settings)
    parser = create_md_parser(config, HugoRenderer)
    if settings.get("title_attributes"):
        parser.use(heading_attributes)
    if settings.get("block_attributes"):
        parser.use(block_attributes)
    if settings.get("typographer"):
        parser.use(angle_quotes)
    parser.use(alerts)
    return parser


_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""", re.I)


class RawHtmlAnchors(Transform):
    """``[1](#f1)`` to ``<a id="f1">`` in the post's own raw HTML works in Hugo:
    MyST, which looks for such ids among headings only, must not warn about it."""

    default_priority = 870  # before MyST's ResolveAnchorIds (879)

    def apply(self, **kwargs: Any) -> None:
        env = self.document.settings.env
        if not get_state(env).index.is_hugo(env.docname):
            return
        ids = {
            found
            for raw in self.document.findall(nodes.raw)
            for found in _HTML_ID.findall(raw.astext())
        }
        if not ids:
            return
        for ref in self.document.findall(nodes.reference):
            target = str(ref.get("refuri", ""))
            if ref.get("id_link") and target.startswith("#") and target[1:] in ids:
                del ref["id_link"]


def setup_markdown_parser(app: Sphinx) -> None:
    """Replace MyST's parser by ours (it delegates for every other document)."""
    app.add_source_parser(HugoMarkdownParser, override=True)
    app.add_transform(RawHtmlAnchors)
