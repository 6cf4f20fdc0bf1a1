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
  belong to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def fulltext_wanted(app: Sphinx) -> bool:
    """Whether a feed of the build shows posts' full text."""
    full_rss = getattr(app.config, "linkerdblog_rss_content", "") == "full"
    return bool(getattr(app.config, "blog_feed_fulltext", False)) or full_rss


def lighten_post_info(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after ablog's: excerpts detached, a one-post doctree copy dropped."""
    posts: dict[str, list[dict[str, Any]]] = getattr(app.env, "ablog_posts", {})
    infos = posts.get(app.env.docname, [])
    for info in infos:
        for excerpt in info.get("excerpt") or []:
            for node in excerpt.findall():
                node.document = None
    if len(infos) != 1 or fulltext_wanted(app) or infos[0].get("section"):
        return
    infos[0]["doctree"] = SavedDoctree(app.env.docname)


def setup_ablog_doctrees(app: Sphinx) -> None:
    """Lighten each post's data as it is read (ablog's own listener runs at 500)."""
    app.connect("doctree-read", lighten_post_info, priority=900)
