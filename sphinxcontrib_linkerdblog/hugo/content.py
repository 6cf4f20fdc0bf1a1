"""What Hugo derives from a post's content: merged tags, reading time (pure).

Tags as Hugo merges them: entities unescaped, case ignored, most-used spelling.

linkerd.io writes ``Linkerd`` and ``linkerd``, and ``Tutorials &amp; How-To's``
in front matter: one tag page each, titled as most posts spell them.  The
spellings are counted over every post before any is read (with the post
index), so every page shows the same one.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .metadata import PostMeta


def clean(term: str) -> str:
    """A tag as shown: HTML entities unescaped, white space collapsed."""
    return " ".join(html.unescape(term).split())


def raw_terms(meta: PostMeta, fields: Iterable[str]) -> list[str]:
    """The post's tag values from the configured front-matter fields."""
    terms: list[str] = []
    for name in fields:
        terms.extend(getattr(meta, name, []) or [])
    return terms


def spellings(terms: Iterable[str]) -> dict[str, str]:
    """Lower-case key -> the spelling used most (the first seen on a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for position, term in enumerate(clean(t) for t in terms):
        counts[term] += 1
        first.setdefault(term, position)
    best: dict[str, str] = {}
    for term in sorted(counts, key=lambda t: (-counts[t], first[t])):
        best.setdefault(term.lower(), term)
    return best


def canonical(terms: Iterable[str], table: dict[str, str]) -> list[str]:
    """A post's tags in their shared spelling, each once, in the post's order."""
    result: dict[str, None] = {}
    for term in terms:
        shown = clean(term)
        if shown:
            result.setdefault(table.get(shown.lower(), shown), None)
    return list(result)


WORDS_PER_MINUTE = 213
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def reading_minutes(text: str) -> int:
    """Hugo's ``.ReadingTime``: words / 213 rounded up, CJK characters as words."""
    cjk = len(_CJK.findall(text))
    words = len(_CJK.sub(" ", text).split()) + cjk
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
