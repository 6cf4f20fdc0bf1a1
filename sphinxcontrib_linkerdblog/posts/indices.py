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

from sphinx.domains import Index, IndexEntry

from ..ablog_pages import collection_page
from ..state import get_state

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

    from .domain import PostRecord


def _letter(name: str) -> str:
    first = name[:1].upper()
    return first if first.isalpha() else "#"


def newest_first(docnames: Iterable[str], posts: dict[str, PostRecord]) -> list[str]:
    """``docnames`` newest first; posts of one date by title, then by name, as Hugo sorts them.

    Never the order they were recorded in: a post re-read by a rebuild, or by
    another parallel reader, is recorded last.
    """
    by_title = sorted(docnames, key=lambda d: ((posts[d].title or "").casefold(), d))
    return sorted(by_title, key=lambda d: posts[d].sort_key, reverse=True)


class _BlogIndex(Index):
    """Shared layout: group -> (entry with count, posts under it)."""

    catalog = ""  # ablog's catalog of the entry's page: "tags", "author"

    def labels(self, record: PostRecord) -> list[str]:
        """What this index groups a post by."""
        raise NotImplementedError

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        posts = self.published()
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        groups = self.groups()
        for key in sorted(groups, key=lambda k: groups[k][0].lower()):
            name, members = groups[key]
            page = collection_page(self.domain.env, self.catalog, key)
            entries = content[_letter(name)]
            entries.append(IndexEntry(f"{name} ({len(members)})", 1, page, "", "", "", ""))
            for docname in newest_first(members, posts):
                record = posts[docname]
                date = record.sort_key[:10]
                entries.append(IndexEntry(record.title or docname, 2, docname, "", date, "", ""))
        return sorted(content.items()), False

    def published(self) -> dict[str, PostRecord]:
        """The records of published posts (the domain holds list pages too)."""
        index = get_state(self.domain.env).index
        return {d: r for d, r in self.domain.data["posts"].items() if index.is_post(d)}

    def shown(self, key: str) -> str:
        """The name an entry is listed under."""
        return key

    def groups(self) -> dict[str, tuple[str, list[str]]]:
        """key -> (shown name, docnames), from each post's :meth:`labels`."""
        groups: dict[str, tuple[str, list[str]]] = {}
        for docname, record in self.published().items():
            for key in self.labels(record):
                if key not in groups:
                    groups[key] = (self.shown(key), [])
                groups[key][1].append(docname)
        return groups


class TagIndex(_BlogIndex):
    """Every tag with its posts."""

    name = "tags"
    localname = "Tags"
    shortname = "tags"
    catalog = "tags"

    def labels(self, record: PostRecord) -> list[str]:
        return record.tags


class AuthorIndex(_BlogIndex):
    """Every author with their posts, by the name the registry gives."""

    name = "authors"
    localname = "Authors"
    shortname = "authors"
    catalog = "author"

    def labels(self, record: PostRecord) -> list[str]:
        return record.authors

    def shown(self, key: str) -> str:
        known = get_state(self.domain.env).authors.get(key)
        if known:
            return known.name
        names = self.domain.env.config.blog_authors or {}
        return (names.get(key) or (key,))[0] or key


def author_cards(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``html-page-context``: render ``blog-authors`` as cards with avatars."""
    if pagename != "blog-authors":
        return None
    domain = app.env.get_domain("blog")
    index = AuthorIndex(domain)
    registry = get_state(app.env).authors
    posts = index.published()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    members = index.groups()
    for key in sorted(members, key=lambda k: members[k][0].lower()):
        name, docnames = members[key]
        author = registry.get(key)
        avatar = ""
        for docname in docnames:
            avatar = posts[docname].avatars.get(key, "")
            if avatar:
                break
        avatar_page = ""
        if avatar and avatar in app.env.images:
            avatar_page = "_images/" + app.env.images[avatar][1]
        ordered = newest_first(docnames, posts)
        groups[_letter(name)].append(
            {
                "name": name,
                "bio": author.bio if author else "",
                "avatar": avatar_page,
                "page": collection_page(app.env, "author", key),
                "count": len(docnames),
                "posts": [
                    {
                        "docname": d,
                        "title": posts[d].title or d,
                        "date": posts[d].sort_key[:10],
                    }
                    for d in ordered
                ],
            }
        )
    context["linkerdblog_author_groups"] = [
        {"letter": letter, "authors": groups[letter]} for letter in sorted(groups)
    ]
    return "linkerdblog/authors-index.html"


CLOUD_STEPS = 5
"""Sizes of the tag cloud: a tag's step grows with its share of the biggest tag's posts."""


def tag_cloud(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``html-page-context``: ``blog-tags`` as a tag cloud, then each tag's posts."""
    if pagename != "blog-tags":
        return None
    index = TagIndex(app.env.get_domain("blog"))
    posts = index.published()
    members = index.groups()
    biggest = max((len(docnames) for _name, docnames in members.values()), default=1)
    tags = []
    for position, key in enumerate(sorted(members, key=lambda k: members[k][0].lower())):
        name, docnames = members[key]
        ordered = newest_first(docnames, posts)
        tags.append(
            {
                "name": name,
                "anchor": f"tag-{position}",
                "page": collection_page(app.env, "tags", key),
                "count": len(docnames),
                "step": 1 + (CLOUD_STEPS - 1) * len(docnames) // biggest,
                "posts": [
                    {"docname": d, "title": posts[d].title or d, "date": posts[d].sort_key[:10]}
                    for d in ordered
                ],
            }
        )
    context["linkerdblog_tags"] = tags
    return "linkerdblog/tags-index.html"


def index_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ablog's listing pages link to the tag and author
    indexes (nothing else does), where the builder writes them."""
    if templatename not in ("ablog/collection.html", "ablog/catalog.html"):
        return
    written = {entry[0] for entry in getattr(app.builder, "domain_indices", [])}
    links = [("All tags", "blog-tags"), ("All authors", "blog-authors")]
    context["linkerdblog_indexes"] = [(text, page) for text, page in links if page in written]


def setup_indices(app: Sphinx) -> None:
    """Author cards, the tag cloud (the indices are the domain's), links to both."""
    app.connect("html-page-context", author_cards)
    app.connect("html-page-context", tag_cloud)
    app.connect("html-page-context", index_links)
