"""Every built-in shortcode in every parameter form, site shortcodes, bad input."""

from __future__ import annotations

import re

import pytest
from helpers import body, doctree_text, html_fragments, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="shortcodes", freshenv=True)


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return body(app.outdir / "blog" / f"{name}.html")


def warned(app, where: str, subtype: str, text: str) -> bool:  # type: ignore[no-untyped-def]
    return any(
        where in w and f"[linkerdblog.{subtype}]" in w and text in w for w in warnings_of(app)
    )


# What the built-ins render is in the snapshots below (tests/test_shortcodes/);
# here, the rules that hold whatever the markup: escaping, privacy, lost text.


def test_values_are_escaped(built) -> None:
    html = page(built, "builtins")
    assert 'data-linkerdblog-title="A &lt;b&gt;talk&lt;/b&gt;"' in html
    assert 'alt="Alt &lt;x&gt;"' in html
    assert "<summary>More &lt;b&gt;info&lt;/b&gt;</summary>" in html
    site = page(built, "site")
    assert "&lt;script&gt;x&lt;/script&gt;" in site and "<script>x" not in site
    assert "blog/site:15 &lt;i&gt;y&lt;/i&gt;" in site


def test_embeds_load_nothing_before_a_click(built) -> None:
    html = page(built, "builtins")
    assert "<iframe" not in html and "<script" not in html
    assert html.count("data-linkerdblog-src=") == 6  # vimeo, gist, instagram, twice each


def test_comment_is_not_published_and_refs_resolve(built) -> None:
    html = page(built, "builtins")
    assert "Not published" not in html
    assert html.count('href="site.html"') == 2
    assert "{{&lt; tweet 1 &gt;}}" in html  # a call inside highlight stays verbatim


def test_site_overrides_a_builtin(built) -> None:
    site = page(built, "site")
    assert "Site video dQw4w9WgXcQ" in site and "linkerdblog-youtube" not in site


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
        ("bad.md:22", "shortcode", "the site params have a value 'missing'"),
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


# -- snapshots (regenerate with pytest --force-regen) -----------------------------


@pytest.mark.parametrize("docname", ["blog/builtins", "blog/site", "blog/bad"])
@pytest.mark.parametrize("stage", ["read", "resolved"])
def test_doctree_snapshots(built, file_regression, docname: str, stage: str) -> None:
    """Each post's doctree as read (before post-transforms) and as written."""
    text = doctree_text(built, docname, resolved=stage == "resolved")
    file_regression.check(text, basename=f"{docname.replace('/', '_')}_{stage}", extension=".xml")


@pytest.mark.parametrize("docname", ["blog/builtins", "blog/site", "blog/bad"])
def test_html_fragments(built, file_regression, docname: str) -> None:
    """Our own elements in each post's HTML (embeds, details, bylines, tags...)."""
    text = html_fragments(built.outdir / f"{docname}.html")
    file_regression.check(text, basename=docname.replace("/", "_"), extension=".html")


def test_functions_in_the_mapping_never_warn_and_changes_reread(
    make_app, rootdir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "sc"
    shutil.copytree(rootdir / "test-shortcodes", src)
    first = make_app("html", srcdir=src)
    first.build()
    assert "config.cache" not in first.warning.getvalue()
    again = make_app("html", srcdir=src)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()  # nothing re-read
    conf = src / "conf.py"
    text = conf.read_text(encoding="utf-8")
    shout = '"shout": lambda call: "**" + call.args[0].upper() + "**",'
    assert shout in text
    conf.write_text(text.replace(shout, shout.replace('"**"', '"*"')), encoding="utf-8")
    edited = make_app("html", srcdir=src)
    edited.build()
    assert "0 added, 0 changed, 0 removed" not in edited.status.getvalue()
    assert "config.cache" not in edited.warning.getvalue()
