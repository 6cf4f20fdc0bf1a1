"""The real material: the seed post and the whole linkerd-2022 blog, unchanged.

Both are read from ../shared (never copied into the repository) into a fresh
project whose conf.py is what a new user writes; skipped where ../shared is
absent.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import build_project, needs_shared, warnings_of

CONF = 'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
INDEX = "# Blog\n\nThe front page.\n"


def make_project(tmp_path: Path, posts: list[Path], extra_conf: str = "") -> Path:
    src = tmp_path / "src"
    (src / "blog").mkdir(parents=True)
    (src / "conf.py").write_text(CONF + extra_conf, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    for post in posts:
        shutil.copyfile(post, src / "blog" / post.name)
    return src


@pytest.fixture
def seed_app(tmp_path: Path, make_app):  # type: ignore[no-untyped-def]
    seed = needs_shared("seed")
    src = make_project(tmp_path, [seed / "kubecon-eu-2019-roundup.md"])
    shutil.copytree(seed / "uploads", src / "uploads")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    return app


def test_seed_post(seed_app) -> None:  # type: ignore[no-untyped-def]
    out = seed_app.outdir
    page = (out / "blog" / "kubecon-eu-2019-roundup.html").read_text(encoding="utf-8")
    title = "Linkerd at KubeCon EU 2019: Benchmarks, SMI, VSCode, and more"
    assert f"<h1>{title}" in page
    assert f"<title>{title}" in page
    assert page.count('class="linkerdblog-embed linkerdblog-tweet"') == 4
    for tweet_id in (
        "1129105603354333184",
        "1130789969293991936",
        "1131493061916319744",
        "1130810652862373889",
    ):
        assert f'href="https://x.com/i/status/{tweet_id}"' in page
    assert "{{" not in page
    for image in ("kccnceu19-linkerd.jpg", "600rps-latency-small.png", "digital-ocean-linkerd.png"):
        assert (out / "_images" / image).is_file()
    author = (out / "blog" / "author" / "william.html").read_text(encoding="utf-8")
    assert title in author
    for tag in ("community", "linkerd", "kubecon"):
        assert title in (out / "blog" / "tag" / f"{tag}.html").read_text(encoding="utf-8")
    assert title in (out / "blog" / "2019.html").read_text(encoding="utf-8")
    feed = out / "blog" / "atom.xml"
    if feed.exists():
        assert "2019-05-31" in feed.read_text(encoding="utf-8")
    # The only warning: a site-root Hugo URL to a post that is not in this
    # project (rewriting Hugo URLs is the permalinks feature's job).
    warnings = warnings_of(seed_app)
    assert len(warnings) == 1 and "/2019/05/18/linkerd-benchmarks/" in warnings[0], warnings


CORPUS_2022 = ("corpus", "linkerd-2022", "blog")


@pytest.fixture(scope="module")
def corpus_app(tmp_path_factory, rootdir):  # type: ignore[no-untyped-def]
    blog = needs_shared(*CORPUS_2022)
    src = make_project(
        tmp_path_factory.mktemp("corpus"),
        sorted(blog.glob("*.md")),
        # The corpus ships without its images (see corpus/README.md): silence both
        # what Sphinx and the extension say about them.
        'suppress_warnings = ["image.not_readable", "linkerdblog.image"]\n',
    )
    app = build_project(src)
    try:
        yield app
    finally:
        app.cleanup()


def test_corpus_every_post_has_a_page(corpus_app) -> None:  # type: ignore[no-untyped-def]
    blog = needs_shared(*CORPUS_2022)
    for post in blog.glob("*.md"):
        text = post.read_text(encoding="utf-8")
        if re.search(r"^draft\s*[:=]\s*true", text, re.M):
            continue
        assert (corpus_app.outdir / "blog" / (post.stem + ".html")).is_file(), post.name
    assert len(corpus_app.env.ablog_posts) == 150


def test_corpus_tweets_all_embedded(corpus_app) -> None:  # type: ignore[no-untyped-def]
    total = 0
    for page in (corpus_app.outdir / "blog").glob("*.html"):
        total += page.read_text(encoding="utf-8").count(
            'class="linkerdblog-embed linkerdblog-tweet'
        )
    assert total == 30


def test_corpus_unknown_shortcodes(corpus_app) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(corpus_app)
    assert any(
        "20221122-startup-deep-dive.md:128:" in w
        and "'cta-banner'" in w
        and "[linkerdblog.shortcode]" in w
        for w in warnings
    ), [w for w in warnings if "cta-banner" in w]
    page = (corpus_app.outdir / "blog" / "announcing-linkerd-2-2.html").read_text(encoding="utf-8")
    assert "{{&lt; asciinema &quot;227055&quot; &gt;}}" in page


def test_corpus_no_traceback(corpus_app) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in corpus_app.warning.getvalue()


def test_seed_thumbnail_once_in_excerpt(seed_app) -> None:  # type: ignore[no-untyped-def]
    """The thumbnail is also the body's first image: the summary holds it, once."""
    (post,) = seed_app.env.ablog_posts["blog/kubecon-eu-2019-roundup"]
    assert post["image"] is None  # ablog adds no second copy
    year = (seed_app.outdir / "blog" / "2019.html").read_text(encoding="utf-8")
    assert year.count("_images/kccnceu19-linkerd.jpg") == 1
    excerpt = year.split('class="ablog-post-excerpt"', 1)[1].split("ablog-post-expand", 1)[0]
    assert len(" ".join(excerpt.split())) > 300  # text, not the image alone


def test_check_lists_what_the_build_warns_about(corpus_app) -> None:  # type: ignore[no-untyped-def]
    """``check`` on the corpus folder, with the build's conf.py: the build's warnings."""
    import subprocess
    import sys

    blog = needs_shared(*CORPUS_2022)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinxcontrib_linkerdblog",
            "check",
            "--conf",
            str(corpus_app.confdir),
            str(blog),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    pattern = re.compile(r"([^/\s]+\.md):(\d+): .*\[(linkerdblog\.\w+)\]")
    checked = {m.groups() for m in pattern.finditer(result.stdout)}
    built = {m.groups() for w in warnings_of(corpus_app) if (m := pattern.search(w))}
    assert checked == built and len(built) == 155  # with the known 'tags' given twice
    # 20 are links to linkerd.io pages that are no posts (no base URL is set here),
    # paths with a dot in a folder name ("/x/2.10/") among them
    assert len([w for w in built if w[2] == "linkerdblog.link"]) == 20
