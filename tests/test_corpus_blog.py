"""Issue 5 on the real blogs: authors, tags, indices, redirects, Hugo links, feeds.

linkerd-2022 with ``data/authors.json``, permalinks and base URL; linkerd-2026
with ``data/authors.yaml`` and keywords as tags.  Read from ../shared (skipped
where absent), copied into a scratch project, never into the repository.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import build_project, needs_shared, warnings_of, without_known

from sphinxcontrib_linkerdblog.hugo.frontmatter import split_front_matter
from sphinxcontrib_linkerdblog.hugo.metadata import normalise
from sphinxcontrib_linkerdblog.hugo.permalinks import PageFile, alias_path, expand
from sphinxcontrib_linkerdblog.hugo.urls import normalise_path

SNIPPET = Path(__file__).resolve().parents[1] / "docs" / "snippets" / "linkerd_io.py"
ERAS = {
    "linkerd-2022": ('"blog/*.md"', '"data/authors.json"', '["tags"]'),
    "linkerd-2026": ('"blog/*/*/index.md"', '"data/authors.yaml"', '["tags", "keywords"]'),
}


@pytest.fixture(scope="module", params=sorted(ERAS))
def site(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    era = request.param
    corpus = needs_shared("corpus", era)
    pattern, authors, tags_from = ERAS[era]
    src = tmp_path_factory.mktemp(era) / "src"
    shutil.copytree(corpus / "blog", src / "blog")
    shutil.copytree(corpus / "data", src / "data")
    (src / "index.md").write_text("# Blog\n\nThe front page.\n", encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\n'
        f"blog_post_pattern = {pattern}\n"
        'blog_baseurl = "https://blog.example.com/"\n'
        f"linkerdblog_authors = {authors}\n"
        f"linkerdblog_tags_from = {tags_from}\n"
        'linkerdblog_permalinks = "/:year/:month/:day/:slug/"\n'
        'linkerdblog_base_url = "https://linkerd.io/"\n'
        'suppress_warnings = ["image.not_readable", "linkerdblog.image"]\n'
        f"exec(open({str(SNIPPET)!r}).read())\n",
        encoding="utf-8",
    )
    app = build_project(src)
    yield era, app, corpus
    app.cleanup()


def test_authors_have_names(site) -> None:  # type: ignore[no-untyped-def]
    _era, app, _ = site
    authors = (app.outdir / "blog-authors.html").read_text(encoding="utf-8")
    assert "William Morgan</a> (" in authors
    assert (app.outdir / "blog" / "author" / "william-morgan.html").is_file()
    assert "@buoyant.io" not in authors
    for page in (app.outdir / "blog").rglob("*.html"):
        assert "@buoyant.io" not in page.read_text(encoding="utf-8"), page


def test_one_tag_page_per_tag(site) -> None:  # type: ignore[no-untyped-def]
    era, app, _ = site
    tags = {p.name for p in (app.outdir / "blog" / "tag").glob("*.html")}
    assert "linkerd.html" in tags
    index = (app.outdir / "blog-tags.html").read_text(encoding="utf-8")
    # one tag in the cloud and one section of its posts: never two spellings
    assert len(re.findall(r">linkerd</a> \(\d+\)<", index, re.I)) == 1
    assert len(re.findall(r'class="linkerdblog-tagcloud-\d"><a [^>]*>linkerd<', index, re.I)) == 1
    if era == "linkerd-2022":
        assert "Tutorials &amp; How-To&#39;s</a> (" in index and "&amp;amp;" not in index


def test_redirect_for_every_permalink_and_alias(site) -> None:  # type: ignore[no-untyped-def]
    _era, app, corpus = site
    posts = [p for p in (corpus / "blog").rglob("*.md") if p.name != "_index.md"]
    checked = 0
    for post in posts:
        meta, _ = normalise(split_front_matter(post.read_text(encoding="utf-8")))
        if meta.draft:
            continue
        docname = post.relative_to(corpus).with_suffix("").as_posix()
        page = PageFile(docname, meta.effective_date, meta.slug, meta.title)
        own = meta.url or expand("/:year/:month/:day/:slug/", page) or ""
        urls = [own, *(alias_path(alias, own) for alias in meta.aliases)]
        for url in urls:
            path = (normalise_path(url) or "").strip("/")
            page = (
                app.outdir / path / "index.html"
                if not path.endswith(".html")
                else (app.outdir / path)
            )
            assert page.is_file(), (post, url)
            checked += 1
    assert checked > len(posts)


def test_hugo_links_point_to_posts(site) -> None:  # type: ignore[no-untyped-def]
    era, app, _ = site
    if era != "linkerd-2022":
        pytest.skip("the KubeCon EU 2019 roundup is checked in the 2022 era")
    page = (app.outdir / "blog" / "kubecon-eu-2019-linkerd-roundup.html").read_text()
    assert page.count('href="linkerd-benchmarks.html"') >= 2  # site-root and absolute
    assert "linkerd.io/2019/05/18/linkerd-benchmarks" not in page


def test_feed_dates_and_og_image(site) -> None:  # type: ignore[no-untyped-def]
    era, app, _ = site
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "<published>" in feed or "<updated>" in feed
    assert not re.search(r"<updated>(\d{4})-\d\d-\d\dT00:00:00\+00:00</updated>\s*$", feed)
    if era == "linkerd-2022":
        assert "2019-05-18T09:00:00" in feed
        page = (app.outdir / "blog" / "linkerd-benchmarks.html").read_text(encoding="utf-8")
        assert '<meta property="og:image" content="https://blog.example.com/uploads/' in page


def test_no_warning_of_ours(site) -> None:  # type: ignore[no-untyped-def]
    era, app, _ = site
    ours = [
        w for w in without_known(era, warnings_of(app)) if "linkerdblog" in w or "Traceback" in w
    ]
    assert ours == [], ours
