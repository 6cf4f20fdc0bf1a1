"""Wire every feature into Sphinx: one ``setup_<feature>`` call each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_design.extension import STATIC_DIR

from .ablog_doctrees import setup_ablog_doctrees
from .ablog_pages import setup_ablog_pages
from .authors import load_authors
from .book import setup_book
from .byline import setup_byline
from .config import setup_config
from .embeds import setup_embeds
from .epub_xhtml import setup_epub_xhtml
from .excerpts import setup_excerpts
from .file_access import setup_file_access
from .goldmark import setup_goldmark
from .hugo.text import CODEC, register_codec
from .hugo_config import setup_hugo_config
from .images import compute_roots, setup_images
from .interplay import setup_interplay
from .links import setup_links
from .listings import setup_listings
from .markdown_parser import setup_markdown_parser
from .markup_safety import setup_markup_safety
from .meta_tags import setup_meta_tags
from .page_writes import setup_page_writes
from .pagination import setup_pagination
from .parallel_pages import setup_parallel_pages
from .parallel_reading import setup_parallel_reading
from .parallel_write import setup_parallel_write
from .post_cards import setup_post_cards
from .posts import setup_posts
from .posts.index import index_posts
from .redirects import setup_redirects
from .related import setup_related
from .rss_feeds import setup_rss_feeds
from .search_stems import setup_search_stems
from .shortcodes.builtins import setup_builtins
from .shortcodes.catalog import shortcode_registry
from .shortcodes.engine import setup_engine
from .shortcodes.site import resolve_site_shortcodes
from .sidebars import setup_sidebars
from .site_shortcode_changes import setup_site_shortcode_changes
from .stable_outputs import setup_stable_outputs
from .state import BuildState, attach_state, keep_for_builder, note_changes
from .themes import setup_themes
from .unchanged_pages import setup_unchanged_pages
from .warnings_ import setup_warnings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


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
    for folder in (str(STATIC), str(STATIC_DIR)):
        if folder not in config.html_static_path:
            config.html_static_path = [*config.html_static_path, folder]


def dedupe_static(app: Sphinx) -> None:
    """``builder-inited``, after sphinx-design's handler: each static folder once."""
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def init_state(app: Sphinx, config: Config) -> None:
    """``config-inited``, priority 600: build the state every stage reads.

    After ablog's own handler (500), because the post index corrects ablog's
    ``matched_blog_posts``, and it must run at ``config-inited`` at all because
    it also adds unpublished posts to ``exclude_patterns``: both must be right
    before Sphinx looks for documents.  See :mod:`.state`.
    """
    shortcodes = shortcode_registry(resolve_site_shortcodes(app, config))
    authors = load_authors(app, config)
    image_roots, read_roots = compute_roots(app, config)
    index = index_posts(app, config)
    keep_for_builder(app, BuildState(index, authors, image_roots, read_roots, shortcodes))


def read_any_bytes(app: Sphinx) -> None:
    """``builder-inited``: sources that are not UTF-8 are read anyway (see :mod:`.hugo.text`).

    Sphinx opens each source itself with the environment's ``input_encoding``
    (from ``source_encoding``); our codec reads UTF-8 as before, a BOM-marked
    UTF-16/32 file as such, and turns undecodable bytes into U+FFFD instead of
    stopping the build with a traceback (the ``source-read`` hook then warns).
    Set on the environment, not in the configuration, which stays UTF-8 (Sphinx
    deprecates other source encodings); a project that chose another keeps it.
    """
    if app.config.source_encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8"):
        app.env.settings["input_encoding"] = CODEC


def add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: our templates (``linkerdblog/*.html``) after the project's own."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup_extension(app: Sphinx) -> None:
    """Load the extensions we build on, then each feature."""
    register_codec()
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("ablog")
    setup_parallel_reading(app)
    setup_ablog_doctrees(app)
    setup_config(app)
    setup_hugo_config(app)
    setup_warnings(app)
    app.connect("config-inited", init_state, priority=600)
    app.connect("builder-inited", attach_state, priority=1)
    app.connect("env-purge-doc", note_changes)
    app.connect("env-before-read-docs", note_changes)
    app.connect("builder-inited", read_any_bytes, priority=2)
    setup_goldmark(app)
    setup_markdown_parser(app)
    setup_posts(app)
    setup_engine(app)
    setup_site_shortcode_changes(app)
    setup_builtins(app)
    setup_embeds(app)
    setup_epub_xhtml(app)
    setup_ablog_pages(app)
    setup_themes(app)
    setup_links(app)
    setup_redirects(app)
    setup_rss_feeds(app)
    setup_stable_outputs(app)
    setup_byline(app)
    setup_book(app)
    setup_meta_tags(app)
    setup_related(app)
    setup_images(app)
    setup_file_access(app)
    setup_markup_safety(app)
    setup_listings(app)
    setup_post_cards(app)
    setup_excerpts(app)
    setup_search_stems(app)
    setup_sidebars(app)
    setup_unchanged_pages(app)
    setup_page_writes(app)
    setup_parallel_pages(app)
    setup_parallel_write(app)
    setup_pagination(app)
    setup_interplay(app)
    app.connect("config-inited", add_templates)
    app.connect("config-inited", add_static)
    app.connect("builder-inited", dedupe_static)
