"""Listing pages in pages of ``linkerdblog_pager_size`` posts, at Hugo's URLs.

Hugo pages every list (the blog section, each tag, author, category and year)
by ``pagination.pagerSize`` (10): the first page at the list's own URL, the
next at ``<list>/page/2/``, ... ablog writes each list as one page of every
post (ablog issue #4), which for a blog of hundreds of posts is a page of
hundreds of summaries.

ablog's ``html-collect-pages`` generator is wrapped, never patched: each
collection page it yields is split into pages of :class:`PageOfPosts`, a view
of the collection that iterates over one page's posts and is otherwise the
collection (its title, feed, href), named for the page it is on, so the posts'
summaries link correctly from ``blog/page/2/``.  Each page's context has
``linkerdblog_pager`` (``number``, ``total``, ``prev`` and ``next`` page
names), which our copy of ablog's ``collection.html`` shows as prev/next links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ablog.post import generate_archive_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Page = tuple[str, dict[str, Any], str]
COLLECTION_TEMPLATE = "ablog/collection.html"


class PageOfPosts:
    """One page of an ablog collection: its posts ``[start:stop]``, its name."""

    def __init__(self, collection: Any, posts: list[Any], docname: str) -> None:
        self._collection = collection
        self._posts = posts
        self.docname = docname  # what the summaries' links are relative to
        self.path = docname

    def __iter__(self) -> Iterator[Any]:
        return iter(self._posts)

    def __len__(self) -> int:
        return len(self._posts)

    def __bool__(self) -> bool:
        return bool(self._posts)

    def __str__(self) -> str:
        return str(self._collection)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._collection, name)


def page_name(docname: str, number: int) -> str:
    """Hugo's URL for page ``number`` of the list at ``docname``: ``blog/page/2/``."""
    return docname if number == 1 else f"{docname}/page/{number}/index"


def paginate(pages: Iterable[Page], size: int) -> Iterator[Page]:
    """ablog's generated pages, each collection page split in pages of ``size``."""
    for pagename, context, template in pages:
        collection = context.get("collection")
        if template != COLLECTION_TEMPLATE or collection is None:
            yield pagename, context, template
            continue
        posts = list(collection)
        total = max(1, -(-len(posts) // size))
        for number in range(1, total + 1):
            name = page_name(pagename, number)
            chunk = posts[(number - 1) * size : number * size]
            page_context = dict(context)
            page_context["collection"] = PageOfPosts(collection, chunk, name)
            page_context["linkerdblog_pager"] = {
                "number": number,
                "total": total,
                "prev": page_name(pagename, number - 1) if number > 1 else None,
                "next": page_name(pagename, number + 1) if number < total else None,
            }
            if number > 1:
                page_context["title"] = f"{context.get('title', '')} (page {number})"
            yield name, page_context, template


def wrap_ablog_pages(app: Sphinx) -> None:
    """``builder-inited``: ablog's page generator, paginated."""
    listeners = app.events.listeners.get("html-collect-pages", [])
    for position, listener in enumerate(listeners):
        if listener.handler is generate_archive_pages:

            def paginated(app: Sphinx) -> Iterator[Page]:
                yield from paginate(generate_archive_pages(app), app.config.linkerdblog_pager_size)

            listeners[position] = listener._replace(handler=paginated)
            return


def setup_pagination(app: Sphinx) -> None:
    """Register the wrapper."""
    app.connect("builder-inited", wrap_ablog_pages)
