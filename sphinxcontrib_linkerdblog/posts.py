"""Which documents are Hugo posts, and what each one says about itself.

Two stores with different lifetimes:

* :class:`PostIndex` is computed once per build, at ``config-inited``, from the
  files matching ablog's ``blog_post_pattern``: docname, file, slug and title of
  every post, and which posts Hugo would not publish (drafts, future, expired).
  Those are added to ``exclude_patterns`` so they have no page and appear in no
  archive or feed.  It must exist before any document is read, because a
  ``ref`` shortcode in the first post read may point to the last one.  It is
  part of the build state (:mod:`.state`): derived from the sources, identical
  in every parallel reader.
* :class:`BlogDomain` (``blog``) keeps per-document data written while a post is
  read (its normalised front matter), with ``clear_doc`` and
  ``merge_domaindata`` so incremental and parallel builds stay right.
"""

from __future__ import annotations

import glob
import os
import posixpath
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain, Index

from .frontmatter import FrontMatter, PostMeta, Problem, is_hidden, normalise, split_front_matter
from .hugo.text import clean, decode
from .hugo.urls import check_pattern, expand, normalise_path
from .indexes import AuthorIndex, TagIndex
from .permalinks import resolve_site_link
from .state import get_state
from .taxonomy import raw_terms, spellings
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

POST_FIELDS = tuple(f.name for f in fields(PostMeta))
"""What :meth:`BlogDomain.note_post` keeps of a post's front matter: all of it."""

LIST_PAGE = "_index"
"""Hugo's section list page (``_index.md``): a page, never a post."""


@dataclass(frozen=True, slots=True)
class IndexedPost:
    """What other documents need to know about a post before it is read."""

    docname: str
    path: str  # source path relative to srcdir, posix
    slug: str | None
    title: str | None
    hidden: str | None  # "draft", "future", "expired" or None
    list_page: bool = False
    date: datetime | None = None
    url: str | None = None
    aliases: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # tag values, as written
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> file line


@dataclass(frozen=True, slots=True)
class Claim:
    """Which post a Hugo URL belongs to, and where its front matter says so."""

    docname: str
    field: str  # "url", "aliases" or "permalinks" (the conf.py pattern)
    written: str  # the URL as written (or as the pattern expanded)
    line: int  # the front-matter line (1 for a permalink)


@dataclass(frozen=True, slots=True)
class ReadFront:
    """A text's front-matter block, its normalised metadata and every problem."""

    front: FrontMatter
    meta: PostMeta
    problems: list[Problem]


def read_front(text: str) -> ReadFront:
    """Split and normalise the front matter of ``text``."""
    front = split_front_matter(text)
    meta, problems = normalise(front)
    return ReadFront(front, meta, [*front.problems, *problems])


def read_source(path: Path) -> str:
    """A post file's text as Sphinx will hand it to ``source-read``: decoded
    whatever its bytes (see :mod:`.hugo.text`) and cleaned, so that the front
    matter read here is the one read again there (and found in the cache)."""
    return clean(decode(path.read_bytes()).text).text


def leaf(docname: str) -> str:
    """A post's logical name: its file name, or its page bundle folder's name."""
    head, name = posixpath.split(docname)
    if name in ("index", "_index"):
        return posixpath.basename(head)
    return name


@dataclass(frozen=True, slots=True)
class PostNames:
    """Posts by docname, by logical name and by slug: what ``ref`` looks up, each
    lookup a dictionary access rather than a scan of every post."""

    docnames: frozenset[str] = frozenset()
    by_leaf: dict[str, list[str]] = field(default_factory=dict)
    by_slug: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, slugs: Mapping[str, str | None]) -> PostNames:
        """From post docname -> slug (or None)."""
        by_leaf: dict[str, list[str]] = {}
        by_slug: dict[str, list[str]] = {}
        for docname, slug in slugs.items():
            by_leaf.setdefault(leaf(docname), []).append(docname)
            if slug:
                by_slug.setdefault(slug, []).append(docname)
        return cls(frozenset(slugs), by_leaf, by_slug)


