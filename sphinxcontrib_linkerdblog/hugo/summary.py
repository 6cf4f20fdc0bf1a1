"""Hugo's automatic summary, word for word (pure).

Hugo 0.134 and later (``resources/page/page_markup.go``, ``ExtractSummaryFromHTML``)
cut a page's rendered HTML after whole paragraphs: it looks for each ``</p>`` in
turn, counts the words of the HTML between the previous one and this one, and
stops at the first ``</p>`` by which ``summaryLength`` words are counted.  With
fewer words in the page, the whole content is the summary.  Hugo 0.168
(gohugoio/hugo#15353) then moves the cut past the end tags of the elements
still open there (a list, a block quote); that part is done on the doctree
(:mod:`..posts.summaries`).  A "word" is a run of text between white space
that does not look like an HTML tag (``<p>``, ``</em>``, ``<img``) or attribute
(``href="..."``); with ``isCJKLanguage``, a token holding non-ASCII characters
counts one word per character.

:class:`WordCounter` is that count, fed one chunk at a time, so that the build
(:mod:`..posts.summaries`) can count a doctree written out as Goldmark would,
and stop as soon as the summary is complete.  :func:`summary_end` applies it to
a whole HTML string, as Hugo does; the tests run Hugo's own cases through it.
"""

from __future__ import annotations

import re
from typing import Any

DEFAULT_LENGTH = 70
"""Hugo's default ``summaryLength`` (``config/allconfig/allconfig.go``)."""

PARAGRAPH_END = "</p>"

# page_markup.go: isProbablyHTMLTag, isProablyHTMLAttribute.
_HTML_TAG = re.compile(r"<\/?[A-Za-z]+>?")
_HTML_ATTRIBUTE = re.compile(r"[A-Za-z]+=[\"']")
_TAG = re.compile(r"<[^>]*>|<[^>]*$")

# Go's unicode.IsSpace: Latin-1 spaces and the White_Space property.
_GO_SPACES = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TRUE = frozenset({"1", "t", "true"})  # Go's strconv.ParseBool, as cast.ToBool uses it


def is_go_space(char: str) -> bool:
    """Whether Go's ``unicode.IsSpace`` holds for ``char``."""
    return char in _GO_SPACES


def is_probably_html_token(word: str) -> bool:
    """Hugo's ``isProbablyHTMLToken``: ``>``, a bare tag, or an attribute's start."""
    return (
        word == ">"
        or _HTML_TAG.fullmatch(word) is not None
        or _HTML_ATTRIBUTE.match(word) is not None
    )


def strip_html(word: str) -> str:
    """Hugo's ``tpl.StripHTML`` for one token: its tags removed (an unclosed one too)."""
    return _TAG.sub("", word) if "<" in word or ">" in word else word


def word_value(word: str, cjk: bool) -> int:
    """Hugo's ``countWord``: how many words one token is."""
    word = word.strip("".join(_GO_SPACES))
    if not word or is_probably_html_token(word):
        return 0
    if cjk:
        word = strip_html(word)
        characters = len(word)
        return 1 if len(word.encode("utf-8", "surrogatepass")) == characters else characters
    return 1


class WordCounter:
    """Hugo's count, one paragraph's chunk at a time.

    :param limit: ``summaryLength``; the summary ends at the first ``</p>`` by
        which this many words are counted.
    :param cjk: the page's ``isCJKLanguage``.
    """

    def __init__(self, limit: int, cjk: bool = False) -> None:
        self.limit = limit
        self.cjk = cjk
        self.count = 0

    def add(self, chunk: str) -> bool:
        """Count the text before one ``</p>`` (from just after the previous ``</p``).

        Hugo splits at each white-space character and, at the chunk's last
        character, takes the text before it: so a chunk's one-character last
        word is not counted, and neither is anything after the limit is reached.

        :return: whether the limit is reached (the summary ends at this ``</p>``).
        """
        start = 0
        last = len(chunk) - 1
        for index, char in enumerate(chunk):
            if is_go_space(char) or index == last:
                self.count += word_value(chunk[start:index], self.cjk)
                start = index
                if self.count >= self.limit:
                    break
        return self.count >= self.limit


def summary_end(html: str, limit: int = DEFAULT_LENGTH, cjk: bool = False) -> int:
    """Where Hugo's automatic summary of ``html`` (rendered Markdown) ends.

    :param html: the page's content.
    :param limit: ``summaryLength``; 0 or less gives an empty summary, as in Hugo.
    :param cjk: the page's ``isCJKLanguage``.
    :return: the summary is ``html[:end]`` (``len(html)`` for the whole content).
    """
    if limit <= 0:
        return 0
    counter = WordCounter(limit, cjk)
    position = 0
    while True:
        closing = html.find(PARAGRAPH_END, position)
        if closing == -1:
            return len(html)
        if counter.add(html[position:closing]):
            return closing + len(PARAGRAPH_END)
        # As Hugo: the next chunk starts at the ">" of this "</p>".
        position = closing + len(PARAGRAPH_END) - 1


def is_cjk_language(front: dict[str, Any]) -> bool:
    """The front matter's ``isCJKLanguage`` (any case), read as Hugo's ``cast.ToBool``."""
    for key, value in front.items():
        if str(key).lower() == "iscjklanguage":
            if isinstance(value, str):
                return value.strip().lower() in _TRUE
            return bool(value) if isinstance(value, bool | int | float) else False
    return False
