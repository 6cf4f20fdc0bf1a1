"""Which files of a site are Hugo posts, and what Hugo would do with each (pure).

:func:`build_index` reads the front matter of every Markdown file that ablog's
``blog_post_pattern`` matches, before any document is parsed, and decides what
Hugo decides: which posts are published (not drafts, not future, not expired),
which are list pages (``_index.md``), every URL each post had on the Hugo site
(its permalink, ``url`` and aliases) and the shared spelling of every tag.  A
``ref`` in the first post read may name the last one, so this must all be known
first.  Problems are returned, located by file and line, for the caller to
report; nothing here imports Sphinx, so ``check`` and ``convert`` use it as is.
"""

from __future__ import annotations

import glob
import hashlib
import os
import posixpath
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .content import raw_terms, spellings
from .dates import site_zone
from .metadata import ReadFront, is_hidden, read_front
from .permalinks import PageFile, alias_path, default_path, expand
from .text import read_source
from .urls import normalise_path

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping
    from datetime import datetime

LIST_PAGE = "_index"
"""Hugo's section list page (``_index.md``): a page, never a post."""


@dataclass(frozen=True, slots=True)
class IndexSettings:
    """The options the index depends on (from ``conf.py``, or its defaults)."""

    patterns: tuple[str, ...] = ()
    drafts: bool = False
    future: bool = False
    expired: bool = False
    tags_from: tuple[str, ...] = ("tags",)
    permalinks: str | tuple[tuple[str, str], ...] = ""  # one pattern, or (section, pattern)s
    timezone: str = "UTC"

    def pattern_for(self, sections: tuple[str, ...]) -> str:
        """The permalink pattern of a post in ``sections`` (``""``: none)."""
        if isinstance(self.permalinks, str):
            return self.permalinks
        patterns = dict(self.permalinks)
        return patterns.get(sections[0] if sections else "", "") or patterns.get("", "")

    @classmethod
    def of(cls, values: Any) -> IndexSettings:
        """From a Sphinx ``Config`` or any object with the same attributes."""
        pattern = getattr(values, "blog_post_pattern", None) or []
        return cls(
            tuple([pattern] if isinstance(pattern, str) else pattern),
            bool(getattr(values, "linkerdblog_build_drafts", False)),
            bool(getattr(values, "linkerdblog_build_future", False)),
            bool(getattr(values, "linkerdblog_build_expired", False)),
            tuple(getattr(values, "linkerdblog_tags_from", ("tags",))),
            _patterns(getattr(values, "linkerdblog_permalinks", "")),
            str(getattr(values, "linkerdblog_timezone", "UTC") or "UTC"),
        )


def _patterns(value: Any) -> str | tuple[tuple[str, str], ...]:
    if isinstance(value, dict):
        return tuple((str(k).strip("/"), str(v)) for k, v in value.items())
    return str(value or "")


@dataclass(frozen=True, slots=True)
class IndexProblem:
    """Something wrong with a post's URLs, at a file (relative to the source) and line."""

    message: str
    path: str
    line: int
    subtype: str = "alias"


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
    sections: tuple[str, ...] = ()  # Hugo's sections it is in (``:sections``)


