"""Instagram posts: ``{{< instagram ID >}}`` (or ``id=``).

Like every embed, a card with a link until the reader asks for the post; the
``instagram`` directive for MyST authors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from ..shortcodes.registry import Shortcode, ShortcodeError
from ..warnings_ import Warn
from .base import add_embed_node, embed, make_embed
from .directives import EmbedDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..shortcodes.registry import CallContext

_INSTAGRAM_ID = re.compile(r"[A-Za-z0-9_-]{5,40}")


class instagram(embed):
    """An Instagram post."""

    css_class: ClassVar[str] = "linkerdblog-instagram"


def make_instagram(post_id: str | None) -> instagram:
    """An Instagram node; :class:`ShortcodeError` for a missing or malformed id."""
    post_id = (post_id or "").strip()
    if not post_id:
        raise ShortcodeError("needs the id of the post", Warn.EMBED)
    if not _INSTAGRAM_ID.fullmatch(post_id):
        raise ShortcodeError(f"{post_id!r} is not an Instagram post id", Warn.EMBED)
    url = f"https://www.instagram.com/p/{post_id}/"
    node = make_embed(
        instagram,
        provider="Instagram",
        label="Instagram post",
        url=url,
        src=url + "embed/",
        title="Instagram post",
    )
    node["post_id"] = post_id
    return node


def render_instagram(ctx: CallContext) -> list[nodes.Node]:
    """``{{< instagram ID >}}``."""
    node = make_instagram(ctx.get("id", 0))
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


SHORTCODES = (
    Shortcode("instagram", render_instagram, params=frozenset({"id", "hidecaption"}), inner=False),
)


class InstagramDirective(EmbedDirective):
    """``:::{instagram} ID``."""

    def make(self) -> embed:
        return make_instagram(self.arguments[0])


def setup_instagram(app: Sphinx) -> None:
    """Register the node and the directive."""
    add_embed_node(app, instagram)
    app.add_directive("instagram", InstagramDirective)
