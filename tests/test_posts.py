"""A tiny blog with every front-matter format and every tweet form, built for real."""

from __future__ import annotations

import pytest
from helpers import warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="basic", freshenv=True)


def html(app, docname: str) -> str:  # type: ignore[no-untyped-def]
    return (app.outdir / f"{docname}.html").read_text(encoding="utf-8")


def test_front_matter_title_is_h1_and_title(built) -> None:
    page = html(built, "blog/yaml-post")
    assert "<title>Shortcodes: all the forms" in page
    assert '<h1>Shortcodes: all the forms<a class="headerlink"' in page
    assert "<h2>First section" in page
    for doc, title in [("blog/toml-post", "A TOML post"), ("blog/json-post", "A JSON post")]:
        assert f"<h1>{title}" in html(built, doc)


def test_no_header_level_warning(built) -> None:
    assert not [w for w in warnings_of(built) if "myst.header" in w or "H2" in w]


def test_tweets_are_static_cards(built) -> None:
    page = html(built, "blog/yaml-post")
    assert page.count('class="linkerdblog-embed linkerdblog-tweet"') == 4
    assert 'href="https://x.com/i/status/1129105603354333184"' in page
    assert 'href="https://x.com/linkerd/status/1131493061916319744"' in page
    assert 'href="https://x.com/wm/status/1130810652862373889"' in page
    assert 'href="https://x.com/linkerd/status/1130810652862373000"' in page
    # inside a sentence: an inline link, the sentence stays one paragraph
    assert (
        'No spaces: <span class="linkerdblog-embed linkerdblog-tweet inline">Post on X (<a ' in page
    )
    # nothing is loaded from X until the reader clicks: no remote script or frame
    assert "<iframe" not in page and ' src="https://' not in page
    assert 'data-linkerdblog-src="https://platform.twitter.com/widgets.js"' in page


def test_lines_after_multiline_shortcode_keep_their_number(built) -> None:
    doctree = built.env.get_doctree("blog/yaml-post")
    paras = [p for p in doctree.findall() if p.tagname == "paragraph"]
    after = next(p for p in paras if p.astext().startswith("Text after the multi-line tweet"))
    assert after.line == 25


def test_refs_in_links_and_definitions(built) -> None:
    page = html(built, "blog/yaml-post")
    assert '<a class="reference internal" href="toml-post.html"' in page
    assert '<a class="reference internal" href="json-post.html"' in page
    assert page.count('href="toml-post.html"') >= 2


def test_code_stays_verbatim_and_escape_is_literal(built) -> None:
    page = html(built, "blog/yaml-post")
    assert "{{&lt; tweet 1 &gt;}} stays in code" in page
    assert (
        '<span class="pre">{{&lt;</span> <span class="pre">tweet</span> <span class="pre">2</span>'
        in page
    )
    assert "{{&lt; tweet 3 &gt;}} indented code" in page
    assert "Escaped: {{&lt; tweet 1129105603354333184 &gt;}} shown literally." in page


def test_unknown_shortcode_warns_and_stays_visible(built) -> None:
    page = html(built, "blog/yaml-post")
    assert (
        '<span class="linkerdblog-verbatim">{{&lt; unknown-thing a=&quot;1&quot; &gt;}}</span>'
        in page
    )
    warnings = warnings_of(built)
    assert any(
        "yaml-post.md:44:" in w
        and "unknown shortcode 'unknown-thing'" in w
        and "[linkerdblog.shortcode]" in w
        for w in warnings
    ), warnings


def test_myst_tweet_role_and_directive(built) -> None:
    page = html(built, "blog/toml-post")
    assert page.count("https://x.com/linkerd/status/1129105603354333184") >= 2
    assert 'class="linkerdblog-embed linkerdblog-tweet"' in page


def test_ablog_gets_posts_with_real_dates(built) -> None:
    posts = {p["docname"]: p for ps in built.env.ablog_posts.values() for p in ps}
    assert set(posts) == {"blog/yaml-post", "blog/toml-post", "blog/json-post", "blog/videos"}
    assert str(posts["blog/yaml-post"]["date"]) == "2019-05-31 09:00:00"
    assert posts["blog/json-post"]["author"] == ["william", "alex"]
    assert posts["blog/yaml-post"]["tags"] == ["Community", "Linkerd"]
    archive = (built.outdir / "blog" / "2019.html").read_text(encoding="utf-8")
    assert "Shortcodes: all the forms" in archive
    tag = (built.outdir / "blog" / "tag" / "linkerd.html").read_text(encoding="utf-8")
    assert "A TOML post" in tag and "Shortcodes: all the forms" in tag
    author = (built.outdir / "blog" / "author" / "alex.html").read_text(encoding="utf-8")
    assert "A JSON post" in author and "A TOML post" in author


def test_no_braces_left_outside_code(built) -> None:
    page = html(built, "blog/toml-post")
    assert "{{" not in page


def test_youtube_every_form_and_embed_directives(built) -> None:
    page = html(built, "blog/videos")
    nocookie = 'data-linkerdblog-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
    assert page.count(nocookie + '"') == 2
    assert nocookie + '?start=10&amp;end=20&amp;autoplay=1"' in page
    assert 'class="wide linkerdblog-embed linkerdblog-youtube"' in page
    assert 'data-linkerdblog-title="A &lt;b&gt;talk&lt;/b&gt;"' in page
    assert nocookie + '?start=30"' in page  # t is read as start
    assert nocookie + '?start=5"' in page and "YouTube video: Directive" in page
    assert page.count('<span class="linkerdblog-embed linkerdblog-youtube inline">') == 2
    assert 'data-linkerdblog-src="https://player.vimeo.com/video/146022717"' in page
    assert 'data-linkerdblog-src="https://gist.github.com/spf13/7896402.js?file=img.html"' in page
    assert 'data-linkerdblog-src="https://www.instagram.com/p/CxOWiQNP2MO/embed/"' in page
    assert 'href="https://x.com/linkerd/status/1129105603354333184"' in page
    assert not [w for w in warnings_of(built) if "videos.md" in w]
