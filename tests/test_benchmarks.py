"""The benchmark's code is tested like the package's: what it times must exist.

``benchmarks/benchlib/timed.py`` lists every internal function the build
benchmark wraps; each must resolve, so that renaming one fails here, in CI,
and not as a silent zero in a benchmark run weeks later.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from benchlib.timed import TIMED, resolve


@pytest.mark.parametrize("row", TIMED, ids=[f"{r.module}:{r.attribute}" for r in TIMED])
def test_every_timed_function_exists(row) -> None:  # type: ignore[no-untyped-def]
    owner, name, function = resolve(row)
    assert callable(function) and getattr(owner, name) is function


def test_the_hostile_benchmark_shapes_build_posts() -> None:
    import bench_hostile

    for make, n in bench_hostile.SHAPES.values():
        text = make(max(1, n // 100))
        assert text.startswith(("---", "{")) and len(text) > 10


def test_the_scaling_targets_are_the_extensions_and_the_baselines_are_for_comparison() -> None:
    """x10 / x1 (time and peak RSS) is a target of (b); (a) and (c) scale as they do."""
    from benchlib.report import Result, targets

    def result(seconds: float, rss: float) -> Result:
        return Result(seconds=[seconds], whole=[seconds + 1], rss_mib=[rss])

    results = {
        (1, "clean -j 1", "a"): result(6.0, 170),
        (1, "clean -j 1", "b"): result(5.0, 120),
        (1, "clean -j 1", "c"): result(4.0, 110),
        (10, "clean -j 1", "a"): result(70.0, 1000),  # 11.7: a baseline's, not a target
        (10, "clean -j 1", "b"): result(50.0, 1300),  # time 10.0, RSS 10.8
        (10, "clean -j 1", "c"): result(44.0, 500),
    }
    rows = {row.split(" | ")[0].lstrip("| "): row for row in targets(results, [1, 10])}
    assert rows["(b) clean -j 1, x10 / x1 ≤ 10.5"].endswith("| yes |")
    assert (
        rows["(b) peak RSS, x10 / x1 ≤ 10.5"]
        == "| (b) peak RSS, x10 / x1 ≤ 10.5 | 10.833 | | **no** |"
    )
    assert rows["(a) clean -j 1, x10 / x1, for comparison"].endswith(
        "| 11.667 | 10.143 | baseline |"
    )
    assert rows["(c) clean -j 1, x10 / x1, for comparison"].endswith("| baseline |")
    assert rows["x10: peak RSS (b) / (a) ≤ 1.05"].endswith("| **no** |")
