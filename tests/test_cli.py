"""``python -m sphinxcontrib_linkerdblog check``: the build's problems, without a build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from helpers import needs_shared

from sphinxcontrib_linkerdblog.cli import main

ROOTS = Path(__file__).parent / "roots"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_linkerdblog", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_text_output_and_exit_status() -> None:
    result = run("check", str(ROOTS / "test-bad-input" / "blog"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        re.search(r"bad-values\.md:9: .*tweet|bad-values\.md:2: title should be", line)
        for line in lines
    )
    assert any(
        "bad-values.md:12: unknown shortcode 'cta-banner'" in line
        and line.endswith("[linkerdblog.shortcode]")
        for line in lines
    )
    assert lines[-1].startswith("4 files, ")
    assert "[" not in result.stderr  # no progress bar when piped


def test_json_output(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(ROOTS / "test-bad-input" / "blog"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == 4 and data["counts"]["frontmatter"] >= 3
    assert {"file", "line", "message", "subtype"} <= set(data["problems"][0])


def test_clean_folder_and_bad_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ok.md").write_text("---\ntitle: Fine\ndate: 2020-01-01\n---\n{{< tweet 1 >}}\n")
    assert run("check", str(tmp_path)).returncode == 0
    missing = run("check", str(tmp_path / "nope"))
    assert missing.returncode == 2 and missing.stderr.strip().endswith("no such folder")
    assert "Traceback" not in missing.stderr
    (tmp_path / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\nBody\n".encode("latin-1"))
    bad = run("check", str(tmp_path))  # read as the build reads it, with a warning
    assert bad.returncode == 1 and "latin1.md:2: the file is not UTF-8" in bad.stdout
    assert "[linkerdblog.encoding]" in bad.stdout and "Traceback" not in bad.stderr


def test_conf_makes_site_shortcodes_known() -> None:
    corpus = needs_shared("corpus", "linkerd-2022", "blog")
    docs = Path(__file__).parents[1] / "docs"
    result = run("check", "--conf", str(docs), str(corpus))
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1].startswith("151 files, ")
    assert "[linkerdblog.shortcode]" not in result.stdout  # fig, note... are mapped
    bare = run("check", str(corpus))
    assert "unknown shortcode 'fig'" in bare.stdout


def test_bad_conf_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("import no_such_module\n", "utf-8")
    result = run("check", "--conf", str(tmp_path), str(ROOTS / "test-basic" / "blog"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {tmp_path}/conf.py: ModuleNotFoundError: No module named 'no_such_module'"
    ]


def test_the_linkerdblog_command_and_its_version() -> None:
    """``pip install`` puts a ``linkerdblog`` command beside the interpreter."""
    from sphinxcontrib_linkerdblog import __version__

    script = Path(sys.executable).parent / "linkerdblog"
    assert script.is_file(), f"{script}: reinstall the package (pip install -e .)"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"linkerdblog {__version__}"
    usage = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert "check" in usage.stdout and "convert" in usage.stdout


def test_every_command_and_option_has_help() -> None:
    """``--help`` explains every option of ``linkerdblog``, ``check`` and ``convert``."""
    import argparse

    from sphinxcontrib_linkerdblog.cli import parser

    def walk(command: argparse.ArgumentParser, name: str) -> list[str]:
        missing, seen = [], 0
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:  # each command's line in the list
                    if not (choice.help or "").strip():
                        missing.append(f"{name} {choice.dest}")
                for sub_name, sub in action.choices.items():
                    missing += walk(sub, f"{name} {sub_name}")
                continue
            seen += 1
            if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
        assert seen > 1, name  # more than -h: the walk reached the command's own options
        # The help renders (a stray % in a help text would raise here).
        assert command.format_help().strip()
        return missing

    assert walk(parser(), "linkerdblog") == []
