"""Related posts: the posts sharing most tags and keywords (``linkerdblog_related_from``,
Hugo's ``related.indices``), newest first on ties.

Computed once per build at ``env-updated`` from an inverted index (tag ->
posts), so the cost grows with the posts that share a tag, not with every pair
of posts; each post page then gets its list at ``doctree-resolved``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from docutils import nodes

from .book import documents_in
from .listings import uri_of
from .posts.domain import get_domain, published
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .posts.domain import PostRecord


def related(
    posts: dict[str, PostRecord], count: int, fields: tuple[str, ...] = ("tags", "keywords")
) -> dict[str, list[str]]:
    """docname -> up to ``count`` related docnames, sharing values of ``fields``."""
    by_term: dict[str, list[str]] = defaultdict(list)
    terms: dict[str, set[str]] = {}
    for docname, record in posts.items():
        own = {t.lower() for name in fields for t in getattr(record, name)}
        terms[docname] = own
        for term in own:
            by_term[term].append(docname)
    # Newest first on ties: one sort by date, then a rank per post.
    by_date = sorted(sorted(posts), key=lambda d: posts[d].sort_key, reverse=True)
    rank = {docname: position for position, docname in enumerate(by_date)}
    result: dict[str, list[str]] = {}
    for docname, own in terms.items():
        shared: Counter[str] = Counter()
        for term in own:
            for other in by_term[term]:
                if other != docname:
                    shared[other] += 1
        ranked = sorted(shared, key=lambda d: (-shared[d], rank[d], d))
        result[docname] = ranked[:count]
    return result


def compute(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the related lists of every post.

    Returns the posts whose list changed (other posts, a title in it) so that
    Sphinx writes their pages again without re-reading them: an edit to one
    post's tags or title reaches every page that lists it.
    """
    domain = get_domain(env)
    old = domain.data.get("related", {})
    fields = tuple(app.config.linkerdblog_related_from)
    settings = (app.config.linkerdblog_related_posts, fields)
    if old and not get_state(env).docs_changed and domain.data.get("related_settings") == settings:
        return []  # no post read or removed: every list is as it was
    domain.data["related_settings"] = settings
    posts = published(env)
    lists = related(posts, app.config.linkerdblog_related_posts, fields)
    # What each page shows: (docname, title) pairs, so a changed title is a change.
    shown = {d: [(t, posts[t].title or t) for t in targets] for d, targets in lists.items()}
    domain.data["related"] = shown
    if not old:
        return []  # a first build writes every page anyway
    return sorted(d for d, entries in shown.items() if old.get(d) != entries)


def add_related(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a "Related posts" list at the end of each post the
    doctree holds (one page, or every post of a book; see :func:`.book.documents_in`),
    after its footnotes."""
    related_lists = get_domain(app.env).data.get("related", {})
    for post, section in list(documents_in(doctree, docname)):
        targets = related_lists.get(post)
        holder = section.parent if section.parent is not None else section
        given = any("linkerdblog-related" in n["classes"] for n in holder.findall(nodes.container))
        if targets and not given:
            _append_related(app, docname, section, targets)


def _append_related(
    app: Sphinx, docname: str, section: nodes.Element, targets: list[tuple[str, str]]
) -> None:
    items = nodes.bullet_list()
    for target, title in targets:
        uri = uri_of(app.builder, docname, target)
        ref: nodes.Node = (
            nodes.Text(title)
            if uri is None
            else nodes.reference("", title, internal=True, refuri=uri)
        )
        items += nodes.list_item("", nodes.paragraph("", "", ref))
    box = nodes.container(
        "",
        nodes.rubric("Related posts", "Related posts"),
        items,
        # "no-search": a search for a post's title should find that post, not
        # every post that lists it as related.
        classes=["linkerdblog-related", "no-search"],
    )
    # After the post's footnotes, which MyST puts after the section, at the end
    # of the document: the body ends with its notes, as in Hugo.
    parent = section.parent
    if parent is not None and parent.index(section) < len(parent) - 1:
        parent.append(box)
    else:
        section += box


def setup_related(app: Sphinx) -> None:
    """Register both steps."""
    app.connect("env-updated", compute)
    app.connect("doctree-resolved", add_related)
