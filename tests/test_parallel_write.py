"""With ``-j 2``, documents are written by the writers and, once every document
is resolved, by the main process too (:mod:`.parallel_write`): the same files as
Sphinx's own parallel writing and as ``-j 1``, each document written once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import more_posts, output_files
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import SphinxParallelError

from sphinxcontrib_linkerdblog import parallel_write

WRITTEN = "written-by.txt"


def note_writer(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    """``html-page-context``: which process writes each document."""
    if doctree is not None:
        with open(Path(app.outdir) / WRITTEN, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {pagename}\n")


def blog(rootdir: Path, tmp_path: Path, name: str) -> Path:
    return more_posts(rootdir, tmp_path, name, posts=24)


def outputs(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, WRITTEN)


def test_documents_are_written_by_every_process_to_the_same_files(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    built, writers = {}, {}
    for jobs, pipelined in ((2, True), (2, False), (1, True)):
        monkeypatch.setattr(parallel_write, "PIPELINED", pipelined)
        src = blog(rootdir, tmp_path, f"j{jobs}-{pipelined}")
        app = make_app("html", srcdir=src, parallel=jobs, confoverrides={"html_theme": "alabaster"})
        app.connect("html-page-context", note_writer)
        app.build()
        assert app.builder.parallel_ok == (jobs == 2)
        lines = (Path(app.outdir) / WRITTEN).read_text("utf-8").split("\n")[:-1]
        by = dict(line.split(" ", 1)[::-1] for line in lines)
        assert len(by) == len(lines), "a document written twice"
        assert set(by) == set(app.env.found_docs)
        writers[jobs, pipelined] = by
        built[jobs, pipelined] = outputs(Path(app.outdir))
    main = str(os.getpid())
    pipelined = writers[2, True]
    assert pipelined["blog/first"] == main  # the first is written here, warming the caches
    assert len(set(pipelined.values()) - {main}) >= 2  # writers forked per chunk
    assert set(writers[1, True].values()) == {main}
    assert built[2, True] == built[2, False] == built[1, True]
    assert len(built[2, True]) > 40


def test_a_failing_writer_fails_the_build_and_stops_the_others(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    main = os.getpid()

    def fail(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        if doctree is not None and os.getpid() != main:
            raise RuntimeError(f"cannot write {pagename}")

    app = make_app("html", srcdir=blog(rootdir, tmp_path, "fails"), parallel=2)
    app.connect("html-page-context", fail)
    with pytest.raises(SphinxParallelError, match="exception: cannot write blog/"):
        app.build()
    assert not [
        child for child in os.listdir("/proc") if child.isdigit() and _child_of(main, child)
    ]


def _child_of(parent: int, pid: str) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return int(stat.rsplit(")", 1)[1].split()[1]) == parent and "Z" not in stat.split()[2]


def test_a_writers_warnings_reach_the_build(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    main = os.getpid()

    def warn(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        if doctree is not None and os.getpid() != main:
            parallel_write.logger.warning("written elsewhere: %s", pagename)

    app = make_app("html", srcdir=blog(rootdir, tmp_path, "warns"), parallel=2)
    app.connect("html-page-context", warn)
    app.build()
    assert app.warning.getvalue().count("written elsewhere: blog/more") >= 10


class OwnWriting(StandaloneHTMLBuilder):
    def write_documents(self, docnames: Any) -> None:
        super().write_documents(docnames)


def test_only_a_builder_that_writes_as_sphinx_does_is_pipelined() -> None:
    assert parallel_write._sphinx_writes_alike(StandaloneHTMLBuilder.__new__(StandaloneHTMLBuilder))
    assert not parallel_write._sphinx_writes_alike(OwnWriting.__new__(OwnWriting))
    assert OwnWriting.write_documents is not Builder.write_documents
