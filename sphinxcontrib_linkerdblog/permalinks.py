"""Keep every old Hugo URL alive: permalinks, aliases, redirects, link rewriting.

``linkerdblog_permalinks`` takes Hugo's pattern (``"/:year/:month/:day/:slug/"``);
a post's ``url`` overrides it and its ``aliases`` add more.  For every such URL
an HTML redirect page is written (relative meta refresh, canonical link, script
fallback), so inbound links keep working; and links inside posts that use these
URLs, site-root (``/2019/05/18/x/``) or absolute under
``linkerdblog_base_url``, are turned into links to the post's page.

The URL map is computed with the post index, before any document is read, from
front matter only: identical in every parallel reader.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from .unchanged_pages import write_if_changed
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

TOKENS = (
    "year",
    "month",
    "monthname",
    "day",
    "slug",
    "title",
    "filename",
    "section",
    "slugorfilename",
    "contentbasename",
)
_TOKEN = re.compile(r":([a-z]+)")
_URLIZE_DROP = re.compile(r"[^\w\s/.-]")
_URLIZE_SPACE = re.compile(r"[\s]+")


def urlize(text: str) -> str:
    """Hugo's ``urlize``: lower case, spaces to hyphens, punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = _URLIZE_DROP.sub("", text)
    return _URLIZE_SPACE.sub("-", text)


def check_pattern(pattern: str) -> list[str]:
    """The unknown tokens of a permalink pattern."""
    return [token for token in _TOKEN.findall(pattern) if token not in TOKENS]


@dataclass(frozen=True, slots=True)
class PostURLs:
    """Where a post was on the Hugo site."""

    permalink: str | None
    aliases: tuple[str, ...]


