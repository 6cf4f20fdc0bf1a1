"""GitHub gists: ``{{< gist USER ID [FILE] >}}`` (or ``user=``, ``id=``, ``file=``).

Like every embed, a card with a link until the reader asks for the gist (its
script runs in a frame of its own); the ``gist`` directive for MyST authors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives

from ..shortcodes.registry import Shortcode, ShortcodeError
from ..warnings_ import Warn
from .base import add_embed_node, embed, make_embed
from .directives import EmbedDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..shortcodes.registry import CallContext

_GIST_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_GIST_ID = re.compile(r"[0-9a-f]{1,40}|[0-9]{1,20}")
_GIST_FILE = re.compile(r"[\w.@+-]{1,100}")


class gist(embed):
    """A GitHub gist."""

    css_class: ClassVar[str] = "linkerdblog-gist"


def make_gist(user: str | None, gist_id: str | None, file: str | None = None) -> gist:
    """A gist node; :class:`ShortcodeError` for a missing or malformed user, id or file."""
    user, gist_id = (user or "").strip(), (gist_id or "").strip()
    if not user or not gist_id:
        raise ShortcodeError("needs a user and a gist id", Warn.EMBED)
    if not _GIST_USER.fullmatch(user):
        raise ShortcodeError(f"{user!r} is not a GitHub user name", Warn.EMBED)
    if not _GIST_ID.fullmatch(gist_id):
        raise ShortcodeError(f"{gist_id!r} is not a gist id", Warn.EMBED)
    if file and not _GIST_FILE.fullmatch(file):
        raise ShortcodeError(f"{file!r} is not a file name", Warn.EMBED)
    url = f"https://gist.github.com/{user}/{gist_id}"
    src = f"{url}.js" + (f"?file={quote(file)}" if file else "")
    label = f"Gist by {user}" + (f": {file}" if file else "")
    node = make_embed(
        gist,
        provider="GitHub Gist",
        label=label,
        url=url + (f"#file-{file.replace('.', '-')}" if file else ""),
        src=src,
        kind="script",
        title=label,
    )
    node["user"], node["gist_id"], node["file"] = user, gist_id, file or ""
    return node


def render_gist(ctx: CallContext) -> list[nodes.Node]:
    """``{{< gist USER ID [FILE] >}}``."""
    node = make_gist(ctx.get("user", 0), ctx.get("id", 1), ctx.get("file", 2))
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


SHORTCODES = (
    Shortcode("gist", render_gist, params=frozenset({"user", "id", "file"}), inner=False),
)


class GistDirective(EmbedDirective):
    """``:::{gist} USER/ID`` with an optional ``:file:``."""

    option_spec = {**EmbedDirective.option_spec, "file": directives.unchanged}  # noqa: RUF012

    def make(self) -> embed:
        user, _, gist_id = self.arguments[0].partition("/")
        return make_gist(user, gist_id, self.options.get("file"))


def setup_gist(app: Sphinx) -> None:
    """Register the node and the directive."""
    add_embed_node(app, gist)
    app.add_directive("gist", GistDirective)
