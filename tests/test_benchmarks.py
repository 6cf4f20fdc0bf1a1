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
