"""Authors written as text, split into people (pure).

Linkerd's posts name an author by id (``author: william``), a key of the
authors registry.  Docsy sites (opentelemetry.io, ...) write the author as
Markdown instead, which the theme renders with ``markdownify``::

    author: >-
      [Adriana Villela](https://github.com/avillela) (ServiceNow) and
      [Reese Lee](https://github.com/reese-lee) (New Relic)

Taken whole, that is one ablog author with a page name hundreds of characters
long, and a byline of raw Markdown.  :func:`split_author_text` reads it as
Docsy's readers do: people separated by ``and``, ``&``, commas and
semicolons; a person's name from a Markdown link ``[Name](url)`` (the link
kept) or plain text; a trailing ``(Org)`` as their affiliation; HTML entities
decoded and white space collapsed.  Separators inside a link's text or inside
parentheses do not split (``[Tom and Jerry](x)``, ``(AT&T, Inc.)``).

A value that is a registry id stays that id, exactly as before; so does a
name found in the text that is an id, or that is an entry's ``name``.  Nothing
written is lost: what is not a name, a link or an affiliation stays in the
name as text.  The scan is linear in the length of the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping

Kind = Literal["id", "token", "name", "profile"]
"""What an author entry is:

* ``id``: a key of the authors registry (the byline shows the registry's name);
* ``token``: one word, written alone, that the registry lacks: most likely an
  id (``author: carol``), which is warned about when there is a registry;
* ``name``: a person named in free text (never warned about: free-text
  authors are not expected to be in the registry);
* ``profile``: linkerd.io's inline guest (``params.author: {name: ...}``),
  never split: ``name: Chris Campbell, Linkerd Ambassador`` is one person.
"""


@dataclass(frozen=True, slots=True)
class AuthorName:
    """One person named by a post.

    :ivar key: ablog's author label: the registry id, else the name.
    :ivar name: the name as shown (for an id, the id: the registry has the name).
    :ivar url: the destination of the Markdown link around the name, as
        written; callers check it (:func:`.urls.safe_url`) before using it.
    :ivar affiliation: the trailing ``(Org)``, without the parentheses.
    :ivar joiner: the separator written before this name, normalised
        (``", "``, ``" and "``, ``", and "``, ``" & "``, ``"; "``); empty for the
        first name of a value (the byline then joins as for a list).
    :ivar kind: see :data:`Kind`.
    """

    key: str
    name: str
    url: str = ""
    affiliation: str = ""
    joiner: str = ""
    kind: Kind = "name"


# A Markdown inline link: [text](destination "title"); the destination may be
# in <...> and may hold one level of balanced parentheses (Wikipedia URLs).
_LINK = re.compile(
    r"""\[([^\[\]]*)\]\(\s*(?:<([^<>]*)>|((?:[^\s()]|\([^\s()]*\))*))"""
    r"""(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"""
)
# Between two people: a comma or semicolon (with an optional "and"/"&" after
# it), or "and"/"&" standing as a word.  Run on text whose white space is
# already collapsed to single spaces, so it never backtracks over a long run.
_SEPARATOR = re.compile(r" ?([,;]) ?(?:(and|&)(?= |$) ?)?| (and|&)(?= |$) ?")


def clean_text(text: str) -> str:
    """HTML entities decoded, white space collapsed to single spaces."""
    return " ".join(html.unescape(text).split())


def _joiner(match: re.Match[str]) -> str:
    """A separator as the byline writes it: ``", and "`` for ``" ,and"``."""
    mark, word_after, word = match.groups()
    if mark:
        return f"{mark} {word_after} " if word_after else f"{mark} "
    return f" {word} "


def _parentheses(text: str) -> dict[int, int]:
    """Position of each ``(`` that is closed -> position of its ``)`` (one pass)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for position, char in enumerate(text):
        if char == "(":
            stack.append(position)
        elif char == ")" and stack:
            pairs[stack.pop()] = position
    return pairs


def _plain(text: str) -> str:
    """Text with Markdown links replaced by their text (for an affiliation)."""
    return _LINK.sub(lambda m: m.group(1), text)


# A piece of one person's text: ("text", s), ("link", text, url) or ("paren", s).
_Piece = tuple[str, ...]


def _segments(text: str) -> list[tuple[str, list[_Piece]]]:
    """``text`` cut at separators outside links and parentheses:
    (the joiner before it, its pieces) for each part."""
    pairs = _parentheses(text)
    segments: list[tuple[str, list[_Piece]]] = []
    joiner = ""
    pieces: list[_Piece] = []
    start = position = 0  # plain text runs from start to position
    while position < len(text):
        char = text[position]
        link = _LINK.match(text, position) if char == "[" else None
        separator = _SEPARATOR.match(text, position) if char in " ,;" else None
        if link is None and separator is None and not (char == "(" and position in pairs):
            position += 1
            continue
        if position > start:
            pieces.append(("text", text[start:position]))
        if link is not None:
            pieces.append(("link", link.group(1), link.group(2) or link.group(3) or ""))
            position = link.end()
        elif separator is not None:
            segments.append((joiner, pieces))
            joiner, pieces = _joiner(separator), []
            position = separator.end()
        else:
            pieces.append(("paren", text[position + 1 : pairs[position]]))
            position = pairs[position] + 1
        start = position
    if position > start:
        pieces.append(("text", text[start:position]))
    segments.append((joiner, pieces))
    return segments


def _person(pieces: list[_Piece]) -> tuple[str, str, str]:
    """(name, url, affiliation) of one part's pieces."""
    affiliation = ""
    last = len(pieces) - 1
    if last >= 1 and pieces[last][0] == "paren":
        before = pieces[last - 1]
        # "Jane Doe (Org)" or "[Jane](url) (Org)" / "[Jane](url)(Org)"; not "f(x)".
        if before[0] == "link" or before[1].endswith(" "):
            affiliation = " ".join(_plain(pieces[last][1]).split())
            pieces = pieces[:last]
    words: list[str] = []
    url = ""
    for piece in pieces:
        if piece[0] == "link":
            words.append(piece[1])
            url = url or piece[2]
        elif piece[0] == "paren":
            words.append(f"({_plain(piece[1])})")
        else:
            words.append(piece[1])
    name = " ".join("".join(words).split())
    if not name and affiliation:
        name, affiliation = f"({affiliation})", ""  # "(Org)" alone is no affiliation
    return name, url, affiliation


def split_author_text(
    text: str, ids: Collection[str] = (), names: Mapping[str, str] | None = None
) -> list[AuthorName]:
    """The people an author value names, in order.

    :param text: one author value as written (a string of ``author``, or one
        item of a list).
    :param ids: the authors registry's ids; a value (or a name in it) that is
        one of them is that id.
    :param names: registry names, folded with :func:`name_key`, -> their id, so
        that ``William Morgan`` written out is the registry's ``william``.
    :return: one entry per person; empty for a value with no name in it.
    """
    names = names or {}
    if text.strip() in ids:  # exactly as before: an id is an id
        return [AuthorName(text.strip(), text.strip(), kind="id")]
    cleaned = clean_text(text)
    parts = _segments(cleaned)
    found: list[AuthorName] = []
    for joiner, pieces in parts:
        name, url, affiliation = _person(pieces)
        if not name:
            continue
        known = name if name in ids else names.get(name_key(name))
        if known is not None:
            kind: Kind = "id"
        elif len(parts) == 1 and not url and not affiliation and " " not in name:
            kind = "token"
        else:
            kind = "name"
        found.append(
            AuthorName(known or name, name, url, affiliation, joiner if found else "", kind)
        )
    return found


def name_key(name: str) -> str:
    """A name as compared with the registry's: entities decoded, spaces and case folded."""
    return clean_text(name).casefold()


def post_authors(
    values: Iterable[str],
    profiles: Collection[str] = (),
    ids: Collection[str] = (),
    names: Mapping[str, str] | None = None,
) -> list[AuthorName]:
    """Every person a post names, from its author values (``PostMeta.authors``).

    :param values: the author values as written, in order.
    :param profiles: the values that are inline profiles (never split).
    :param ids: the registry's ids; ``names``: see :func:`split_author_text`.
    :return: the entries in order, as the byline shows them, each person once:
        a later mention of someone already named is dropped (and when it was
        the first of its value, the next one of that value starts as a list item).
    """
    found: list[AuthorName] = []
    seen: set[str] = set()
    for value in values:
        if value in profiles:
            entries = [AuthorName(value, value, kind="profile")]
        else:
            entries = split_author_text(value, ids, names)
        first = True
        for entry in entries:
            if entry.key in seen:
                continue
            seen.add(entry.key)
            found.append(replace(entry, joiner="") if first and entry.joiner else entry)
            first = False
    return found


def author_keys(entries: Iterable[AuthorName]) -> list[str]:
    """ablog's author labels of a post: each key once, in order."""
    return list(dict.fromkeys(entry.key for entry in entries))
