"""Raw HTML and URLs in posts: the sanitiser's cases, the three modes, the URL check.

``tests/fixtures/sanitize.md`` lists raw HTML fragments with the HTML the
sanitiser rebuilds and what it reports removed; the build tests check that
``linkerdblog_raw_html`` is honoured and that the example on the security page
gives what the page says.  (Hostile posts in a whole build: ``test_hostile.py``.)
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from helpers import read_cases, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_linkerdblog.hugo.html import sanitize
from sphinxcontrib_linkerdblog.hugo.urls import safe_url, unsafe_url_value

CASES = read_cases(Path(__file__).parent / "fixtures" / "sanitize.md")


@pytest.mark.parametrize(("title", "fragment", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sanitiser(title: str, fragment: str, expected: str) -> None:
    result = sanitize(fragment)
    lines = [result.html, *(f"removed: {what}" for what in result.removed)]
    assert "\n".join(lines) == expected


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/x", True),
        ("http://example.org", True),
        ("mailto:a@example.org", True),
        ("/blog/x/", True),
        ("../x.png", True),
        ("#section", True),
        ("x.html#a:b", True),
        ("//cdn.example.org/x.js", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" \tjava\nscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org/", False),
    ],
)
def test_safe_url(url: str, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


@pytest.mark.parametrize(
    ("value", "unsafe"),
    [
        ("javascript:alert(1)", True),
        ("data:text/html,x", True),
        ("https://example.org", False),
        ("Note: read this first", False),  # text, not a URL
        ("a title", False),
    ],
)
def test_template_parameters_that_are_script_urls(value: str, unsafe: bool) -> None:
    assert unsafe_url_value(value) is unsafe


RAW = 'A <b onclick="alert(1)">bold</b> word.\n\n<script>track()</script>\n\nThe end.'
BASIC = Path(__file__).parent / "roots" / "test-basic"


def build_post(tmp_path: Path, body: str, **overrides: object):  # type: ignore[no-untyped-def]
    """A copy of the basic root with one more post (``blog/raw.md``), built."""
    src = tmp_path / "basic"
    shutil.copytree(BASIC, src)
    (src / "blog" / "raw.md").write_text(
        f"---\ntitle: Raw\ndate: 2020-01-01\n---\n{body}\n", encoding="utf-8"
    )
    app = SphinxTestApp(
        "html", srcdir=src, status=StringIO(), warning=StringIO(), confoverrides=overrides
    )
    app.build()
    html = (Path(app.outdir) / "blog" / "raw.html").read_text(encoding="utf-8")
    app.cleanup()
    return app, html.split('<section id="raw">', 1)[1].split("</section>", 1)[0]


def test_sanitize_mode(tmp_path: Path) -> None:
    app, body = build_post(tmp_path, RAW)
    assert "<b>bold</b>" in body and "onclick" not in body and "track()" not in body
    assert "The end." in body
    assert any("raw.md:5:" in w and "[linkerdblog.html]" in w for w in warnings_of(app))


def test_escape_mode(tmp_path: Path) -> None:
    _app, body = build_post(tmp_path, RAW, linkerdblog_raw_html="escape")
    assert "&lt;b onclick=" in body and "&lt;script&gt;track()&lt;/script&gt;" in body


def test_trust_mode(tmp_path: Path) -> None:
    app, body = build_post(tmp_path, RAW, linkerdblog_raw_html="trust")
    assert '<b onclick="alert(1)">bold</b>' in body and "<script>track()</script>" in body
    assert not any("[linkerdblog.html]" in w for w in warnings_of(app))


def test_security_page_example(tmp_path: Path) -> None:
    """The example of docs/security.md, as the page states it."""
    example = (
        '<span style="color: teal">Teal text</span> <img src="x.png" onerror="alert(1)">\n'
        "<script>track()</script>"
    )
    app, body = build_post(tmp_path, example)
    assert '<span style="color: teal">Teal text</span> <img src="x.png">' in body
    assert "track()" not in body and "onerror" not in body
    found = [w for w in warnings_of(app) if "[linkerdblog.html]" in w]
    assert any("onerror attribute of <img>" in w for w in found)
    assert any("removed <script>" in w for w in found)
