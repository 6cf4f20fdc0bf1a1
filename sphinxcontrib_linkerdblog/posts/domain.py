"""The ``blog`` domain: what each post said about itself, kept between builds.

While a post is read, :class:`~.ablog_bridge.HugoPost` writes one
:class:`PostRecord` for it (its normalised front matter, canonical tags,
avatars, reading time): the only writer.  Every later stage (bylines, related
posts, listings, the tag and author indices, meta tags) reads typed fields of
those records.  ``clear_doc`` and ``merge_domaindata`` keep incremental and
parallel builds right.  The domain also answers MyST's question about a link
it cannot place: a Hugo URL of a post (see :mod:`..links`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain, Index

from ..hugo.authors_text import author_keys
from ..links import resolve_site_link
from ..state import get_state
from .indices import AuthorIndex, TagIndex

if TYPE_CHECKING:
    from collections.abc import Set
    from datetime import datetime

    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..hugo.authors_text import AuthorName
    from ..hugo.metadata import PostMeta


@dataclass(slots=True)
class PostRecord:
    """One post (or Hugo list page) as the rest of the build sees it.

    :ivar date: Hugo's ``.Date``: ``date``, else ``publishDate``, else ``lastmod``.
    :ivar authors: ablog's author labels: registry ids, inline profiles' names and
        the names of authors written as text (see :mod:`..hugo.authors_text`).
    :ivar author_names: every person as the byline shows them, in order, with
        their link (safe URLs only), affiliation and the separator written before.
    :ivar tags: the post's tags in the spelling shared by the whole blog.
    :ivar avatars: author id -> the avatar image's source path, when there is one.
    :ivar lines: front-matter key -> file line, to place warnings.
    """

    title: str | None = None
    date: datetime | None = None
    lastmod: datetime | None = None
    authors: list[str] = field(default_factory=list)
    author_names: list[AuthorName] = field(default_factory=list)
    author_profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    avatars: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    featured: bool = False
    description: str | None = None
    summary: str | None = None
    thumbnail: str | None = None
    images: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    reading_minutes: int = 0

    @classmethod
    def of(
        cls,
        meta: PostMeta,
        *,
        names: list[AuthorName],
        tags: list[str],
        avatars: dict[str, str],
        reading_minutes: int,
    ) -> PostRecord:
        """The record of a post read with front matter ``meta``, naming ``names``."""
        return cls(
            title=meta.title,
            date=meta.effective_date,
            lastmod=meta.lastmod,
            authors=author_keys(names),
            author_names=names,
            author_profiles=meta.author_profiles,
            avatars=avatars,
            tags=tags,
            categories=list(meta.categories),
            keywords=list(meta.keywords),
            featured=meta.featured,
            description=meta.description,
            summary=meta.summary,
            thumbnail=meta.thumbnail,
            images=list(meta.images),
            lines=meta.lines,
            reading_minutes=reading_minutes,
        )

    @property
    def sort_key(self) -> str:
        """Sorts records oldest first (undated ones first of all)."""
        return self.date.isoformat() if self.date else ""


class BlogDomain(Domain):
    """Per-post records (``data["posts"]``), and the posts each root document put
    in the one-file outputs (``data["books"]``, see :mod:`...book`)."""

    name = "blog"
    label = "Blog"
    # The tag and author indices (blog-tags.html, blog-authors.html), see .indices.
    indices: ClassVar[list[type[Index]]] = [TagIndex, AuthorIndex]
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}, "books": {}}
    data_version = 5  # 3: typed PostRecord values; 4: author_names; 5: books

    @property
    def posts(self) -> dict[str, PostRecord]:
        """docname -> the record of every Hugo document read."""
        return self.data["posts"]

    @property
    def books(self) -> dict[str, list[str]]:
        """Root docname -> the posts its one-file outputs hold, in order."""
        return self.data["books"]

    def note_post(self, docname: str, record: PostRecord) -> None:
        """Keep the record of the post being read (see the module docstring)."""
        self.posts[docname] = record

    def note_book(self, docname: str, posts: list[str]) -> None:
        """Keep the posts the root document being read puts in the book."""
        self.books[docname] = list(posts)

    def clear_doc(self, docname: str) -> None:
        """Forget a document that is re-read or removed."""
        self.posts.pop(docname, None)
        self.books.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader read."""
        for docname in docnames:
            for key in ("posts", "books"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: Any,
        contnode: Any,
    ) -> list[tuple[str, Any]]:
        """MyST asks every domain about a link it cannot place: a Hugo URL of a post."""
        found = resolve_site_link(builder, fromdocname, target, node, contnode, env)
        return [("blog:post", found)] if found is not None else []


def get_domain(env: BuildEnvironment) -> BlogDomain:
    """The ``blog`` domain of ``env``."""
    domain = env.get_domain("blog")
    assert isinstance(domain, BlogDomain)
    return domain


def published(env: BuildEnvironment) -> dict[str, PostRecord]:
    """The records of the published posts (not list pages, drafts...)."""
    index = get_state(env).index
    return {d: r for d, r in get_domain(env).posts.items() if index.is_post(d)}
