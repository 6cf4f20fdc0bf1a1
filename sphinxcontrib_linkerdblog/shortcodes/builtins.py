"""Hugo's built-in content shortcodes: figure, param, highlight, details, comment.

Each becomes standard docutils nodes (a figure, text, a literal block), so every
builder renders it; only ``details`` needs a node of its own, defined here with
its visitors.  Embeds (youtube, tweet, ...) live in :mod:`..embeds`, links
(ref, relref) in :mod:`.refs`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .registry import Shortcode, ShortcodeError, flag

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .registry import CallContext

_LENGTH = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:px|%|em|rem)?")
_HL_OPTION = re.compile(r"\s*([A-Za-z_]+)\s*=\s*([^,]*)")

FIGURE_PARAMS = frozenset(
    {
        "src",
        "link",
        "target",
        "rel",
        "alt",
        "title",
        "caption",
        "attr",
        "attrlink",
        "width",
        "height",
        "class",
        "loading",
    }
)


def no_html(text: str) -> str:
    """Markdown from a parameter, with raw HTML made inert (``<`` as an entity)."""
    return text.replace("<", "&lt;")


def render_figure(ctx: CallContext) -> list[nodes.Node]:
    """Hugo's ``figure``: an image with an optional link and a Markdown caption."""
    src = ctx.get("src", 0)
    if not src:
        raise ShortcodeError("needs src, the path or URL of the image")
    image = nodes.image(uri=src.strip(), alt=ctx.get("alt") or ctx.get("title") or "")
    image.source, image.line = ctx.source_path, ctx.lineno
    for name in ("width", "height"):
        value = ctx.get(name)
        if value:
            if not _LENGTH.fullmatch(value.strip()):
                raise ShortcodeError(f"{name} {value!r} is not a length")
            image[name] = value.strip() if not value.strip().isdigit() else value.strip() + "px"
    content: nodes.Element = image
    link = ctx.get("link")
    if link:
        content = nodes.reference("", "", image, refuri=link.strip())
    figure = nodes.figure("", content, classes=(ctx.get("class") or "").split())
    figure.source, figure.line = ctx.source_path, ctx.lineno
    parts = []
    if ctx.get("title"):
        parts.append(f"**{no_html(ctx.get('title') or '')}**")
    if ctx.get("caption"):
        parts.append(no_html(ctx.get("caption") or ""))
    if ctx.get("attr"):
        attr = no_html(ctx.get("attr") or "")
        attrlink = ctx.get("attrlink")
        parts.append(f"[{attr}](<{attrlink.strip()}>)" if attrlink else attr)
    if parts:
        caption = nodes.caption("", "", *ctx.render(" ".join(parts), ctx.lineno, inline=True))
        figure += caption
    if not ctx.block:
        raise ShortcodeError("a figure must stand on its own lines, not inside a paragraph")
    return [figure]


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    """``params.author`` in front matter, keys compared without case (as Hugo does)."""
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        lowered = {str(k).lower(): v for k, v in value.items()}
        value = lowered.get(part.lower())
    return value


def param_value(ctx: CallContext) -> str:
    """Hugo's ``.Page.Param``: the page's ``params.x``, its front-matter ``x``, then
    the site's ``params`` (``linkerdblog_site_params``); dotted names go down maps."""
    name = ctx.get("name", 0)
    if not name:
        raise ShortcodeError("needs the name of a front-matter field")
    # A Hugo post's front matter as written; another page's MyST front matter.
    front = ctx.page.front if ctx.page is not None else ctx.metadata
    params = front.get("params", {}) if isinstance(front.get("params"), dict) else {}
    site = getattr(ctx.config, "linkerdblog_site_params", None) or {}
    for source in (params, front, site):
        value = _lookup(source, name)
        if value is not None and not isinstance(value, (dict, list)):
            return str(value).lower() if isinstance(value, bool) else str(value)
    raise ShortcodeError(f"neither the page nor the site params have a value {name!r}")


