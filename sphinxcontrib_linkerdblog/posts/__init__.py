"""Hugo posts in Sphinx: which documents they are, how they are read, what is kept.

:mod:`.index` (which documents are posts, at ``config-inited``),
:mod:`.sources` (``source-read``: front matter and shortcodes rewritten),
:mod:`.summaries` (the post's summary, as Hugo makes it),
:mod:`.ablog_bridge` (the post handed to ablog, its record kept),
:mod:`.domain` (the records) and :mod:`.indices` (tag and author indices).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ablog_bridge import setup_ablog_bridge
from .domain import BlogDomain
from .indices import setup_indices
from .sources import setup_sources
from .summaries import setup_summaries

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_posts(app: Sphinx) -> None:
    """The domain, the ``source-read`` hook, the ablog bridge, the index pages."""
    app.add_domain(BlogDomain)
    setup_sources(app)
    setup_summaries(app)
    setup_ablog_bridge(app)
    setup_indices(app)
