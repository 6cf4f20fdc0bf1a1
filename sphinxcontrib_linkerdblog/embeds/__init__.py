"""Embeds: third-party content shown as privacy-first cards and plain links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import add_assets
from .social import setup_social
from .tweet import setup_tweet
from .video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_embeds(app: Sphinx) -> None:
    """Register every embed node, directive, role and shortcode, and the assets."""
    setup_tweet(app)
    setup_video(app)
    setup_social(app)
    app.connect("builder-inited", add_assets)
