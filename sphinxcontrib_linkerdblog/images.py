"""Images as Hugo finds them: site-root paths in ``static/``, bundle paths beside the post.

``linkerdblog_static_dirs`` lists Hugo ``static/`` folders (relative to the conf
dir), beside the source folder or inside it.  A site-root path such as
``/uploads/x.png`` is looked up in the source folder, then in each static
folder; a relative path, beside the post (Hugo's page bundles).  A static
folder inside the source folder is added to ``exclude_patterns``: Hugo copies
its files as they are and never renders them, so a ``README.md`` or an
``.html`` file in it is no page of the site (and no "not in any toctree"
warning).  A path that would leave the source folder and the static
folders is refused with a located ``linkerdblog.path`` warning, and the image
is replaced by its alt text: nothing outside them is read or copied.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .hugo.urls import safe_url
from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .hugo.metadata import PostMeta


def folders(app: Sphinx, config: Config, option: str) -> list[Path]:
    """The folders a ``linkerdblog_*`` option lists (relative to the conf dir), resolved;
    one that does not exist is a warning and is left out."""
    roots = []
    for folder in getattr(config, option):
        root = (Path(app.confdir) / folder).resolve()
        if not root.is_dir():
            warn(f"conf.py: {option}: {folder!r} is not a folder; ignored", Warn.CONFIG)
            continue
        roots.append(root)
    return roots


def compute_roots(app: Sphinx, config: Config) -> tuple[list[Path], list[Path]]:
    """``config-inited``: where images may come from, and where any file may.

    Images: the source folder and the static folders.  Other files (includes,
    downloads): those and the folders of ``linkerdblog_read_dirs``.
    """
    static = folders(app, config, "linkerdblog_static_dirs")
    exclude_static(app, config, static)
    images = [Path(app.srcdir).resolve(), *static]
    return images, [*images, *folders(app, config, "linkerdblog_read_dirs")]


def exclude_static(app: Sphinx, config: Config, static: list[Path]) -> None:
    """Static folders inside the source folder hold files, not documents: excluded.

    Run at ``config-inited``, before Sphinx looks for documents.  A static folder
    that *is* the source folder (``["."]``) is left alone: excluding it would
    exclude every page.
    """
    srcdir = Path(app.srcdir).resolve()
    inside = [
        Path(os.path.relpath(root, srcdir)).as_posix()
        for root in static
        if root != srcdir and root.is_relative_to(srcdir)
    ]
    added = [pattern for pattern in inside if pattern not in config.exclude_patterns]
    if added:
        config.exclude_patterns = [*config.exclude_patterns, *added]


def allowed_roots(env: BuildEnvironment) -> list[Path]:
    """The source folder and the configured static folders, resolved."""
    return get_state(env).image_roots or [Path(env.srcdir).resolve()]


def project_file(path: str, docname: str, env: BuildEnvironment) -> str | None:
    """An image path of a post as a source-relative path Sphinx can copy, or None."""
    if not path or "://" in path or safe_url(path) is None:
        return None
    srcdir = Path(env.srcdir)
    found = resolve(path, (srcdir / docname).parent, allowed_roots(env))
    if not isinstance(found, Path):
        return None
    return Path(os.path.relpath(found, srcdir.resolve())).as_posix()


def resolve(uri: str, docdir: Path, roots: list[Path]) -> Path | bool | None:
    """The file an image path names: a Path, ``None`` if absent, ``False`` if refused."""
    if uri.startswith("/"):
        candidates = [(root / uri.lstrip("/")).resolve() for root in roots]
        bases = roots
    else:
        candidates = [(docdir / uri).resolve()]
        bases = roots
    inside = [c for c in candidates if any(c.is_relative_to(base) for base in bases)]
    if not inside:
        return False
    for candidate in inside:
        if candidate.is_file():
            return candidate
    return None


def register_images(app: Sphinx, docname: str, meta: PostMeta, keys: list[str]) -> dict[str, str]:
    """Copy the post's avatars and thumbnail to the output like its own images.

    They are not in the document's text, so Sphinx's image collector does not
    see them; registered here, at read time, the HTML builder copies them.
    :param keys: the post's authors (registry ids, inline profiles' names...).
    :return: author -> avatar path, for the byline.
    """
    authors = get_state(app.env).authors
    avatars: dict[str, str] = {}
    author_line = meta.lines.get("author") or meta.lines.get("authors")
    for author_id in keys:
        author = authors.get(author_id)
        profile = meta.author_profiles.get(author_id, {})
        avatar = author.avatar if author else str(profile.get("avatar") or "")
        rel = project_file(avatar, docname, app.env)
        if rel:
            avatars[author_id] = rel
            app.env.images.add_file(docname, rel)
        elif avatar:
            what = f"the avatar of {author_id!r}"
            # A registry's avatar is the same for every post: said once.
            warn(
                not_shown(what, avatar, "no avatar"), Warn.IMAGE, (docname, author_line), once=True
            )
    thumbnail = project_file(meta.thumbnail or "", docname, app.env)
    if thumbnail:
        app.env.images.add_file(docname, thumbnail)
    elif meta.thumbnail:
        message = not_shown("the thumbnail", meta.thumbnail, "listing pages show no thumbnail")
        warn(message, Warn.IMAGE, (docname, meta.lines.get("thumbnail")))
    return avatars


def not_shown(what: str, path: str, instead: str) -> str:
    """Why an avatar or thumbnail is not shown: a remote file (never requested:
    privacy) or one that is not in the source or static folders."""
    if "://" in path or path.startswith("//"):
        return f"{what} {path!r} is a remote file, never loaded by a page; {instead}"
    return f"{what} {path!r} is in neither the source folder nor the static folders; {instead}"


def sphinx_path(uri: str, srcdir: Path, docdir: Path) -> Path:
    """The file Sphinx itself reads for an image path: a site-root path in the
    source folder, another beside the document."""
    if uri.startswith("/"):
        return (srcdir / uri.lstrip("/")).resolve()
    return (docdir / uri).resolve()


def restore_line(image: nodes.image) -> None:
    """The image's line, from the nearest ancestor that has one, if it has none."""
    if image.line:
        return
    parent = image.parent
    while parent is not None and not parent.line:
        parent = parent.parent
    if parent is not None:
        image.line = parent.line
        image.source = image.source or parent.source


