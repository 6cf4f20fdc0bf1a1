"""pytest's settings for the suite: Sphinx's fixtures, our test roots.

Shared helpers are in ``helpers.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>``."""
    return Path(__file__).parent / "roots"


@pytest.fixture
def built(app: Any) -> Any:
    """The ``app`` of the test's ``@pytest.mark.sphinx`` root, built."""
    app.build()
    return app
