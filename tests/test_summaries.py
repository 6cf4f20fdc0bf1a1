"""Summaries as Hugo makes them: Hugo's word count, and what listing pages show.

The pure cases are Hugo's own (``resources/page/page_markup_test.go`` and
``page_markup_integration_test.go``, Markdown only), run through
:mod:`.hugo.summary`.  The build cases use ``tests/roots/test-summaries``: one
post per rule (divider, ``summary``, ``description`` only, an image first, a
short body, a long first paragraph, a list), checked on ablog's tag page and in a
``postlist`` with excerpts, and snapshotted (``tests/test_summaries/``).
"""

from __future__ import annotations

import re

import pytest
from helpers import warnings_of

from sphinxcontrib_linkerdblog.hugo.summary import (
    WordCounter,
    is_cjk_language,
    is_probably_html_token,
    summary_end,
)

# (Hugo test, HTML, summaryLength, isCJKLanguage, Hugo's summary)
HUGO_CASES = [
    ("TestExtractSummaryFromHTML 2", "<p>First paragraph</p>", 10, False, "<p>First paragraph</p>"),
    (
        "TestExtractSummaryFromHTML 3",
        "<p>First paragraph</p><p>Second paragraph</p>",
        2,
        False,
        "<p>First paragraph</p>",
    ),
    (
        "TestExtractSummaryFromHTML 4",
        "<p>First paragraph</p><p>Second paragraph</p><p>Third paragraph</p>",
        3,
        False,
        "<p>First paragraph</p><p>Second paragraph</p>",
    ),
    (
        "TestExtractSummaryFromHTML 6 (CJK)",
        "<p>这是中文，全中文</p><p>a这是中文，全中文</p>",  # noqa: RUF001 (Hugo's case)
        5,
        True,
        "<p>这是中文，全中文</p>",  # noqa: RUF001
    ),
    (
        "TestExtractSummaryFromHTMLLotsOfHTMLInSummary",
        "\n<p>\n<div>\n"
        + "".join(
            f'  <picture>\n    <img src="imgs/{n}.jpg" alt="{n}"/>\n  </picture>\n'
            for n in range(1, 6)
        )
        + "</div>\n</p>\n<p>\nThis is a story about a cat.\n</p>\n"
        "<p>\nThe cat was white and fluffy.\n</p>\n<p>\nAnd it liked milk.\n</p>\n",
        10,
        False,
        "...<p>\nThis is a story about a cat.\n</p>\n<p>\nThe cat was white and fluffy.\n</p>",
    ),
    (
        "TestPageContentWithoutSummary p2",
        "<p>This is some content about a summary and more.</p>\n"
        "<p>Another paragraph.</p>\n<p>Third paragraph.</p>\n",
        5,
        False,
        "<p>This is some content about a summary and more.</p>",
    ),
    ("TestIssue13968 0", "<p>one two three</p>\n", 0, False, ""),
    ("TestIssue13968 1", "<p>one two three</p>\n", 1, False, "<p>one two three</p>"),
    ("TestIssue13968 4", "<p>one two three</p>\n", 4, False, "<p>one two three</p>\n"),
]


@pytest.mark.parametrize(
    ("html", "length", "cjk", "expected"),
    [case[1:] for case in HUGO_CASES],
    ids=[case[0] for case in HUGO_CASES],
)
def test_hugo_cases(html: str, length: int, cjk: bool, expected: str) -> None:
    """Hugo trims the summary's white space; a leading ``...`` means "ends with"."""
    summary = html[: summary_end(html, length, cjk)].strip()
    if expected.startswith("..."):
        assert summary.endswith(expected[3:])
    else:
        assert summary == expected.strip()


@pytest.mark.parametrize(
    ("token", "expected"),
    [("<p>", True), ("<p", True), ('width="32"', True), ("width='32'", True), ("<p>Æøå", False)],
)
def test_is_probably_html_token(token: str, expected: bool) -> None:
    """Hugo's TestIsProbablyHTMLToken."""
    assert is_probably_html_token(token) is expected


def test_word_count_quirks() -> None:
    """As Hugo counts: a link's first word follows ``href="...">``; a one-character
    last word of a paragraph is not counted; an image's alt words after the first are."""
    counter = WordCounter(100)
    counter.add('<p>see <a href="https://x">the docs</a> now')
    assert counter.count == 3  # "<p>see", "docs</a>", "no(w)": "the" is no word to Hugo
    counter = WordCounter(100)
    counter.add("<p>one two a")
    assert counter.count == 2
    counter = WordCounter(100)
    counter.add('<p><img src="x.png" alt="a diagram of it">')
    assert counter.count == 4  # "<p><img", "diagram", "of", 'it"' (the last loses its ">")


def test_cjk_flag() -> None:
    assert is_cjk_language({"isCJKLanguage": True})
    assert is_cjk_language({"iscjklanguage": "true"})
    assert not is_cjk_language({"isCJKLanguage": "yes"})  # strconv.ParseBool refuses it
    assert not is_cjk_language({})


