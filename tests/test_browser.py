"""The privacy promise, checked in a real headless Chromium.

A built page in the default ("click") mode requests nothing from any host but
the local server; clicking a card swaps the provider's player in.  Needs
Debian's ``chromium`` and the ``playwright`` package (its bundled driver only:
no browser is downloaded); skipped with the reason where either is missing.
``.ci/run`` installs both.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def open_page(browser, outdir: Path):  # type: ignore[no-untyped-def]
    """Open the built post; every non-local request is recorded, then refused."""
    server, base = serve(outdir)
    context = browser.new_context()
    page = context.new_page()
    remote: list[str] = []

    def route(route, request):  # type: ignore[no-untyped-def]
        if urlparse(request.url).hostname != "127.0.0.1":
            remote.append(request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    page.goto(f"{base}/blog/embeds.html", wait_until="load")
    page.wait_for_timeout(300)
    return server, context, page, remote


def click(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Click once the layout has settled (players loaded above move the cards)."""
    target = page.locator(selector)
    target.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    target.click()


def build(make_app, rootdir: Path, tmp_path: Path, **overrides: object) -> Path:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-browser", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    return Path(app.outdir)


def test_click_mode_requests_nothing_until_clicked(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path)
    server, context, page, remote = open_page(browser, outdir)
    try:
        assert remote == []
        assert page.locator(".linkerdblog-embed").count() == 5
        page.screenshot(path="/tmp/embeds-click.png")
        for provider, src in [
            ("youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
            ("vimeo", "https://player.vimeo.com/video/146022717"),
        ]:
            click(page, f".linkerdblog-{provider} a.linkerdblog-embed-link")
            frame = page.locator(f".linkerdblog-{provider} iframe")
            frame.wait_for(timeout=5000)
            assert frame.get_attribute("src") == src
            assert any(url.startswith(src) for url in remote), remote
        click(page, ".linkerdblog-tweet a.linkerdblog-embed-link")
        page.locator(".linkerdblog-tweet blockquote.twitter-tweet").wait_for(
            state="attached", timeout=5000
        )
        assert any("platform.twitter.com" in url for url in remote), remote
        for provider in ("gist", "instagram"):
            click(page, f".linkerdblog-{provider} a.linkerdblog-embed-link")
            page.locator(f".linkerdblog-{provider} iframe").wait_for(timeout=5000)
        assert page.url.endswith("/blog/embeds.html")  # the clicks did not navigate away
        page.screenshot(path="/tmp/embeds-clicked.png", full_page=True)
    finally:
        context.close()
        server.shutdown()


def test_live_mode_requests_at_once(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path, linkerdblog_embeds="live")
    server, context, _page, remote = open_page(browser, outdir)
    try:
        hosts = {urlparse(url).hostname for url in remote}
        assert {"www.youtube-nocookie.com", "player.vimeo.com"} <= hosts, hosts
    finally:
        context.close()
        server.shutdown()


def test_static_mode_has_no_script_and_no_request(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path, linkerdblog_embeds="static")
    server, context, page, remote = open_page(browser, outdir)
    try:
        assert remote == []
        assert page.locator("script[src*='linkerdblog-embeds']").count() == 0
        page.click(".linkerdblog-youtube a.linkerdblog-embed-link", no_wait_after=True)
        page.wait_for_timeout(300)
        assert page.locator("iframe").count() == 0
    finally:
        context.close()
        server.shutdown()