def expand(
    pattern: str, docname: str, date: datetime | None, slug: str | None, title: str | None
) -> str | None:
    """Hugo's permalink for one post; ``None`` when a needed value is missing."""
    parts = docname.split("/")
    filename = parts[-2] if parts[-1] in ("index", "_index") and len(parts) > 1 else parts[-1]
    values = {
        "section": parts[0] if len(parts) > 1 else "",
        "filename": filename,
        "contentbasename": filename,
        "slug": slug or urlize(title or filename),
        "slugorfilename": slug or filename,
        "title": urlize(title or filename),
    }
    if date is not None:
        values.update(
            year=f"{date.year:04d}",
            month=f"{date.month:02d}",
            monthname=date.strftime("%B").lower(),
            day=f"{date.day:02d}",
        )
    missing: list[str] = []

    def token(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            missing.append(name)
            return ""
        return values[name]

    url = _TOKEN.sub(token, pattern)
    return None if missing else normalise_path(url)


def normalise_path(url: str) -> str:
    """A site path as a key: leading slash, no query, trailing slash for folders."""
    path = urlsplit(url).path or "/"
    if not path.startswith("/"):
        path = "/" + path
    if not posixpath.splitext(path)[1] and not path.endswith("/"):
        path += "/"
    return path


def site_path(url: str, base_url: str) -> str | None:
    """The site path of a link, if it points into the Hugo site; else None."""
    if url.startswith("/") and not url.startswith("//"):
        return normalise_path(url)
    if base_url and url.startswith(base_url.rstrip("/") + "/"):
        return normalise_path(url[len(base_url.rstrip("/")) :])
    return None


REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting to {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
<script>window.location.replace({target_js});</script>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_html(target: str, canonical: str, title: str) -> str:
    """A redirect page; every value is escaped for its context."""
    return REDIRECT.format(
        title=html.escape(title),
        canonical=html.escape(canonical),
        target=html.escape(target),
        target_js=_js_string(target),
    )


def _js_string(text: str) -> str:
    escaped = "".join(c if c.isalnum() or c in "/.-_#" else f"\\u{ord(c):04x}" for c in text)
    return f'"{escaped}"'


def write_redirects(app: Sphinx) -> None:
    """Write (only when changed) a redirect page at every permalink and alias."""
    from .posts import get_index

    builder = app.builder
    if builder.format != "html" or builder.name.startswith(("epub", "singlehtml")):
        return
    index = get_index(app.config)
    # The canonical URL is the page's new home, not the old Hugo site.
    base = app.config.html_baseurl or getattr(app.config, "blog_baseurl", "") or ""
    made: set[Path] = set()
    for path, docname in index.urls.items():
        if docname not in app.env.found_docs:
            continue
        page = path.strip("/") + ("/index.html" if path.endswith("/") else "")
        if not page or page.removesuffix(".html") in app.env.all_docs:
            continue  # never overwrite a page of the project
        target_uri = builder.get_target_uri(docname)
        target = relative_uri(page, target_uri)
        canonical = (base.rstrip("/") + "/" + target_uri) if base else target_uri
        title = index.posts[docname].title or docname
        out = builder.outdir / page
        content = redirect_html(target, canonical, title)
        if out.is_dir():
            continue
        make_parents(out, builder.outdir, made)
        write_if_changed(out, content.encode("utf-8"))


def make_parents(path: Path, root: Path, made: set[Path]) -> None:
    """Create ``path``'s missing folders below ``root``, each checked once per build.

    Hugo permalinks nest (``/2022/12/01/slug/``): hundreds of folders, shared
    by many pages, on a file system where every ``mkdir`` costs.
    """
    missing = []
    parent = path.parent
    while parent != root and parent not in made:
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        if not folder.is_dir():
            folder.mkdir()
        made.add(folder)


class RewriteSiteLinks(SphinxPostTransform):
    """Absolute links under ``linkerdblog_base_url`` to a post become internal."""

    default_priority = 5  # before Sphinx resolves references (10)

    def run(self, **kwargs: Any) -> None:
        from .posts import get_index

        base = self.config.linkerdblog_base_url
        if not base:
            return
        index = get_index(self.config)
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            path = site_path(uri, base) if uri.startswith(("http://", "https://")) else None
            docname = index.urls.get(path) if path else None
            if docname is None:
                continue
            fragment = urlsplit(uri).fragment
            new = make_refnode(
                self.app.builder,
                self.env.docname,
                docname,
                fragment,
                ref.deepcopy().children[0] if ref.children else nodes.Text(uri),
            )
            new["classes"] = ref.get("classes", [])
            ref.replace_self(new)


def resolve_site_link(
    builder: Builder, fromdocname: str, target: str, contnode: nodes.Element, config: Config
) -> nodes.Element | None:
    """A MyST link to a site-root Hugo URL, as a link to the post (or None)."""
    from .posts import get_index

    base = config.linkerdblog_base_url
    path = site_path(target, base)
    if path is None:
        return None
    docname = get_index(config).urls.get(path)
    if docname is None:
        if not base or not target.startswith("/"):
            return None
        # Another page of the Hugo site (docs, community...): keep it working there.
        return nodes.reference(
            "", "", *contnode.children, internal=False, refuri=base.rstrip("/") + target
        )
    return make_refnode(builder, fromdocname, docname, urlsplit(target).fragment, contnode)


def report_conflicts(
    urls: dict[str, list[str]], paths: dict[str, str], srcdir: str
) -> dict[str, str]:
    """One docname per URL; a URL claimed by two posts is a warning naming both.

    This runs before the environment exists, so the location is a file path.
    """
    result: dict[str, str] = {}
    for url, docnames in urls.items():
        unique = sorted(set(docnames))
        if len(unique) > 1:
            first, *others = unique
            for other in others:
                warn(
                    f"{url} is the permalink or an alias of both {paths[first]} and "
                    f"{paths[other]}; it goes to {paths[first]}",
                    Warn.ALIAS,
                    f"{posixpath.join(srcdir, paths[other])}:1",
                )
        result[url] = unique[0]
    return result


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Redirects are written once every page exists (and only after a good build)."""
    if exception is None:
        write_redirects(app)


def setup_permalinks(app: Sphinx) -> None:
    """Register the redirect writer and the link rewriting."""
    app.add_post_transform(RewriteSiteLinks)
    app.connect("build-finished", on_build_finished)
