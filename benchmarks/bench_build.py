"""Build-time benchmark: the Linkerd blog with the extension vs plain MyST + ablog.

    python benchmarks/bench_build.py --runs 5

Copies ``../shared/corpus/linkerd-2022/blog`` into Sphinx projects in a scratch
folder (``benchmarks/_work/``, git-ignored; never into the repository) that
differ only in ``conf.py``, then times clean HTML builds in paired, interleaved
runs (one warm-up each, then A B A B ...).  Each build is its own process: the
parent times it, the child reports its own elapsed time and peak RSS as JSON.
A configuration whose warm-up fails is reported with its error, not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "linkerd-2022" / "blog"
PACKAGES = ("sphinx", "myst-parser", "ablog", "sphinx-design", "docutils")

# One build in a fresh process; the last stdout line is its measurements.
RUNNER = """
import json, resource, sys, time
from sphinx.cmd.build import main
start = time.perf_counter()
status = main(sys.argv[1:])
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"status": status, "seconds": elapsed, "rss_kib": rss}))
"""


@dataclass(frozen=True)
class Config:
    """One way of building the same posts: a key, a label and its conf.py lines."""

    key: str
    label: str
    conf: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    """How the projects are built: extra sphinx options and the job count."""

    name: str
    options: tuple[str, ...] = ("-E", "-a")
    jobs: int = 1


PLAIN = 'extensions = ["myst_parser", "sphinx_design", "ablog"]'
OURS = 'extensions = ["sphinxcontrib_linkerdblog"]'
POSTS = 'blog_post_pattern = "blog/*"'
COMMON_CONF = ('suppress_warnings = ["image.not_readable", "linkerdblog.image"]',)
CONFIGS = (
    Config("baseline", "(a) myst_parser + sphinx_design + ablog", (PLAIN, POSTS)),
    Config("extension", "(b) sphinxcontrib_linkerdblog", (OURS, POSTS)),
    # Plain ablog cannot build the unchanged posts as posts (see README.md), so
    # this reference reads them as ordinary pages: a floor for parse + write.
    Config("pages", "(a0) as (a), without blog_post_pattern", (PLAIN,)),
)


@dataclass(frozen=True)
class Sample:
    """One successful build: wall and in-process seconds, peak RSS, warning count."""

    wall: float
    inner: float
    rss_mib: float
    warnings: int


@dataclass
class Result:
    """The measurements of one configuration in one scenario."""

    wall: list[float] = field(default_factory=list)
    inner: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    warnings: int = 0
    error: str = ""

    def add(self, sample: Sample | str) -> str:
        """Record a build's sample or error; returns a one-line summary of it."""
        if isinstance(sample, str):
            self.error = self.error or sample
            return " / ".join(sample.splitlines()[:2])
        self.wall.append(sample.wall)
        self.inner.append(sample.inner)
        self.rss_mib.append(sample.rss_mib)
        self.warnings = sample.warnings
        return f"{sample.wall:.2f} s, {sample.rss_mib:.0f} MiB, {sample.warnings} warnings"


def make_project(root: Path, config: Config) -> Path:
    """A Sphinx project holding a copy of the corpus and ``config``'s conf.py."""
    src = root / "src" / config.key
    shutil.copytree(CORPUS, src / "blog")
    (src / "index.md").write_text("# Blog\n\nThe Linkerd blog, built by Sphinx.\n", "utf-8")
    (src / "conf.py").write_text("\n".join(config.conf + COMMON_CONF) + "\n", "utf-8")
    return src


