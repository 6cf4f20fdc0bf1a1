"""'Read the Docs': both .readthedocs.yaml files hold the keys the page explains,
and the moved example site builds as fail_on_warning builds it (HTML and LaTeX,
-W), once its menus are gone as the migration guide says."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from sphinx.cmd.build import build_main
from test_migration_guide import SITE, follow_guide, guide_blocks

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "read-the-docs.md"


def check_config(config: Any) -> None:
    """The keys the page relies on, with values Read the Docs accepts."""
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] in ("3.11", "3.12", "3.13")
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    assert "pdf" in config["formats"]
    assert set(config) <= {"version", "build", "sphinx", "formats", "python"}


def test_the_projects_own_file() -> None:
    text = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert guide_blocks(PAGE)["this project's .readthedocs.yaml"] == text  # the page shows it
    config = yaml.safe_load(text)
    check_config(config)
    assert (ROOT / config["sphinx"]["configuration"]).is_file()
    (install,) = config["python"]["install"]
    assert install == {"method": "pip", "path": "."}  # the docs need nothing beyond the package
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert "docs" not in extras


def test_the_moved_sites_file() -> None:
    blocks = guide_blocks(PAGE)
    check_config(yaml.safe_load(blocks[".readthedocs.yaml"]))
    assert yaml.safe_load(blocks[".readthedocs.yaml"])["python"]["install"] == [
        {"requirements": "docs/requirements.txt"}
    ]
    assert blocks["docs/requirements.txt"].split() == ["sphinxcontrib-linkerdblog"]


def test_the_moved_site_builds_with_fail_on_warning(tmp_path: Path) -> None:
    config = (SITE / "hugo.toml").read_text(encoding="utf-8")
    site, warnings = follow_guide(tmp_path, hugo_toml=config[: config.index("[[menus.main]]")])
    assert warnings == []
    latex = tmp_path / "latex"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        # what fail_on_warning runs for the PDF: the LaTeX builder with -W --keep-going
        assert build_main(["-W", "--keep-going", "-q", "-b", "latex", "docs", str(latex)]) == 0
    (tex,) = latex.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\chapter{A page bundle, and a chart}" in text
    for image in ("build-times", "mesh"):  # the bundle's image and static/'s, copied
        assert rf"\sphinxincludegraphics{{{{{image}}}.png}}" in text
        assert (latex / f"{image}.png").is_file()
