"""A blog previewed with sphinx-autobuild (see tests/test_interplay.py).

The build's output goes inside the source folder, as with
``sphinx-autobuild docs docs/_build/html``; the listener below records the
documents each build reads, in the output folder (which autobuild ignores).
"""

import json
from pathlib import Path

project = "Interplay"
extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
linkerdblog_permalinks = "/:year/:slug/"
exclude_patterns = ["_build"]


def _record_reads(app, env, docnames):
    log = Path(app.outdir) / "read-docs.json"
    builds = json.loads(log.read_text("utf-8")) if log.exists() else []
    log.write_text(json.dumps([*builds, sorted(docnames)]), "utf-8")


def setup(app):
    app.connect("env-before-read-docs", _record_reads)
