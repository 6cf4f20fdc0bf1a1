"""ablog's reading made parallel-safe, from our side: ``-j N`` reads in parallel.

ablog declares ``parallel_read_safe = False``, so Sphinx reads every
document in one process as soon as ablog is loaded, whatever ``-j`` says.
What ablog keeps while reading is:

* ``env.ablog_posts``: each post's data by document, filled at
  ``doctree-read`` and purged at ``env-purge-doc``; a parallel reader's
  copy is lost unless it is merged back, which ablog does not do (its
  upstream pull request #330 adds it);
* a post's ``orphan`` flag in ``env.metadata`` and its labels in the ``std``
  domain, which Sphinx merges itself.

So the extension merges ``env.ablog_posts`` at ``env-merge-info`` and then
declares ablog parallel-read safe.  ablog's files are not changed; the merge
is tested (a ``-j 2`` build equals a ``-j 1`` build byte for byte).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def merge_ablog_posts(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take the posts a parallel reader read."""
    theirs: dict[str, Any] = getattr(other, "ablog_posts", {})
    if not hasattr(env, "ablog_posts"):
        env.ablog_posts = {}  # type: ignore[attr-defined]
    ours: dict[str, Any] = env.ablog_posts  # type: ignore[attr-defined]
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def setup_parallel_reading(app: Sphinx) -> None:
    """Merge ablog's posts, and say ablog can be read in parallel (after ablog is set up)."""
    app.connect("env-merge-info", merge_ablog_posts)
    ablog = app.extensions.get("ablog")
    if ablog is not None:
        ablog.parallel_read_safe = True
