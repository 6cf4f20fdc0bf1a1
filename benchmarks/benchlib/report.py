"""The benchmark's report: the machine, the targets met or not, every measurement."""

from __future__ import annotations

import os
import platform
import shlex
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from .projects import CORPUS, HERE

PACKAGES = ("sphinx", "myst-parser", "ablog", "sphinx-design", "docutils")


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
    "c": "(c) convert + myst_parser, sphinx_design (no ablog)",
}
LARGE = 10
"""From this scale on only clean ``-j 1`` builds are measured."""
PHASES = (
    ("read", "read", ()),
    ("  our preprocessing", "preprocess", ()),
    ("  MyST parse", "myst_parse", ()),
    ("  transforms", "transforms", ("post_transforms",)),
    ("write: documents", "write", ()),
    ("  posts' pages", "write_posts", ()),
    ("  search index", "search_index", ()),
    ("generated pages", "collect_pages", ()),
    ("  of which excerpts", "excerpts", ()),
    ("  domain indexes", "domain_indices", ()),
    ("redirects", "redirects", ()),
)
"""Profile rows: label, timer, timers subtracted (post-transforms run during writing)."""


@dataclass
class Result:
    """The samples of one configuration in one scenario at one scale."""

    seconds: list[float] = field(default_factory=list)
    whole: list[float] = field(default_factory=list)
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
        "| corpus | scenario | config | median s | min s | max s | whole process s "
        "| peak RSS MiB | docs re-read | files rewritten | generated pages s | warnings |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale in scales:
        for scenario in SCENARIOS:
            for key, label in CONFIGS.items():
                if (scale, scenario.name, key) not in results:
                    continue
                r = results[scale, scenario.name, key]
                if r.error:
                    lines.append(
                        f"| x{scale} | {scenario.name} | {label} | failed, see below ||||||||"
                    )
                    continue
                pages = r.timer("collect_pages") + r.timer("domain_indices")
                lines.append(
                    f"| x{scale} | {scenario.name} | {label} | {r.median('seconds'):.2f} "
                    f"| {min(r.seconds):.2f} | {max(r.seconds):.2f} | {r.median('whole'):.2f} "
                    f"| {max(r.rss_mib):.0f} "
                    f"| {r.median('read'):.0f} | {r.median('rewritten'):.0f} | {pages:.2f} "
                    f"| {r.warnings} |"
                )
    return lines


def profile(results: dict[tuple[int, str, str], Result], scales: list[int]) -> list[str]:
    """Where a clean ``-j 1`` build's time goes, per phase and configuration (medians)."""
    lines = ["| corpus | phase | " + " | ".join(CONFIGS.values()) + " |"]
    lines.append("|---|---|" + "---|" * len(CONFIGS))
    for scale in scales:
        found = [results.get((scale, "clean -j 1", key)) for key in CONFIGS]
        if any(r is None or r.error for r in found):
            continue
        for label, timer, minus in PHASES:
            cells = []
            for r in found:
                assert r is not None
                value = r.timer(timer) - sum(r.timer(m) for m in minus)
                cells.append(f"{value:.2f}" if value else "-")
            lines.append(f"| x{scale} | {label} | " + " | ".join(cells) + " |")
        lines.append(
            f"| x{scale} | **whole build (in process)** | "
            + " | ".join(f"{r.median('seconds'):.2f}" for r in found if r)
            + " |"
        )
    return lines


