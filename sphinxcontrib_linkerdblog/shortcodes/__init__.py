"""Hugo shortcodes: lexer and rewriter (pure), engine and registry (Sphinx).

``setup_shortcodes`` registers the engine and imports the modules that define
built-in shortcodes, which register themselves with
:func:`.registry.shortcode`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state import get_state
from ..warnings_ import Warn, warn
from .engine import Context, ShortcodeError, setup_engine
from .registry import BUILTINS, Shortcode, lookup, shortcode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..hugo.rewrite import Entry

__all__ = [
    "BUILTINS",
    "Context",
    "Shortcode",
    "ShortcodeError",
    "lookup",
    "resolve_url",
    "setup_shortcodes",
    "shortcode",
]


def resolve_url(app: Sphinx, docname: str, entry: Entry) -> str | None:
    """The URL for a call used as a link destination (``[t]({{< ref "x" >}})``).

    Called while the source is rewritten, before parsing; any problem is
    reported here, at the call's line, and ``None`` keeps the link text only.
    """
    ctx = Context(entry, app.env, docname)
    found = lookup(entry.call.name, get_state(app.env).shortcodes)
    if found is None:
        ctx.warn(f"unknown shortcode {entry.call.name!r} in a link target; the link is left empty")
        return None
    if found.url is None:
        ctx.warn(f"shortcode {entry.call.name!r} gives no URL; it cannot be a link target")
        return None
    try:
        return found.url(ctx)
    except ShortcodeError as exc:
        ctx.warn(f"shortcode {entry.call.name!r}: {exc}", exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        warn(f"shortcode {entry.call.name!r} failed: {exc}", Warn.SHORTCODE, ctx.location)
    return None


def setup_shortcodes(app: Sphinx) -> None:
    """Register the engine; built-in shortcodes register on import."""
    from . import refs  # noqa: F401  (registers ref / relref)
    from .builtins import setup_builtins

    setup_engine(app)
    setup_builtins(app)