pytestmark_build = pytest.mark.sphinx("html", testroot="summaries", freshenv=True)

_EXCERPT = re.compile(
    r'<h2 class="ablog-post-title">\s*<a href="[^"]*?([\w-]+)\.html">.*?'
    r'<p class="ablog-post-excerpt">(.*?)</p>\s*<p class="ablog-post-expand">',
    re.S,
)


def excerpts(page: str) -> dict[str, str]:
    """Each post's excerpt on one of ablog's collection pages, by post name."""
    return {name: " ".join(text.split()) for name, text in _EXCERPT.findall(page)}


@pytestmark_build
def test_tag_page_summaries(built) -> None:  # type: ignore[no-untyped-def]
    page = (built.outdir / "blog" / "tag" / "summaries.html").read_text(encoding="utf-8")
    found = excerpts(page)
    assert set(found) == {
        "more",
        "front-summary",
        "description-only",
        "image-first",
        "short",
        "long-first",
        "list",
    }
    # 1. the divider: what is before it, its image once (it is also the thumbnail)
    assert "Before the divider" in found["more"] and "After the divider" not in found["more"]
    assert found["more"].count("<img") == 1
    # 2. front matter summary, rendered as Markdown; neither description nor body
    assert "<strong>front-matter</strong>" in found["front-summary"]
    assert 'href="https://example.com/"' in found["front-summary"]
    assert "description" not in found["front-summary"]
    assert "first paragraph" not in found["front-summary"]
    # description only: the automatic summary, not the description
    assert "not a summary" not in found["description-only"]
    assert "First paragraph." in found["description-only"]
    assert "Second paragraph." in found["description-only"]  # 38 words + 38 reach 70
    assert "Third paragraph" not in found["description-only"]
    # an image first: the image once (the thumbnail) and text up to 70 words
    assert found["image-first"].count("<img") == 1
    assert "Text after the image." in found["image-first"] and "More text." in found["image-first"]
    assert "Not in the summary." not in found["image-first"]
    # short: the whole body, its heading as a rubric (ablog drops an excerpt's <h1>)
    assert "The last words of the short post." in found["short"]
    assert '<p class="rubric">Details</p>' in found["short"]
    # long first paragraph: the thumbnail (not in the body), that paragraph whole, no more
    assert found["long-first"].startswith('<p class="linkerdblog-thumbnail"><img')
    assert found["long-first"].endswith("lazy dog.</p>")
    assert "second paragraph" not in found["long-first"]
    # the 70th word in a list's first item: the whole list (Hugo 0.168), no more
    assert "The second item" in found["list"] and "</ol>" in found["list"]
    assert "after the list" not in found["list"]
    assert not [w for w in warnings_of(built) if "linkerdblog" in w]


@pytestmark_build
def test_blog_index_and_postlist(built) -> None:  # type: ignore[no-untyped-def]
    """ablog's blog index shows the same excerpts; a postlist with excerpts too."""
    tag = (built.outdir / "blog" / "tag" / "summaries.html").read_text(encoding="utf-8")
    index = (built.outdir / "blog.html").read_text(encoding="utf-8")
    assert excerpts(index) == {
        name: text.replace("../../", "") for name, text in excerpts(tag).items()
    }
    front = (built.outdir / "index.html").read_text(encoding="utf-8")
    # The thumbnail is added to long-first only: "more" and "image-first" show it already.
    assert front.count("_images/diagram.png") == 3
    assert front.count("linkerdblog-thumbnail") == 1
    assert "Before the divider" in front and "After the divider" not in front
    assert (built.outdir / "_images" / "diagram.png").is_file()


@pytestmark_build
def test_excerpt_snapshot(built, file_regression) -> None:  # type: ignore[no-untyped-def]
    page = (built.outdir / "blog" / "tag" / "summaries.html").read_text(encoding="utf-8")
    text = "\n\n".join(f"{name}:\n{html}" for name, html in sorted(excerpts(page).items()))
    file_regression.check(text + "\n", basename="tag-summaries", extension=".html")


@pytest.mark.sphinx(
    "html",
    testroot="summaries",
    srcdir="summaries-length",
    freshenv=True,
    confoverrides={"linkerdblog_summary_length": 5},
)
def test_summary_length_option(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = (app.outdir / "blog" / "tag" / "summaries.html").read_text(encoding="utf-8")
    found = excerpts(page)
    assert "First paragraph." in found["description-only"]
    assert "Second paragraph." not in found["description-only"]


@pytest.mark.sphinx(
    "html",
    testroot="summaries",
    srcdir="summaries-bad-length",
    freshenv=True,
    confoverrides={"linkerdblog_summary_length": -1},
)
def test_bad_summary_length_warns(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert any(
        "linkerdblog_summary_length = -1 is not valid" in w and "[linkerdblog.config]" in w
        for w in warnings_of(app)
    )
    assert app.config.linkerdblog_summary_length == 70
