"""Where Hugo's Markdown (goldmark + Chroma) and MyST (+ Pygments) differ.

Small settings so that Hugo posts render without warnings that are not the
author's fault: Chroma's language names that Pygments lacks, heading anchors
that Hugo always generates, and MyST's colon fences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pygments.lexers.special import TextLexer

from .hugo.rewrite import MISSING_SCHEME

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CHROMA_ONLY_LANGUAGES = ("txt", "plain", "plaintext")
"""Code-fence languages Chroma knows as plain text and Pygments does not know."""


def myst_defaults(app: Sphinx, config: Config) -> None:
    """MyST settings Hugo content relies on, unless conf.py chose otherwise.

    ``colon_fence`` for ``:::{tweet}`` style directives (as sphinx-design uses),
    and heading anchors, because Hugo gives every heading an id and posts link to
    them with ``[text](#section)``.
    """
    extensions = list(config.myst_enable_extensions)
    if "colon_fence" not in extensions:
        config.myst_enable_extensions = [*extensions, "colon_fence"]
    if not config.myst_heading_anchors:
        config.myst_heading_anchors = 6
    # Links whose shortcode target is missing are unwrapped into text later;
    # MyST must take them as external, not as cross-references to resolve.
    schemes = config.myst_url_schemes
    if isinstance(schemes, (list, tuple)):
        schemes = dict.fromkeys(schemes)
    config.myst_url_schemes = {**schemes, MISSING_SCHEME: None}


def setup_goldmark(app: Sphinx) -> None:
    """Register the language aliases and the MyST defaults."""
    for alias in CHROMA_ONLY_LANGUAGES:
        app.add_lexer(alias, TextLexer)
    app.connect("config-inited", myst_defaults, priority=400)
