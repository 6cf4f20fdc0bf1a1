"""The cards on ablog's listing pages link where they say, in html and dirhtml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

CARD_LINK = re.compile(r'<p class="linkerdblog-(?:byline|tags)">(.*?)</p>', re.S)
HREF = re.compile(r'href="([^"#]*)[^"]*"')


def target(outdir: Path, page: Path, href: str) -> Path:
    """The file ``href`` on ``page`` opens, as a browser resolves it."""
    url = page.relative_to(outdir).as_posix()
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    path = urlsplit(urljoin("http://site/" + url, href)).path.lstrip("/")
    return outdir / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_card_link_opens_a_page(make_app, rootdir, tmp_path, builder) -> None:  # type: ignore[no-untyped-def]
    """On every listing page; a tag's own page names itself too ("./" in dirhtml)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-blog", src)
    app = make_app(builder, srcdir=src, confoverrides={"html_theme": "basic"})
    app.build()
    outdir = Path(app.outdir)
    checked = 0
    for page in sorted(outdir.rglob("*.html")):  # listings: tags, authors, archives...
        for card in CARD_LINK.findall(page.read_text("utf-8")):
            for href in HREF.findall(card):
                if "://" in href:
                    continue
                assert target(outdir, page, href).is_file(), (page, href)
                checked += 1
    assert checked > 10
