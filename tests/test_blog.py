"""The blog around the posts: authors, tags, bylines, summaries, related posts, meta tags."""

from __future__ import annotations

import re

import pytest
from helpers import html_fragments, warnings_of

from sphinxcontrib_linkerdblog.hugo.content import canonical, reading_minutes, spellings

pytestmark = pytest.mark.sphinx("html", testroot="blog", freshenv=True)


def html(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (app.outdir / "blog" / f"{name}.html").read_text(encoding="utf-8")


# How bylines, tag lines, related lists, listings and the indices look is in the
# snapshots (tests/test_blog/); here, what holds whatever the markup.


@pytest.mark.parametrize("page", ["blog/first", "blog/second", "blog/third", "index"])
def test_html_fragments(built, file_regression, page: str) -> None:
    """Our own elements of each page: byline, tags, related posts, listings."""
    text = html_fragments(built.outdir / f"{page}.html")
    file_regression.check(text, basename=page.replace("/", "_"), extension=".html")


def test_authors_index_snapshot(built, file_regression) -> None:
    text = html_fragments(built.outdir / "blog-authors.html")
    file_regression.check(text, basename="blog-authors", extension=".html")


def test_bylines(built) -> None:
    first = html(built, "first")
    assert "Alice &lt;b&gt;Maintainer&lt;/b&gt;" in first  # a registry name, escaped
    assert "updated 3 February 2021" in first and "1 min read" in first
    second = html(built, "second")
    assert "Bob Reviewer" in second
    assert "alice@example.com" not in first + second  # never published


def test_unknown_author_is_located_and_shown(built) -> None:
    assert any(
        "third.md:4:" in w and "'carol'" in w and "[linkerdblog.author]" in w
        for w in warnings_of(built)
    ), warnings_of(built)
    # no registry entry: shown as written, linked to the author's page of posts
    assert (
        '<span class="linkerdblog-author"><a class="reference internal" href="author/carol.html">'
        "carol</a></span>" in html(built, "third")
    )


def test_ablog_author_pages_carry_names(built) -> None:
    page = (built.outdir / "blog" / "author" / "bob-reviewer.html").read_text(encoding="utf-8")
    assert "Bob Reviewer" in page and "Second" in page


def test_tags_merged_as_hugo_does(built) -> None:
    tags = {p.name for p in (built.outdir / "blog" / "tag").glob("*.html")}
    assert "linkerd.html" in tags and "tutorials-how-tos.html" in tags
    page = (built.outdir / "blog" / "tag" / "linkerd.html").read_text(encoding="utf-8")
    assert "First" in page and "Second" in page and "Third" in page
    assert "Posts tagged linkerd" in page  # the spelling used most (2 of 3)
    tutorials = (built.outdir / "blog" / "tag" / "tutorials-how-tos.html").read_text()
    assert "Second" in tutorials  # keywords count as tags here
    posts = {p["docname"]: p for ps in built.env.ablog_posts.values() for p in ps}
    assert posts["blog/first"]["tags"] == ["linkerd", "Tutorials & How-To's"]


def test_summary_before_more_is_the_excerpt(built) -> None:
    (post,) = built.env.ablog_posts["blog/first"]
    thumbnail, summary = post["excerpt"]  # the thumbnail (not in the body) first
    assert thumbnail["classes"] == ["linkerdblog-thumbnail"]
    assert summary.astext() == "The summary paragraph of the first post."
    assert "The rest of the first post." in html(built, "first")


def test_related_posts(built) -> None:
    related = html(built, "first").split("linkerdblog-related", 1)[1]
    assert related.index("second.html") < related.index("third.html")  # 2 shared before 1


def test_related_posts_come_after_the_footnotes(built) -> None:
    # Hugo ends the body with its footnotes; our list follows the body.
    second = html(built, "second")
    assert (
        second.index("More of the second post.")
        < second.index("The note of the second post.")
        < second.index("linkerdblog-related")
    )


def test_meta_tags_escaped(built) -> None:
    first = html(built, "first")
    assert '<meta property="og:title" content="First" />' in first
    assert (
        '<meta property="og:description" content="The first post, &lt;described&gt;." />' in first
    )
    assert (
        '<meta property="og:image" content="https://blog.example.com/_images/alice.png" />' in first
    )
    assert '<meta property="og:url" content="https://blog.example.com/blog/first.html" />' in first


def test_pure_helpers() -> None:
    table = spellings(["Linkerd", "linkerd", "linkerd", "A &amp; B", "a & b"])
    assert table == {"linkerd": "linkerd", "a & b": "A & B"}
    assert canonical(["LINKERD", "a &amp; b", "linkerd"], table) == ["linkerd", "A & B"]
    assert reading_minutes("word " * 213) == 1 and reading_minutes("word " * 214) == 2
    assert reading_minutes("漢" * 426) == 2


def test_tag_and_author_indices(built) -> None:
    tags = (built.outdir / "blog-tags.html").read_text(encoding="utf-8")
    assert "linkerd</a> (3)" in tags and "Tutorials &amp; How-To&#39;s</a> (2)" in tags
    assert 'href="blog/tag/linkerd.html"' in tags and 'href="blog/first.html"' in tags
    authors = (built.outdir / "blog-authors.html").read_text(encoding="utf-8")
    assert ">Alice &lt;b&gt;Maintainer&lt;/b&gt;</a> (2)" in authors and ">carol</a> (1)" in authors
    front = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="blog-tags.html"' in front and 'href="blog-authors.html"' in front


def test_post_tags_link_to_tag_pages(built) -> None:
    assert 'href="tag/linkerd.html">linkerd</a>' in html(built, "first")


def test_listing_directives(built) -> None:
    front = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "Alice &lt;b&gt;Maintainer&lt;/b&gt;</a> (2 posts)" in front
    assert any(
        "index.md" in w and "'nobody'" in w and "[linkerdblog.author]" in w
        for w in warnings_of(built)
    )


def test_authors_index_has_every_author(built) -> None:
    page = (built.outdir / "blog-authors.html").read_text(encoding="utf-8")
    assert ">Alice &lt;b&gt;Maintainer&lt;/b&gt;</a> (2)" in page and ">carol</a>" in page
    assert "_images/alice.png" in page


@pytest.mark.sphinx(
    "html",
    testroot="blog",
    srcdir="blog-broken-registry",
    freshenv=True,
    confoverrides={"linkerdblog_authors": "data/missing.yaml"},
)
def test_broken_registry_warns_and_build_goes_on(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert "cannot read the authors registry data/missing.yaml" in app.warning.getvalue()
    assert "[linkerdblog.author]" in app.warning.getvalue()
    assert 'href="author/alice.html">alice</a></span>' in html(app, "first")


def test_related_and_tag_lines_stay_out_of_the_search_index(built) -> None:
    # "Third" is a title and a tag-free word: the first post shows it only in its
    # related-posts list, which must not make the first post a search hit for it.
    index = (built.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"third":' in index
    terms = index.split('"terms":', 1)[1]
    entry = terms.split('"third":', 1)[1].split("]", 1)[0]
    docnames = index.split('"docnames":[', 1)[1].split("]", 1)[0].split(",")
    first = docnames.index('"blog/first"')
    assert str(first) not in entry.strip("[").split(",")


def test_tag_index_is_a_cloud_then_each_tags_posts(built) -> None:
    page = (built.outdir / "blog-tags.html").read_text(encoding="utf-8")
    cloud = page.split('<ul class="linkerdblog-tagcloud">', 1)[1].split("</ul>", 1)[0]
    # sized by share of posts: linkerd (3 of 3) the biggest step, other (1) a small one
    assert '<li class="linkerdblog-tagcloud-5"><a href="blog/tag/linkerd.html">linkerd</a>' in cloud
    assert '<li class="linkerdblog-tagcloud-2"><a href="blog/tag/other.html">other</a>' in cloud
    assert "Tutorials &amp; How-To&#39;s</a>" in cloud  # escaped once
    assert 'title="1 post"' in cloud and 'title="3 posts"' in cloud
    linkerd = page.split('id="tag-0"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<a href="blog/\w+\.html">(\w+)</a>', linkerd)
    assert titles == ["Third", "Second", "First"]  # newest first
    assert "modindextable" not in page  # no longer Sphinx's module-index table


def test_listings_link_to_the_indexes(built) -> None:
    for page in ("blog.html", "blog/tag/linkerd.html"):
        html_text = (built.outdir / page).read_text(encoding="utf-8")
        links = re.search(r'<p class="linkerdblog-indexes">(.*?)</p>', html_text, re.S)
        assert links is not None, page
        assert "All tags</a>" in links.group(1) and "All authors</a>" in links.group(1)


@pytest.mark.parametrize("page", ["blog.html", "blog/tag/linkerd.html", "blog/2021.html"])
def test_listing_cards_have_the_byline_and_tags(built, page: str) -> None:
    text = (built.outdir / page).read_text(encoding="utf-8")
    cards = re.findall(r'<div class="linkerdblog-card-meta">(.*?)</div>', text, re.S)
    assert len(cards) == 3, page
    second = next(c for c in cards if "Bob Reviewer" in c)
    assert 'class="linkerdblog-avatar"' in second and "1 min read" in second
    assert "Alice &lt;b&gt;Maintainer&lt;/b&gt;</a>" in second  # escaped once
    base = (built.outdir / page).parent
    for href in re.findall(r'href="([^"]*)"', "".join(cards)):
        assert href and (base / href).resolve().is_file(), (page, href)
    for src in re.findall(r'src="([^"]*)"', "".join(cards)):
        assert (base / src).resolve().is_file(), (page, src)
