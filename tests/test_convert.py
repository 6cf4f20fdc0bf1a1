"""``python -m sphinxcontrib_linkerdblog convert``: Hugo posts as plain MyST + ablog.

The converted folder must build with myst-parser, sphinx-design and ablog
alone, to the same post pages (titles, dates, tags, authors, links) as the
extension gives the unchanged Hugo posts; SRC is never written to, and bad
paths or unreadable posts end in one line and exit 2.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ablog.blog import Blog
from helpers import build_project, needs_shared, warnings_of

from sphinxcontrib_linkerdblog.cli.convert.text import (
    alias_pages,
    excerpt_length,
    front_matter,
    tidy_blank_lines,
)
from sphinxcontrib_linkerdblog.hugo.metadata import PostMeta

ROOT = Path(__file__).parent / "roots" / "test-convert"
PLAIN_CONF = """\
extensions = ["myst_parser", "sphinx_design", "ablog"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 6
suppress_warnings = ["image.not_readable"]
"""


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_linkerdblog", "convert", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def plain_project(tmp_path: Path, src: Path, extra: tuple[str, ...] = ()) -> Path:
    """Convert ``src`` into a new project that only plain myst + ablog build."""
    project = tmp_path / "plain"
    result = run("--conf", ROOT, src, project / "blog")
    assert result.returncode in (0, 1), result.stderr
    (project / "conf.py").write_text(PLAIN_CONF, "utf-8")
    for name in ("index.md", *extra):
        shutil.copy(ROOT / name, project / name)
    return project


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("convert") / "blog"
    result = run("--conf", ROOT, ROOT / "blog", dest)
    assert result.returncode == 1  # one unknown shortcode is reported
    return dest


def test_posts_become_plain_myst_with_ablog_front_matter(converted: Path) -> None:
    first = (converted / "first.md").read_text("utf-8")
    assert first.startswith("---\nblogpost: true\ntitle: Linkerd's first post\n")
    assert "date: '2020-01-02 10:00:00'" in first  # the clock time as written, as Hugo shows it
    assert "tags: Linkerd, mesh\n" in first
    assert "redirect: old/first/index\n" in first
    assert "excerpt: 1\n" in first  # the paragraphs before <!--more-->
    assert "# Linkerd\\'s first post\n" in first
    for fragment in (
        '```{figure} /img.png\n:alt: "A square"\n\n**The square**\n```',
        "```{card} YouTube video: Intro\n:link: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "```{card} Post by @linkerd on X\n:link: https://x.com/linkerd/status/1129105603354333184",
        "```{dropdown} More *detail*\n\nHidden **text**.\n```",
        "```{code-block} go\n:emphasize-lines: 2\n\npackage main\nfunc main() {}\n```",
        "Release 2.8 is out.<!-- not published -->",
        "Read {doc}`second` ([](<second.md#setup>)) and [its setup](second.md#setup),\n"
        "or [the third](third.md).",
        ":::{note}\n\nA site shortcode with *Markdown*.\n\n:::",
        '\\{\\{\\< mystery x=\\"1\\" \\>\\}\\}',
    ):
        assert fragment in first, fragment
    second = (converted / "second.md").read_text("utf-8")
    assert "author: Jane Doe, John Roe\n" in second  # the people, as the build's authors
    third = (converted / "third.md").read_text("utf-8")
    assert "tags: Linkerd\n" in third  # "linkerd" and "Linkerd" merged, most used spelling
    assert "Back to [the first](first.md)." in third
    assert not (converted / "draft.md").exists()  # Hugo would not publish it


def test_src_is_never_written(tmp_path: Path) -> None:
    before = digest(ROOT)
    assert run(ROOT / "blog", tmp_path / "out").returncode in (0, 1)
    assert run(ROOT / "blog", tmp_path / "out").returncode in (0, 1)  # a second run
    assert digest(ROOT) == before


def posts_of(app) -> dict[str, tuple[str, str, list[str], list[str]]]:  # type: ignore[no-untyped-def]
    """Docname -> (title, date, tags, authors) as ablog recorded each post."""
    result = {}
    for docname, posts in app.env.ablog_posts.items():
        post = posts[0]
        result[docname] = (
            post["title"],
            f"{post['date']:%Y-%m-%d %H:%M}" if post["date"] else "",
            sorted(post["tags"]),
            sorted(post["author"]),
        )
    return result


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (Path(app.outdir) / name).read_text("utf-8")


def built(src: Path):  # type: ignore[no-untyped-def]
    """Build ``src``; return (app, its warnings) after cleaning up the app.

    Plain ablog keeps its catalogs in a class attribute for the whole process
    (the extension resets it, plain ablog does not): forget earlier tests' builds.
    """
    Blog._dict.clear()
    app = build_project(src)
    warnings = warnings_of(app)
    app.cleanup()
    return app, warnings


def test_plain_build_gives_the_same_post_pages(tmp_path: Path) -> None:
    hugo = tmp_path / "hugo"
    shutil.copytree(ROOT, hugo)
    plain = plain_project(tmp_path, ROOT / "blog", ("img.png",))
    (theirs, warnings), (ours, _) = built(plain), built(hugo)
    assert warnings == []
    assert posts_of(theirs) == posts_of(ours)
    assert set(posts_of(ours)) == {"blog/first", "blog/second", "blog/third"}
    for name in ("blog/first.html", "blog/second.html", "blog/third.html"):
        title = re.compile(r"<h1>(.*?)<a class=\"headerlink\"")
        assert title.findall(page(theirs, name)) == title.findall(page(ours, name))
    first = page(theirs, "blog/first.html")
    for app in (theirs, ours):  # a ref with an #anchor, inline and as a link target
        assert page(app, "blog/first.html").count('href="second.html#setup"') == 2
    assert 'href="third.html"' in first
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in first
    assert "<iframe" not in first  # still privacy first
    assert 'href="first.html"' in page(theirs, "blog/third.html")
    # Hugo's alias keeps working in both builds.
    assert "first.html" in page(theirs, "old/first/index.html")
    assert "first.html" in page(ours, "old/first/index.html")


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    result = run("--dry-run", ROOT / "blog", tmp_path / "out")
    assert result.returncode == 1
    assert f"would write {tmp_path / 'out' / 'first.md'}" in result.stdout
    assert "skipped, a draft post" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("src", "dest", "message"),
    [
        ("missing", "out", "no such folder"),
        ("blog", "blog/converted", "is inside"),
        ("blog", "blog", "is inside"),
    ],
)
def test_bad_paths_exit_2_in_one_line(tmp_path: Path, src: str, dest: str, message: str) -> None:
    shutil.copytree(ROOT / "blog", tmp_path / "blog")
    before = digest(tmp_path)
    result = run(tmp_path / src, tmp_path / dest)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert str(tmp_path / src) in result.stderr or str(tmp_path / dest) in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(tmp_path) == before


def test_unreadable_post_is_skipped_and_the_others_written_whole(tmp_path: Path) -> None:
    src = tmp_path / "blog"
    shutil.copytree(ROOT / "blog", src)
    (src / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    result = run(src, tmp_path / "out")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"error: {src / 'latin1.md'}: cannot read (not UTF-8); not converted"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "first.md",
        "second.md",
        "third.md",
    ]
    assert (tmp_path / "out" / "second.md").read_text("utf-8").endswith("Install it.\n")


def test_bad_conf_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("raise RuntimeError('boom')\n", "utf-8")
    result = run("--conf", tmp_path, ROOT / "blog", tmp_path / "out")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "conf.py" in result.stderr
    assert "Traceback" not in result.stderr


def test_linkerd_corpus_builds_plain_to_the_same_post_pages(tmp_path: Path) -> None:
    corpus = needs_shared("corpus", "linkerd-2022", "blog")
    docs = Path(__file__).parents[1] / "docs"
    result = run("--conf", docs, corpus, tmp_path / "plain" / "blog")
    # One problem, which Hugo refuses too (test_frontmatter's KNOWN_2022_PROBLEMS).
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 problems, 0 errors" in result.stdout
    assert "ambassador-program.md:10: 'tags' is given more than once" in result.stdout
    (tmp_path / "plain" / "conf.py").write_text(PLAIN_CONF, "utf-8")
    hugo = tmp_path / "hugo"
    shutil.copytree(corpus, hugo / "blog")
    (hugo / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(docs / 'snippets')!r})\n"
        "from linkerd_io import linkerdblog_shortcodes\n"
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
        'linkerdblog_permalinks = "/:year/:month/:day/:slug/"\n'
        'linkerdblog_tags_from = ["tags", "keywords"]\n'  # as docs/conf.py, read by convert
        'suppress_warnings = ["image.not_readable", "linkerdblog.image"]\n',
        "utf-8",
    )
    for project in (tmp_path / "plain", hugo):
        (project / "index.md").write_text("# Blog\n", "utf-8")
    (theirs, warnings), (ours, our_warnings) = built(tmp_path / "plain"), built(hugo)
    assert posts_of(theirs) == posts_of(ours)
    assert len(posts_of(ours)) == 150

    def located(lines: list[str]) -> set[str]:
        return {re.sub(r"^\S*/blog/([^:]*):\d+:", r"\1:", line) for line in lines}

    # No new warning: every link to a post resolves, every code fence highlights.
    # A link to the old site (no post) is one linkerdblog.link warning per path in
    # the Hugo build, MyST's xref_missing at each link in the plain one.
    old_site = set(
        re.findall(r"WARNING: (/\S*) is a page of the old Hugo site", "\n".join(our_warnings))
    )
    missing = re.compile(r"target not found: '([^']*)' \[myst.xref_missing\]")
    theirs_left = [
        w for w in warnings if (m := missing.search(w)) is None or m.group(1) not in old_site
    ]
    assert old_site
    assert located(theirs_left) - located(our_warnings) == set()


def test_docs_example_converts_as_documented(tmp_path: Path) -> None:
    """docs/convert.md shows this input and this output: they must stay true."""
    docs = Path(__file__).parents[1] / "docs"
    example = docs / "snippets" / "convert"
    result = run("--conf", docs, example / "blog", tmp_path / "blog")
    assert result.returncode == 0, result.stdout + result.stderr
    expected = (example / "launch.expected.md").read_text("utf-8")
    assert (tmp_path / "blog" / "launch.md").read_text("utf-8") == expected


@pytest.mark.parametrize(
    ("aliases", "pages"),
    [
        (["/old/first/"], ["old/first/index"]),
        (["/2019/01/02/post.html"], ["2019/01/02/post"]),
        (["old/no-slash"], ["old/no-slash/index"]),
        (["https://linkerd.io/x/?a=1"], ["x/index"]),
        (["/"], []),
    ],
)
def test_aliases_become_ablog_redirect_pages(aliases: list[str], pages: list[str]) -> None:
    assert alias_pages(aliases) == pages


@pytest.mark.parametrize(
    ("body", "excerpt"),
    [
        ("One.\n\nTwo.\n\n<!--more-->\n\nThree.", 2),
        ("## A heading\n\nOne.\n<!--more-->", 1),
        ("No marker.\n\nAt all.", None),
        ("<!--more-->\n\nNothing before.", None),
    ],
)
def test_excerpt_counts_the_paragraphs_before_more(body: str, excerpt: int | None) -> None:
    assert excerpt_length(body) == excerpt


def test_blank_lines_are_tidied_outside_code_only() -> None:
    text = "a\n\n\n\nb\n```\ncode\n\n\n\ncode\n```\n\n\nc"
    assert tidy_blank_lines(text) == "a\n\nb\n```\ncode\n\n\n\ncode\n```\n\nc"


def test_page_bundles_and_old_urls_resolve_whatever_the_pattern(tmp_path: Path) -> None:
    """SRC is the blog: its posts are found (and their Hugo URLs known) even when
    the project's blog_post_pattern ("blog/*") does not reach bundle folders."""
    src = tmp_path / "blog"
    (src / "2020" / "launch").mkdir(parents=True)
    (src / "2020" / "launch" / "index.md").write_text(
        "---\ntitle: Launch\ndate: 2020-05-06\nslug: launch\n---\n\nLaunched.\n", "utf-8"
    )
    (src / "later.md").write_text(
        "---\ntitle: Later\ndate: 2021-01-01\n---\n\n"
        'See [the launch](/2020/05/06/launch/) and {{< ref "launch" >}}.\n',
        "utf-8",
    )
    result = run("--conf", ROOT, src, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    later = (tmp_path / "out" / "later.md").read_text("utf-8")
    assert "See [the launch](2020/launch/index.md) and {doc}`2020/launch/index`." in later


def test_authors_written_as_text_become_ablog_authors() -> None:
    """One ablog author per person; a comma inside a name cannot be written in
    ablog's comma-separated list, so it is dropped (the build keeps it)."""
    meta = PostMeta(
        title="t",
        authors=["alice", "[Doe, John](https://x.example) (Org) and Ann", "Chris C, Ambassador"],
        author_profiles={"Chris C, Ambassador": {"name": "Chris C, Ambassador"}},
    )
    text = front_matter(meta, post=True, spellings={}, tags_from=("tags",), excerpt=None)
    assert "author: alice, Doe John, Ann, Chris C Ambassador\n" in text
