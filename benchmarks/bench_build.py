"""Build benchmark: the Linkerd blog with the extension vs the same posts converted to plain MyST.

    python benchmarks/bench_build.py --runs 3

For the linkerd-2022 blog (x1, 151 files) and a generated x4 replica of it
(every post three more times with its own slug, date, title and aliases), in
a scratch folder (``benchmarks/_work/``, git-ignored; never the repository):

* (a) the posts converted by ``python -m sphinxcontrib_linkerdblog convert``
  and built with ``myst_parser``, ``sphinx_design`` and ``ablog`` alone;
* (b) the unchanged Hugo posts built with ``sphinxcontrib_linkerdblog``;

both with the same ablog settings (``blog_baseurl``, so Atom feeds too).
Each build is its own process; it reports its in-process time, peak RSS,
documents re-read and, for (b), the time spent in the extension's own
front-matter and shortcode work.  Scenarios, each after one warm-up of each
configuration, in paired interleaved runs (A B A B ...), medians reported:
clean ``-j 1``, clean ``-j 2``, a no-op rebuild and a rebuild after editing one
post (documents re-read and output files rewritten are counted from the
build's own report and the output folder's modification times).  The report,
with the targets of issue 6 checked, goes to ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "linkerd-2022" / "blog"
PACKAGES = ("sphinx", "myst-parser", "ablog", "sphinx-design", "docutils")
EDITED = "linkerd-service-account-tokens.md"  # the post the edit scenario changes

# One build in a fresh process; the last stdout line is its measurements.  The
# timers wrap the extension's own preprocessing (front matter and shortcodes)
# and the generated pages (ablog's archives and feeds, the domain indexes).
RUNNER = r"""
import json, resource, sys, time
from functools import wraps
TIMERS = {}
def timed(owner, name, key):
    original = getattr(owner, name)
    @wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMERS[key] = TIMERS.get(key, 0.0) + time.perf_counter() - start
    setattr(owner, name, wrapper)
from sphinx.builders.html import StandaloneHTMLBuilder
timed(StandaloneHTMLBuilder, "gen_pages_from_extensions", "collect_pages")
timed(StandaloneHTMLBuilder, "write_domain_indices", "domain_indices")
try:
    from sphinxcontrib_linkerdblog import redirects
    timed(redirects, "write_redirects", "redirects")
except ImportError:
    pass
try:
    from sphinxcontrib_linkerdblog import sources, ablog_bridge
    from sphinxcontrib_linkerdblog.shortcodes import engine
    timed(sources, "on_source_read", "preprocess")
    timed(engine, "dispatch", "preprocess")
    timed(ablog_bridge.HugoPost, "apply", "preprocess")
    # MyST parsing a shortcode's output: parsing work (a) does on the converted text too.
    timed(engine.Context, "render", "nested_parse")
except ImportError:
    pass
READ = []
from sphinx.builders import Builder
_read_doc = Builder.read_doc
def read_doc(self, docname, *args, **kwargs):
    READ.append(docname)
    return _read_doc(self, docname, *args, **kwargs)
Builder.read_doc = read_doc
from sphinx.cmd.build import main
start = time.perf_counter()
status = main(sys.argv[1:])
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"status": status, "seconds": elapsed, "rss_kib": rss, "read": len(READ),
                  "timers": TIMERS}))
