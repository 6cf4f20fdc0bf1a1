"""The privacy promise, checked in a real headless Chromium.

A built post in the default ("click") mode requests nothing from any host but
the local server; pressing a card's button swaps the provider's player in, and
only then does the page reach the provider.  Every request a page makes is
recorded (``request`` event) and every non-local one is refused by a route, so
the network is never touched.

Needs Debian's ``chromium`` (``/usr/bin/chromium``) and the ``playwright``
package, used only for its bundled driver: no browser is ever downloaded.  Each
test skips with the reason where either is missing; ``.ci/run`` installs both.
Screenshots for a person to look at: ``/tmp/embeds-click.png`` (the page as it
opens) and ``/tmp/embeds-clicked.png`` (after the YouTube card's click).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# What Chromium needs in this sandbox (run as root, no GPU, no network).
# Playwright's launch() always starts from a fresh temporary user-data-dir.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 5000
# Tall enough for the whole post, players included: anything lazy-loaded is in
# view (live mode's players), and no click has to scroll, so nothing moves
# under the pointer (a scrolled click could land in the player just above).
VIEWPORT = {"width": 1280, "height": 2000}
POST = "blog/embeds.html"  # tests/roots/test-browser/blog/embeds.md
YOUTUBE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
VIMEO = "https://player.vimeo.com/video/146022717"
# The other embeds of the post, by a stable part of their data-linkerdblog-src.
OTHERS = {"tweet": "twitter.com", "gist": "gist.github.com", "instagram": "instagram.com"}


def is_local(url: str) -> bool:
    return urlparse(url).hostname == "127.0.0.1"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole module."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, headless=True, timeout=30_000
        )
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)  # every request, in order
    errors: list[str] = field(default_factory=list)  # uncaught errors in the page

    @property
    def remote(self) -> list[str]:
        """The requests to any host but the local server (all of them refused)."""
        return [url for url in self.requests if not is_local(url)]


@contextlib.contextmanager
def visit(browser: Any, outdir: Path, **context_options: Any) -> Iterator[Visit]:
    """Open the built post; record every request, refuse every non-local one."""
    with serve(outdir) as base:
        context = browser.new_context(viewport=VIEWPORT, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            seen = Visit(page)
            # Every request of every page and frame of the context, recorded
            # before the route below decides on it.
            context.on("request", lambda request: seen.requests.append(request.url))
            page.on("pageerror", lambda error: seen.errors.append(str(error)))

            def route(route: Any) -> None:
                if is_local(route.request.url):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", route)
            page.goto(f"{base}/{POST}", wait_until="load")
            # Give anything lazy or deferred the chance to ask for more.
            page.wait_for_load_state("networkidle")
            yield seen
        finally:
            context.close()


def build(make_app: Any, rootdir: Path, tmp_path: Path, **overrides: Any) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-browser", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    return Path(app.outdir)


def card(page: Any, src_part: str) -> Any:
    """The card whose data-linkerdblog-src contains ``src_part``, as a handle.

    A handle, not a locator: the script may drop the attribute once loaded.
    """
    handle = page.query_selector(f'.linkerdblog-embed[data-linkerdblog-src*="{src_part}"]')
    assert handle is not None, f"no card with data-linkerdblog-src containing {src_part!r}"
    return handle


def test_click_mode_requests_nothing_until_clicked(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path)
    with visit(browser, outdir) as seen:
        page = seen.page
        assert seen.remote == [], "the page reached a third party before any click"
        assert any(
            urlparse(u).path.endswith("/_static/linkerdblog-embeds.js") for u in seen.requests
        )

        cards = page.locator(".linkerdblog-embed")
        assert cards.count() == 5
        for i in range(5):
            assert cards.nth(i).is_visible(), cards.nth(i).inner_html()
            assert cards.nth(i).locator("a.linkerdblog-embed-link").is_visible()
            assert cards.nth(i).locator("svg.linkerdblog-embed-mark").is_visible()
            # the button says what it loads, from where (shown once the script runs)
            load = cards.nth(i).locator("button.linkerdblog-embed-load")
            assert load.is_visible() and load.inner_text().startswith("Load "), load.inner_text()
        assert card(page, YOUTUBE).query_selector("button").inner_text() == (
            "Load video from youtube-nocookie.com"
        )
        assert page.locator(".linkerdblog-embed iframe").count() == 0
        page.screenshot(path="/tmp/embeds-click.png", full_page=True)

        # YouTube and Vimeo: the button puts exactly the announced player in;
        # Vimeo's by keyboard (focus, Enter), as a button is operable.
        for src, shot in ((YOUTUBE, "/tmp/embeds-clicked.png"), (VIMEO, None)):
            box = card(page, src)
            assert box.get_attribute("data-linkerdblog-src") == src
            assert not any(url.startswith(src) for url in seen.remote)
            button = box.query_selector("button.linkerdblog-embed-load")
            if shot:
                button.click()
            else:
                button.focus()
                page.keyboard.press("Enter")
            frame = box.wait_for_selector("iframe", state="attached")
            assert frame.get_attribute("src") == src
            # The player loads (into Chromium's error page: our route refused
            # it), so it was requested, and only now.
            frame.content_frame().wait_for_load_state()
            assert any(url.startswith(src) for url in seen.remote), seen.remote
            if shot:
                page.screenshot(path=shot, full_page=True)

        # The others (a tweet may load X's widget script instead of a frame):
        # a click changes the card, and the page stays where it is.
        for name, part in OTHERS.items():
            box = card(page, part)
            before = box.inner_html()
            box.query_selector("button.linkerdblog-embed-load").click()
            try:
                page.wait_for_function("([el, old]) => el.innerHTML !== old", arg=[box, before])
            except Exception as error:  # playwright's TimeoutError
                pytest.fail(f"clicking the {name} card's button did not change it: {error}")
        assert urlparse(page.url).path.endswith(POST), "a click navigated away"
        assert seen.errors == []


def test_links_work_without_javascript(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path)
    with visit(browser, outdir, java_script_enabled=False) as seen:
        page = seen.page
        assert seen.remote == []
        link = card(page, YOUTUBE).query_selector("a.linkerdblog-embed-link")
        # no button that could do nothing: without the script it stays hidden
        assert not card(page, YOUTUBE).query_selector("button.linkerdblog-embed-load").is_visible()
        href = link.get_attribute("href")
        assert urlparse(href).hostname not in (None, "127.0.0.1"), href
        # A plain link: the click opens the provider's page (refused here).
        with page.expect_request(lambda request: not is_local(request.url)) as opened:
            link.click(no_wait_after=True)
        assert opened.value.url == href
        assert opened.value.is_navigation_request()


def test_live_mode_requests_at_once(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path, linkerdblog_embeds="live")
    with visit(browser, outdir) as seen:
        assert seen.page.locator(".linkerdblog-embed iframe").count() >= 2
        hosts = {urlparse(url).hostname for url in seen.remote}
        assert {"www.youtube-nocookie.com", "player.vimeo.com"} <= hosts, hosts


def test_static_mode_has_no_script_and_no_request(browser, make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outdir = build(make_app, rootdir, tmp_path, linkerdblog_embeds="static")
    with visit(browser, outdir) as seen:
        page = seen.page
        assert seen.remote == []
        assert not any("linkerdblog-embeds" in url for url in seen.requests)
        assert page.locator("script[src*='linkerdblog-embeds']").count() == 0
        assert page.locator("[data-linkerdblog-src]").count() == 0
        assert page.locator("iframe").count() == 0
        cards = page.locator(".linkerdblog-embed")
        assert cards.count() == 5
        assert cards.first.locator("a.linkerdblog-embed-link").is_visible()


# Contrast of our secondary text (byline, tag line, the author cards' dates) in
# each theme, light and dark: WCAG's ratio of the computed text colour (with its
# alpha and every ancestor's opacity) over the composited background, read back
# through a canvas so that any colour syntax (oklch, color-mix) is measured.
CONTRAST_JS = r"""
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const chain = [];
  for (let node = el; node; node = node.parentElement) chain.unshift(node);
  let background = [255, 255, 255];
  for (const node of chain) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) background = over(colour, background);
  }
  const text = rgba(getComputedStyle(el).color);
  for (const node of chain) text[3] *= parseFloat(getComputedStyle(node).opacity);
  const back = luminance(background);
  const [high, low] = [luminance(over(text, background)), back].sort((a, b) => b - a);
  return [(high + 0.05) / (low + 0.05), back];
}
"""
CONTRAST_PAGES = {
    "blog/first.html": (".linkerdblog-byline", ".linkerdblog-tags"),
    "blog-authors.html": (".linkerdblog-author-card .linkerdblog-date",),
}
# mode -> (the browser's colour scheme, the attributes that switch the theme)
DARK_ATTRIBUTES = {
    # furo: body[data-theme]; "auto" follows prefers-color-scheme
    "furo": {"dark": "body:dark", "auto-dark": "body:auto"},
    # pydata and the book theme: html[data-theme] (and data-mode, its setting)
    "pydata_sphinx_theme": {"dark": "html:dark"},
    "sphinx_book_theme": {"dark": "html:dark"},
}
CONTRAST_THEMES = [
    "alabaster",
    "furo",
    "pydata_sphinx_theme",
    "sphinx_book_theme",
    "sphinx_rtd_theme",
]
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text


def set_mode(page: Any, spec: str) -> None:
    element, value = spec.split(":")
    page.evaluate(
        """([element, value]) => {
            const node = element === "body" ? document.body : document.documentElement;
            node.dataset.theme = value;
            if (element === "html") node.dataset.mode = value;
        }""",
        [element, value],
    )


def measure_contrast(browser: Any, outdir: Path, theme: str) -> dict[tuple[str, str], float]:
    """(mode, selector) -> contrast ratio; themes without a dark mode: "dark" is the OS's."""
    modes = {"light": ("light", "html:light" if theme in DARK_ATTRIBUTES else "")}
    for mode, spec in DARK_ATTRIBUTES.get(theme, {"dark": ""}).items():
        modes[mode] = ("dark", spec)
    if theme == "furo":
        modes["light"] = ("light", "body:light")
    ratios: dict[tuple[str, str], float] = {}
    with serve(outdir) as base:
        for mode, (scheme, spec) in modes.items():
            context = browser.new_context(color_scheme=scheme)
            try:
                page = context.new_page()
                for name, selectors in CONTRAST_PAGES.items():
                    page.goto(f"{base}/{name}", wait_until="load")
                    if spec:
                        set_mode(page, spec)
                    for selector in selectors:
                        found = page.evaluate(CONTRAST_JS, selector)
                        assert found is not None, f"{theme}: no {selector} in {name}"
                        ratio, background = found
                        if scheme == "dark" and theme in DARK_ATTRIBUTES:
                            # The theme did switch: a dark background.
                            assert background < 0.05, (theme, mode, selector, background)
                        ratios[(mode, selector)] = round(ratio, 2)
            finally:
                context.close()
    return ratios


