"""Property tests of the pure core: on any text made of Hugo's tokens, nothing raises.

Hypothesis builds texts from the pieces hostile and broken posts are made of
(shortcode delimiters, names, quotes, raw backticks, escapes, fences, front
matter markers, YAML and TOML syntax, and the three kinds of line end) and
checks, for each:

* the lexer, the rewriter, the front-matter reader and the date parser never
  raise (the date parser may only raise ``ValueError``, which the build turns
  into a warning);
* the rewrite keeps the line count, whatever the line ends (LF, CRLF or a
  lone CR, each one line as CommonMark and MyST count them);
* the sanitiser never raises and never lets a ``<script`` or an ``on*=``
  attribute through, and the URL checks never accept a ``javascript:`` scheme.
"""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_linkerdblog.hugo.dates import parse_date
from sphinxcontrib_linkerdblog.hugo.frontmatter import split_front_matter
from sphinxcontrib_linkerdblog.hugo.html import sanitize
from sphinxcontrib_linkerdblog.hugo.lexer import all_calls, scan
from sphinxcontrib_linkerdblog.hugo.metadata import normalise
from sphinxcontrib_linkerdblog.hugo.rewrite import rewrite_text
from sphinxcontrib_linkerdblog.hugo.text import clean, decode
from sphinxcontrib_linkerdblog.hugo.urls import normalise_path, page_file, safe_url

SHORTCODE_TOKENS = [
    "{{<", "{{%", ">}}", "%}}", "/>}}", "{{</*", "*/>}}", "{{%/*", "*/%}}", "/", " ", "\t",
    "x", "note", "tweet", "ref", "a.b-c", "=", '"', "\\", "`", "``", "```", "~~~", "id=1",
    'k="v w"', "`raw`", "[t](", ")", "]:", "[l]", "(", "#", "*", "_", "<", ">", "<!--", "-->",
    "    ", "- ", "1. ", "text", "é", "\x00", "\u2028",
]  # fmt: skip
FRONT_TOKENS = [
    "---", "+++", "...", "{", "}", "[", "]", ":", ": ", "=", " = ", ",", '"', "'", "title",
    "date", "tags", "params", "author", "draft", "true", "2019-02-30", "Fri, 31 May 2019",
    "1472574600", "&a ", "*a", "- ", "  ", "#", "x", "\\u0000", "&amp;", "<b>", "\t",
]  # fmt: skip
LINE_ENDS = ["\n", "\r\n", "\r"]


GAPS = st.sampled_from([" ", "", "  ", *LINE_ENDS, " \r\n  ", "\t"])
NAMES = st.sampled_from(["note", "tweet", "ref", "x", "a/b", "fig"])
VALUES = st.sampled_from(["1", '"a b"', "`raw\nlines`", "`x\r\ny`", '"q\\"x"', "k=v", "id=`\r`"])


@st.composite
def shortcodes(draw: st.DrawFn) -> str:
    """A well-formed (or nearly) call, spread over lines with any line end."""
    opener, closer = draw(st.sampled_from([("{{<", ">}}"), ("{{%", "%}}"), ("{{<", "%}}")]))
    name = draw(NAMES)
    params = "".join(draw(GAPS) + draw(VALUES) for _ in range(draw(st.integers(0, 3))))
    slash = draw(st.sampled_from(["", "/"]))
    tag = f"{opener}{draw(GAPS)}{slash}{name}{params}{draw(GAPS)}{closer}"
    if draw(st.booleans()):  # paired, with inner content
        inner = draw(st.sampled_from(["", "text", "a\r\nb", "x\ry", "\n\n para \n"]))
        tag += f"{inner}{opener} /{name} {closer}"
    return tag


def texts(tokens: list[str]) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(tokens + LINE_ENDS) | st.text(max_size=3) | shortcodes()
    return st.lists(pieces, max_size=60).map("".join)


def lines(text: str) -> int:
    """Lines as CommonMark counts them: LF, CRLF and a lone CR each end one."""
    return len(re.split(r"\r\n|\r|\n", text))


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts(SHORTCODE_TOKENS))
def test_lexer_never_raises(text: str) -> None:
    result = scan(text)
    for call in all_calls(result.calls):
        assert 0 <= call.start < call.end <= len(text)
        assert call.line <= call.end_line


@FAST
@given(texts(SHORTCODE_TOKENS))
def test_rewrite_keeps_the_line_count(text: str) -> None:
    rewritten = rewrite_text(text, url_for=lambda entry, index: "target.md")
    assert lines(rewritten.text) == lines(text)


@FAST
@given(texts(SHORTCODE_TOKENS))
def test_rewrite_without_urls_keeps_the_line_count(text: str) -> None:
    assert lines(rewrite_text(text).text) == lines(text)


@FAST
@given(texts(FRONT_TOKENS), texts(SHORTCODE_TOKENS))
def test_front_matter_reader_never_raises(front: str, body: str) -> None:
    for opener in ("---\n", "+++\n", "{", ""):
        matter = split_front_matter(opener + front + "\n" + opener.strip() + "\n" + body)
        meta, problems = normalise(matter)
        assert all(problem.line >= 1 for problem in [*matter.problems, *problems])
        assert isinstance(meta.tags, list)


@FAST
@given(
    st.one_of(
        texts(FRONT_TOKENS),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.datetimes(),
        st.dates(),
    )
)
def test_date_parser_raises_only_value_error(value: object) -> None:
    try:
        result = parse_date(value)
    except ValueError:
        return
    assert isinstance(result, datetime) and result.tzinfo is not None


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_decode_and_clean(data: bytes) -> None:
    text = clean(decode(data).text).text
    assert "\r" not in text and "\x00" not in text


HTML_TOKENS = [
    "<", ">", "</", "/>", "script", "img", "a", "svg", "iframe", "style", "div", " ", "=",
    '"', "'", "onerror", "onload", "href", "src", "javascript:", "java\tscript:", "&#106;",
    "&#x09;", "alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "noscript", "title", "x",
]  # fmt: skip


@FAST
@given(texts(HTML_TOKENS))
def test_sanitiser_lets_no_script_through(fragment: str) -> None:
    html = sanitize(fragment).html
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"<[^>]*\son\w*\s*=", html, re.I)
    for value in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert safe_url(value.replace("&amp;", "&")) is not None


@FAST
@given(texts(["javascript:", "JavaScript:", "java", "script", ":", "\t", "\n", " ", "\x00",
              "http:", "https:", "mailto:", "/", "a", "data:", "vbscript:", "%3A"]))  # fmt: skip
def test_safe_url_never_accepts_a_script_scheme(url: str) -> None:
    if safe_url(url) is not None:
        probe = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
        assert not probe.startswith(("javascript:", "vbscript:", "data:"))


@FAST
@given(texts(["/", "..", ".", "\\", "%2e", "%2f", "a", "b.html", "?q", "#f", "\x00", "//"]))
def test_site_paths_stay_inside_the_site(url: str) -> None:
    key = normalise_path(url)
    if key is None:
        return
    assert key.startswith("/") and "/../" not in key + "/" and "\x00" not in key
    page, _reason = page_file(key)
    if page is not None:
        assert not page.startswith("/") and ".." not in page.split("/")