def render_param(ctx: CallContext) -> list[nodes.Node]:
    """The value as text; ``{{% param %}}`` renders it as Markdown, as Hugo does."""
    value = param_value(ctx)
    if ctx.markdown:
        return ctx.render(value, ctx.lineno, inline=not ctx.block)
    text = nodes.Text(value)
    return [nodes.paragraph("", "", text)] if ctx.block else [text]


def param_url(ctx: CallContext) -> str | None:
    """``[repo]({{< param repo >}}/issues)``: the value is the link's URL."""
    return param_value(ctx).strip()


def _hl_lines(spec: str) -> list[int]:
    lines: list[int] = []
    for part in spec.replace(",", " ").split():
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ShortcodeError(f"hl_lines {spec!r} is not a list of line numbers")
        lines.extend(range(int(first), int(last or first) + 1))
    return lines


def render_highlight(ctx: CallContext) -> list[nodes.Node]:
    """``{{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}``: a code block."""
    language = (ctx.get("language", 0) or "text").strip()
    options = dict(ctx.params)
    if len(ctx.args) > 1:
        options.update({k.lower(): v.strip() for k, v in _HL_OPTION.findall(ctx.args[1])})
    code = ctx.raw_inner.strip("\n")
    block = nodes.literal_block(code, code, language=language)
    args: dict[str, Any] = {}
    linenos = options.get("linenos", "false").lower()
    if linenos not in ("false", "", "0"):
        block["linenos"] = True
    if options.get("hl_lines"):
        args["hl_lines"] = _hl_lines(options["hl_lines"])
    if options.get("linenostart"):
        if not options["linenostart"].isdigit():
            raise ShortcodeError(f"linenostart {options['linenostart']!r} is not a number")
        args["linenostart"] = int(options["linenostart"])
    if args:
        block["highlight_args"] = args
    block.source, block.line = ctx.source_path, ctx.inner_line
    return [block]


class details(nodes.General, nodes.Element):
    """A disclosure widget: ``summary`` (attribute) and the content (children)."""


def visit_details_html(self: Any, node: details) -> None:
    """``<details><summary>``; the summary is escaped like all text."""
    attrs: dict[str, Any] = {"CLASS": "linkerdblog-details"}
    if node.get("open"):
        attrs["open"] = "open"
    self.body.append(self.starttag(node, "details", "", **attrs))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def depart_details_html(self: Any, node: details) -> None:
    """Close the widget."""
    self.body.append("</details>\n")


def visit_details_plain(self: Any, node: details) -> None:
    """Other builders: the content, always shown (the summary is its first child)."""


def render_details(ctx: CallContext) -> list[nodes.Node]:
    """Hugo's ``details``: a collapsed section with a summary."""
    summary = ctx.get("summary") or ctx.get("title") or "Details"
    is_open = flag(ctx.get("open"), "open")
    node = details("", summary=summary, open=is_open, classes=(ctx.get("class") or "").split())
    # Non-HTML builders print the summary as the first paragraph (CSS hides it in
    # HTML, where <summary> shows it).
    node += nodes.paragraph(
        "", "", nodes.strong(summary, summary), classes=["linkerdblog-details-summary"]
    )
    node.extend(ctx.render(ctx.inner, ctx.inner_line))
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


def render_comment(ctx: CallContext) -> list[nodes.Node]:
    """Hugo's ``comment``: its content is not published."""
    return []


SHORTCODES = (
    Shortcode("figure", render_figure, params=FIGURE_PARAMS, inner=False),
    Shortcode("param", render_param, param_url, params=frozenset({"name"}), inner=False),
    Shortcode("highlight", render_highlight, inner=True),
    Shortcode(
        "details",
        render_details,
        params=frozenset({"summary", "open", "class", "name", "title"}),
        inner=True,
    ),
    Shortcode("comment", render_comment),
)


def setup_builtins(app: Sphinx) -> None:
    """Register the ``details`` node (the others make standard nodes)."""
    plain = (visit_details_plain, lambda self, node: None)
    app.add_node(
        details,
        html=(visit_details_html, depart_details_html),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
