"""The blog in one-file outputs: every post in the book, newest first.

LaTeX (PDF), texinfo, man and singlehtml write *one* file: the root document
with every document its toctrees name inlined where they are named
(:func:`sphinx.util.nodes.inline_all_toctrees`).  A blog's index rarely lists
its posts in a toctree (ablog's ``postlist`` and archive pages do that in
HTML), so without help those outputs have no post at all; and a ``:glob:``
toctree lists them by file name, not by date.

A toctree node has two lists: ``entries``, what HTML shows (the page's
toctree, the sidebar's global one, epub's table of contents), and
``includefiles``, what the one-file builders inline.  So, when the root
document is read, a toctree with *no entries* and every published post,
newest first, as its ``includefiles`` is added at the end of its top section:
HTML, dirhtml and epub resolve it to nothing, the one-file builders inline
the posts.  Posts named in the site's own toctrees are taken out of those
toctrees' ``includefiles`` (their entries stay), so each post comes once, in
date order, whether or not the index has a toctree.

Both changes are made *after* Sphinx's toctree collector has read the document
(priority 900 > 500): the environment's toctree relations, hence HTML's
previous/next links, never see them.  The order used is kept in the ``blog``
domain; when it changes (a post added, removed or re-dated), the root document
is read again (``env-get-outdated``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes

from .posts.domain import get_domain
from .state import get_state

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def post_order(env: BuildEnvironment) -> list[str]:
    """Every published post that is a document of this build, newest first.

    From the post index (front matter read at ``config-inited``), so the order
    is known when the root document is read, even before the posts are.
    Undated posts come last; equal dates in document-name order.
    """
    index = get_state(env).index
    root = env.config.root_doc
    dated = [
        (post.date.isoformat() if post.date else "", docname)
        for docname, post in index.posts.items()
        if index.is_post(docname) and docname in env.found_docs and docname != root
    ]
    dated.sort(key=lambda pair: pair[1])
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [docname for _, docname in dated]


def posts_toctree(docname: str, posts: list[str]) -> addnodes.toctree:
    """A hidden toctree that inlines ``posts`` and shows nothing (see above)."""
    return addnodes.toctree(
        parent=docname,
        entries=[],
        includefiles=list(posts),
        maxdepth=-1,
        caption=None,
        glob=False,
        hidden=True,
        includehidden=False,
        numbered=0,
        titlesonly=False,
        rawentries=[],
        classes=["linkerdblog-book-posts"],
    )


def documents_in(doctree: nodes.document, docname: str) -> Iterator[tuple[str, nodes.Element]]:
    """Each document a resolved doctree holds, with its top section.

    ``doctree-resolved`` comes once per page in HTML, but once per *book* in the
    one-file outputs, for the root document, with every other document inlined
    in an ``addnodes.start_of_file``: what is added per document (a byline) is
    added to each of those.  Documents without a section are left out.
    """
    section = doctree.next_node(nodes.section)
    if section is not None:
        yield docname, section
    for part in doctree.findall(addnodes.start_of_file):
        inner = next((c for c in part.children if isinstance(c, nodes.section)), None)
        if inner is not None:
            yield str(part["docname"]), cast("nodes.Element", inner)


def add_posts(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after the toctree collector: posts into the book, in order."""
    env = app.env
    docname = env.docname
    index = get_state(env).index
    for toctree in doctree.findall(addnodes.toctree):
        # Only what is inlined changes; the toctree HTML shows keeps every entry.
        toctree["includefiles"] = [d for d in toctree["includefiles"] if not index.is_post(d)]
    if docname != env.config.root_doc:
        return
    posts = post_order(env)
    get_domain(env).note_book(docname, posts)
    if not posts:
        return
    section = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    (section if section is not None else doctree).append(posts_toctree(docname, posts))


def reread_root(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: the root document again when the posts' order changed."""
    root = env.config.root_doc
    if root in added or root in changed or root not in env.all_docs:
        return []
    if get_domain(env).books.get(root) != post_order(env):
        return [root]
    return []


def setup_book(app: Sphinx) -> None:
    """Posts into the one-file outputs, after Sphinx's toctree collector (500)."""
    app.connect("doctree-read", add_posts, priority=900)
    app.connect("env-get-outdated", reread_root)
