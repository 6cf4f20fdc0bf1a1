"""Hand each Hugo post to ablog, and its front matter to Sphinx.

ablog recognises a post by a ``PostNode`` in its doctree, normally made by its
``CheckFrontMatter`` transform (priority 800) from MyST's docinfo.  Our posts
have no docinfo (the front matter was consumed in ``source-read``), so that
transform leaves them alone and :class:`HugoPost` (priority 790, before it and
before ``doctree-read`` at 880) builds the ``PostNode`` itself from the typed
:class:`~.frontmatter.PostMeta`: lists stay lists (a tag with a comma is one
tag), and the date is exact.

Authors written as text (Docsy's ``author: "[A](url) (Org) and B"``) are split
into people here, where the registry is known
(:func:`..hugo.authors_text.post_authors`): each person is one ablog author.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ablog.blog import Blog
from ablog.post import PostNode
from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..authors import registry_names
from ..hugo.authors_text import AuthorName, author_keys, post_authors
from ..hugo.content import canonical, raw_terms, reading_minutes
from ..hugo.dates import wall_time
from ..hugo.urls import safe_url
from ..images import register_images
from ..state import MORE_KEY, POST_KEY, TEXT_KEY, get_state
from ..warnings_ import Warn, warn
from .domain import PostRecord, get_domain
from .summaries import post_summary, take_front_matter_summary, with_thumbnail

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..hugo.metadata import PostMeta


def ablog_date(meta: PostMeta) -> str | None:
    """The date as ablog parses it: naive (ablog compares with a naive "today"),
    the clock time Hugo shows: in the post's own offset, or the site's zone
    (``linkerdblog_timezone``) for a date written without one.  So a post of
    00:30 in Berlin is listed on its day and in its year, as on the Hugo site."""
    date = meta.effective_date
    return wall_time(date).isoformat(sep=" ") if date else None


def make_post_node(
    meta: PostMeta, tags: list[str], excerpt: list[nodes.Node], *, authors: list[str]
) -> PostNode:
    """A ``PostNode`` carrying what ablog's archives, catalogs and feeds use.

    :param authors: ablog's author labels (:func:`..hugo.authors_text.author_keys`).

    Its children are ablog's excerpt (``exclude`` keeps them off the post's own
    page): the summary, with the thumbnail (see :mod:`.summaries`).  ablog's own
    excerpt and image choices are switched off (``excerpt`` 0, ``image`` None), so
    that it neither adds a first paragraph nor shows the thumbnail a second time.
    """
    node = PostNode()
    node["date"] = ablog_date(meta)
    node["title"] = meta.title
    node["tags"] = tags
    node["author"] = list(authors)
    node["category"] = list(meta.categories)
    node["location"] = []
    node["language"] = []
    node["redirect"] = []
    node["image"] = None
    node["excerpt"] = 0
    node["exclude"] = True
    node["nocomments"] = False
    node["canonical_link"] = []
    node["external_link"] = []
    node.extend(excerpt)
    return node


class HugoPost(SphinxTransform):
    """Record the post's front matter and make it an ablog post."""

    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        meta: PostMeta | None = self.env.temp_data.get(POST_KEY)
        if meta is None:
            return
        docname = self.env.docname
        state = get_state(self.env)
        index = state.index
        front = take_front_matter_summary(self.document)
        tags = canonical(raw_terms(meta, self.config.linkerdblog_tags_from), index.tag_spellings)
        names = post_authors(
            meta.authors, meta.author_profiles, state.authors, registry_names(state.authors)
        )
        names = self.safe_links(docname, meta, names)
        keys = author_keys(names)
        record = PostRecord.of(
            meta,
            names=names,
            tags=tags,
            avatars=register_images(self.app, docname, meta, keys),
            reading_minutes=reading_minutes(self.document.astext()),
        )
        get_domain(self.env).note_post(docname, record)
        metadata = self.env.metadata[docname]
        for key in ("description", "summary"):
            value = getattr(meta, key)
            if value:
                metadata[key] = value
        if meta.keywords:
            metadata["keywords"] = ", ".join(meta.keywords)
        if not index.is_post(docname):
            metadata["orphan"] = True  # a list page is reached through the blog, not a toctree
            return
        if meta.effective_date is None:
            warn("post has no date; ablog lists it among the drafts", Warn.DATE, (docname, 1))
        for key, value in (("thumbnail", meta.thumbnail), *(("images", i) for i in meta.images)):
            if value and safe_url(value) is None:
                where = meta.lines.get(key) or meta.lines.get("params") or 1
                warn(
                    f"{key} {value[:60]!r} is no image URL; it is not used",
                    Warn.URL,
                    (docname, where),
                )
        self.check_authors(docname, meta, names)
        body = self.document.next_node(nodes.section) or self.document
        length = self.config.linkerdblog_summary_length
        divider = bool(self.env.temp_data.get(MORE_KEY))
        text = str(self.env.temp_data.get(TEXT_KEY) or "")
        summary = post_summary(body, meta, front, length, divider=divider, text=text)
        excerpt = with_thumbnail(self.env, docname, meta, body, summary)
        body.append(make_post_node(meta, tags, excerpt, authors=keys))

    def safe_links(self, docname: str, meta: PostMeta, names: list[AuthorName]) -> list[AuthorName]:
        """The names with their links, but for a link whose scheme is not safe
        (``[x](javascript:...)``): that name is shown without it, with a warning."""
        kept: list[AuthorName] = []
        for entry in names:
            if entry.url and safe_url(entry.url) is None:
                warn(
                    f"the link of author {entry.name[:60]!r} ({entry.url[:60]!r}) is not "
                    "http(s), mailto or relative; the name is shown without it",
                    Warn.URL,
                    (docname, author_line(meta)),
                )
                entry = replace(entry, url="")
            kept.append(entry)
        return kept

    def check_authors(self, docname: str, meta: PostMeta, names: list[AuthorName]) -> None:
        """An author id the registry lacks is shown as is, with a warning.

        Only a value written as one word (``author: carol``, or one item of
        ``authors: [alice, carol]``) looks like an id; people named in free
        text (``Jane Doe``, ``[Jane](url) and John``) are not expected to be in
        the registry, and are not warned about.
        """
        if not get_state(self.env).authors:
            return
        for entry in names:
            if entry.kind == "token":
                warn(
                    f"author {entry.key!r} is not in the authors registry; shown as is",
                    Warn.AUTHOR,
                    (docname, author_line(meta)),
                )


def author_line(meta: PostMeta) -> int:
    """The front-matter line that names the authors (for warnings)."""
    lines = meta.lines
    return (
        lines.get("author")
        or lines.get("authors")
        or lines.get("params.author")
        or lines.get("params")
        or 1
    )


def reset_ablog_state(app: Sphinx) -> None:
    """Forget ablog's process-wide blog state at the start of each build.

    ablog keeps its catalogs in a class attribute (``Blog._dict``) that is filled
    once per process, so a second build in the same process (tests, autobuild
    servers) would list the first build's posts, or crash on an empty list.
    """
    Blog._dict.clear()


def setup_ablog_bridge(app: Sphinx) -> None:
    """Register the transform and the reset of ablog's shared state."""
    app.add_transform(HugoPost)
    app.connect("builder-inited", reset_ablog_state)
