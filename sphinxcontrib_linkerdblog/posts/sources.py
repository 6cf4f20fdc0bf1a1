"""The single ``source-read`` hook: Hugo text in, MyST text out, line for line.

For a Hugo content document (a post or ``_index.md``) the front matter, in
YAML, TOML or JSON, is read and normalised here, and its lines are replaced by
the title as an ``# H1`` heading followed by blank lines.  MyST therefore never
sees Hugo's front matter (it only knows YAML), the body's ``##`` headings nest
under the title, and every body line keeps its line number.  Then, in every
Markdown document, shortcodes are rewritten (see :mod:`.hugo.rewrite`).

A Markdown page that is no post (``about.md`` outside ``blog_post_pattern``) may
have Hugo front matter too (:func:`read_page_front_matter`).  In TOML, JSON or
Org, which MyST cannot read and would print as text, it is replaced like a
post's, by the title when the page has no ``# heading`` of its own (else by
blank lines); a block without a readable title gives the file's name.  YAML
is MyST's own front matter (it may hold ``orphan`` or ``myst`` settings) and
stays; its ``title`` becomes the page's heading through MyST's
``title_to_header``, again only on a page without a heading, so no page that
has a title today gets a second one.

What is read here for the document being parsed is handed to later stages
through ``env.temp_data``, which Sphinx clears after each document: parallel
readers never share it.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..hugo.frontmatter import split_front_matter
from ..hugo.metadata import fallback_title, read_front
from ..hugo.rewrite import escape_markdown, rewrite_text
from ..hugo.text import clean, decode
from ..markdown_parser import has_level_one_heading
from ..shortcodes.engine import resolve_url
from ..state import CALLS_KEY, MORE_KEY, PAGE_TITLE_KEY, POST_KEY, TEXT_KEY, get_state
from ..warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _is_markdown(app: Sphinx, docname: str) -> bool:
    suffix = PurePosixPath(str(app.env.doc2path(docname))).suffix
    suffixes = app.config.source_suffix
    return isinstance(suffixes, dict) and suffixes.get(suffix) == "markdown"


def replace_front_matter(text: str, end_line: int, title: str) -> str:
    """Put ``# title`` in place of the first ``end_line`` lines, keeping the line count."""
    cut = 0
    for _ in range(end_line):
        nl = text.find("\n", cut)
        if nl == -1:
            cut = len(text)
            break
        cut = nl + 1
    removed_breaks = text.count("\n", 0, cut)
    heading = "# " + escape_markdown(" ".join(title.split()))
    return heading + "\n" * removed_breaks + text[cut:]


def read_hugo_front_matter(app: Sphinx, docname: str, text: str) -> str:
    """Normalise the document's front matter, report its problems, return the new text."""
    found = get_state(app.env).index.read_front(docname, text)
    front, meta = found.front, found.meta
    for problem in found.problems:
        subtype = {"date": Warn.DATE, "encoding": Warn.ENCODING}.get(
            problem.subtype, Warn.FRONTMATTER
        )
        warn(problem.message, subtype, (docname, problem.line))
    if front.end_line == 0:
        # No front matter block at all: nothing to replace, so no line to put a
        # title on without shifting the body; the first heading stays the title.
        if front.format is None and not front.problems:
            warn(
                "Hugo post has no front matter (no title, no date)", Warn.FRONTMATTER, (docname, 1)
            )
        app.env.temp_data[POST_KEY] = meta
        return text
    title = meta.title
    if not title:
        title = fallback_title(docname, meta)
        warn(
            f"post has no title in its front matter; using {title!r}",
            Warn.FRONTMATTER,
            (docname, 1),
        )
    text = replace_front_matter(text, front.end_line, title)
    meta.title = title
    app.env.temp_data[POST_KEY] = meta
    return text


def read_page_front_matter(app: Sphinx, docname: str, text: str) -> str:
    """Hugo front matter of a page that is no post: see the module docstring."""
    front = split_front_matter(text)
    if front.format is None:
        return text
    myst_config = app.env.myst_config  # type: ignore[attr-defined]
    if front.format == "yaml":
        title = front.data.get("title")
        if (
            isinstance(title, str)
            and title.strip()
            and not has_level_one_heading(text, myst_config)
        ):
            app.env.temp_data[PAGE_TITLE_KEY] = True
        return text
    if front.format != "toml" and front.problems:
        # "{" or "#+" that is no readable JSON or Org block: the page's own text.
        return text
    found = read_front(text)
    for problem in found.problems:
        warn(problem.message, Warn.FRONTMATTER, (docname, problem.line))
    body = replace_front_matter(text, front.end_line, "").removeprefix("# ")  # blank lines
    if has_level_one_heading(body, myst_config):
        return body
    # No title in a block that does not parse, or none at all: the file's name.
    title = found.meta.title or fallback_title(docname, found.meta)
    return replace_front_matter(text, front.end_line, title)


def check_encoding(app: Sphinx, docname: str, text: str) -> None:
    """Warn about a source that was not UTF-8 (Sphinx read it with our codec).

    The codec (:data:`.hugo.text.CODEC`) never fails: bytes that are not UTF-8
    became U+FFFD and a BOM chose UTF-16 or UTF-32.  The file is read again
    only when one of those can have happened.
    """
    path = app.env.doc2path(docname)
    try:
        with open(path, "rb") as stream:
            head = stream.read(4)
            data = head + stream.read() if "\ufffd" in text else b""
    except OSError:
        return
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        name = decode(head).encoding.upper().removesuffix("-LE").removesuffix("-BE")
        warn(
            f"the file is {name}, not UTF-8 (Hugo reads UTF-8); read as {name}",
            Warn.ENCODING,
            (docname, 1),
        )
    elif data:
        found = decode(data)
        if found.bad_line:
            warn(
                f"the file is not UTF-8: {found.bad_bytes} undecodable byte sequence(s), "
                "shown as \ufffd (the first on this line)",
                Warn.ENCODING,
                (docname, found.bad_line),
            )


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Rewrite Hugo front matter and shortcodes of a Markdown document."""
    if not _is_markdown(app, docname):
        return
    check_encoding(app, docname, source[0])
    cleaned = clean(source[0])
    text = cleaned.text
    if cleaned.removed:
        warn(
            f"{cleaned.removed} control character(s) removed (no page or feed can hold "
            "them; the first on this line)",
            Warn.ENCODING,
            (docname, cleaned.first_line),
        )
    if get_state(app.env).index.is_hugo(docname):
        text = read_hugo_front_matter(app, docname, text)
        # Hugo's summary marker (<!--more-->): looked for in the doctree only if here.
        app.env.temp_data[MORE_KEY] = "more" in text
    else:
        text = read_page_front_matter(app, docname, text)
    if "{{" in text:
        rewritten = rewrite_text(text, url_for=lambda entry, _i: resolve_url(app, docname, entry))
        for message, line in rewritten.problems:
            warn(message, Warn.SHORTCODE, (docname, line))
        app.env.temp_data[CALLS_KEY] = rewritten.entries
        text = rewritten.text
    if MORE_KEY in app.env.temp_data:  # a Hugo document
        app.env.temp_data[TEXT_KEY] = text
    source[0] = text


def setup_sources(app: Sphinx) -> None:
    """Connect the hook (before MyST parses anything)."""
    app.connect("source-read", on_source_read, priority=400)