"""

COMMON = (
    'blog_baseurl = "https://linkerd.io/"',
    'suppress_warnings = ["image.not_readable", "linkerdblog.image"]',
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


@dataclass(frozen=True)
class Scenario:
    """How the projects are built: a clean build or a rebuild, and the job count."""

    name: str
    clean: bool = True
    jobs: int = 1
    edit: bool = False


SCENARIOS = (
    Scenario("clean -j 1"),
    Scenario("clean -j 2", jobs=2),
    Scenario("no-op rebuild", clean=False),
    Scenario("one-post edit", clean=False, edit=True),
)
CONFIGS = {
    "a": "(a) convert + myst_parser, sphinx_design, ablog",
    "b": "(b) sphinxcontrib_linkerdblog",
}


@dataclass
class Result:
    """The samples of one configuration in one scenario at one scale."""

    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    read: list[int] = field(default_factory=list)
    rewritten: list[int] = field(default_factory=list)
    timers: list[dict[str, float]] = field(default_factory=list)
    warnings: int = 0
    error: str = ""

    def median(self, name: str) -> float:
        values = getattr(self, name)
        return statistics.median(values) if values else float("nan")

    def timer(self, key: str) -> float:
        return statistics.median(t.get(key, 0.0) for t in self.timers) if self.timers else 0.0


# --- the corpora --------------------------------------------------------------------


def _split(text: str) -> tuple[dict[str, Any], str] | None:
    from sphinxcontrib_linkerdblog.hugo.frontmatter import split_front_matter

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
    from sphinxcontrib_linkerdblog.hugo.frontmatter import normalise, split_front_matter

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


def make_projects(scratch: Path, scale: int) -> dict[str, Path]:
    """(a) and (b) Sphinx projects for ``scale``: the converted and the Hugo posts."""
    hugo = make_corpus(scratch, scale)
    projects = {"a": scratch / f"a-x{scale}", "b": hugo.parent}
    (projects["b"] / "conf.py").write_text("\n".join(OURS) + "\n", "utf-8")
    projects["a"].mkdir()
    (projects["a"] / "conf.py").write_text("\n".join(PLAIN) + "\n", "utf-8")
    convert = [sys.executable, "-m", "sphinxcontrib_linkerdblog", "convert"]
    convert += ["--conf", str(projects["b"]), str(hugo), str(projects["a"] / "blog")]
    done = subprocess.run(convert, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"convert failed ({done.returncode}):\n{done.stderr}")
    for project in projects.values():
        (project / "index.md").write_text("# Blog\n\nThe Linkerd blog, built by Sphinx.\n", "utf-8")
    return projects


# --- builds -------------------------------------------------------------------------


def mtimes(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} if out.exists() else {}


def build(project: Path, out: Path, scenario: Scenario, run: int) -> dict[str, Any] | str:
    """One build; its measurements, or its error text."""
    if scenario.clean:
        shutil.rmtree(out, ignore_errors=True)
    if scenario.edit:
        post = project / "blog" / EDITED
        post.write_text(post.read_text("utf-8") + f"\nEdited for run {run}.\n", "utf-8")
    html = out / "html"
    before = mtimes(html)
    time.sleep(0.02)  # a rewritten file gets a newer timestamp
    args = ["-b", "html", "-q", "-j", str(scenario.jobs), "-d", str(out / "doctrees")]
    args += [str(project), str(html)]
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    try:
        child = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return f"build failed (exit {proc.returncode})\n{proc.stderr[-2000:]}"
    if child["status"] != 0:
        return f"build failed (exit {child['status']})\n{proc.stderr[-2000:]}"
    after = mtimes(html)
    child["rewritten"] = sum(1 for p, t in after.items() if before.get(p) != t)
    child["warnings"] = sum("WARNING" in line for line in proc.stderr.splitlines())
    return child


def run_scale(
    scratch: Path, scale: int, runs: int, results: dict[tuple[int, str, str], Result]
) -> None:
    projects = make_projects(scratch, scale)
    for scenario in SCENARIOS:
        count = max(2, runs // 2) if scenario.jobs > 1 else runs
        for n in range(count + 1):  # run 0 is the warm-up
            for key, project in projects.items():
                result = results.setdefault((scale, scenario.name, key), Result())
                if result.error:
                    continue
                out = scratch / "out" / f"{key}-x{scale}"
                if not scenario.clean and not (out / "html").exists():
                    build(project, out, SCENARIOS[0], 0)
                sample = build(project, out, scenario, n)
                if isinstance(sample, str):
                    result.error = sample
                    print(f"x{scale} {scenario.name} {key}: {sample.splitlines()[0]}", flush=True)
                    continue
                line = (
                    f"x{scale} {scenario.name} {key} run {n}: {sample['seconds']:.2f} s, "
                    f"{sample['rss_kib'] / 1024:.0f} MiB, read {sample['read']}, "
                    f"rewritten {sample['rewritten']}"
                )
                print(line + (" (warm-up)" if n == 0 else ""), flush=True)
                if n == 0:
                    continue
                result.seconds.append(sample["seconds"])
                result.rss_mib.append(sample["rss_kib"] / 1024)
                result.read.append(sample["read"])
                result.rewritten.append(sample["rewritten"])
                result.timers.append(sample["timers"])
                result.warnings = sample["warnings"]


# --- the report ---------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES)
    git = ["git", "-C", str(HERE), "describe", "--always", "--dirty"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}",
        f"- sphinxcontrib-linkerdblog {metadata.version('sphinxcontrib-linkerdblog')}, "
        f"repository at `{commit or 'unknown'}`",
    ]


def table(results: dict[tuple[int, str, str], Result], scales: list[int]) -> list[str]:
    lines = [
        "| corpus | scenario | config | median s | min s | max s | peak RSS MiB "
        "| docs re-read | files rewritten | generated pages s | warnings |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale in scales:
        for scenario in SCENARIOS:
            for key, label in CONFIGS.items():
                r = results[scale, scenario.name, key]
                if r.error:
                    lines.append(
                        f"| x{scale} | {scenario.name} | {label} | failed, see below |||||||"
                    )
                    continue
                pages = r.timer("collect_pages") + r.timer("domain_indices")
                lines.append(
                    f"| x{scale} | {scenario.name} | {label} | {r.median('seconds'):.2f} "
                    f"| {min(r.seconds):.2f} | {max(r.seconds):.2f} | {max(r.rss_mib):.0f} "
                    f"| {r.median('read'):.0f} | {r.median('rewritten'):.0f} | {pages:.2f} "
                    f"| {r.warnings} |"
                )
    return lines


def targets(results: dict[tuple[int, str, str], Result], scales: list[int]) -> list[str]:
    """Issue 6's targets, each with its figure and whether it is met."""
    rows = ["| target | figure | met |", "|---|---|---|"]

    def row(text: str, value: str, ok: bool) -> None:
        rows.append(f"| {text} | {value} | {'yes' if ok else '**no**'} |")

    def get(scale: int, scenario: str, key: str) -> Result:
        return results[scale, scenario, key]

    for scale in scales:
        a, b = get(scale, "clean -j 1", "a"), get(scale, "clean -j 1", "b")
        if a.error or b.error:
            row(f"x{scale}: builds succeed", "a build failed", False)
            continue
        speed = b.median("seconds") / a.median("seconds")
        row(f"x{scale}: clean build (b) ≤ 1.05 x (a)", f"{speed:.3f}", speed <= 1.05)
        rss = max(b.rss_mib) / max(a.rss_mib)
        row(f"x{scale}: peak RSS (b) ≤ 1.1 x (a)", f"{rss:.3f}", rss <= 1.1)
        own = b.timer("preprocess") - b.timer("nested_parse")
        share = own / b.median("seconds")
        row(
            f"x{scale}: front matter + shortcodes ≤ 2 % of (b)",
            f"{share:.2%} ({own:.2f} s; {b.timer('preprocess'):.2f} s with the MyST parse "
            "of shortcode output)",
            share <= 0.02,
        )
        noop = get(scale, "no-op rebuild", "b")
        row(
            f"x{scale}: no-op rebuild re-reads no post",
            f"{noop.median('read'):.0f} read",
            noop.median("read") == 0,
        )
        edit = get(scale, "one-post edit", "b")
        row(
            f"x{scale}: one-post edit re-reads that post only",
            f"{edit.median('read'):.0f} read",
            edit.median("read") == 1,
        )
    if 1 in scales and 4 in scales:
        for key in CONFIGS:
            one, four = get(1, "clean -j 1", key), get(4, "clean -j 1", key)
            if not (one.error or four.error):
                growth = four.median("seconds") / one.median("seconds")
                row(f"({key}) x4 / x1 ≤ 4.2", f"{growth:.2f}", growth <= 4.2)
    return rows


