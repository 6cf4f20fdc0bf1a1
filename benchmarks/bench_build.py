"""Build benchmark: the Linkerd blog with the extension vs the same posts converted to plain MyST.

    python benchmarks/bench_build.py --runs 3

For the linkerd-2022 blog (x1, 151 files) and generated x4 and x10 replicas of
it (1,500 posts), in a scratch folder (``benchmarks/_work/``, git-ignored;
never the repository), (a) the converted posts with myst-parser, sphinx-design
and ablog, (b) the unchanged Hugo posts with the extension and (c) the
converted posts with myst-parser and sphinx-design alone are built, each build
in its own process (:mod:`benchlib.runner`), in interleaved runs after one
warm-up: clean ``-j 1``, clean ``-j 2``, a no-op rebuild and a one-post edit
(x10: clean ``-j 1`` only).  Seconds are measured in the build's process and
for the whole process (interpreter start and imports included).  What is
timed inside a build is listed in :mod:`benchlib.timed`; the report, with the
targets checked, goes to ``RESULTS.md`` (:mod:`benchlib.report`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.projects import CORPUS, EDITED, HERE, make_projects
from benchlib.report import LARGE, SCENARIOS, Result, Scenario, report


def mtimes(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} if out.exists() else {}


def build(
    project: Path, out: Path, scenario: Scenario, run: int, *, plain: bool
) -> dict[str, Any] | str:
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
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "benchlib.runner", *(["--plain"] if plain else []), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
    )
    whole = time.perf_counter() - start
    try:
        child = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return f"build failed (exit {proc.returncode})\n{proc.stderr[-2000:]}"
    if child["status"] != 0:
        return f"build failed (exit {child['status']})\n{proc.stderr[-2000:]}"
    after = mtimes(html)
    child["rewritten"] = sum(1 for p, t in after.items() if before.get(p) != t)
    child["whole"] = whole
    child["warnings"] = sum("WARNING" in line for line in proc.stderr.splitlines())
    return child


def run_scale(
    scratch: Path, scale: int, runs: int, results: dict[tuple[int, str, str], Result]
) -> None:
    projects = make_projects(scratch, scale)
    for scenario in SCENARIOS:
        if scale >= LARGE and scenario.name != "clean -j 1":
            continue  # the large replica is measured for growth and memory only
        count = max(2, runs // 2) if scenario.jobs > 1 else runs
        for n in range(count + 1):  # run 0 is the warm-up
            for key, project in projects.items():
                result = results.setdefault((scale, scenario.name, key), Result())
                if result.error:
                    continue
                out = scratch / "out" / f"{key}-x{scale}"
                if not scenario.clean and not (out / "html").exists():
                    build(project, out, SCENARIOS[0], 0, plain=key != "b")
                sample = build(project, out, scenario, n, plain=key != "b")
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
                result.whole.append(sample["whole"])
                result.rss_mib.append(sample["rss_kib"] / 1024)
                result.read.append(sample["read"])
                result.rewritten.append(sample["rewritten"])
                result.timers.append(sample["timers"])
                result.warnings = sample["warnings"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired runs per scenario (default 3)")
    parser.add_argument(
        "--scales",
        default="1,4,10",
        help=f"corpus sizes (default 1,4,10; from x{LARGE} on, clean -j 1 only)",
    )
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
