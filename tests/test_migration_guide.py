"""'Moving a Hugo site', followed to the letter on the docs' own Hugo site.

The commands, ``conf.py`` and ``index.md`` are read from the guide's captioned
code blocks (docs/moving-a-hugo-site.md), so the page cannot drift from what
is tested; the example Hugo site is docs/_example/hugo-site/.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinxcontrib_linkerdblog.cli import main as cli_main

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDE = DOCS / "moving-a-hugo-site.md"
SITE = DOCS / "_example" / "hugo-site"

_BLOCK = re.compile(
    r"^(?P<fence>`{3,})\{code-block\}[^\n]*\n:caption: (?P<caption>[^\n]+)\n\n"
    r"(?P<body>.*?)^(?P=fence)$",
    re.M | re.S,
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def guide_blocks(path: Path = GUIDE) -> dict[str, str]:
    """The page's ``code-block`` bodies, by caption (each caption used once)."""
    blocks: dict[str, str] = {}
    for match in _BLOCK.finditer(path.read_text(encoding="utf-8")):
        caption = match["caption"].strip()
        assert caption not in blocks, f"caption {caption!r} is used twice"
        blocks[caption] = match["body"]
    return blocks


def run_shell_steps(block: str, cwd: Path) -> None:
    """Run each line of a ``shell:`` block (simple commands, no shell syntax)."""
    for line in block.splitlines():
        if line.strip():
            subprocess.run(shlex.split(line), cwd=cwd, check=True)


def follow_guide(tmp_path: Path, hugo_toml: str | None = None) -> tuple[Path, list[str]]:
    """Copy the example site (with ``hugo_toml`` as its config, if given), apply
    every step, build; the site and its warnings, paths relative to the site."""
    blocks = guide_blocks()
    site = tmp_path / "hugo-site"
    shutil.copytree(SITE, site)
    if hugo_toml is not None:
        (site / "hugo.toml").write_text(hugo_toml, encoding="utf-8")
    run_shell_steps(blocks["shell: move the posts"], site)
    (site / "docs" / "conf.py").write_text(blocks["docs/conf.py"], encoding="utf-8")
    (site / "docs" / "index.md").write_text(blocks["docs/index.md"], encoding="utf-8")
    check = shlex.split(blocks["shell: check the posts"].strip())
    assert check[:3] == ["python", "-m", "sphinxcontrib_linkerdblog"], check
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        assert cli_main(check[3:]) == 0  # no problem found
    command = shlex.split(blocks["shell: build"].strip())
    assert command[:3] == ["python", "-m", "sphinx"], command
    warnings_file = tmp_path / "warnings.txt"
    # The guide's command, run in this process (so this checkout's package is
    # the one built with), its warnings written to a file.
    args = [*command[3:], "--no-color", "-q", "-w", str(warnings_file)]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        assert build_main(args) == 0
    text = _ANSI.sub("", warnings_file.read_text(encoding="utf-8"))
    return site, [line.replace(f"{site}/", "") for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return follow_guide(tmp_path_factory.mktemp("migration"))


def test_the_build_gives_exactly_the_warnings_the_guide_names(moved) -> None:  # type: ignore[no-untyped-def]
    _, warnings = moved
    named = guide_blocks()["the build's warnings"].strip().splitlines()
    assert warnings == named


def test_every_post_has_its_page_and_title(moved) -> None:  # type: ignore[no-untyped-def]
    site, _ = moved
    out = site / "_build" / "html"
    titles = {
        "blog/hello-hugo-posts.html": "Hello from a Hugo post: front matter, shortcodes and all",
        "blog/toml-front-matter.html": "TOML front matter, and a repository link",
        "blog/build-times/index.html": "A page bundle, and a chart",
    }
    for page, title in titles.items():
        html = (out / page).read_text(encoding="utf-8")
        assert f"<h1>{title}" in html, page
        assert f"<title>{title}" in html, page
    # the list page is a page, and no post
    assert "<h1>Example blog" in (out / "blog" / "_index.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    for title in titles.values():
        assert title in home  # the postlist of docs/index.md


def test_images_authors_and_old_urls(moved) -> None:  # type: ignore[no-untyped-def]
    site, _ = moved
    out = site / "_build" / "html"
    # static/images/ (a site-root path), the bundle's own image, the avatars
    for image in ("mesh.png", "build-times.png", "alice.png", "bob.png"):
        assert (out / "_images" / image).is_file(), image
    bundle = (out / "blog" / "build-times" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../_images/build-times.png"' in bundle
    assert "Alice Maintainer" in bundle and "Bob Reviewer" in bundle
    # hugo.toml's permalinks and a post's aliases keep the Hugo URLs alive
    hello = "hello-from-a-hugo-post-front-matter-shortcodes-and-all"
    for old in (f"2024/03/01/{hello}", "2024/hello"):
        redirect = (out / old / "index.html").read_text(encoding="utf-8")
        assert "blog/hello-hugo-posts.html" in redirect, old
    # RSS feeds at Hugo's URLs, categories from hugo.toml's taxonomies
    for feed in ("index.xml", "blog/index.xml", "tags/hugo/index.xml"):
        assert (out / feed).is_file(), feed
    assert (out / "blog" / "category" / "howto.html").is_file()


def test_the_site_shortcodes_render(moved) -> None:  # type: ignore[no-untyped-def]
    site, _ = moved
    out = site / "_build" / "html"
    hello = (out / "blog" / "hello-hugo-posts.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Moved, not rewritten</p>' in hello
    assert "Its content is <strong>Markdown</strong>." in hello  # .Inner | markdownify
    toml = (out / "blog" / "toml-front-matter.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Note</p>' in toml  # default "Note"
    # .Site.Params.github, from hugo.toml's [params]
    assert '<a class="reference external" href="https://github.com/linkerd/linkerd2">' in toml
    assert "{{" not in hello + toml
    # Hugo's ref and relref, between the moved posts
    assert 'href="toml-front-matter.html"' in hello
    assert 'href="build-times/index.html"' in hello


def test_without_the_menus_the_build_is_warning_free(tmp_path: Path) -> None:
    """What the guide says after the build: deleting [[menus.main]] leaves no warning."""
    config = (SITE / "hugo.toml").read_text(encoding="utf-8")
    menus = config.index("[[menus.main]]")
    assert config[:menus].count("\n") + 1 == 21  # the line the named warning gives
    _, warnings = follow_guide(tmp_path, hugo_toml=config[:menus])
    assert warnings == []


@pytest.mark.skipif(shutil.which("hugo") is None, reason="no hugo on the PATH")
def test_hugo_still_builds_the_moved_posts_with_the_mounts(tmp_path: Path) -> None:
    blocks = guide_blocks()
    site = tmp_path / "hugo-site"
    shutil.copytree(SITE, site)
    run_shell_steps(blocks["shell: move the posts"], site)
    with (site / "hugo.toml").open("a", encoding="utf-8") as config:
        config.write("\n" + blocks["hugo.toml, added"])
    public = tmp_path / "public"
    subprocess.run(["hugo", "--quiet", "-d", str(public)], cwd=site, check=True)
    hello = "hello-from-a-hugo-post-front-matter-shortcodes-and-all"
    page = (public / "2024" / "03" / "01" / hello / "index.html").read_text(encoding="utf-8")
    assert '<p class="note-title">Moved, not rewritten</p>' in page
    assert (
        public / "2024" / "05" / "20" / "a-page-bundle-and-a-chart" / "build-times.png"
    ).is_file()
