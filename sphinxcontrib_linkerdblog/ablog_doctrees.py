"""ablog's copy of every post's doctree, kept only where it is used.

ablog deep-copies each post's whole doctree when it is read and keeps the copy
in ``env.ablog_posts``: it is pickled into the environment, loaded again on
every rebuild and held in memory to the end of the process, though the only
use of it is a feed or template that asks for a post's full text
(``blog_feed_fulltext``, ``linkerdblog_rss_content = "full"``, or
``post.to_html(..., fulltext=True)`` in a site template).  On the Linkerd blog
it is a tenth of the objects a build holds at its end.

So for a document that is one post, when no full-text feed is configured, the
copy is replaced by :class:`SavedDoctree`, which gives the same document back
from Sphinx's own pickled doctree if a template still asks for it.  A
document with several posts keeps ablog's copies (each is one section).
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


def drop_doctree_copy(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after ablog's: a one-post document's copy becomes a stand-in."""
    posts: dict[str, list[dict[str, Any]]] = getattr(app.env, "ablog_posts", {})
    infos = posts.get(app.env.docname, [])
    if len(infos) != 1 or fulltext_wanted(app) or infos[0].get("section"):
        return
    infos[0]["doctree"] = SavedDoctree(app.env.docname)


def setup_ablog_doctrees(app: Sphinx) -> None:
    """Replace the copies as posts are read (ablog's own listener runs at 500)."""
    app.connect("doctree-read", drop_doctree_copy, priority=900)
