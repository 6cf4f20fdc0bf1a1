"""Post excerpts as HTML, rendered once, with docutils settings made once.

ablog's ``Post.to_html`` is what every listing page, ablog's Atom feed and our
RSS feeds call to show a post's excerpt (or whole text).  Each call makes a
fresh docutils document, and with it fresh default settings (optparse builds
every option of every docutils component, about a millisecond a call: a tenth
of ablog's generated pages), and ablog calls it again for every listing page
that shows the post.  Here:

* :func:`render` is ``Post.to_html`` step for step (ablog's own helpers
  resolve and translate), with the default settings made once per build;
* :func:`moved_html` renders an excerpt once per post for a page no document
  has and moves its relative paths to each page that shows it; an excerpt
  whose HTML could depend on the page in other ways (a relative ``doc``
  reference, a node of another extension) is rendered once for all listing
  pages whose links start alike (:func:`link_base`);
* the feeds (ablog's Atom feed, through each post object: an instance
  attribute set when the generated pages are collected, ablog's class left as
  it is; our RSS feeds) get :func:`feed_html`, moved the same way.

``CACHE_EXCERPTS = False`` goes back to ablog's own ``to_html`` everywhere, so
a test can compare the two outputs byte for byte.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from functools import partial
from typing import TYPE_CHECKING, Any

from ablog.blog import Blog, html_builder_write_doc, revise_pending_xrefs
from docutils import frontend, nodes
from docutils.utils import new_document
from markupsafe import Markup
from sphinx import addnodes
from sphinx.util.osutil import relative_uri

from .state import MovedPaths, get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CACHE_EXCERPTS = True
"""Render excerpts here, once (tests compare with ablog's own rendering, off)."""

_H1 = re.compile("<h1>(.*?)</h1>")
_NONCE = secrets.token_hex(8)
"""Makes :func:`_raw_token` unguessable, so no post can print one."""


def _raw_token(number: int) -> str:
    """What the ``number``-th raw node of an excerpt prints until :func:`relocate` is done."""
    return f"linkerdblograw{_NONCE}n{number}x"


def render(
    app: Sphinx,
    post: Any,
    pagename: str,
    fulltext: bool = False,
    drop_h1: bool | int = True,
    img_url: bool = False,
    raws: list[str] | None = None,
) -> str:
    """ablog's ``post.to_html(pagename, fulltext, drop_h1, img_url)``, settings made once.

    The document is made as ablog makes it, from docutils' defaults (its
    settings are replaced by the builder's before it is translated).

    :param raws: when given, each raw node's text is put there and the node
        prints :func:`_raw_token` instead (see :func:`relocate`).
    """
    return render_variants(app, post, pagename, fulltext, drop_h1, (img_url,), raws)[0]


def docutils_defaults(app: Sphinx) -> Any:
    """docutils' default settings, made once per build (and so inherited by every fork)."""
    state = get_state(app.env)
    if state.docutils_defaults is None:
        state.docutils_defaults = frontend.get_default_settings()
    return state.docutils_defaults


def render_variants(
    app: Sphinx,
    post: Any,
    pagename: str,
    fulltext: bool,
    drop_h1: bool | int,
    img_urls: tuple[bool, ...],
    raws: list[str] | None = None,
) -> list[str]:
    """:func:`render` for each of ``img_urls``, from one resolved document.

    Resolving references (every post-transform) is most of the work; only the
    translation depends on ``img_url`` (where images point), and it changes
    the image nodes it visits, so each but the last gets its own copy.
    """
    doctree = new_document("", docutils_defaults(app))
    if fulltext:
        deepcopy = post.doctree.deepcopy()
        if isinstance(deepcopy, nodes.document):
            doctree.extend(deepcopy.children)
        else:
            doctree.append(deepcopy)
    else:
        excerpt = nodes.paragraph()
        excerpt.attributes["classes"].append("ablog-post-excerpt")
        for node in post.excerpt:
            excerpt.append(node.deepcopy())
        doctree.append(excerpt)
    if raws is not None:
        for raw in list(doctree.findall(nodes.raw)):
            stand_in = raw.copy()
            stand_in += nodes.Text(_raw_token(len(raws)))
            raws.append(raw.astext())
            raw.replace_self(stand_in)
    revise_pending_xrefs(doctree, pagename)
    app.env.resolve_references(doctree, pagename, app.builder)
    builder: Any = app.builder
    add_permalinks, builder.add_permalinks = builder.add_permalinks, False
    htmls = []
    for number, img_url in enumerate(img_urls):
        shown = doctree if number == len(img_urls) - 1 else doctree.deepcopy()
        html = html_builder_write_doc(builder, pagename, shown, img_url=img_url)
        if drop_h1:
            html = _H1.sub("", html, count=abs(int(drop_h1)))
        htmls.append(html)
    builder.add_permalinks = add_permalinks
    return htmls


def to_html(app: Sphinx, post: Any, pagename: str, **options: Any) -> str:
    """:func:`feed_html`, or ablog's own ``to_html`` when ``CACHE_EXCERPTS`` is off."""
    if not CACHE_EXCERPTS:
        return str(post.to_html(pagename, **options))
    return feed_html(app, post, pagename, **options)


def link_base(target_uri: str) -> str:
    """What a listing page's relative links depend on, as a cache key.

    A relative link depends on the page's depth and on the folders it shares
    with the target.  Excerpts link to posts, images and documents, never into
    the folders that hold only listing pages (a tag's, an author's, the pages of
    a pager, ``blog/tag/linkerd/page/2/``): below its second folder a listing's
    path only counts by its depth.
    """
    parts = posixpath.dirname(target_uri).split("/")
    return "/".join(parts[:2]) + f"#{len(parts)}"


BASE = "_linkerdblog_excerpt_"
"""The page name an excerpt is rendered for once, then moved: no document has it."""
_URL = re.compile(r'(?<= )(href|src)="([^"#?:]*)((?:[#?][^"]*)?)"')
_SAFE_MODULES = ("docutils.nodes", "sphinx.addnodes")
_SAFE_PACKAGES = ("sphinxcontrib_linkerdblog.embeds.",)  # their HTML has no relative path


def _from_page(xref: addnodes.pending_xref) -> bool:
    """Whether ``xref`` is resolved from the folder of the page it is shown on.

    Sphinx's ``doc`` role and MyST's links that are not yet a document
    (``refdomain`` other than ``doc``) join a relative target to the page's
    folder; a MyST link to a document already names it from the root.
    """
    if str(xref.get("reftarget", "")).startswith("/"):
        return False
    kind = xref.get("reftype")
    return kind == "doc" or (kind == "myst" and xref.get("refdomain") != "doc")


def relocatable(post: Any) -> bool:
    """Whether ``post``'s excerpt renders alike for every page but for its links' paths.

    True when every node is docutils', Sphinx's or an embed's (their HTML puts
    paths only in ``href`` and ``src``; raw HTML, whose paths are the author's, is
    left out of the move) and no reference is resolved relative to the page it
    is shown on (a relative ``doc`` target: ablog resolves those from the
    listing page).
    """
    for excerpt in post.excerpt:
        for node in excerpt.findall():
            module = type(node).__module__
            if module not in _SAFE_MODULES and not module.startswith(_SAFE_PACKAGES):
                return False
            if isinstance(node, addnodes.pending_xref) and _from_page(node):
                return False
    return True


def absolute(base_dir: str, path: str) -> str:
    """The target URI (from the output root) of ``path``, relative to ``base_dir``."""
    joined = posixpath.normpath(posixpath.join(base_dir, path))
    if joined == ".":
        return ""
    return joined + "/" if path.endswith("/") or path in (".", "..") else joined


def _move_paths(html: str, base: str, here: str) -> str:
    base_dir = posixpath.dirname(base)

    def move(match: re.Match[str]) -> str:
        attribute, path, rest = match.groups()
        if not path or path.startswith("/"):
            return match.group(0)
        moved = relative_uri(here, absolute(base_dir, path))
        # A link to the page itself: Sphinx's HTML writer prints an empty href as "#".
        return f'{attribute}="{moved or ("" if rest else "#")}{rest}"'

    return _URL.sub(move, html)


def move_paths(html: str, base: str, here: str, memo: MovedPaths | None = None) -> str:
    """``html`` written for the page at URI ``base``, as written for the page ``here``.

    Every relative ``href`` and ``src`` path is made from ``here`` as Sphinx
    makes it (:func:`~sphinx.util.osutil.relative_uri`); fragments, queries,
    absolute and external URLs are left as they are.

    A relative URI depends only on the folder of the page it is written for,
    but for a link to that page itself (``#``).  With ``memo``, the HTML moved
    to a folder is remembered and given to every page of that folder it names
    no link to: a post's sidebars and excerpts are moved once per folder, not
    once per page.
    """
    if memo is None:
        return _move_paths(html, base, here)
    targets = memo.targets.get((html, base))
    if targets is None:
        base_dir = posixpath.dirname(base)
        paths = (match.group(2) for match in _URL.finditer(html))
        targets = {absolute(base_dir, p) for p in paths if p and not p.startswith("/")}
        memo.targets[(html, base)] = targets
    if here in targets:
        return _move_paths(html, base, here)
    key = (html, base, posixpath.dirname(here))
    if key not in memo.moved:
        memo.moved[key] = _move_paths(html, base, here)
    return memo.moved[key]


def relocate(
    html: str, raws: list[str], base: str, here: str, memo: MovedPaths | None = None
) -> str:
    """An excerpt rendered for the page at URI ``base``, as rendered for the page ``here``.

    Its paths are moved (:func:`move_paths`), then its raw HTML is put back
    (``raws``: what each :func:`_raw_token` stands for), and the first ``<h1>``
    dropped after that, as ablog drops it.
    """
    html = move_paths(html, base, here, memo)
    for number, text in enumerate(raws):
        html = html.replace(_raw_token(number), text, 1)
    return _H1.sub("", html, count=1)


def movable(app: Sphinx, post: Any) -> bool:
    """Whether ``post``'s excerpt is :func:`relocatable`, decided once per build."""
    state = get_state(app.env)
    if post.docname not in state.relocatable:
        state.relocatable[post.docname] = relocatable(post)
    return state.relocatable[post.docname]


def render_moved(app: Sphinx, post: Any) -> tuple[list[str], list[str]]:
    """``post``'s excerpt rendered for :data:`BASE`: both ``img_url`` variants (pages show
    one, the feeds the other: absolute image URLs) and its raw texts."""
    raws: list[str] = []
    return render_variants(app, post, BASE, False, False, (False, True), raws), raws


def keep_moved(app: Sphinx, docname: str, both: list[str], raws: list[str]) -> None:
    """Remember :func:`render_moved`'s result for the build."""
    moved = get_state(app.env).moved_excerpts
    for variant, html in zip((False, True), both, strict=True):
        moved[(docname, variant)] = (html, raws)


def moved_html(app: Sphinx, post: Any, pagename: str, img_url: bool = False) -> str | None:
    """``post``'s excerpt for ``pagename``, rendered once and moved; None if it cannot be.

    A :func:`relocatable` excerpt is rendered once per build (both ``img_url``
    variants from one resolved document) for a page no document has, and its
    paths moved for each page that shows it (:func:`relocate`).
    """
    state = get_state(app.env)
    if not movable(app, post):
        return None
    key = (post.docname, img_url)
    if key not in state.moved_excerpts:
        keep_moved(app, post.docname, *render_moved(app, post))
    html, raws = state.moved_excerpts[key]
    builder = app.builder
    base, here = builder.get_target_uri(BASE), builder.get_target_uri(pagename)
    return relocate(html, raws, base, here, state.moved_paths)


def excerpt_html(app: Sphinx, pagename: str, post: Any) -> Markup:
    """ablog's ``post.to_html(pagename)`` for a listing page, rendered once per post.

    ablog renders a post's excerpt again for every listing page that shows it
    (a post with four tags: on ten pages).  What differs between two pages is
    only where their links point from: the excerpt is moved (:func:`moved_html`)
    or, when it cannot be, rendered once for all pages whose links start alike
    (:func:`link_base`: every tag page, every author page, every page of a
    pager).  The cache lives as long as the build.
    """
    if not CACHE_EXCERPTS:
        return Markup(post.to_html(pagename))
    moved = moved_html(app, post, pagename)
    if moved is not None:
        return Markup(moved)
    state = get_state(app.env)
    key = (post.docname, link_base(app.builder.get_target_uri(pagename)))
    if key not in state.excerpts:
        state.excerpts[key] = render(app, post, pagename)
    return Markup(state.excerpts[key])


def feed_html(
    app: Sphinx,
    post: Any,
    pagename: str,
    fulltext: bool = False,
    drop_h1: bool | int = True,
    img_url: bool = False,
) -> str:
    """``post.to_html(...)`` as the feeds call it: moved when it can be, else rendered."""
    if not fulltext and drop_h1 is True:
        moved = moved_html(app, post, pagename, img_url)
        if moved is not None:
            return moved
    return render(app, post, pagename, fulltext, drop_h1, img_url)


def give_posts_render(app: Sphinx) -> list[Any]:
    """``html-collect-pages``, before ablog's feed: its ``post.to_html`` is :func:`feed_html`."""
    if CACHE_EXCERPTS:
        blog = Blog(app)
        for post in [*blog.posts, *blog.drafts]:
            post.to_html = partial(feed_html, app, post)
    return []  # no pages of its own


def setup_excerpts(app: Sphinx) -> None:
    """Hand ablog's posts the once-made settings before its Atom feed is written."""
    app.connect("html-collect-pages", give_posts_render, priority=100)
