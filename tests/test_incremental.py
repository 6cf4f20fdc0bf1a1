"""A second build with nothing changed re-reads nothing and keeps the configuration."""

from __future__ import annotations

import re
import shutil
import time

import pytest

from sphinxcontrib_linkerdblog.state import get_state


def test_noop_rebuild(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    # The test app swaps alabaster for "basic" unless told: say it both times.
    theme = {"html_theme": "basic"}
    make_app("html", srcdir=src, freshenv=True, confoverrides=theme).build()
    again = make_app("html", srcdir=src, confoverrides=theme)
    again.build()
    status = again.status.getvalue()
    assert "The configuration has changed" not in status
    assert "0 added, 0 changed, 0 removed" in status


def built_app(make_app, src, **kwargs):  # type: ignore[no-untyped-def]
    """Build ``src`` with the basic theme (the test app's default otherwise differs)."""
    app = make_app("html", srcdir=src, confoverrides={"html_theme": "basic"}, **kwargs)
    app.build()
    return app


def mtimes(outdir) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        str(p.relative_to(outdir)): p.stat().st_mtime_ns
        for p in outdir.rglob("*.html")
        if p.is_file()
    }


def progress(status: str, step: str) -> set[str]:
    """Docnames a build step ("reading sources", "writing output") went through."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", status)
    return set(re.findall(rf"{step}\.\.\. \[ *\d+%\] (\S+)", plain))


def test_generated_pages_are_written_only_when_changed(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-blog", src)
    first = built_app(make_app, src, freshenv=True)
    before = mtimes(first.outdir)
    for page in (
        "blog-tags.html",
        "blog-authors.html",
        "blog/tag/linkerd.html",
        "blog/archive.html",
    ):
        assert page in before
    time.sleep(0.01)
    again = built_app(make_app, src)
    assert mtimes(again.outdir) == before  # nothing rewritten, ours or ablog's
    stats = get_state(again.env).page_stats
    assert stats[0] == 0 and stats[1] > 10  # every generated page rendered, none written


def test_one_post_edit_rereads_it_and_rewrites_the_pages_listing_it(
    make_app, rootdir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-blog", src)
    built_app(make_app, src, freshenv=True)
    third = src / "blog" / "third.md"
    third.write_text(
        third.read_text("utf-8").replace("title: Third", "title: Third, renamed"), "utf-8"
    )
    again = built_app(make_app, src)
    status = again.status.getvalue()
    assert progress(status, "reading sources") == {"blog/third"}
    # first and second list "Third" among their related posts: written, not re-read.
    assert {"blog/first", "blog/second", "blog/third"} <= progress(status, "writing output")
    for name in ("first", "second"):
        page = (again.outdir / "blog" / f"{name}.html").read_text("utf-8")
        assert "Third, renamed</a>" in page
    # The tag index lists the new title too: generated pages follow their content.
    assert "Third, renamed" in (again.outdir / "blog-tags.html").read_text("utf-8")


@pytest.mark.parametrize("root", ["excerpts", "docsy"])
def test_parallel_build_equals_serial_build(make_app, rootdir, tmp_path, root) -> None:  # type: ignore[no-untyped-def]
    """``-j 2`` reads and writes in parallel and gives the ``-j 1`` output, byte for byte."""
    outputs = {}
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / f"test-{root}", src)
        for n in range(3):  # Sphinx reads in parallel from six documents on
            (src / f"page{n}.md").write_text(f"# Page {n}\n\nA page.\n", "utf-8")
        app = built_app(make_app, src, freshenv=True, parallel=jobs)
        assert app.parallel == jobs
        status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
        chunks = re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. ", status)
        assert (chunks is not None) == (jobs == 2), status
        outputs[jobs] = {
            str(p.relative_to(app.outdir)): p.read_bytes()
            for p in sorted(app.outdir.rglob("*"))
            if p.is_file()
        }
    assert outputs[1].keys() == outputs[2].keys()
    assert len(outputs[1]) > 20
    differing = [name for name in outputs[1] if outputs[1][name] != outputs[2][name]]
    assert differing == []


def test_a_parallel_reader_sends_back_only_its_own_tables_of_contents(
    make_app, rootdir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """A reader forked after others were merged drops the tables of contents it
    inherited (``parallel_reading.send_back_own_tocs``); a rebuild that reads
    some documents again in parallel keeps every other document's."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-blog", src)
    third = (src / "blog" / "third.md").read_text("utf-8")
    for n in range(30):  # three chunks or more: one is forked after a merge
        (src / "blog" / f"more{n}.md").write_text(third.replace("Third", f"More {n}"), "utf-8")
    sent: list[tuple[set[str], set[str]]] = []

    def note(app, env, docnames, other) -> None:  # type: ignore[no-untyped-def]
        sent.append((set(docnames), set(other.tocs)))

    app = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "basic"})
    app.connect("env-merge-info", note)
    app.build()
    assert len(sent) >= 3
    assert all(tocs == docnames for docnames, tocs in sent), sent
    assert set(app.env.tocs) == set(app.env.found_docs)
    for n in range(8):  # read again, in parallel, with the others unchanged
        more = src / "blog" / f"more{n}.md"
        more.write_text(more.read_text("utf-8") + "\nMore text.\n", "utf-8")
    again = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "basic"})
    again.build()
    assert "8 changed" in again.status.getvalue()
    assert set(again.env.tocs) == set(again.env.found_docs)
    serial = tmp_path / "serial"
    shutil.copytree(src, serial)
    clean = built_app(make_app, serial, freshenv=True)
    for page in ("index.html", "blog/more3.html", "blog/more20.html", "blog/first.html"):
        assert (again.outdir / page).read_bytes() == (clean.outdir / page).read_bytes(), page