@pytest.mark.parametrize("theme", CONTRAST_THEMES)
def test_secondary_text_contrast(browser, make_app, rootdir, tmp_path, theme) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-themes", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"html_theme": theme})
    app.build()
    ratios = measure_contrast(browser, Path(app.outdir), theme)
    print(theme, ratios)  # shown with -s: the numbers the docs quote
    low = {key: ratio for key, ratio in ratios.items() if ratio < MIN_CONTRAST}
    assert not low, f"{theme}: contrast below {MIN_CONTRAST}: {low} (all: {ratios})"


# The pages a reader of each theme lands on, and what must be visible there.
THEME_PAGES = {
    "blog/first.html": ("marker FIRST-BODY", ".linkerdblog-byline"),
    "blog.html": ("marker SECOND-BODY", ".linkerdblog-card-meta"),
    "blog/tag/linkerd.html": ("marker FIRST-BODY", ".linkerdblog-card-meta"),
}


@pytest.mark.parametrize("theme", CONTRAST_THEMES)
def test_theme_pages_in_chromium(browser, make_app, rootdir, tmp_path, theme) -> None:  # type: ignore[no-untyped-def]
    """The post, the blog index and a tag page render inside the theme's own
    layout (its marker, from test_themes), show their content, and reach no
    host but the local one (nothing is clicked)."""
    from test_themes import THEMES

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-themes", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"html_theme": theme})
    app.build()
    with visit(browser, Path(app.outdir)) as seen:
        page = seen.page
        url = urlparse(page.url)  # the local server (visit opened its default page)
        base = f"{url.scheme}://{url.netloc}"
        for name, (text, selector) in THEME_PAGES.items():
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_load_state("networkidle")
            assert THEMES[theme] in page.content(), (theme, name)
            assert "generated by inheriting from" not in page.content(), (theme, name)
            assert page.get_by_text(text).first.is_visible(), (theme, name, text)
            assert page.locator(selector).first.is_visible(), (theme, name, selector)
        assert seen.remote == [], (theme, seen.remote)
        assert seen.errors == [], (theme, seen.errors)
