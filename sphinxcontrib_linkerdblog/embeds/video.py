"""Videos: YouTube and Vimeo, as Hugo's shortcodes and as MyST directives/roles.

Hugo's parameters are kept: ``{{< youtube ID >}}`` or ``{{< youtube id=ID
start=10 end=20 title="..." autoplay=true loading=lazy class=... >}}`` and
``{{< vimeo ID >}}`` / ``{{< vimeo id=ID title="..." class=... >}}``.  ``t`` is
read as ``start`` (old Linkerd posts use it).  The player is a responsive 16:9
frame; YouTube's comes from youtube-nocookie.com unless
``linkerdblog_youtube_nocookie = False``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from docutils import nodes
from docutils.parsers.rst import directives

from ..shortcodes.registry import Shortcode, ShortcodeError, flag
from ..warnings_ import Warn
from .base import add_embed_node, embed, make_embed
from .directives import EmbedDirective, EmbedRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..shortcodes.registry import CallContext

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_SECONDS = re.compile(r"[0-9]{1,6}")
_CLASS = re.compile(r"-?[A-Za-z_][\w-]*")


class youtube(embed):
    """A YouTube video."""

    css_class: ClassVar[str] = "linkerdblog-youtube"


class vimeo(embed):
    """A Vimeo video."""

    css_class: ClassVar[str] = "linkerdblog-vimeo"


def css_classes(value: str | None) -> list[str]:
    """A ``class`` parameter as a list of valid class names (others refused)."""
    classes = (value or "").split()
    for name in classes:
        if not _CLASS.fullmatch(name):
            raise ShortcodeError(f"{name!r} is not a CSS class name", Warn.EMBED)
    return classes


def _seconds(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _SECONDS.fullmatch(value.strip()):
        raise ShortcodeError(f"{name} must be a number of seconds, got {value!r}", Warn.EMBED)
    return value.strip()


def make_youtube(
    video_id: str | None,
    config: Config,
    *,
    start: str | None = None,
    end: str | None = None,
    title: str | None = None,
    autoplay: bool = False,
    block: bool = True,
    classes: list[str] | None = None,
) -> youtube:
    """A YouTube node; :class:`ShortcodeError` for a missing or malformed id."""
    video_id = (video_id or "").strip()
    if not video_id:
        raise ShortcodeError("needs the id of the video", Warn.EMBED)
    if not _YOUTUBE_ID.fullmatch(video_id):
        raise ShortcodeError(f"{video_id!r} is not a YouTube video id", Warn.EMBED)
    query = {
        key: value
        for key, value in (
            ("start", _seconds("start", start)),
            ("end", _seconds("end", end)),
            ("autoplay", "1" if autoplay else None),
        )
        if value
    }
    host = "www.youtube-nocookie.com" if config.linkerdblog_youtube_nocookie else "www.youtube.com"
    src = f"https://{host}/embed/{video_id}" + (f"?{urlencode(query)}" if query else "")
    url = f"https://www.youtube.com/watch?v={video_id}"
    if query.get("start"):
        url += f"&t={query['start']}s"
    label = f"YouTube video: {title}" if title else "YouTube video"
    node = make_embed(
        youtube,
        provider="YouTube",
        label=label,
        url=url,
        src=src,
        title=title or "YouTube video",
        block=block,
        aspect="16/9",
        classes=classes,
    )
    node["video_id"] = video_id
    return node


def make_vimeo(
    video_id: str | None,
    *,
    title: str | None = None,
    block: bool = True,
    classes: list[str] | None = None,
) -> vimeo:
    """A Vimeo node; :class:`ShortcodeError` for a missing or malformed id."""
    video_id = (video_id or "").strip()
    if not video_id:
        raise ShortcodeError("needs the id of the video", Warn.EMBED)
    if not _VIMEO_ID.fullmatch(video_id):
        raise ShortcodeError(f"{video_id!r} is not a Vimeo video id", Warn.EMBED)
    label = f"Vimeo video: {title}" if title else "Vimeo video"
    node = make_embed(
        vimeo,
        provider="Vimeo",
        label=label,
        url=f"https://vimeo.com/{video_id}",
        src=f"https://player.vimeo.com/video/{video_id}",
        title=title or "Vimeo video",
        block=block,
        aspect="16/9",
        classes=classes,
    )
    node["video_id"] = video_id
    return node


YOUTUBE_PARAMS = frozenset({"id", "start", "end", "t", "title", "autoplay", "loading", "class"})


def render_youtube(ctx: CallContext) -> list[nodes.Node]:
    """``{{< youtube ID >}}`` and its named form."""
    node = make_youtube(
        ctx.get("id", 0),
        ctx.config,
        start=ctx.get("start") or ctx.get("t"),
        end=ctx.get("end"),
        title=ctx.get("title"),
        autoplay=flag(ctx.get("autoplay"), empty=True),
        block=ctx.block,
        classes=css_classes(ctx.get("class")),
    )
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


def render_vimeo(ctx: CallContext) -> list[nodes.Node]:
    """``{{< vimeo ID >}}`` and its named form."""
    node = make_vimeo(
        ctx.get("id", 0),
        title=ctx.get("title"),
        block=ctx.block,
        classes=css_classes(ctx.get("class")),
    )
    node.source, node.line = ctx.source_path, ctx.lineno
    return [node]


SHORTCODES = (
    Shortcode("youtube", render_youtube, params=YOUTUBE_PARAMS, inner=False),
    Shortcode("vimeo", render_vimeo, params=frozenset({"id", "title", "class"}), inner=False),
)


class YoutubeDirective(EmbedDirective):
    """``:::{youtube} ID`` with ``:start:``, ``:end:``, ``:title:``, ``:autoplay:``, ``:class:``."""

    option_spec = {  # noqa: RUF012 (docutils API)
        **EmbedDirective.option_spec,
        "start": directives.unchanged,
        "end": directives.unchanged,
        "title": directives.unchanged,
        "autoplay": directives.flag,
    }

    def make(self) -> embed:
        return make_youtube(
            self.arguments[0],
            self.config,
            start=self.options.get("start"),
            end=self.options.get("end"),
            title=self.options.get("title"),
            autoplay="autoplay" in self.options,
        )


class VimeoDirective(EmbedDirective):
    """``:::{vimeo} ID`` with ``:title:`` and ``:class:``."""

    option_spec = {**EmbedDirective.option_spec, "title": directives.unchanged}  # noqa: RUF012

    def make(self) -> embed:
        return make_vimeo(self.arguments[0], title=self.options.get("title"))


class YoutubeRole(EmbedRole):
    """``{youtube}`ID```: a link to the video inside a sentence."""

    def make(self) -> embed:
        return make_youtube(self.text, self.config, block=False)


def setup_video(app: Sphinx) -> None:
    """Register the nodes, directives and role."""
    add_embed_node(app, youtube)
    add_embed_node(app, vimeo)
    app.add_directive("youtube", YoutubeDirective)
    app.add_directive("vimeo", VimeoDirective)
    app.add_role("youtube", YoutubeRole())
