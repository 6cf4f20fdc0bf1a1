"""What a build prints besides warnings: nothing of MyST's configuration."""

from __future__ import annotations

import pytest
from helpers import warnings_of


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_myst_configuration_is_not_dumped(built) -> None:  # type: ignore[no-untyped-def]
    """myst-parser logs its whole ``MdParserConfig(...)`` at INFO on every build;
    it is shown with ``-v`` only."""
    assert "MdParserConfig(" not in built.status.getvalue()
    assert "Running Sphinx" in built.status.getvalue()  # the rest of the log is there


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, verbosity=1)
def test_myst_configuration_is_shown_with_verbose(built) -> None:  # type: ignore[no-untyped-def]
    assert "MdParserConfig(" in built.status.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={"myst_enable_extensions": ["no-such-extension"]},
)
def test_an_invalid_myst_configuration_is_still_reported(built) -> None:  # type: ignore[no-untyped-def]
    assert any("myst configuration invalid" in w for w in warnings_of(built)), warnings_of(built)
