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
