"""Tweets (posts on X): the ``tweet``/``x`` shortcodes, directive and role.

Hugo's forms: ``{{< tweet 1129105603354333184 >}}``, ``{{< tweet user="u"
id="ID" >}}`` and ``{{< x user="u" id="ID" >}}``.  MyST authors write
``:::{tweet} ID`` with ``:user:``, or ``{tweet}`ID``` / ``{tweet}`user/ID```.

All make a :class:`tweet` node: in HTML a card (a ``<blockquote>``) linking to
``https://x.com/USER/status/ID`` (``/i/status/ID`` without a user), which loads
nothing from X until the reader asks; elsewhere the plain link.  An id that is
not all digits is a ``linkerdblog.embed`` warning and no node: the text stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..shortcodes.registry import ShortcodeError, shortcodes
from ..warnings_ import Warn
from .base import add_embed_node, embed, make_embed
from .directives import EmbedDirective, EmbedRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..shortcodes.registry import CallContext

_ID = re.compile(r"[0-9]{1,25}")
_USER = re.compile(r"@?([A-Za-z0-9_]{1,50})")
WIDGET = "https://platform.twitter.com/widgets.js"


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
    node = make_embed(
        tweet,
        provider="X",
        label=f"Post by @{handle} on X" if handle else "Post on X",
        url=url,
        src=WIDGET,
        kind="tweet",
        block=block,
    )
    node["tweet_id"], node["user"] = tweet_id, handle
    node["html_attrs"] = {"cite": url}
    return node


def render_tweet(ctx: CallContext) -> list[nodes.Node]:
    """``{{< tweet ID >}}``, ``{{< tweet user="u" id="ID" >}}``, ``{{< x ... >}}``."""
    node = make_tweet(ctx.get("id", 0), ctx.get("user"), block=ctx.block)
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


class TweetDirective(EmbedDirective):
    """``:::{tweet} ID`` with an optional ``:user:``."""

    option_spec = {"user": directives.unchanged}  # noqa: RUF012 (docutils API)

    def make(self) -> embed:
        return make_tweet(self.arguments[0], self.options.get("user"), block=True)


class TweetRole(EmbedRole):
    """``{tweet}`ID``` or ``{tweet}`user/ID```: a link to the post inside a sentence."""

    def make(self) -> embed:
        user, _, tweet_id = self.text.rpartition("/")
        return make_tweet(tweet_id, user or None, block=False)


SHORTCODES = shortcodes(render_tweet, "tweet", "x", params=frozenset({"id", "user"}), inner=False)


def setup_tweet(app: Sphinx) -> None:
    """Register the node, the directive (``tweet``, ``x``) and the role."""
    add_embed_node(app, tweet)
    app.add_directive("tweet", TweetDirective)
    app.add_directive("x", TweetDirective)
    app.add_role("tweet", TweetRole())
