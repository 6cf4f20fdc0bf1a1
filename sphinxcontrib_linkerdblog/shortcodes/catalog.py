"""Every built-in shortcode, listed once, and the registry of a build.

Each handler module exports its shortcodes as ``SHORTCODES``; this module is
the one list of those modules, so a new built-in exists only once it is named
here, and it then exists in the build, in ``check`` and in ``convert`` alike
(they all take their registry from :func:`shortcode_registry`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..embeds import gist, instagram, tweet, video
from . import builtins, refs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .registry import Shortcode

HANDLER_MODULES = (builtins, refs, tweet, video, gist, instagram)
"""The modules whose ``SHORTCODES`` are the built-ins."""


def builtin_shortcodes() -> dict[str, Shortcode]:
    """Every built-in shortcode by name."""
    return {
        shortcode.name: shortcode for module in HANDLER_MODULES for shortcode in module.SHORTCODES
    }


def shortcode_registry(site: Mapping[str, Shortcode]) -> dict[str, Shortcode]:
    """The built-ins with the site's own (a site's entry overrides a built-in)."""
    return {**builtin_shortcodes(), **site}
