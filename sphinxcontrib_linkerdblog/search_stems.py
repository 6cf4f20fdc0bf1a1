"""The search index's word stems, remembered for the whole build.

Sphinx's HTML builders index every page for the search box, and the index
stems every word of it (Snowball, in pure Python).  Sphinx remembers stems for
one page at a time; a blog repeats the same few thousand words on every post,
so on the Linkerd blog stemming was a fifth of a clean build.  A stem depends
only on the word, so one memo per build gives the same index, byte for byte.

The memo sits on this build's indexer's language object (an attribute of that
instance: Sphinx's classes are left as they are), put there when the first
document is resolved for writing: the indexer is made once writing starts, and
every page is indexed in the main process, also with ``-j``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

MEMO_SIZE = 1 << 17
"""Distinct words remembered (a 1,500-post blog has about 60,000)."""


def remember_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the indexer's ``lang.stem``, memoised once per build."""
    indexer: Any = getattr(app.builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    if lang is None or getattr(lang.stem, "cache_info", None) is not None:
        return
    lang.stem = lru_cache(maxsize=MEMO_SIZE)(lang.stem)


def setup_search_stems(app: Sphinx) -> None:
    """Register the memo."""
    app.connect("doctree-resolved", remember_stems)
