"""Tweets (posts on X): the ``tweet``/``x`` shortcodes, directive and role.

Hugo's forms: ``{{< tweet 1129105603354333184 >}}``, ``{{< tweet user="u"
id="ID" >}}`` and ``{{< x user="u" id="ID" >}}``.  MyST authors write
``:::{tweet} ID`` with ``:user:``, or ``{tweet}`ID``` / ``{tweet}`user/ID```.

All make a :class:`tweet` node: in HTML a static card (a ``<blockquote>``)
linking to ``https://x.com/USER/status/ID`` (``/i/status/ID`` without a user),
which loads nothing from X; elsewhere the plain link.  An id that is not all
digits is a ``linkerdblog.embed`` warning and no node: the text stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..shortcodes import ShortcodeError, shortcode
from ..warnings_ import Warn, warn
from .base import add_embed_node, card_children, embed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..shortcodes import Context

_ID = re.compile(r"[0-9]{1,25}")
_USER = re.compile(r"@?([A-Za-z0-9_]{1,50})")


class tweet(embed):
    """A post on X; ``tweet_id`` and ``user`` (may be empty) as attributes."""

    tagname_html: ClassVar[str] = "blockquote"
    css_class: ClassVar[str] = "linkerdblog-tweet"


def tweet_url(tweet_id: str, user: str = "") -> str:
    """The canonical URL of a post on X."""
    return f"https://x.com/{user or 'i'}/status/{tweet_id}"


def make_tweet(tweet_id: str | None, user: str | None, *, block: bool) -> tweet:
    """Build the node, or raise :class:`ShortcodeError` for a bad id or user."""
    tweet_id = (tweet_id or "").strip()
    if not tweet_id:
        raise ShortcodeError("needs the numeric id of the post", Warn.EMBED)
    if not _ID.fullmatch(tweet_id):
        raise ShortcodeError(f"the id {tweet_id!r} is not a number", Warn.EMBED)
    handle = ""
    if user:
        match = _USER.fullmatch(user.strip())
        if not match:
            raise ShortcodeError(f"the user {user!r} is not an X handle", Warn.EMBED)
        handle = match.group(1)
    url = tweet_url(tweet_id, handle)
    label = f"Post by @{handle} on X" if handle else "Post on X"
    node = tweet(
        "",
        "",
        *card_children(label, url, block=block),
        tweet_id=tweet_id,
        user=handle,
        url=url,
        provider="X",
        block=block,
        html_attrs={"cite": url},
    )
    return node


@shortcode("tweet", "x", params=frozenset({"id", "user"}), inner=False)
def render_tweet(ctx: Context) -> list[nodes.Node]:
    """``{{< tweet ID >}}``, ``{{< tweet user="u" id="ID" >}}``, ``{{< x ... >}}``."""
    node = make_tweet(ctx.get("id", 0), ctx.get("user"), block=ctx.block)
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


class TweetDirective(SphinxDirective):
    """``:::{tweet} ID`` with an optional ``:user:``."""

    required_arguments = 1
    option_spec = {"user": directives.unchanged}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        try:
            node = make_tweet(self.arguments[0], self.options.get("user"), block=True)
        except ShortcodeError as exc:
            warn(f"{self.name}: {exc}; its text is kept", exc.subtype, self.get_location())
            return [nodes.paragraph(self.block_text, self.block_text)]
        self.set_source_info(node)
        return [node]


class TweetRole(SphinxRole):
    """``{tweet}`ID``` or ``{tweet}`user/ID```: a link to the post inside a sentence."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        user, _, tweet_id = self.text.rpartition("/")
        try:
            node = make_tweet(tweet_id, user or None, block=False)
        except ShortcodeError as exc:
            warn(f"{self.name}: {exc}; its text is kept", exc.subtype, self.get_location())
            return [nodes.Text(self.rawtext)], []
        self.set_source_info(node)
        return [node], []


def setup_tweet(app: Sphinx) -> None:
    """Register the node, the directive (``tweet``, ``x``) and the role."""
    add_embed_node(app, tweet)
    app.add_directive("tweet", TweetDirective)
    app.add_directive("x", TweetDirective)
    app.add_role("tweet", TweetRole())