def test_parallel_reading_merges_the_blog_domain(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With the extension, ablog is read in parallel (``parallel_reading``): every
    post's record, its related list and its byline come out as in a serial build."""
    domains, pages = {}, {}
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-blog", src)
        for n in range(4):  # Sphinx reads in parallel from six documents on
            text = (src / "blog" / "third.md").read_text("utf-8")
            (src / "blog" / f"more{n}.md").write_text(
                text.replace("title: Third", f"title: More {n}"), "utf-8"
            )
        app = built_app(make_app, src, freshenv=True, parallel=jobs)
        status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
        # Parallel reading shows chunks: "reading sources... [ 50%] blog/first .. blog/more2".
        assert (re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. ", status) is not None) == (
            jobs == 2
        ), status
        data = app.env.domains["blog"].data
        domains[jobs] = (data["posts"], data["related"])
        pages[jobs] = {
            name: re.findall(
                r'<p class="linkerdblog-byline">.*?</p>|<div class="linkerdblog-related.*?</div>',
                (app.outdir / "blog" / f"{name}.html").read_text("utf-8"),
                re.S,
            )
            for name in ("first", "second", "third", "more0", "more3")
        }
    assert domains[2] == domains[1]
    assert len(domains[1][0]) == 7
    assert pages[2] == pages[1]
    assert all(len(found) == 2 for found in pages[1].values())


def test_posts_of_one_date_keep_their_order_after_a_rebuild(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Posts with the same date are listed in one order whatever the order they
    were read in: a post re-read by a rebuild (or by another parallel reader)
    is recorded last, and the tag and author indexes and the tag cloud showed it
    moved."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-blog", src)
    third = (src / "blog" / "third.md").read_text("utf-8")
    for n in range(3):  # all dated 2021-03-01, all tagged linkerd, all by carol
        (src / "blog" / f"same{n}.md").write_text(third.replace("Third", f"Same {n}"), "utf-8")
    pages = ("blog-tags.html", "blog-authors.html")
    built_app(make_app, src)
    edited = src / "blog" / "same0.md"
    edited.write_text(edited.read_text("utf-8") + "\nMore text, after the summary.\n", "utf-8")
    again = built_app(make_app, src)
    assert get_state(again.env).docs_changed
    rebuilt = {name: (again.outdir / name).read_text("utf-8") for name in pages}
    clean = built_app(make_app, src, freshenv=True)
    fresh = {name: (clean.outdir / name).read_text("utf-8") for name in pages}
    assert rebuilt == fresh
    listed = re.findall(r'href="blog/(same\d|third)\.html"', fresh["blog-tags.html"])
    assert listed[:4] == ["same0", "same1", "same2", "third"]
