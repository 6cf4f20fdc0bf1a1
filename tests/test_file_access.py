"""What a post may read: the source folder, the static folders, ``linkerdblog_read_dirs``.

The hostile catalog (``test_hostile.py``) checks that reads outside are refused;
here, that a folder named in ``linkerdblog_read_dirs`` can be read, as the
security page's example says, and that the project's own (non-Hugo) pages
are not restricted.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

POST = """---
title: Includes
date: 2020-01-01
---
```{literalinclude} ../../examples/hello.go
:language: text
```

The end.
"""


def project(tmp_path: Path, **overrides: object) -> tuple[SphinxTestApp, str, str]:
    """A site with an ``examples/`` folder beside its source folder."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "hello.go").write_text("package hello-from-examples\n")
    src = tmp_path / "docs"
    (src / "blog").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
    )
    (src / "index.md").write_text(
        "# Home\n\n```{literalinclude} ../examples/hello.go\n:language: text\n```\n\n"
        "```{toctree}\n:glob:\nblog/*\n```\n"
    )
    (src / "blog" / "post.md").write_text(POST)
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), **overrides)
    app.build()
    app.cleanup()
    out = Path(app.outdir)
    return (
        app,
        (out / "blog" / "post.html").read_text(encoding="utf-8"),
        (out / "index.html").read_text(encoding="utf-8"),
    )


def test_outside_folder_is_refused_for_posts_only(tmp_path: Path) -> None:
    app, post, index = project(tmp_path)
    assert "hello-from-examples" not in post and "The end." in post
    assert any("post.md:5:" in w and "[linkerdblog.path]" in w for w in warnings_of(app))
    assert "hello-from-examples" in index  # the project's own page is not a post


def test_read_dirs_widens_what_posts_read(tmp_path: Path) -> None:
    app, post, _index = project(tmp_path, confoverrides={"linkerdblog_read_dirs": ["../examples"]})
    assert "hello-from-examples" in post
    assert not any("[linkerdblog.path]" in w for w in warnings_of(app))
