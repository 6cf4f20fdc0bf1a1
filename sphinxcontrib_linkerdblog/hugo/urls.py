"""Hugo's site paths, the files redirects go in, and which URLs are safe to emit (pure).

Three jobs, all on untrusted text from front matter (permalinks themselves are
:mod:`.permalinks`):

* :func:`normalise_path` turns any way of writing a site path (``url``, an
  alias, a link) into one key: percent-decoded, ``\\`` read as ``/``, ``.`` and
  ``..`` resolved, a trailing slash for folders.  A path that climbs above the
  site root, or holds a control character, has no key (``None``);
* :func:`page_file` says which output file a redirect for such a path is: never
  the site root, only pages (``/x/`` or ``/x.html``), every name short enough
  for any file system (a long segment keeps its start and gains a stable hash);
* :func:`safe_url` keeps a URL only when its scheme is http, https or mailto,
  or when it has none (relative), reading it as a browser would (tabs and line
  breaks inside ``java\\tscript:`` are ignored by browsers, so here too).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from urllib.parse import SplitResult, unquote, urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BROWSER_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # stripped or skipped by URL parsers
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_SEGMENT = 200
"""Bytes (UTF-8) a name in an output path may have: file systems allow 255."""
PAGE_SUFFIXES = (".html", ".htm")


def split_url(url: str) -> SplitResult:
    """:func:`urllib.parse.urlsplit`, which never raises: a URL it refuses
    (``//[``, an "invalid IPv6 URL") is read as a bare path, query and fragment."""
    try:
        return urlsplit(url)
    except ValueError:
        rest, _, fragment = url.partition("#")
        path, _, query = rest.partition("?")
        return SplitResult("", "", path, query, fragment)


def normalise_path(url: str) -> str | None:
    """A site path as a key; ``None`` when it leaves the site or holds a control character.

    ``/a/./b/../c`` is ``/a/c/``; ``%2E%2E`` is ``..``; a query and a fragment
    are dropped; a path without a file extension is a folder (``/x`` is ``/x/``).
    """
    path = unquote(split_url(url.replace("\\", "/")).path) or "/"
    if _CONTROL.search(path):
        return None
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                return None  # above the site root
            segments.pop()
            continue
        segments.append(segment)
    folder = path.endswith("/") or path.endswith("/.") or path.endswith("/..")
    result = "/" + "/".join(segments)
    if segments and (folder or not posixpath.splitext(segments[-1])[1]):
        result += "/"
    return result


def site_path(url: str, base_url: str) -> str | None:
    """The site path of a link, if it points into the Hugo site; else None."""
    if url.startswith("/") and not url.startswith("//"):
        return normalise_path(url)
    if base_url and url.startswith(base_url.rstrip("/") + "/"):
        return normalise_path(url[len(base_url.rstrip("/")) :])
    return None


def shorten(segment: str, limit: int = MAX_SEGMENT) -> str:
    """``segment`` if it fits in ``limit`` UTF-8 bytes, else its start, ``-`` and a hash.

    The same long name always gives the same short one, so links and pages agree.
    """
    data = segment.encode("utf-8")
    if len(data) <= limit:
        return segment
    stem, suffix = posixpath.splitext(segment)
    if len(suffix) > 10:
        stem, suffix = segment, ""
    digest = hashlib.sha1(data).hexdigest()[:10]
    room = limit - len(suffix.encode("utf-8")) - len(digest) - 1
    head = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f"{head}-{digest}{suffix}"


def page_file(path: str) -> tuple[str | None, str]:
    """The output file (relative, posix) of a redirect at site path ``path``.

    :param path: a key from :func:`normalise_path`.
    :return: ``(file, "")``, or ``(None, reason)`` when no redirect may be written
        there: the site root (it is the site's own home page) or a name that is
        not a page (``/x.css``: a redirect page is HTML); ``(file, note)`` when a
        name had to be shortened.
    """
    segments = [s for s in path.split("/") if s]
    if not segments or segments in (["index.html"], ["index.htm"]):
        return None, "the site root is the site's own home page, never an alias"
    if path.endswith("/"):
        segments.append("index.html")
    elif not segments[-1].lower().endswith(PAGE_SUFFIXES):
        return None, "a redirect is an HTML page: the path must end in / or .html"
    short = [shorten(s) for s in segments]
    if short != segments:
        return "/".join(short), "a name in it is too long for a file system; shortened"
    return "/".join(short), ""


_URL_LIKE = re.compile(r"[\x00-\x20]*[A-Za-z][A-Za-z0-9+.-]*:[^\s]")


def unsafe_url_value(value: str) -> bool:
    """Whether a parameter value is a URL with a scheme :func:`safe_url` refuses.

    For values whose role is unknown (a site template's parameters): only a
    value that starts like a URL (``scheme:`` and no space after it) counts,
    so a text such as ``Note: read this`` is not one.
    """
    return bool(_URL_LIKE.match(value)) and safe_url(value) is None


def safe_url(url: str) -> str | None:
    """``url`` when it is http(s), mailto or relative; ``None`` for any other scheme.

    The scheme is read as browsers read it: control characters and spaces
    around or inside it do not hide ``javascript:``.
    """
    probe = _BROWSER_IGNORED.sub("", url)
    found = _SCHEME.match(probe)
    if found is None:
        return url
    if found.group(1).lower() in SAFE_SCHEMES:
        return url
    return None
