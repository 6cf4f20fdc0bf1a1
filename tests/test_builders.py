"""Every node the extension makes renders in every builder, with a useful fallback."""

from __future__ import annotations

import pytest
from helpers import warnings_of

BUILDERS = ["html", "singlehtml", "epub", "latex", "text", "man", "texinfo"]


@pytest.mark.parametrize("root", ["basic", "shortcodes", "blog", "authors-text", "summaries"])
@pytest.mark.parametrize("buildername", BUILDERS)
def test_roots_build_everywhere(make_app, rootdir, tmp_path, buildername: str, root: str) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{root}", src)
    app = make_app(buildername, srcdir=src, freshenv=True)
    app.build()
    errors = [
        w for w in warnings_of(app) if "unknown node" in w or "ERROR" in w or "Traceback" in w
    ]
    assert not errors, errors
    assert "Traceback" not in app.warning.getvalue()


@pytest.mark.sphinx("text", testroot="basic", srcdir="basic-text", freshenv=True)
def test_text_fallback_is_a_plain_link(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    text = " ".join((app.outdir / "blog" / "yaml-post.txt").read_text(encoding="utf-8").split())
    assert "Post on X: https://x.com/i/status/1129105603354333184" in text
    assert "Post by @linkerd on X: https://x.com/linkerd/status/1131493061916319744" in text
    assert "No spaces: Post on X (https://x.com/i/status/1130789969293991936) inside" in text


@pytest.mark.sphinx("latex", testroot="basic", srcdir="basic-latex", freshenv=True)
def test_latex_fallback_is_a_hyperlink(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://x.com/i/status/1129105603354333184}" in tex or (
        r"\sphinxurl{https://x.com/i/status/1129105603354333184}" in tex
    )
