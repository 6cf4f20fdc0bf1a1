"""Embeds: third-party content shown as privacy-first cards and plain links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tweet import setup_tweet

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_embeds(app: Sphinx) -> None:
    """Register every embed node, directive, role and shortcode."""
    setup_tweet(app)
