"""With ``-j 2``, ablog's generated pages are rendered by two other processes
(:mod:`.parallel_pages`), to the same files, and never when a listener of
``html-page-context`` could be recording the pages it sees (a sitemap)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import more_posts, output_files

from sphinxcontrib_linkerdblog import parallel_pages
from sphinxcontrib_linkerdblog.state import get_state

PIDS = "rendered-by.txt"


def note_pid(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    """``html-page-context``: which process renders each generated page."""
    if doctree is None and templatename.startswith("ablog/"):
        with open(Path(app.outdir) / PIDS, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {pagename}\n")


def blog(rootdir: Path, tmp_path: Path, name: str) -> Path:
    return more_posts(rootdir, tmp_path, name)


def outputs(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, PIDS)


def test_generated_pages_are_rendered_by_other_processes_to_the_same_files(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel_pages, "KNOWN", (*parallel_pages.KNOWN, __name__))
    built, stats = {}, {}
    for held in (True, False):
        monkeypatch.setattr(parallel_pages, "PARALLEL_PAGES", held)
        src = blog(rootdir, tmp_path, f"held-{held}")
        app = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "alabaster"})
        app.connect("html-page-context", note_pid)
        app.build()
        pids = (Path(app.outdir) / PIDS).read_text("utf-8").split()
        processes = set(pids[0::2])
        if held:
            assert str(os.getpid()) not in processes and len(processes) == 2
        else:
            assert processes == {str(os.getpid())}
        assert {"blog/tag/linkerd", "blog/author/carol", "blog/2021"} <= set(pids[1::2])
        built[held] = outputs(Path(app.outdir))
        stats[held] = list(get_state(app.env).page_stats)
    assert built[True] == built[False]
    assert stats[True] == stats[False] and stats[True][0] > 10


def test_an_unknown_page_listener_keeps_them_in_the_main_process(
    make_app, rootdir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    src = blog(rootdir, tmp_path, "unknown")
    app = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "alabaster"})
    app.connect("html-page-context", note_pid)  # this test module is not in KNOWN
    app.build()
    assert not parallel_pages.holdable(app)
    pids = (Path(app.outdir) / PIDS).read_text("utf-8").split()
    assert set(pids[0::2]) == {str(os.getpid())}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_sitemap_lists_the_generated_pages_with_two_jobs(
    make_app, rootdir, tmp_path, jobs
) -> None:  # type: ignore[no-untyped-def]
    """sphinx-sitemap records each page it sees rendered: ablog's pages are rendered
    where it sees them."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-with-sitemap", src)
    app = make_app("html", srcdir=src, parallel=jobs, freshenv=True)
    app.build()
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text("utf-8")
    assert "blog/tag/" in sitemap and "blog/archive" in sitemap, sitemap


def test_pages_of_one_file_share_a_process_in_order() -> None:
    """Two pages for one output file are rendered one after the other (the last wins,
    as in the main process), never by two processes through one temporary file."""
    held = [
        (Path(name), (lambda name=name, n=n: f"{n}:{name}"))
        for n, name in enumerate(["a.html", "b.html", "a.html", "c.html", "d.html", "a.html"])
    ]
    shares = parallel_pages.split(held, 2)  # type: ignore[arg-type]
    rendered = [[render() for render in share] for share in shares]
    with_a = [share for share in rendered if any(r.endswith("a.html") for r in share)]
    assert len(with_a) == 1
    assert [r for r in with_a[0] if r.endswith("a.html")] == ["0:a.html", "2:a.html", "5:a.html"]
    assert sorted(r for share in rendered for r in share) == sorted(f() for _, f in held)
    assert len(shares) == 2
    assert parallel_pages.split(held[:1], 2) == [[held[0][1]]]  # no empty share


def test_excerpts_are_rendered_by_other_processes_as_in_the_main_process(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """:func:`.parallel_pages.prerender_excerpts` gives the excerpts the feeds and the
    listing pages would render in the main process, and the same pages."""
    by = tmp_path / "excerpts-by.txt"
    render = parallel_pages._render_excerpts

    def noted(app: Any, posts: list[Any]) -> Any:
        with open(by, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {len(posts)}\n")
        return render(app, posts)

    monkeypatch.setattr(parallel_pages, "_render_excerpts", noted)
    built, excerpts = {}, {}
    for jobs in (2, 1):
        src = blog(rootdir, tmp_path, f"excerpts-j{jobs}")
        app = make_app("html", srcdir=src, parallel=jobs, confoverrides={"html_theme": "alabaster"})
        app.build()
        built[jobs] = outputs(Path(app.outdir))
        excerpts[jobs] = dict(get_state(app.env).moved_excerpts)
    lines = by.read_text("utf-8").split()
    assert len(set(lines[0::2]) - {str(os.getpid())}) == 2  # two other processes, -j 2 only
    assert sum(map(int, lines[1::2])) == len(excerpts[2]) // 2 >= 9
    assert excerpts[2] == excerpts[1]
    assert built[2] == built[1]


def note_process(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    """``html-page-context`` (a module function: its module is made known): whether a
    forked process has frozen objects."""
    import gc

    if os.getpid() != _MAIN:
        where = doctree if isinstance(doctree, str) else "page" if doctree is None else "writer"
        with open(Path(app.outdir) / "frozen.txt", "a", encoding="utf-8") as out:
            out.write(f"{where} {gc.get_freeze_count() > 0}\n")


_MAIN = os.getpid()


def test_every_forked_process_freezes_what_it_inherited(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """:mod:`.fork_memory`: a reader, a writer and a page renderer each freeze the
    heap they inherited, even when the main process froze nothing."""
    from sphinxcontrib_linkerdblog import parallel_reading, parallel_write

    for module in (parallel_pages, parallel_reading, parallel_write):
        monkeypatch.setattr(module, "freeze_for_forks", lambda state: None)
    monkeypatch.setattr(parallel_pages, "KNOWN", (*parallel_pages.KNOWN, __name__))
    src = blog(rootdir, tmp_path, "frozen")
    app = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "alabaster"})
    app.connect("doctree-read", lambda app, doctree: note_process(app, "", "", {}, "reader"))
    app.connect("html-page-context", note_process)
    app.build()
    lines = set((Path(app.outdir) / "frozen.txt").read_text("utf-8").splitlines())
    assert lines == {"reader True", "writer True", "page True"}, lines


def test_the_main_process_freezes_only_during_parallel_phases(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gc

    frozen: dict[str, bool] = {}

    def note(where: str) -> None:
        if os.getpid() == _MAIN:
            frozen[where] = frozen.get(where, True) and gc.get_freeze_count() > 0

    src = blog(rootdir, tmp_path, "main")
    app = make_app("html", srcdir=src, parallel=2, confoverrides={"html_theme": "alabaster"})
    app.connect("env-merge-info", lambda app, env, docnames, other: note("merging"))
    app.connect("doctree-resolved", lambda app, doctree, docname: note("resolving"))
    app.connect("env-updated", lambda app, env: note("read"), priority=900)
    assert gc.get_freeze_count() == 0
    app.build()
    assert frozen == {"merging": True, "resolving": True, "read": False}, frozen
    assert gc.get_freeze_count() == 0
    assert not get_state(app.env).heap_frozen