def error_excerpt(stderr: str) -> str:
    """A failed build's first non-warning stderr line and the exceptions it raised."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and "WARNING" not in ln]
    raised = [ln for ln in lines if re.match(r"[\w.]+(Error|Exception): ", ln)]
    return "\n".join(dict.fromkeys(lines[:1] + raised)) or "(no stderr)"


def build(src: Path, out: Path, scenario: Scenario) -> Sample | str:
    """One build of ``src`` into fresh dirs under ``out``: its Sample, or its error."""
    shutil.rmtree(out, ignore_errors=True)
    args = ["-b", "html", *scenario.options, "-q", "-j", str(scenario.jobs)]
    args += ["-d", str(out / "doctrees"), str(src), str(out / "html")]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    try:
        child = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        child = {"status": proc.returncode or "no report", "seconds": 0.0, "rss_kib": 0}
    if proc.returncode != 0 or child["status"] != 0:
        return f"build failed (exit {child['status']})\n{error_excerpt(proc.stderr)}"
    warnings = sum("WARNING" in line for line in proc.stderr.splitlines())
    return Sample(wall, child["seconds"], child["rss_kib"] / 1024, warnings)


def machine() -> list[str]:
    """Facts that make the figures comparable."""
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


def table(results: dict[tuple[str, str], Result], scenarios: list[Scenario]) -> list[str]:
    """The Markdown table, one row per scenario and configuration."""
    lines = [
        "| scenario | config | median s | min s | max s | in-process median s "
        "| peak RSS MiB | warnings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scenario in scenarios:
        for config in CONFIGS:
            r = results[scenario.name, config.key]
            if r.error:
                status = r.error.splitlines()[0] + ", see below"
                lines.append(f"| {scenario.name} | {config.label} | {status} | | | | | |")
                continue
            lines.append(
                f"| {scenario.name} | {config.label} | {statistics.median(r.wall):.2f} "
                f"| {min(r.wall):.2f} | {max(r.wall):.2f} | {statistics.median(r.inner):.2f} "
                f"| {max(r.rss_mib):.0f} | {r.warnings} |"
            )
    return lines


def ratio(ours: Result, base: Result) -> str:
    """The ratio of median wall times, or why there is none."""
    if ours.error or base.error:
        return "n/a (a build failed)"
    return f"**{statistics.median(ours.wall) / statistics.median(base.wall):.3f}**"


def report(results: dict[tuple[str, str], Result], scenarios: list[Scenario], runs: int) -> str:
    """RESULTS.md: command, date, machine, table, ratios and any build errors."""
    command = shlex.join(["python", "benchmarks/bench_build.py", *sys.argv[1:]])
    lines = [
        "# Build benchmark",
        "",
        f"`{command}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        f"- Corpus: linkerd-2022 blog ({sum(1 for _ in CORPUS.iterdir())} files), "
        f"{runs} paired interleaved runs after one warm-up of each configuration.",
        "- Times are wall seconds of the whole build subprocess (interpreter start-up",
        "  included); in-process is `sphinx.cmd.build.main` alone. RSS is the child's peak.",
        "",
        *table(results, scenarios),
        "",
    ]
    for name in (s.name for s in scenarios):
        for ref in ("baseline", "pages"):
            got = ratio(results[name, "extension"], results[name, ref])
            lines.append(f"- {name}: extension / {ref} (medians): {got}")
    failed = [(key, r) for key, r in results.items() if r.error]
    if failed:
        lines += ["", "## Build errors", ""]
        for (scenario, config), r in failed:
            lines += [f"{scenario} / {config}:", "", "```", r.error, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def run(scenarios: list[Scenario], runs: int, scratch: Path) -> dict[tuple[str, str], Result]:
    """Per scenario: one warm-up of each configuration, then A B A B ... timed runs."""
    projects = {c.key: make_project(scratch, c) for c in CONFIGS}
    results = {(s.name, c.key): Result() for s in scenarios for c in CONFIGS}
    for scenario in scenarios:
        live = []
        for config in CONFIGS:  # warm-up (imports, disk cache); a failure here is final
            sample = build(projects[config.key], scratch / "out" / config.key, scenario)
            result = results[scenario.name, config.key]
            summary = result.add(sample) if isinstance(sample, str) else "ok"
            live += [] if result.error else [config]
            print(f"{scenario.name}: warm-up {config.key}: {summary}", flush=True)
        for n in range(1, runs + 1):
            for config in live:
                sample = build(projects[config.key], scratch / "out" / config.key, scenario)
                summary = results[scenario.name, config.key].add(sample)
                print(f"{scenario.name}: run {n} {config.key}: {summary}", flush=True)
    return results


def main() -> None:
    """Parse options, run the benchmark, write and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired runs (default 5)")
    parser.add_argument("--jobs", type=int, default=1, help="sphinx -j (default 1)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="report path")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS} (the benchmark needs ../shared beside the repo)")
    scenarios = [Scenario(f"clean -j {args.jobs}", jobs=args.jobs)]
    (HERE / "_work").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=HERE / "_work"))
    try:
        results = run(scenarios, args.runs, scratch)
        text = report(results, scenarios, args.runs)
        args.out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
