"""One Hugo post as plain MyST with ablog front matter.

The body goes through the build's own rewriter (:func:`..hugo.rewrite.
rewrite_text`), which finds every call, knows which stand alone on their lines
and which sit in a link destination, and leaves a numbered placeholder for
each.  Here each placeholder is replaced by :func:`.myst.write_call`'s MyST
(inner content first, so nested calls work), instead of being parsed.  Line
numbers no longer need to be kept: problems are reported with the post's own
lines before anything moves.

The front matter becomes YAML that ablog's ``CheckFrontMatter`` reads
(``blogpost``, ``date``, ``author``, ``tags``, ``category``, ``redirect`` for
Hugo's aliases), and the title an ``# H1`` heading, as the extension makes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ...hugo.authors_text import author_keys, post_authors
from ...hugo.content import canonical, raw_terms
from ...hugo.frontmatter import Problem
from ...hugo.metadata import PostMeta, ReadFront, fallback_title
from ...hugo.rewrite import MISSING_SCHEME, ROLE, Entry, rewrite_text
from ...hugo.urls import normalise_path, page_file, site_path, split_url
from ...posts.ablog_bridge import ablog_date
from ...shortcodes.dispatch import run_url
from .myst import Document, TextContext, escape, write_call

if TYPE_CHECKING:
    from collections.abc import Iterable

_FENCE = re.compile(r"```\{" + re.escape(ROLE) + r"\} (\d+)\n+([ \t]*)```")
_ROLE = re.compile(r"\{" + re.escape(ROLE) + r"\}`(\d+)(?:\n\d+)*`")
_MISSING_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?" + MISSING_SCHEME + r":(\d+)>?\s*\)")
_MISSING = re.compile(MISSING_SCHEME + r":(\d+)")
# A link destination (inline or a reference definition) and a fence's info string.
_LINK = re.compile(r"(\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s)>]+)", re.M)
_TXT_FENCE = re.compile(r"^([ \t]*(?:`{3,}|~{3,})[ \t]*)(?:txt|plain)\b", re.M)


@dataclass(slots=True)
class Converted:
    """A post's new text and what went wrong on the way (never fatal)."""

    text: str
    problems: list[Problem] = field(default_factory=list)


def alias_pages(aliases: Iterable[str]) -> list[str]:
    """Hugo aliases as ablog ``redirect`` page names (``/a/b/`` -> ``a/b/index``).

    Only where the build would write a redirect (see :func:`..hugo.urls.page_file`),
    and never a name with a comma (ablog splits the list on commas).
    """
    pages = []
    for alias in aliases:
        key = normalise_path(alias)
        page = page_file(key)[0] if key is not None else None
        if page is None or "," in page:
            continue
        pages.append(page.removesuffix(".html").removesuffix(".htm"))
    return pages


def excerpt_length(body: str) -> int | None:
    """Paragraphs before Hugo's ``<!--more-->``: ablog's ``excerpt``, so list pages
    show the same summary as the build (``None`` without a marker)."""
    marker = body.find("<!--more-->")
    if marker == -1:
        return None
    blocks = [b for b in re.split(r"\n[ \t]*\n", body[:marker]) if b.strip()]
    return sum(1 for b in blocks if not b.lstrip().startswith("#")) or None


def front_matter(
    meta: PostMeta, *, post: bool, spellings: dict[str, str], tags_from: Any, excerpt: int | None
) -> str:
    """The YAML block ablog reads (``orphan`` for a list page, which is no post)."""
    data: dict[str, Any] = {}
    if post:
        data["blogpost"] = True
        if meta.title:
            data["title"] = " ".join(meta.title.split())  # ablog lists it as written
        date = ablog_date(meta)
        if date:
            data["date"] = date
        # The people, as the build gives them to ablog (ablog splits this at commas).
        authors = author_keys(post_authors(meta.authors, meta.author_profiles))
        if authors:
            data["author"] = ", ".join(" ".join(a.replace(",", " ").split()) for a in authors)
        tags = canonical(raw_terms(meta, tags_from), spellings)
        if tags:
            data["tags"] = ", ".join(t.replace(",", " ") for t in tags)
        if meta.categories:
            data["category"] = ", ".join(meta.categories)
        if excerpt:
            data["excerpt"] = excerpt
        redirects = alias_pages(meta.aliases)
        if redirects:
            data["redirect"] = ", ".join(redirects)
    else:
        data["orphan"] = True
    for key in ("description", "summary"):
        if getattr(meta, key):
            data[key] = " ".join(str(getattr(meta, key)).split())
    if meta.keywords:
        data["keywords"] = ", ".join(meta.keywords)
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n"


