"""The ``blog`` domain's indices: every tag and every author, A to Z.

Written by Sphinx as ``blog-tags.html`` and ``blog-authors.html`` (linkable as
``blog-tags`` / ``blog-authors``), grouped by first letter like the general
index.  Each entry shows its post count and links to ablog's page for the tag
or author, with the posts under it, newest first.  Built from the domain's data
when the index pages are written, so they always list every post.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ablog.blog import slugify
from sphinx.domains import Index, IndexEntry

from .authors import get_authors

if TYPE_CHECKING:
    from collections.abc import Iterable


def _letter(name: str) -> str:
    first = name[:1].upper()
    return first if first.isalpha() else "#"


class _BlogIndex(Index):
    """Shared layout: group -> (entry with count, posts under it)."""

    catalog = ""

    def groups(self) -> dict[str, tuple[str, list[str]]]:
        """key -> (shown name, docnames)."""
        raise NotImplementedError

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        posts: dict[str, dict[str, Any]] = self.domain.data["posts"]
        blog_path = self.domain.env.config.blog_path
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        groups = self.groups()
        for key in sorted(groups, key=lambda k: groups[k][0].lower()):
            name, members = groups[key]
            page = f"{blog_path}/{self.catalog}/{slugify(name)}"
            entries = content[_letter(name)]
            entries.append(IndexEntry(f"{name} ({len(members)})", 1, page, "", "", "", ""))
            for docname in sorted(members, key=lambda d: posts[d].get("date") or "", reverse=True):
                record = posts[docname]
                date = (record.get("date") or "")[:10]
                entries.append(
                    IndexEntry(record.get("title") or docname, 2, docname, "", date, "", "")
                )
        return sorted(content.items()), False

    def _posts(self) -> dict[str, dict[str, Any]]:
        from .posts import get_index  # posts.py defines the domain that lists these indices

        index = get_index(self.domain.env.config)
        return {d: r for d, r in self.domain.data["posts"].items() if index.is_post(d)}


class TagIndex(_BlogIndex):
    """Every tag with its posts."""

    name = "tags"
    localname = "Tags"
    shortname = "tags"
    catalog = "tag"

    def groups(self) -> dict[str, tuple[str, list[str]]]:
        groups: dict[str, tuple[str, list[str]]] = {}
        for docname, record in self._posts().items():
            for tag in record.get("tag_list", []):
                groups.setdefault(tag, (tag, []))[1].append(docname)
        return groups


class AuthorIndex(_BlogIndex):
    """Every author with their posts, by the name the registry gives."""

    name = "authors"
    localname = "Authors"
    shortname = "authors"
    catalog = "author"

    def groups(self) -> dict[str, tuple[str, list[str]]]:
        registry = get_authors(self.domain.env.config)
        names = self.domain.env.config.blog_authors or {}
        groups: dict[str, tuple[str, list[str]]] = {}
        for docname, record in self._posts().items():
            for author in record.get("authors", []):
                known = registry.get(author)
                name = known.name if known else (names.get(author) or (author,))[0] or author
                groups.setdefault(author, (name, []))[1].append(docname)
        return groups
