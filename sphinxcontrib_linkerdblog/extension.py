"""Wire every feature into Sphinx: one ``setup_<feature>`` call each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .ablog_bridge import setup_ablog_bridge
from .authors import setup_authors
from .byline import setup_byline
from .config import setup_config
from .embeds import setup_embeds
from .indexes import setup_indexes
from .listings import setup_listings
from .markdown_compat import setup_markdown_compat
from .permalinks import setup_permalinks
from .posts import setup_posts
from .related import setup_related
from .shortcodes import setup_shortcodes
from .social_meta import setup_social_meta
from .sources import setup_sources
from .static_files import setup_static_files
from .unchanged_pages import setup_unchanged_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def add_static(app: Sphinx, config: Config) -> None:
    """Our static folder (the files are added per feature, for HTML builders only).

    Added at ``config-inited``, before Sphinx compares the configuration with the
    pickled one: added later, it would look like a changed option on every
    build and make Sphinx rewrite every page.
    """
    # sphinx-design appends its own folder only at builder-inited, after that
    # comparison, so every incremental build would see html_static_path
    # "changed" and rewrite every page; listing it here too (and removing the
    # duplicate in dedupe_static) keeps the configuration stable.
    from sphinx_design.extension import STATIC_DIR

    for folder in (str(STATIC), str(STATIC_DIR)):
        if folder not in config.html_static_path:
            config.html_static_path = [*config.html_static_path, folder]


def dedupe_static(app: Sphinx) -> None:
    """``builder-inited``, after sphinx-design's handler: each static folder once."""
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def setup_extension(app: Sphinx) -> None:
    """Load the extensions we build on, then each feature."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("ablog")
    setup_config(app)
    setup_markdown_compat(app)
    setup_posts(app)
    setup_sources(app)
    setup_shortcodes(app)
    setup_embeds(app)
    setup_ablog_bridge(app)
    setup_permalinks(app)
    setup_authors(app)
    setup_byline(app)
    setup_social_meta(app)
    setup_related(app)
    setup_static_files(app)
    setup_listings(app)
    setup_indexes(app)
    setup_unchanged_pages(app)
    app.connect("config-inited", add_static)
    app.connect("builder-inited", dedupe_static)