@dataclass(slots=True)
class PostIndex:
    """Every Hugo content document matched by ``blog_post_pattern``."""

    posts: dict[str, IndexedPost] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # Hugo site path -> docname
    claims: dict[str, Claim] = field(default_factory=dict)  # Hugo site path -> its claim
    tag_spellings: dict[str, str] = field(default_factory=dict)  # lower case -> shown
    names: PostNames = field(default_factory=PostNames, compare=False)  # for ref
    # docname -> (hash of the text, its front matter, read); see ``read_front``.
    front: dict[str, tuple[int, ReadFront]] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the per-process cache of parsed front matter."""
        return {
            "posts": self.posts,
            "urls": self.urls,
            "claims": self.claims,
            "tag_spellings": self.tag_spellings,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.posts, self.urls, self.claims = state["posts"], state["urls"], state["claims"]
        self.tag_spellings, self.front = state["tag_spellings"], {}
        self.names = PostNames.of({d: p.slug for d, p in self.posts.items()})

    def read_front(self, docname: str, text: str) -> ReadFront:
        """The document's front matter, parsed once per build.

        The index parses every post's front matter before any is read; the
        ``source-read`` hook asks again for the same text, so the result is kept
        (in this process only, keyed by a hash of the text) instead of parsing
        the YAML twice.
        """
        key = hash(text)
        cached = self.front.get(docname)
        if cached is not None and cached[0] == key:
            return cached[1]
        found = read_front(text)
        self.front[docname] = (key, found)
        return found

    def is_hugo(self, docname: str) -> bool:
        """Whether ``docname`` is Hugo content (a post or a list page)."""
        return docname in self.posts

    def is_post(self, docname: str) -> bool:
        """Whether ``docname`` is a published blog post."""
        post = self.posts.get(docname)
        return post is not None and not post.list_page and post.hidden is None

    def visible(self) -> Iterable[IndexedPost]:
        """Posts and list pages that are built."""
        return (p for p in self.posts.values() if p.hidden is None)

    def __str__(self) -> str:  # keeps Sphinx's "config changed" log line short
        return f"PostIndex({len(self.posts)} documents)"


def _patterns(config: Config) -> list[str]:
    pattern = config.blog_post_pattern
    return [pattern] if isinstance(pattern, str) else list(pattern or [])


def matched_sources(srcdir: str | os.PathLike[str], config: Config) -> list[Path]:
    """Source files matching ``blog_post_pattern`` (as ablog globs them), Markdown only."""
    srcdir = Path(srcdir)
    found: dict[Path, None] = {}
    for pattern in _patterns(config):
        for hit in sorted(glob.glob(os.path.join(srcdir, pattern), recursive=True)):
            path = Path(hit)
            if path.suffix == "" and path.with_suffix(".md").is_file():
                path = path.with_suffix(".md")  # "blog/*" may be written without suffix
            if path.suffix == ".md" and path.is_file():
                found[path] = None
    return list(found)


def build_index(srcdir: str | os.PathLike[str], config: Config, now: datetime) -> PostIndex:
    """Read the front matter of every matched post and decide what Hugo would build."""
    index = PostIndex()
    srcdir = Path(srcdir)
    for path in matched_sources(srcdir, config):
        rel = PurePath(path.relative_to(srcdir)).as_posix()
        docname = rel.rsplit(".", 1)[0]
        list_page = PurePath(rel).stem == LIST_PAGE
        try:
            text = read_source(path)
        except OSError:
            # Sphinx reports the unreadable file itself when it tries to read it.
            continue
        meta = index.read_front(docname, text).meta
        hidden = None
        if not list_page:
            hidden = is_hidden(
                meta,
                now,
                drafts=config.linkerdblog_build_drafts,
                future=config.linkerdblog_build_future,
                expired=config.linkerdblog_build_expired,
            )
        index.posts[docname] = IndexedPost(
            docname,
            rel,
            meta.slug,
            meta.title,
            hidden,
            list_page,
            meta.effective_date,
            meta.url,
            tuple(meta.aliases),
            tuple(raw_terms(meta, config.linkerdblog_tags_from)),
            {k: meta.lines[k] for k in ("url", "aliases", "slug") if k in meta.lines},
        )
    index.claims = site_urls(index, config.linkerdblog_permalinks, str(srcdir))
    index.urls = {url: claim.docname for url, claim in index.claims.items()}
    index.tag_spellings = spellings(t for p in index.visible() for t in p.terms)
    index.names = PostNames.of({d: p.slug for d, p in index.posts.items()})
    return index


def site_urls(index: PostIndex, pattern: str, srcdir: str) -> dict[str, Claim]:
    """Every Hugo URL of every built post (permalink, ``url``, aliases) -> its claim.

    A URL that is no site path (it climbs above the root, it holds a control
    character) is reported at its front-matter line and left out.
    """
    claims: dict[str, list[Claim]] = {}
    for post in index.visible():
        if post.list_page:
            continue
        own: list[tuple[str, str]] = [("url", post.url)] if post.url else []
        if not own and pattern:
            permalink = expand(pattern, post.docname, post.date, post.slug, post.title)
            own = [("permalinks", permalink)] if permalink else []
        for name, url in [*own, *(("aliases", alias) for alias in post.aliases)]:
            line = post.lines.get(name, post.lines.get("slug", 1))
            key = normalise_path(url)
            if key is None:
                warn(
                    f"{name} {url!r} is not a path inside the site (it climbs above the "
                    "root or holds a control character); no page is written for it",
                    Warn.ALIAS,
                    f"{posixpath.join(srcdir, post.path)}:{line}",
                )
                continue
            claims.setdefault(key, []).append(Claim(post.docname, name, url, line))
    paths = {post.docname: post.path for post in index.posts.values()}
    return report_conflicts(claims, paths, srcdir)


def report_conflicts(
    claims: dict[str, list[Claim]], paths: dict[str, str], srcdir: str
) -> dict[str, Claim]:
    """One claim per URL; a URL claimed by two posts is a warning naming both.

    This runs before the environment exists, so the location is a file path.
    """
    result: dict[str, Claim] = {}
    for url, found in claims.items():
        by_doc = {claim.docname: claim for claim in reversed(found)}  # first claim of each
        first, *others = sorted(by_doc)
        for other in others:
            warn(
                f"{url} is the permalink or an alias of both {paths[first]} and "
                f"{paths[other]}; it goes to {paths[first]}",
                Warn.ALIAS,
                f"{posixpath.join(srcdir, paths[other])}:{by_doc[other].line}",
            )
        result[url] = by_doc[first]
    return result


def index_posts(app: Sphinx, config: Config) -> PostIndex:
    """``config-inited``: build the index, hide unpublished posts, drop list pages.

    Runs after ablog's own handler (priority 500) so that ``matched_blog_posts``
    exists and can be corrected: Hugo's ``_index.md`` is a list page, and a draft
    must not become an ablog post.
    """
    unknown = check_pattern(config.linkerdblog_permalinks)
    if unknown:
        warn(
            f"conf.py: linkerdblog_permalinks has unknown token(s) "
            f"{', '.join(':' + t for t in unknown)}; no permalink redirects are written",
            Warn.ALIAS,
        )
        config.linkerdblog_permalinks = ""
    index = build_index(app.srcdir, config, datetime.now(UTC))
    hidden = [p.path for p in index.posts.values() if p.hidden]
    if hidden:
        config.exclude_patterns = [*config.exclude_patterns, *hidden]
    not_posts = {d for d, p in index.posts.items() if p.list_page or p.hidden}
    matched = getattr(config, "matched_blog_posts", [])
    config.matched_blog_posts = [d for d in matched if d not in not_posts]
    return index


def get_index(env: BuildEnvironment) -> PostIndex:
    """The build's post index (empty outside a build of this extension)."""
    return get_state(env).index


