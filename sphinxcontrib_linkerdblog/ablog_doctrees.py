"""ablog's per-post data made light: no second copy of every post's doctree.

ablog keeps, in ``env.ablog_posts``, a deep copy of each post's whole doctree
and a copy of its excerpt's nodes.  Both are pickled into the environment,
loaded again on every rebuild, sent back by every parallel reader and held in
memory to the end of the process:

* the doctree copy's only use is a feed or template that asks for a post's
  full text (``blog_feed_fulltext``, ``linkerdblog_rss_content = "full"``, or
  ``post.to_html(..., fulltext=True)`` in a site template).  For a document
  that is one post, when no full-text feed is configured, it is replaced by
  :class:`SavedDoctree`, which gives the same document back from Sphinx's own
  pickled doctree if a template still asks for it (a document with several
  posts keeps ablog's copies: each is one section);
* the excerpt's nodes still point at the document they were copied from
  (docutils' ``node.document``), so pickling a post's excerpt pickled its
  whole document, through that document's ``ids``: on the Linkerd blog, 4.6 of
  the environment's 6 MB.  The copies are detached; when ablog renders an
  excerpt it puts the copies into a new document of its own, which they then
  belong to;
* the excerpt's nodes are kept pickled (:class:`SavedExcerpt`): a parallel
  reader sends back the whole environment, everything merged before it
  included, and the main process unpickled every post's excerpt again for
  each reader (on a 600-post blog, 40% of the environment).  Bytes unpickle
  at the cost of a copy; the nodes are loaded once, when a page first shows
  them.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

from ablog.blog import Blog

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class SavedDoctree:
    """Stands in for ablog's copy of a post's doctree: Sphinx's pickled one, on demand."""

    def __init__(self, docname: str) -> None:
        self.docname = docname

    def deepcopy(self) -> nodes.document:
        """What ablog's ``to_html(fulltext=True)`` asks of its copy: a fresh document."""
        app: Any = Blog._dict["app"]
        return app.env.get_doctree(self.docname)  # unpickled anew: a copy

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # pickle and copy look for hooks: none here
            raise AttributeError(name)
        return getattr(self.deepcopy(), name)


class SavedExcerpt(Sequence["nodes.Node"]):
    """A post's excerpt nodes (ablog's list), pickled as bytes and loaded once, on first use."""

    __slots__ = ("_data", "_nodes")

    def __init__(self, excerpt: list[nodes.Node]) -> None:
        self._data = pickle.dumps(excerpt, pickle.HIGHEST_PROTOCOL)
        self._nodes: list[nodes.Node] | None = excerpt

    def _loaded(self) -> list[nodes.Node]:
        if self._nodes is None:
            self._nodes = pickle.loads(self._data)  # bytes of this environment, as trusted
        return self._nodes

    @overload
    def __getitem__(self, index: int) -> nodes.Node: ...
    @overload
    def __getitem__(self, index: slice) -> list[nodes.Node]: ...
    def __getitem__(self, index: int | slice) -> nodes.Node | list[nodes.Node]:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Iterator[nodes.Node]:
        return iter(self._loaded())

    def __getstate__(self) -> bytes:
        return self._data

    def __setstate__(self, data: bytes) -> None:
        self._data, self._nodes = data, None


def fulltext_wanted(app: Sphinx) -> bool:
    """Whether a feed of the build shows posts' full text."""
    full_rss = getattr(app.config, "linkerdblog_rss_content", "") == "full"
    return bool(getattr(app.config, "blog_feed_fulltext", False)) or full_rss


def lighten_post_info(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after ablog's: excerpts detached and saved, a one-post doctree dropped."""
    posts: dict[str, list[dict[str, Any]]] = getattr(app.env, "ablog_posts", {})
    infos = posts.get(app.env.docname, [])
    for info in infos:
        excerpt = info.get("excerpt") or []
        for part in excerpt:
            for node in part.findall():
                node.document = None
        if isinstance(excerpt, list):
            info["excerpt"] = SavedExcerpt(excerpt)
    if len(infos) != 1 or fulltext_wanted(app) or infos[0].get("section"):
        return
    infos[0]["doctree"] = SavedDoctree(app.env.docname)


def setup_ablog_doctrees(app: Sphinx) -> None:
    """Lighten each post's data as it is read (ablog's own listener runs at 500)."""
    app.connect("doctree-read", lighten_post_info, priority=900)
