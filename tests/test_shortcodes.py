"""Every built-in shortcode in every parameter form, site shortcodes, bad input."""

from __future__ import annotations

import re

import pytest
from conftest import warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="shortcodes", freshenv=True)


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    html = (app.outdir / "blog" / f"{name}.html").read_text(encoding="utf-8")
    return html.split('<div class="body" role="main">', 1)[1].split('<div class="section ablog')[0]


def warned(app, where: str, subtype: str, text: str) -> bool:  # type: ignore[no-untyped-def]
    return any(
        where in w and f"[linkerdblog.{subtype}]" in w and text in w for w in warnings_of(app)
    )


def test_vimeo_gist_instagram_both_forms(built) -> None:
    html = page(built, "builtins")
    assert html.count('data-linkerdblog-src="https://player.vimeo.com/video/146022717"') == 2
    assert 'class="wide linkerdblog-embed linkerdblog-vimeo"' in html
    assert 'data-linkerdblog-title="A &lt;b&gt;talk&lt;/b&gt;"' in html  # escaped
    assert 'data-linkerdblog-src="https://gist.github.com/spf13/7896402.js"' in html
    assert 'data-linkerdblog-src="https://gist.github.com/spf13/7896402.js?file=img.html"' in html
    assert html.count('data-linkerdblog-src="https://www.instagram.com/p/CxOWiQNP2MO/embed/"') == 2


def test_figure(built) -> None:
    html = page(built, "builtins")
    assert '<figure class="align-default">\n<img alt="" src="../_images/img.png" />' in html
    assert '<figure class="big align-default"' in html
    assert '<a class="reference external image-reference" href="https://example.org">' in html
    assert 'alt="Alt &lt;x&gt;"' in html and 'style="width: 100px; height: 50px;"' in html
    assert (
        '<span class="caption-text"><strong>T <em>one</em></strong> A <em>caption</em> '
        '<a class="reference external" href="https://example.com">Me</a></span>'
    ) in html


def test_param_highlight_details_comment_refs(built) -> None:
    html = page(built, "builtins")
    assert "<p>Param: red, carol, Every built-in.</p>" in html
    assert '<div class="highlight-go notranslate">' in html
    assert "// {{&lt; tweet 1 &gt;}}</span>" in html  # verbatim inside highlight
    assert '<span class="linenos">10</span>' in html and html.count('<span class="hll">') == 2
    assert '<details class="extra linkerdblog-details" open="open"><summary>More &lt;b&gt;' in html
    assert '<details class="linkerdblog-details"><summary>Details</summary>' in html
    assert "Not published" not in html
    assert html.count('href="site.html"') == 2


def test_site_template_and_callable(built) -> None:
    html = page(built, "site")
    # fig: a figure whose caption is the title as Markdown, with raw HTML made inert
    assert '<img alt="Alt" src="../_images/img.png" />' in html
    assert '<a class="reference external" href="https://example.com">Someone</a> ' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    # note: paired, its inner rendered with nested shortcodes
    assert '<div class="admonition note">' in html
    assert "<strong>note</strong> with <code" in html and "linkerdblog-tweet inline" in html
    # callables
    assert "Say <strong>HELLO</strong> loudly" in html
    assert "blog/site:15 &lt;i&gt;y&lt;/i&gt;" in html
    # every template variable
    assert "echo|a,b|v&lt;|v&lt;|Site shortcodes|inner text" in html
    # a user's mapping overrides the built-in
    assert "Site video dQw4w9WgXcQ" in html and "linkerdblog-youtube" not in html


@pytest.mark.parametrize(
    ("where", "subtype", "text"),
    [
        ("site.md:21", "shortcode", "unknown shortcode 'bad'"),
        ("site.md:23", "shortcode", "'broken' failed (ZeroDivisionError"),
        ("site.md:25", "shortcode", "'raises': ZeroDivisionError"),
        ("site.md:27", "shortcode", "returned int, not MyST text"),
        ("conf.py", "config", "linkerdblog_shortcodes['bad']: template error"),
        ("conf.py", "config", "linkerdblog_shortcodes['number'] is a int"),
        ("bad.md:6", "embed", "'abc' is not a Vimeo video id"),
        ("bad.md:8", "embed", "needs the id of the video"),
        ("bad.md:10", "embed", "needs a user and a gist id"),
        ("bad.md:12", "embed", "'x y' is not an Instagram post id"),
        ("bad.md:16", "shortcode", "needs a closing {{< /details >}} tag"),
        ("bad.md:18", "shortcode", "needs a closing {{< /highlight >}} tag"),
        ("bad.md:20", "shortcode", "'tweet' takes no inner content"),
        ("bad.md:22", "shortcode", "no front-matter value 'missing'"),
        ("bad.md:24", "ref", "no post 'nowhere'"),
        ("bad.md:26", "shortcode", "needs src"),
        ("bad.md:28", "shortcode", "width 'wide' is not a length"),
    ],
)
def test_bad_input_warns_at_its_line(built, where: str, subtype: str, text: str) -> None:
    assert warned(built, where, subtype, text), warnings_of(built)


def test_bad_input_keeps_text(built) -> None:
    html = page(built, "bad")
    for source in (
        "{{&lt; vimeo abc &gt;}}",
        "{{&lt; gist spf13 &gt;}}",
        "{{&lt; details &gt;}}",
        "{{&lt; param missing &gt;}}",
        "{{&lt; ref &quot;nowhere&quot; &gt;}}</span> and text.",
    ):
        assert source in html, source
    assert "inner" in html  # content of a misused paired tweet is not lost
    assert not re.search(r"linkerdblog-missing", html)
    site = page(built, "site")
    for source in ("{{&lt; bad &gt;}}", "{{&lt; broken &gt;}}", "{{&lt; notext &gt;}}"):
        assert source in site, source
    assert "Traceback" not in built.warning.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="shortcodes",
    srcdir="shortcodes-live",
    freshenv=True,
    confoverrides={"linkerdblog_embeds": "live", "linkerdblog_youtube_nocookie": False},
)
def test_live_mode_writes_players(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    html = page(app, "builtins")
    assert (
        '<div class="linkerdblog-frame"><iframe src="https://player.vimeo.com/video/146022717"'
        in html
    )
    assert '<script src="https://gist.github.com/spf13/7896402.js"></script>' in html
    assert "linkerdblog-embeds.js" not in (app.outdir / "blog" / "builtins.html").read_text()


@pytest.mark.sphinx(
    "html",
    testroot="shortcodes",
    srcdir="shortcodes-static",
    freshenv=True,
    confoverrides={"linkerdblog_embeds": "static"},
)
def test_static_mode_has_no_script(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    full = (app.outdir / "blog" / "builtins.html").read_text(encoding="utf-8")
    assert "linkerdblog-embeds.js" not in full and "data-linkerdblog-src" not in full
    assert 'href="https://vimeo.com/146022717"' in full