def targets(results: dict[tuple[int, str, str], Result], scales: list[int]) -> list[str]:
    """Issue 14's targets, each with its figure (in process; whole process) and whether met."""
    rows = ["| target | in process | whole process | met |", "|---|---|---|---|"]

    def get(scale: int, scenario: str, key: str) -> Result | None:
        r = results.get((scale, scenario, key))
        return None if r is None or r.error else r

    def ratio(text: str, top: Result | None, bottom: Result | None, limit: float) -> None:
        if top is None or bottom is None:
            rows.append(f"| {text} | not measured | | **no** |")
            return
        inner = top.median("seconds") / bottom.median("seconds")
        whole = top.median("whole") / bottom.median("whole")
        ok = inner <= limit and whole <= limit
        rows.append(f"| {text} | {inner:.3f} | {whole:.3f} | {'yes' if ok else '**no**'} |")

    for scale in scales:
        b = get(scale, "clean -j 1", "b")
        if scale in (1, 4):
            ratio(f"x{scale}: clean -j 1, (b) / (a) ≤ 0.85", b, get(scale, "clean -j 1", "a"), 0.85)
        if scale == 1:
            ratio("x1: clean -j 1, (b) / (c) ≤ 1.3", b, get(1, "clean -j 1", "c"), 1.3)
        if scale == 4:
            ratio("x4: clean (b), -j 2 / -j 1 ≤ 0.70", get(4, "clean -j 2", "b"), b, 0.70)
            for scenario in ("no-op rebuild", "one-post edit"):
                ratio(
                    f"x4: {scenario}, (b) / (c) ≤ 1.5",
                    get(4, scenario, "b"),
                    get(4, scenario, "c"),
                    1.5,
                )
            noop = get(4, "no-op rebuild", "b")
            if noop is not None:
                changed = max(noop.rewritten)
                rows.append(
                    f"| x4: no-op rebuild (b) changes no output file | {changed} changed | "
                    f"| {'yes' if changed == 0 else '**no**'} |"
                )
        a = get(scale, "clean -j 1", "a")
        if a is not None and b is not None:
            rss = max(b.rss_mib) / max(a.rss_mib)
            rows.append(
                f"| x{scale}: peak RSS (b) / (a) ≤ 1.05 | {rss:.3f} | | "
                f"{'yes' if rss <= 1.05 else '**no**'} |"
            )
    if 1 in scales and LARGE in scales:
        small, large = get(1, "clean -j 1", "b"), get(LARGE, "clean -j 1", "b")
        ratio(f"(b) clean -j 1, x{LARGE} / x1 ≤ 10.5", large, small, 10.5)
        if small is not None and large is not None:
            grown = max(large.rss_mib) / max(small.rss_mib)
            rows.append(
                f"| (b) peak RSS, x{LARGE} / x1 ≤ 10.5 | {grown:.3f} | | "
                f"{'yes' if grown <= 10.5 else '**no**'} |"
            )
        for key in CONFIGS:
            if key == "b":
                continue
            top, bottom = get(LARGE, "clean -j 1", key), get(1, "clean -j 1", key)
            if top is not None and bottom is not None:
                inner = top.median("seconds") / bottom.median("seconds")
                whole = top.median("whole") / bottom.median("whole")
                rows.append(
                    f"| ({key}) clean -j 1, x{LARGE} / x1, for comparison | {inner:.3f} "
                    f"| {whole:.3f} | baseline |"
                )
    return rows


def report(results: dict[tuple[int, str, str], Result], scales: list[int], runs: int) -> str:
    command = shlex.join(["python", "benchmarks/bench_build.py", *sys.argv[1:]])
    lines = [
        "# Build benchmark",
        "",
        f"`{command}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        f"- Corpus: linkerd-2022 blog ({sum(1 for _ in CORPUS.iterdir())} files) and its "
        f"replicas; {runs} interleaved runs after one warm-up (-j 2: {max(2, runs // 2)}); "
        f"x{LARGE}: clean -j 1 only.",
        "- Seconds are `sphinx.cmd.build.main` in the build's own process (whole process:",
        "  the subprocess from start to exit, imports included); RSS is its peak.",
        "- Docs re-read: documents Sphinx read in the build's process (0 when forked",
        "  readers read them all, with -j 2); files rewritten: output files whose",
        "  modification time changed; generated pages s: rendering ablog's archive pages and",
        "  feeds (html-collect-pages) and the domain indexes.",
        "",
        "## Targets",
        "",
        *targets(results, scales),
        "",
        "## Where the time goes",
        "",
        "Clean `-j 1` builds, seconds in process (medians), timed by `benchlib/timed.py`;",
        "a timer counts its outermost call only; transforms are those of reading.",
        "",
        *profile(results, scales),
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
