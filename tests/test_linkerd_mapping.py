"""Both Linkerd corpora, built with the linkerd.io mapping from the docs.

The mapping is the one documented in docs/snippets/linkerd_io.py, so the docs'
example is what is tested.  Skipped where ../shared is absent.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import body, build_project, needs_shared, warnings_of, without_known

from sphinxcontrib_linkerdblog.hugo.lexer import Call, all_calls, scan

SNIPPET = Path(__file__).resolve().parents[1] / "docs" / "snippets" / "linkerd_io.py"
ERAS = {
    "linkerd-2022": ("blog/*.md", "*.md"),
    "linkerd-2026": ("blog/*/*/index.md", "*/*/index.md"),
}
_CODE = re.compile(r"<pre>.*?</pre>|<code[^>]*>.*?</code>", re.S)


def build(tmp: Path, era: str):  # type: ignore[no-untyped-def]
    blog = needs_shared("corpus", era, "blog")
    pattern, glob = ERAS[era]
    src = tmp / "src"
    shutil.copytree(blog, src / "blog")
    (src / "index.md").write_text("# Blog\n\nThe front page.\n", encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\n'
        f"blog_post_pattern = {pattern!r}\n"
        'linkerdblog_permalinks = "/:year/:month/:day/:slug/"\n'  # linkerd.io's hugo.yaml
        'linkerdblog_base_url = "https://linkerd.io/"\n'
        'suppress_warnings = ["image.not_readable", "linkerdblog.image"]\n'
        f"exec(open({str(SNIPPET)!r}).read())\n",
        encoding="utf-8",
    )
    return build_project(src), blog, glob


@pytest.fixture(scope="module", params=sorted(ERAS))
def corpus(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    app, blog, glob = build(tmp_path_factory.mktemp(request.param), request.param)
    yield request.param, app, blog, glob
    app.cleanup()


def calls(text: str) -> list[Call]:
    return all_calls(scan(text).calls)


def page_of(app, blog: Path, post: Path) -> str:  # type: ignore[no-untyped-def]
    return body(app.outdir / "blog" / post.relative_to(blog).with_suffix(".html"))


def test_no_unknown_shortcode_and_no_traceback(corpus) -> None:  # type: ignore[no-untyped-def]
    era, app, _blog, _glob = corpus
    warnings = without_known(era, warnings_of(app))
    assert not [w for w in warnings if "unknown shortcode" in w], warnings
    assert not [w for w in warnings if "linkerdblog" in w], warnings
    assert "Traceback" not in app.warning.getvalue()


def test_no_raw_shortcode_outside_code(corpus) -> None:  # type: ignore[no-untyped-def]
    _era, app, blog, glob = corpus
    for post in sorted(blog.glob(glob)):
        if post.name == "_index.md":
            continue
        text = _CODE.sub("", page_of(app, blog, post))
        assert "{{&lt;" not in text and "{{%" not in text, post


def test_every_video_and_tweet_embedded(corpus) -> None:  # type: ignore[no-untyped-def]
    _era, app, blog, glob = corpus
    for post in sorted(blog.glob(glob)):
        html = page_of(app, blog, post)
        for call in calls(post.read_text(encoding="utf-8")):
            if call.name == "youtube":
                video = call.params.get("id") or call.args[0]
                assert (
                    f'data-linkerdblog-src="https://www.youtube-nocookie.com/embed/{video}' in html
                )
            elif call.name in ("tweet", "x"):
                tweet = call.params.get("id") or call.args[0]
                assert re.search(rf'href="https://x\.com/\w+/status/{tweet}"', html), (post, tweet)


def test_every_ref_resolves_to_the_right_post(corpus) -> None:  # type: ignore[no-untyped-def]
    _era, app, blog, glob = corpus
    checked = 0
    for post in sorted(blog.glob(glob)):
        html = page_of(app, blog, post)
        for call in calls(post.read_text(encoding="utf-8")):
            if call.name not in ("ref", "relref"):
                continue
            target = (call.params.get("path") or call.args[0]).split("#")[0]
            stem = Path(target.removesuffix(".md")).name
            if stem == post.stem:  # a post linking to itself: Sphinx writes "#"
                assert 'href="#"' in html or f'href="#{target.partition("#")[2]}' in html
            else:
                link = rf'href="(\.\./)*{re.escape(stem)}\.html[#"]'
                assert re.search(link, html), (post, target)
            checked += 1
    # 240 ref + 23 relref calls (corpus/README.md counts lines: 260)
    assert checked == (263 if _era == "linkerd-2022" else 0)
