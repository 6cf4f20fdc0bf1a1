"""Embeds: third-party content shown as privacy-first cards and plain links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import add_assets
from .gist import setup_gist
from .instagram import setup_instagram
from .tweet import setup_tweet
from .video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_embeds(app: Sphinx) -> None:
    """Register every embed node, directive and role, and the assets."""
    setup_tweet(app)
    setup_video(app)
    setup_gist(app)
    setup_instagram(app)
    app.connect("builder-inited", add_assets)
