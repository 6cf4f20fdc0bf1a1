"""Screenshots of a post in each supported theme, light and dark, for the Themes page.

Run ``python docs/_tools/screenshots.py`` (needs the four themes, ``playwright``
and Debian's ``/usr/bin/chromium``; no browser is downloaded).  It builds
``tests/roots/test-themes`` once per theme and writes
``docs/images/themes/<theme>-<light|dark>.png``; the images are committed, so
building the docs never needs this script.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parents[2]
# This checkout's package, not whichever one is installed.
sys.path.insert(0, str(REPO))
ROOT = REPO / "tests" / "roots" / "test-themes"
OUT = Path(__file__).resolve().parents[1] / "images" / "themes"
PAGE = "blog/first.html"
VIEWPORT = {"width": 1200, "height": 760}
# theme -> how its dark mode is switched on (None: the theme has no dark mode)
DARK: dict[str, str | None] = {
    "alabaster": None,
    "furo": "document.body.dataset.theme = 'dark'",
    "pydata_sphinx_theme": "document.documentElement.dataset.theme = 'dark'",
    "sphinx_book_theme": "document.documentElement.dataset.theme = 'dark'",
    "sphinx_rtd_theme": None,
}
LIGHT = {
    "furo": "document.body.dataset.theme = 'light'",
    "pydata_sphinx_theme": "document.documentElement.dataset.theme = 'light'",
    "sphinx_book_theme": "document.documentElement.dataset.theme = 'light'",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port); yield its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(theme: str, work: Path) -> Path:
    """Build the test root with ``theme``; return the output folder."""
    src = work / theme
    shutil.copytree(ROOT, src)
    app = SphinxTestApp(
        "html",
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        freshenv=True,
        confoverrides={"html_theme": theme},
    )
    try:
        app.build()
        return Path(app.outdir)
    finally:
        app.cleanup()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for theme, dark in DARK.items():
            outdir = build(theme, Path(tmp))
            with serve(outdir) as base:
                modes = {"light": LIGHT.get(theme)} | ({"dark": dark} if dark else {})
                for mode, script in modes.items():
                    context = browser.new_context(viewport=VIEWPORT, color_scheme=mode)
                    page = context.new_page()
                    page.goto(f"{base}/{PAGE}", wait_until="networkidle")
                    if script:
                        page.evaluate(script)
                        page.wait_for_timeout(200)
                    target = OUT / f"{theme}-{mode}.png"
                    page.screenshot(path=str(target), type="png")
                    print(target.relative_to(OUT.parents[1]))
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
