"""pyproject.toml's dependency floors and the constraints file that tests them."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).parents[1]


def floors() -> dict[str, Version]:
    """Each runtime and [testing] requirement's ``>=`` version, by canonical name."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    found: dict[str, Version] = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["testing"]]:
        requirement = Requirement(line)
        lowest = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert lowest, f"{line}: no floor (>=) to test"
        found[canonicalize_name(requirement.name)] = Version(lowest[0])
    return found


def pins() -> dict[str, Version]:
    """``name==version`` lines of tests/constraints-lowest.txt, by canonical name."""
    found: dict[str, Version] = {}
    for line in (REPO / "tests" / "constraints-lowest.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{line}: not pinned with =="
            found[canonicalize_name(name)] = Version(version)
    return found


def test_constraints_pin_every_floor_and_nothing_else() -> None:
    """The floor check installs exactly the lowest versions pyproject.toml allows."""
    declared, pinned = floors(), pins()
    assert "sphinx" in declared and "pytest" in declared
    assert pinned == declared