@dataclass(frozen=True, slots=True)
class Claim:
    """Which post a Hugo URL belongs to, and where its front matter says so."""

    docname: str
    field: str  # "url", "permalinks" (the pattern), "path" (Hugo's default) or "aliases"
    written: str  # the URL as written (or as the pattern expanded)
    line: int  # the front-matter line (1 for a permalink)


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
    own: dict[str, str] = field(default_factory=dict)  # docname -> its Hugo URL (a key)
    tag_spellings: dict[str, str] = field(default_factory=dict)  # lower case -> shown
    names: PostNames = field(default_factory=PostNames, compare=False)  # for ref
    # docname -> (digest of the text, its front matter, read); see ``read_front``.
    front: dict[str, tuple[bytes, ReadFront]] = field(
        default_factory=dict, compare=False, repr=False
    )
    tz: tzinfo = UTC  # the site's time zone, for dates written without one

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the per-process cache of parsed front matter."""
        return {
            "posts": self.posts,
            "urls": self.urls,
            "claims": self.claims,
            "own": self.own,
            "tag_spellings": self.tag_spellings,
            "tz": self.tz,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.posts, self.urls, self.claims = state["posts"], state["urls"], state["claims"]
        self.own = state["own"]
        self.tag_spellings, self.front, self.tz = state["tag_spellings"], {}, state["tz"]
        self.names = PostNames.of({d: p.slug for d, p in self.posts.items()})

    def read_front(self, docname: str, text: str) -> ReadFront:
        """The document's front matter, parsed once per text.

        The index parses every post's front matter before any is read; the
        ``source-read`` hook asks again for the same text, so the result is kept,
        keyed by a digest of the text (the same in every process, so that the
        Sphinx side can keep :attr:`front` from one build to the next).
        """
        key = text_digest(text)
        cached = self.front.get(docname)
        if cached is not None and cached[0] == key:
            return cached[1]
        found = read_front(text, self.tz)
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


def matched_sources(srcdir: str | os.PathLike[str], patterns: Iterable[str]) -> list[Path]:
    """Source files matching ``blog_post_pattern`` (as ablog globs them), Markdown only."""
    srcdir = Path(srcdir)
    found: dict[Path, None] = {}
    for pattern in patterns:
        for hit in sorted(glob.glob(os.path.join(srcdir, pattern), recursive=True)):
            path = Path(hit)
            if path.suffix == "" and path.with_suffix(".md").is_file():
                path = path.with_suffix(".md")  # "blog/*" may be written without suffix
            if path.suffix == ".md" and path.is_file():
                found[path] = None
    return list(found)


def with_section_pages(srcdir: Path, paths: list[Path]) -> list[Path]:
    """The matched posts and the ``_index.md`` of every folder above them (within
    ``srcdir``): Hugo's section pages are Hugo content whatever the post pattern
    says (``blog/*/*.md`` leaves out ``blog/_index.md``), so their front matter is
    read, not shown."""
    found = dict.fromkeys(paths)
    root, seen = srcdir.resolve(), set()
    for path in paths:
        folder = path.resolve().parent
        while folder not in seen and folder != root and root in folder.parents:
            seen.add(folder)  # each folder looked at once, however many posts it holds
            page = folder / f"{LIST_PAGE}.md"
            if page.is_file():
                found.setdefault(srcdir / page.relative_to(root), None)
            folder = folder.parent
    return list(found)


def text_digest(text: str) -> bytes:
    """A digest of a source's text, the same in every process."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def build_index(
    srcdir: str | os.PathLike[str],
    settings: IndexSettings,
    now: datetime,
    front: dict[str, tuple[bytes, ReadFront]] | None = None,
) -> tuple[PostIndex, list[IndexProblem]]:
    """Read the front matter of every matched post and decide what Hugo would build.

    :param front: front matter parsed before, by an index of the same settings
        (:attr:`PostIndex.front`); a text whose digest is unchanged is not parsed again.
    """
    index = PostIndex(tz=site_zone(settings.timezone), front=dict(front or {}))
    srcdir = Path(srcdir)
    for path in with_section_pages(srcdir, matched_sources(srcdir, settings.patterns)):
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
                meta, now, drafts=settings.drafts, future=settings.future, expired=settings.expired
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
            tuple(raw_terms(meta, settings.tags_from)),
            {k: meta.lines[k] for k in ("url", "aliases", "slug", "tags") if k in meta.lines},
            sections_of(srcdir, docname),
        )
    problems: list[IndexProblem] = []
    index.claims, index.own = site_urls(index, settings, problems)
    index.urls = {url: claim.docname for url, claim in index.claims.items()}
    index.tag_spellings = spellings(t for p in index.visible() for t in p.terms)
    index.names = PostNames.of({d: p.slug for d, p in index.posts.items()})
    return index, problems


def sections_of(srcdir: Path, docname: str) -> tuple[str, ...]:
    """Hugo's sections of a post: its top folder, and below it the deepest folder
    holding an ``_index.md`` (a folder without one is no section in Hugo)."""
    folders = docname.split("/")[:-1]
    if folders and folders[-1] and PurePath(docname).name in ("index", LIST_PAGE):
        folders = folders[:-1]  # a page bundle's own folder
    depth = min(len(folders), 1)
    for i in range(2, len(folders) + 1):
        if (srcdir.joinpath(*folders[:i]) / f"{LIST_PAGE}.md").is_file():
            depth = i
    return tuple(folders[:depth])


def own_url(post: IndexedPost, settings: IndexSettings) -> tuple[str, str] | None:
    """The post's one Hugo URL and where it comes from: ``url``, else the
    ``permalinks`` pattern, else Hugo's default path from the file's place."""
    page = PageFile(post.docname, post.date, post.slug, post.title, post.sections)
    if post.url:
        if ":" in post.url and not post.url.startswith(("http:", "https:")):
            return "url", expand(post.url, page) or post.url  # Hugo expands tokens in url too
        return "url", post.url
    pattern = settings.pattern_for(post.sections)
    if pattern:
        permalink = expand(pattern, page)
        return ("permalinks", permalink) if permalink else None
    return "path", default_path(page)


def site_urls(
    index: PostIndex, settings: IndexSettings, problems: list[IndexProblem]
) -> tuple[dict[str, Claim], dict[str, str]]:
    """Every Hugo URL of every built post (its own URL, aliases) -> its claim,
    and each post's own URL.

    A URL that is no site path (it climbs above the root, it holds a control
    character) is a problem at its front-matter line, and left out.
    """
    claims: dict[str, list[Claim]] = {}
    owns: dict[str, str] = {}
    for post in index.visible():
        if post.list_page:
            continue
        own = own_url(post, settings)
        found = [own] if own else []
        base = normalise_path(own[1]) if own else None
        if base is not None:
            owns[post.docname] = base
        parent = base or default_path(PageFile(post.docname, slug=post.slug))
        found += [("aliases", alias_path(alias, parent)) for alias in post.aliases]
        written = [own[1]] if own else []
        written += list(post.aliases)
        for (name, url), as_written in zip(found, written, strict=True):
            line = post.lines.get(name, post.lines.get("slug", 1))
            key = normalise_path(url)
            if key is None:
                problems.append(
                    IndexProblem(
                        f"{name} {as_written!r} is not a path inside the site (it climbs above "
                        "the root or holds a control character); no page is written for it",
                        post.path,
                        line,
                    )
                )
                continue
            claims.setdefault(key, []).append(Claim(post.docname, name, as_written, line))
    paths = {post.docname: post.path for post in index.posts.values()}
    return one_claim_each(claims, paths, problems), owns


def one_claim_each(
    claims: dict[str, list[Claim]], paths: dict[str, str], problems: list[IndexProblem]
) -> dict[str, Claim]:
    """One claim per URL; a URL claimed by two posts is a problem naming both."""
    result: dict[str, Claim] = {}
    for url, found in claims.items():
        by_doc = {claim.docname: claim for claim in reversed(found)}  # first claim of each
        first, *others = sorted(by_doc)
        for other in others:
            problems.append(
                IndexProblem(
                    f"{url} is the permalink or an alias of both {paths[first]} and "
                    f"{paths[other]}; it goes to {paths[first]}",
                    paths[other],
                    by_doc[other].line,
                )
            )
        result[url] = by_doc[first]
    return result


def locate(ref: str, here: str, found: Collection[str], posts: PostNames) -> str | None:
    """The docname that ``ref`` names, seen from document ``here``; None if none.

    Shared by the build, ``check`` and ``convert``.

    :param found: every docname there is.
    :param posts: the posts by docname, logical name and slug.
    """
    ref = ref.strip()
    path = ref.lstrip("/").removesuffix(".md").rstrip("/")
    candidates = [path, posixpath.normpath(posixpath.join(posixpath.dirname(here), path))]
    for candidate in candidates:
        for name in (candidate, candidate + "/index", candidate + "/_index"):
            if name in found or name in posts.docnames:
                return name
    for matches in (posts.by_leaf.get(posixpath.basename(path)), posts.by_slug.get(ref)):
        if matches and len(matches) == 1:
            return matches[0]
    return None