def report(results: dict[tuple[int, str, str], Result], scales: list[int], runs: int) -> str:
    command = shlex.join(["python", "benchmarks/bench_build.py", *sys.argv[1:]])
    lines = [
        "# Build benchmark",
        "",
        f"`{command}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        f"- Corpus: linkerd-2022 blog ({sum(1 for _ in CORPUS.iterdir())} files) and its x4 "
        f"replica; {runs} paired interleaved runs after one warm-up (-j 2: {max(2, runs // 2)}).",
        "- Seconds are `sphinx.cmd.build.main` in the build's own process; RSS is its peak.",
        "- Docs re-read: documents Sphinx read; files rewritten: output files whose",
        "  modification time changed; generated pages s: rendering ablog's archive pages and",
        "  feeds (html-collect-pages) and the domain indexes.",
        "",
        "## Targets",
        "",
        *targets(results, scales),
        "",
        "## Measurements",
        "",
        *table(results, scales),
        "",
    ]
    failed = [(k, r) for k, r in results.items() if r.error]
    if failed:
        lines += ["## Build errors", ""]
        for (scale, scenario, key), r in failed:
            lines += [f"x{scale} {scenario} ({key}):", "", "```", r.error, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired runs per scenario (default 3)")
    parser.add_argument("--scales", default="1,4", help="corpus sizes (default 1,4)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="report path")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS} (the benchmark needs ../shared beside the repo)")
    scales = [int(s) for s in args.scales.split(",")]
    (HERE / "_work").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=HERE / "_work"))
    results: dict[tuple[int, str, str], Result] = {}
    try:
        for scale in scales:
            run_scale(scratch, scale, args.runs, results)
        text = report(results, scales, args.runs)
        args.out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
