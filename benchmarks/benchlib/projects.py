"""The blogs the benchmark builds: the corpus, its replicas, and their converted twins.

(b) is the unchanged Hugo posts with ``sphinxcontrib_linkerdblog``; (a) the
same posts converted by ``linkerdblog convert`` and built with myst-parser,
sphinx-design and ablog alone.  A replica at scale ``n`` has every post
``n - 1`` more times, each with its own title, slug, date and aliases.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from sphinxcontrib_linkerdblog.hugo.frontmatter import split_front_matter
from sphinxcontrib_linkerdblog.hugo.metadata import normalise

HERE = Path(__file__).resolve().parents[1]
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "linkerd-2022" / "blog"
EDITED = "linkerd-service-account-tokens.md"  # the post the edit scenario changes

COMMON = (
    'blog_baseurl = "https://linkerd.io/"',
    'suppress_warnings = ["image.not_readable", "linkerdblog.image"]',  # names with spaces
)
OURS = (
    "import sys",
    f"sys.path.insert(0, {str(REPO / 'docs' / 'snippets')!r})",
    "from linkerd_io import linkerdblog_shortcodes",
    'extensions = ["sphinxcontrib_linkerdblog"]',
    'blog_post_pattern = "blog/*"',
    *COMMON,
)
PLAIN = (
    'extensions = ["myst_parser", "sphinx_design", "ablog"]',
    'myst_enable_extensions = ["colon_fence"]',
    "myst_heading_anchors = 6",
    *COMMON,
)
MYST_ONLY = tuple(
    'extensions = ["myst_parser", "sphinx_design"]' if line.startswith("extensions") else line
    for line in PLAIN
)


def _split(text: str) -> tuple[dict[str, Any], str] | None:
    front = split_front_matter(text)
    if front.format is None or front.problems:
        return None
    return dict(front.data), "\n".join(text.split("\n")[front.end_line :])


def _key(data: dict[str, Any], name: str) -> str | None:
    return next((k for k in data if str(k).lower() == name), None)


def replica(text: str, copy: int) -> str | None:
    """Post ``text`` as its ``copy``-th replica: own title, date, slug and aliases."""
    split = _split(text)
    if split is None:
        return None
    data, body = split
    meta, _ = normalise(split_front_matter(text))
    for name in ("title", "slug", "url"):
        key = _key(data, name)
        if key and isinstance(data[key], str):
            data[key] = data[key].rstrip("/") + (
                f" (part {copy + 1})" if name == "title" else f"-r{copy}"
            )
    for name in ("date", "publishdate"):
        key = _key(data, name)
        if key and meta.effective_date:
            data[key] = (meta.effective_date + timedelta(days=copy, hours=copy)).isoformat()
    key = _key(data, "aliases")
    if key and isinstance(data[key], list):
        data[key] = [str(a).rstrip("/") + f"-r{copy}/" for a in data[key]]
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{body}"


def make_corpus(scratch: Path, scale: int) -> Path:
    """The Hugo blog folder at ``scale`` (1: a copy of the corpus; 4: the replica)."""
    blog = scratch / f"hugo-x{scale}" / "blog"
    shutil.copytree(CORPUS, blog)
    for copy in range(1, scale):
        for post in sorted(CORPUS.glob("*.md")):
            if post.stem == "_index":
                continue
            text = replica(post.read_text("utf-8"), copy)
            if text is not None:
                (blog / f"{post.stem}-r{copy}.md").write_text(text, "utf-8")
    return blog


# A 1x1 transparent PNG: what every image the posts name becomes (see images()).
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)
IMAGE = re.compile(r"""(/(?:uploads|images)/[^\s)"'<>]+\.(?:png|jpe?g|gif|svg|webp))""", re.I)


def images(project: Path, posts: Path) -> int:
    """Put a stand-in at every site-root image path the posts name; how many.

    The corpus comes without its images.  Without them plain Sphinx reads every
    post naming one again on every build (99 of 151), so the baselines' rebuilds
    would measure missing files, not the build; every project gets the same
    stand-ins, as a real site has its images.
    """
    paths = {
        match for post in posts.rglob("*.md") for match in IMAGE.findall(post.read_text("utf-8"))
    }
    for path in paths:
        target = project / path.lstrip("/")
        if target.resolve().is_relative_to(project.resolve()) and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(PIXEL)
    return len(paths)


def make_projects(scratch: Path, scale: int) -> dict[str, Path]:
    """(a), (b) and (c) Sphinx projects for ``scale``.

    (a) the converted posts with ablog, (b) the Hugo posts with the extension,
    (c) the converted posts with MyST alone (no blog pages at all).
    """
    hugo = make_corpus(scratch, scale)
    projects = {"a": scratch / f"a-x{scale}", "b": hugo.parent, "c": scratch / f"c-x{scale}"}
    (projects["b"] / "conf.py").write_text("\n".join(OURS) + "\n", "utf-8")
    projects["a"].mkdir()
    (projects["a"] / "conf.py").write_text("\n".join(PLAIN) + "\n", "utf-8")
    convert = [sys.executable, "-m", "sphinxcontrib_linkerdblog", "convert"]
    convert += ["--conf", str(projects["b"]), str(hugo), str(projects["a"] / "blog")]
    done = subprocess.run(convert, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"convert failed ({done.returncode}):\n{done.stderr}")
    shutil.copytree(projects["a"], projects["c"])
    (projects["c"] / "conf.py").write_text("\n".join(MYST_ONLY) + "\n", "utf-8")
    for project in projects.values():
        images(project, project / "blog")
        (project / "index.md").write_text("# Blog\n\nThe Linkerd blog, built by Sphinx.\n", "utf-8")
    return projects
