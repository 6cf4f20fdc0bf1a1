"""Where Hugo's Markdown (goldmark + Chroma) and MyST (+ Pygments) differ.

Small settings so that Hugo posts render without warnings that are not the
author's fault: Chroma's language names that Pygments lacks, heading anchors
that Hugo always generates, and MyST's colon fences.  MyST's dump of its whole
configuration, which it logs on every build, is moved to ``-v`` (see
:class:`MystConfigDumpToVerbose`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pygments.lexers.special import TextLexer
from sphinx.util.logging import VERBOSE

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


MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"
"""The logger myst-parser's ``create_myst_config`` logs through (Sphinx's ``sphinx.`` prefix)."""


class MystConfigDumpToVerbose(logging.Filter):
    """myst-parser logs ``myst v5.2.0: MdParserConfig(...)`` (some thirty fields on one
    line) at INFO, on every build; with the extension choosing MyST's settings that
    line is noise in every user's build output.  It is made a VERBOSE record, shown
    with ``-v``.  Only that INFO record is touched: myst's warnings and errors (an
    invalid configuration) pass as they are.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and "myst v%s:" in str(record.msg):
            record.levelno = VERBOSE
            record.levelname = "VERBOSE"
        return True


def quiet_myst_config_dump() -> None:
    """Install :class:`MystConfigDumpToVerbose` once per process."""
    logger = logging.getLogger(MYST_LOGGER)
    if not any(isinstance(f, MystConfigDumpToVerbose) for f in logger.filters):
        logger.addFilter(MystConfigDumpToVerbose())


def setup_goldmark(app: Sphinx) -> None:
    """Register the language aliases and the MyST defaults."""
    for alias in CHROMA_ONLY_LANGUAGES:
        app.add_lexer(alias, TextLexer)
    quiet_myst_config_dump()
    app.connect("config-inited", myst_defaults, priority=400)
