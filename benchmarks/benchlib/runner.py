"""One build, in its own process: ``python -m benchlib.runner [--plain] SPHINX-ARGS``.

Prints one JSON line last: exit status, in-process seconds, peak RSS, the
documents Sphinx read, and the timers of :mod:`.timed`.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

from sphinx.builders import Builder
from sphinx.cmd.build import main

from .timed import install


def run(argv: list[str]) -> dict[str, Any]:
    """Build with ``sphinx-build`` arguments ``argv``; the measurements."""
    plain = argv[:1] == ["--plain"]
    argv = argv[1:] if plain else argv
    timers: dict[str, float] = {}
    install(timers, extension=not plain)
    read: list[str] = []
    original = Builder.read_doc

    def read_doc(self: Builder, docname: str, *args: Any, **kwargs: Any) -> None:
        read.append(docname)
        original(self, docname, *args, **kwargs)

    Builder.read_doc = read_doc  # type: ignore[method-assign]
    start = time.perf_counter()
    status = main(argv)
    return {
        "status": status,
        "seconds": time.perf_counter() - start,
        "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "read": len(read),
        "timers": timers,
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:])))
