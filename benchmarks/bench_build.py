"""Build-time benchmark: the Linkerd blog with the extension vs plain MyST + ablog.

    python benchmarks/bench_build.py --runs 5

Copies ``../shared/corpus/linkerd-2022/blog`` (never into the repository: into
a scratch folder) into two Sphinx projects that differ only in their
extensions, then times clean HTML builds in paired, interleaved runs (one
warm-up each, then A B A B ...) and reports medians, spreads and peak memory.
Each build runs in its own process, which reports its wall time and peak RSS.
Results go to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
CORPUS = SHARED / "corpus" / "linkerd-2022" / "blog"

# One build in a fresh process: time it and report peak RSS as JSON.
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
    """One way of building the same posts."""

    name: str
    conf: str


# With ``blog_post_pattern = "blog/*"`` a plain myst-parser + ablog build of the
# unchanged corpus crashes in ablog ("can't compare offset-naive and
# offset-aware datetimes": MyST passes RFC 2822 dates with a zone and YAML
# timestamps without one).  The baseline therefore builds the same folder with
# the same extensions as ordinary pages: the cost floor of parsing and writing
# them, with ablog loaded but no post to catalogue.
CONFIGS = (
    Config(
        "plain MyST + ablog (posts as pages)",
        'extensions = ["myst_parser", "sphinx_design", "ablog"]\n',
    ),
    Config(
        "sphinxcontrib-linkerdblog",
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n',
    ),
)
COMMON_CONF = 'suppress_warnings = ["image.not_readable"]\n'


@dataclass
class Samples:
    """The measurements of one configuration."""

    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    warnings: int = 0


def make_project(root: Path, config: Config) -> Path:
    """A Sphinx project holding a copy of the corpus and ``config``'s conf.py."""
    src = root / "".join(c if c.isalnum() else "_" for c in config.name)
    shutil.copytree(CORPUS, src / "blog")
    (src / "index.md").write_text("# Blog\n\nThe front page.\n", encoding="utf-8")
    (src / "conf.py").write_text(config.conf + COMMON_CONF, encoding="utf-8")
    return src


def build(src: Path, jobs: int) -> tuple[float, float, int]:
    """One clean build; returns (seconds, peak RSS MiB, warning count)."""
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    try:
        args = [
            "-b",
            "html",
            "-E",
            "-a",
            "-q",
            "-j",
            str(jobs),
            "-d",
            str(out / "doctrees"),
            str(src),
            str(out / "html"),
        ]
        proc = subprocess.run(
            [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if result["status"] != 0:
            sys.exit(f"build of {src} failed:\n{proc.stderr[-3000:]}")
        warnings = sum("WARNING" in line for line in proc.stderr.splitlines())
        return result["seconds"], result["rss_kib"] / 1024, warnings
    finally:
        shutil.rmtree(out, ignore_errors=True)


def machine() -> list[str]:
    """Facts that make the figures comparable."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("sphinx", "myst-parser", "ablog", "sphinx-design", "docutils")
    )
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def report(results: dict[str, Samples], runs: int, jobs: int) -> str:
    """The Markdown table (and its context)."""
    base, ours = (results[c.name] for c in CONFIGS)
    ratio = statistics.median(ours.seconds) / statistics.median(base.seconds)
    lines = [
        "# Build benchmark",
        "",
        f"`python benchmarks/bench_build.py --runs {runs} --jobs {jobs}`, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        f"- Corpus: linkerd-2022 ({len(list(CORPUS.glob('*.md')))} files), clean `-E -a` "
        f"HTML builds, `-j {jobs}`, {runs} paired runs after one warm-up each.",
        "",
        "| configuration | median s | min s | max s | peak RSS MiB | warnings |",
        "|---|---|---|---|---|---|",
    ]
    for config in CONFIGS:
        s = results[config.name]
        lines.append(
            f"| {config.name} | {statistics.median(s.seconds):.2f} | {min(s.seconds):.2f} | "
            f"{max(s.seconds):.2f} | {statistics.median(s.rss_mib):.0f} | {s.warnings} |"
        )
    lines += ["", f"Extension / plain (medians): **{ratio:.3f}**.", ""]
    lines += [
        "The plain build reads the same unchanged Hugo posts as ordinary pages: with",
        '`blog_post_pattern = "blog/*"` myst-parser + ablog crash on this folder',
        "(ablog compares naive and aware dates), and their TOML front matter,",
        "shortcodes and titles are not understood; so it is the cost floor of",
        "parsing and writing these pages, not an equivalent output.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired runs (default 5)")
    parser.add_argument("--jobs", type=int, default=1, help="sphinx -j (default 1)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the benchmark needs ../shared beside the repository")
    scratch = Path(tempfile.mkdtemp(prefix="linkerdblog-bench-"))
    try:
        projects = {c.name: make_project(scratch, c) for c in CONFIGS}
        results = {c.name: Samples() for c in CONFIGS}
        for config in CONFIGS:  # warm-up: imports, disk cache
            build(projects[config.name], args.jobs)
        for run in range(args.runs):
            for config in CONFIGS:
                seconds, rss, warnings = build(projects[config.name], args.jobs)
                sample = results[config.name]
                sample.seconds.append(seconds)
                sample.rss_mib.append(rss)
                sample.warnings = warnings
                print(f"run {run + 1}: {config.name}: {seconds:.2f} s, {rss:.0f} MiB", flush=True)
        text = report(results, args.runs, args.jobs)
        args.out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