class BlogDomain(Domain):
    """Per-post data gathered while reading: the normalised front matter.

    ``data["posts"]`` maps docname to :class:`PostMeta` as a plain dict (dates as
    ISO strings) so the pickled environment does not depend on our classes.
    """

    name = "blog"
    label = "Blog"
    # The tag and author indices (blog-tags.html, blog-authors.html), see .indexes.
    indices: ClassVar[list[type[Index]]] = [TagIndex, AuthorIndex]
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}}
    data_version = 2  # 2: "related" holds (docname, title) pairs

    @property
    def posts(self) -> dict[str, dict[str, Any]]:
        """docname -> front matter of every post read."""
        return self.data["posts"]

    def note_post(self, docname: str, meta: PostMeta) -> None:
        """Remember the post's front matter, dates as ISO text.

        ``meta`` is never changed after the post is read, so its lists and dicts
        are shared, not copied.
        """
        record: dict[str, Any] = {}
        for name in POST_FIELDS:
            value = getattr(meta, name)
            record[name] = value.isoformat() if isinstance(value, datetime) else value
        self.posts[docname] = record

    def clear_doc(self, docname: str) -> None:
        """Forget a document that is re-read or removed."""
        self.posts.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader read."""
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]

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
        found = resolve_site_link(builder, fromdocname, target, contnode, env)
        return [("blog:post", found)] if found is not None else []


def get_domain(env: BuildEnvironment) -> BlogDomain:
    """The ``blog`` domain of ``env``."""
    domain = env.get_domain("blog")
    assert isinstance(domain, BlogDomain)
    return domain


def setup_posts(app: Sphinx) -> None:
    """Register the domain (the index is built with the state, see :mod:`.extension`)."""
    app.add_domain(BlogDomain)
