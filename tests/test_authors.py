"""Authors written as text, as Docsy sites write them (tests/roots/test-authors-text).

The root's posts name their authors in Markdown (``[A](url) (Org) and
[B](url) (Org)``), in a folded YAML block, as plain names with commas and
"and", and in a list that mixes a registry id, a registry name written out
(with a link), a free-text name and an id the registry lacks.  Each person is
one ablog author with a short page name; bylines show names, links and
affiliations joined as written; only the unknown id is warned about.
How the text is split is tests/test_authors_text.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from ablog.blog import Blog
from helpers import html_fragments, warnings_of

from sphinxcontrib_linkerdblog.authors import Author, registry_names

pytestmark = pytest.mark.sphinx("html", testroot="authors-text", freshenv=True)

PEOPLE = {
    # page -> (name, posts, link of the name on its page)
    "adriana-villela": ("Adriana Villela", 2, "https://github.com/avillela"),
    "reese-lee": ("Reese Lee", 1, "https://github.com/reese-lee"),
    "jane-doe": ("Jane Doe", 3, "https://jane.example/"),
    "john-roe": ("John Roe", 1, None),
    "ann-example": ("Ann Example", 1, None),
    "alice-anders": ("Alice Anders", 1, None),  # the registry's alice
    "carol": ("carol", 1, None),
}


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def byline(app, post: str) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r'<p class="linkerdblog-byline">(.*?)</p>', page(app, f"blog/{post}"))
    assert found, post
    return found.group(1)


@pytest.mark.parametrize("post", ["otel", "folded", "plain", "mixed"])
def test_html_fragments(built, file_regression, post: str) -> None:
    """Our own elements of each post: the byline."""
    text = html_fragments(Path(built.outdir) / "blog" / f"{post}.html")
    file_regression.check(text, basename=f"blog_{post}", extension=".html")


def test_one_author_page_per_person(built) -> None:
    pages = {p.stem for p in (Path(built.outdir) / "blog" / "author").glob("*.html")}
    assert pages == set(PEOPLE)
    for slug, (name, count, link) in PEOPLE.items():
        html = page(built, f"blog/author/{slug}")
        assert f"<title>Posts by {name} &#8212;" in html
        assert html.count('<div class="section ablog-post">') == count, slug
        header = re.search(r"<h1>\s*<span\s*>Posts by(.*?)</span>", html, re.S)
        assert header, slug
        if link:
            assert header.group(1).strip() == f'<a href="{link}">{name}</a>'
        else:
            assert header.group(1).strip() == name


def test_ablog_catalog_has_each_person_once(built) -> None:
    authors = Blog(built).author
    assert {str(c.label): len(c) for c in authors} == {
        "Adriana Villela": 2,
        "Reese Lee": 1,
        "Jane Doe": 3,
        "John Roe": 1,
        "Ann Example": 1,
        "alice": 1,
        "carol": 1,
    }
    posts = {p["docname"]: p["author"] for ps in built.env.ablog_posts.values() for p in ps}
    assert posts["blog/mixed"] == ["alice", "Jane Doe", "carol"]


def test_bylines_show_links_and_affiliations_as_written(built) -> None:
    def author(name: str, url: str | None = None) -> str:
        if url:
            name = f'<a class="reference external" href="{url}">{name}</a>'
        else:  # no link of their own: their page of posts
            page = name.lower().replace(" ", "-")
            name = f'<a class="reference internal" href="author/{page}.html">{name}</a>'
        return f'<span class="linkerdblog-author">{name}</span>'

    def org(name: str) -> str:
        return f' (<span class="linkerdblog-affiliation">{name}</span>)'

    adriana = author("Adriana Villela", "https://github.com/avillela") + org("ServiceNow")
    assert byline(built, "otel").startswith(
        f"By {adriana} and "
        + author("Reese Lee", "https://github.com/reese-lee")
        + org("New Relic")
        + " · 1 January 2024"
    )
    assert byline(built, "folded").startswith(
        f"By {adriana}, " + author("Jane Doe", "https://jane.example/") + org("Acme &amp; Co")
    )
    assert byline(built, "plain").startswith(
        f"By {author('Jane Doe')}, {author('John Roe')} and {author('Ann Example')} · "
    )
    # The registry's alice by her registry name and avatar, once though written twice
    # (as the id, then as her name); Jane with her affiliation; carol as written.
    mixed = byline(built, "mixed")
    assert mixed.count("Alice Anders") == 1 and mixed.count("linkerdblog-avatar") == 1
    assert f"Alice Anders</a></span>, {author('Jane Doe')}{org('Acme')} and {author('carol')}" in (
        mixed
    )


def test_post_list_links_each_author_to_their_page(built) -> None:
    index = page(built, "index")
    item = index.split('href="blog/otel.html">Docsy style</a>', 1)[1].split("</li>", 1)[0]
    assert item == (
        ' by <a class="reference internal" href="blog/author/adriana-villela.html" '
        'title="Adriana Villela"><em>Adriana Villela</em></a>, '
        '<a class="reference internal" href="blog/author/reese-lee.html" '
        'title="Reese Lee"><em>Reese Lee</em></a></p>'
    )


def test_authors_index_lists_each_person_once(built) -> None:
    index = page(built, "blog-authors")
    for slug, (name, count, _link) in PEOPLE.items():
        assert index.count(f'href="blog/author/{slug}.html">{name}</a> ({count})') == 1, slug


def test_only_the_unknown_id_is_warned_about(built) -> None:
    warnings = warnings_of(built)
    assert len(warnings) == 1, warnings
    assert "mixed.md:4:" in warnings[0] and "'carol'" in warnings[0]
    assert warnings[0].endswith("[linkerdblog.author]")


@pytest.mark.sphinx("text", testroot="authors-text", freshenv=True)
def test_text_byline(built) -> None:
    text = (Path(built.outdir) / "blog" / "otel.txt").read_text(encoding="utf-8")
    assert "By Adriana Villela (ServiceNow) and Reese Lee (New Relic) ·" in " ".join(text.split())


def test_registry_names_fold_case_and_skip_shared_names() -> None:
    registry = {
        "william": Author("william", "William  Morgan"),
        "ann": Author("ann", "Ann"),
        "ann2": Author("ann2", "ANN"),  # two entries, one name: it names neither
    }
    assert registry_names(registry) == {"william morgan": "william"}


def test_names_that_slugify_alike_get_two_pages_and_two_links(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``Jane Doe`` and ``jane doe`` are two spellings, so two ablog authors: each
    has its own page, and ablog's post list links each to its own (ablog makes
    both labels from the slug, so both links went to the last one's page)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-authors-text", src)
    (src / "blog" / "lower.md").write_text(
        "---\ntitle: Lower\ndate: 2024-05-01\nauthor: jane doe\n---\n\nText.\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    index = page(app, "index")
    found = re.findall(r'href="blog/author/(jane-doe[^"]*)\.html" title="([^"]*)"', index)
    links = {title: slug for slug, title in found}  # each title links to one page
    assert len(set(found)) == 2 and links["Jane Doe"] == "jane-doe"
    assert links["jane doe"].startswith("jane-doe-")
    for name, slug in links.items():
        assert f"<title>Posts by {name} &#8212;" in page(app, f"blog/author/{slug}")