class ResolveImages(SphinxTransform):
    """Point images at their file in the static folders; refuse escaping paths.

    Priority 150: after parsing, before Sphinx collects images at doctree-read.
    Each image gets back the line Sphinx's source workaround (priority 10) set to
    0, so that Sphinx's own warnings about it (``image.not_readable``...) say
    ``file:line``, not ``file::``.  In a Hugo post ``*`` is no glob (Hugo has
    none): a path with one is a file like any other.
    """

    default_priority = 150

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.env.srcdir)
        roots = allowed_roots(self.env)
        docdir = (srcdir / self.env.docname).parent
        hugo = get_state(self.env).index.is_hugo(self.env.docname)
        for image in list(self.document.findall(nodes.image)):
            restore_line(image)
            uri = image.get("uri", "")
            if not uri or "://" in uri or uri.startswith("data:"):
                continue
            found = resolve(uri, docdir, roots)
            if found is False:
                warn(
                    f"image path {uri!r} leaves the source and static folders; refused",
                    Warn.PATH,
                    image,
                )
                alt = image.get("alt") or uri
                image.replace_self(nodes.inline(alt, alt, classes=["linkerdblog-refused"]))
            elif isinstance(found, Path) and found != sphinx_path(uri, srcdir, docdir):
                # In a static folder (beside the sources or inside them), not where
                # Sphinx would look: a path relative to the page.
                image["uri"] = Path(os.path.relpath(found, docdir)).as_posix()
            elif found is None and (hugo or "*" not in uri):
                self.missing(image, uri)

    def missing(self, image: nodes.image, uri: str) -> None:
        """A missing file: warn once here, keep the site path in HTML, alt text elsewhere.

        Left to Sphinx, the image would stay a dependency that can never be
        satisfied, and the post would be read again on every build.
        """
        warn(
            f"image file {uri!r} is in neither the source folder nor the static folders; "
            "HTML keeps the path as written",
            Warn.IMAGE,
            image,
        )
        alt = image.get("alt") or ""
        html = f'<img src="{escape(uri)}" alt="{escape(alt)}" />'
        kept = nodes.inline("", "", classes=["linkerdblog-missing-image"])
        kept += nodes.raw("", html, format="html")
        if alt:
            other = addnodes.only(expr="not html")
            other += nodes.inline(alt, alt)
            kept += other
        link = image.parent
        image.replace_self(kept)
        if isinstance(link, nodes.reference) and not isinstance(link.parent, nodes.TextElement):
            # A linked image alone in a figure: writers expect an image there,
            # so the link (kept) now stands in a paragraph of its own.
            paragraph = nodes.paragraph("", "", classes=["linkerdblog-missing-image"])
            link.replace_self(paragraph)
            paragraph += link


def setup_images(app: Sphinx) -> None:
    """Register the transform (the folders are resolved with the build state)."""
    app.add_transform(ResolveImages)
