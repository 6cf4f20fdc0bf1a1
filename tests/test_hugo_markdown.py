"""Hugo posts parsed as Goldmark reads them; shortcodes in every Markdown context.

The root ``test-hugo-markdown`` has one post with a shortcode in each context
Hugo allows (reference definitions with and without ``<...>``, footnotes, HTML
blocks and tags, tables, list items, quotes, headings, several in one URL) and
one with Goldmark's features; its front page is not a Hugo post and keeps
MyST's own Markdown.
"""

from __future__ import annotations

import pytest
from helpers import body, doctree_text, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="hugo-markdown", freshenv=True)

PLACEHOLDERS = ("{linkerdblog-sc}", "linkerdblog-sc%7D", "linkerdblog-missing:")


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (app.outdir / "blog" / f"{name}.html").read_text(encoding="utf-8")


def test_no_warning_and_no_placeholder_anywhere(built) -> None:
    assert warnings_of(built) == []
    for path in built.outdir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [p for p in PLACEHOLDERS if p in text], path


@pytest.mark.parametrize(
    "expected",
    [
        # reference definitions: <...>, two calls in one URL, a call then more URL
        '<a class="reference external" href="https://example.org/canon">canon</a>',
        'href="https://example.org/event?a=1&amp;b=2">event</a>',
        'href="https://github.com/example/quarry/blob/main/CHANGELOG.md">changelog</a>',
        # a footnote whose text is a call ({{% %}}: Markdown)
        "<p>Docker <strong>Compose</strong> v2</p>",
        "<p>Plain, then PARAMWORD.</p>",
        # inside HTML: the embed between tags, the values in attributes and cells
        '<div class="card"><div class="linkerdblog-embed linkerdblog-youtube"',
        '<a href="https://github.com/example/quarry/issues">issues</a>',
        '<a href="other.html">other</a>',
        "<td><p>PARAMWORD</p>",
        # a table cell and a URL made of two calls
        'href="https://github.com/example/quarry/blob/PARAMWORD/src">x</a>',
        "<li><p>item PARAMWORD</p></li>",
        "<p>quote PARAMWORD</p>",
        'data-linkerdblog-src="https://www.youtube-nocookie.com/embed/abcdefghijk"',
        "Heading PARAMWORD",
        'data-linkerdblog-src="https://www.youtube-nocookie.com/embed/ZYXWVUTSRQP"',
    ],
)
def test_shortcodes_in_every_context(built, expected: str) -> None:
    assert expected in page(built, "contexts")


@pytest.mark.parametrize(
    "expected",
    [
        '<section class="special" id="custom-id">',
        '<a class="reference internal" href="#custom-id">custom</a>',
        'href="#f1">raw anchor</a>',
        '<p class="lead">A paragraph with a class.</p>',
        '<table class="border-0 docutils align-default">',
        '<span class="linkerdblog-del">struck</span>',
        '<span class="linkerdblog-del">single</span>',
        'href="http://www.example.com">www.example.com</a>',
        'href="https://example.org/x">https://example.org/x</a>',
        'href="mailto:',
        "<dt>Term</dt><dd><p>Definition</p>",
        'class="task-list-item-checkbox" checked="checked" disabled="disabled"',
        '<div class="admonition note">',
        "<p>An alert with <strong>bold</strong>.</p>",
        '<p class="admonition-title">Careful now</p>',
        '<div class="highlight-text notranslate">',  # mermaid: plain, as Chroma shows it
        "Click »&gt; here, not <code",
        '<span class="pre">&gt;&gt;</span>',
    ],
)
def test_goldmark_markdown(built, expected: str) -> None:
    assert expected in page(built, "goldmark")


def test_other_documents_keep_myst_markdown(built) -> None:
    html = body(built.outdir / "index.html")
    assert "~~this~~" in html and "www.example.com is text" in html
    assert 'href="http://www.example.com"' not in html


def test_doctree_snapshot(built, file_regression) -> None:
    text = doctree_text(built, "blog/contexts", resolved=True)
    file_regression.check(text, basename="contexts_resolved", extension=".xml")