class _Expander:
    """Replaces the rewriter's placeholders, innermost first."""

    def __init__(self, entries: list[Entry], doc: Document) -> None:
        self.entries, self.doc = entries, doc

    def expand(self, text: str) -> str:
        text = _FENCE.sub(lambda m: self._block(int(m.group(1)), m.group(2)), text)
        text = _ROLE.sub(self._inline, text)
        text = _MISSING_LINK.sub(self._unlink, text)
        return _MISSING.sub(lambda m: self.entries[int(m.group(1))].source, text)

    def _write(self, index: int) -> str:
        entry = self.entries[index]
        return write_call(entry, self.doc, self.expand(entry.inner))

    def _block(self, index: int, indent: str) -> str:
        body = self._write(index).strip("\n")
        return "\n" + "\n".join(indent + line if line else line for line in body.split("\n")) + "\n"

    def _inline(self, match: re.Match[str]) -> str:
        index = int(match.group(1))
        if not self.entries[index].block:
            return self._write(index)
        line_start = match.string.rfind("\n", 0, match.start()) + 1
        indent = match.string[line_start : match.start()]
        if indent.strip():
            return self._write(index)
        return self._block(index, indent).lstrip("\n") + "\n"

    def _unlink(self, match: re.Match[str]) -> str:
        """A link whose target could not be found becomes its text, as in the build."""
        return match.group(1)


def _url(doc: Document) -> Any:
    """The rewriter's URL callback: where a call in a link destination points
    (the build's :func:`..shortcodes.dispatch.run_url`, on the converted files)."""

    def url_for(entry: Entry, _index: int) -> str | None:
        return run_url(TextContext(entry, doc, entry.inner), doc.registry)

    return url_for


_CODE_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def tidy_blank_lines(text: str) -> str:
    """At most one blank line in a row, except inside code fences (where they are code).

    The calls leave blank lines around the blocks that replace them; a
    converted file is meant to be read and edited by people.
    """
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        match = _CODE_FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
        elif match:
            fence = match.group(1)
        elif not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return "\n".join(out)


def site_links(body: str, doc: Document) -> str:
    """Links to the Hugo site's own post URLs become links to the posts' files.

    The build does this when it resolves links (:mod:`..permalinks`); plain
    MyST cannot, so ``convert`` writes the relative path instead.  Other
    site-root links go to ``linkerdblog_base_url`` when it is set.
    """
    base = getattr(doc.config, "linkerdblog_base_url", "") or ""

    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        path = site_path(url, base)
        if path is None:
            return match.group()
        fragment = split_url(url).fragment
        docname = doc.urls.get(path)
        if docname is not None:
            new = doc.relative(docname, "#" + fragment if fragment else "")
        elif base and url.startswith("/") and not url.startswith("//"):
            new = base.rstrip("/") + url
        else:
            return match.group()
        return match.group(1) + new

    return _LINK.sub(replace, body)


def convert_text(
    text: str,
    found: ReadFront,
    doc: Document,
    *,
    post: bool,
    spellings: dict[str, str],
    tags_from: Any,
) -> Converted:
    """The post as plain MyST: front matter for ablog, ``# title``, converted body.

    ``found`` is the text's front matter as the post index read it (parsed once).
    """
    meta, front = found.meta, found.front
    doc.page = meta
    problems = doc.problems
    problems.extend(found.problems)
    body = "\n".join(text.split("\n")[front.end_line :]) if front.end_line else text
    first_line = front.end_line + 1
    if "{{" in body:
        rewritten = rewrite_text(body, url_for=_url(doc), first_line=first_line)
        problems.extend(Problem(message, "shortcode", line) for message, line in rewritten.problems)
        body = _Expander(rewritten.entries, doc).expand(rewritten.text)
    if doc.urls:
        body = site_links(body, doc)
    body = _TXT_FENCE.sub(r"\1text", body)  # the build knows txt/plain; Pygments does not
    head = front_matter(
        meta, post=post, spellings=spellings, tags_from=tags_from, excerpt=excerpt_length(body)
    )
    for alias in meta.aliases:
        if post and not alias_pages([alias]):
            message = f"alias {alias!r} cannot be an ablog redirect page; it is left out"
            problems.append(Problem(message, "alias", meta.lines.get("aliases", 1)))
    title = meta.title
    if not title:
        title = fallback_title(doc.docname, meta)
        problems.append(
            Problem(f"post has no title in its front matter; using {title!r}", "frontmatter", 1)
        )
    head += f"\n# {escape(' '.join(title.split()))}\n"
    text = head + "\n" + tidy_blank_lines(body.lstrip("\n")).rstrip("\n") + "\n"
    return Converted(text, sorted(problems, key=lambda p: p.line))
