"""The quickstart works as written: its files, copied from docs/quickstart.md into an
empty folder, build with its own command and give no warning; so does the
README's "Use it in your project".

The files are the page's ``code-block`` directives whose ``:caption:`` is a file
name (in the README, a fence after a line that is only a file name, `` `conf.py`: ``);
the commands, its ``bash`` blocks' ``python -m sphinx`` and ``linkerdblog`` lines,
run as a user runs them (with this checkout's package first on the path).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "quickstart.md"
_BLOCK = re.compile(
    r"^(?P<fence>`{3,})\{code-block\}[^\n]*\n:caption: (?P<name>[\w./-]+)\n\n"
    r"(?P<body>.*?)^(?P=fence)$",
    re.M | re.S,
)
_BASH = re.compile(r"^```bash\n(?P<body>.*?)^```$", re.M | re.S)
README = ROOT / "README.md"
_README_FILE = re.compile(
    r"^`(?P<name>[\w./-]+)`:\n\n(?P<fence>`{3,})\w*\n(?P<body>.*?)^(?P=fence)$", re.M | re.S
)


def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Use it in your project")
    return text[start : text.index("\n## ", start + 1)]


def quickstart_files() -> dict[str, str]:
    return {m["name"]: m["body"] for m in _BLOCK.finditer(PAGE.read_text(encoding="utf-8"))}


def quickstart_commands(program: str, text: str | None = None) -> list[str]:
    text = PAGE.read_text(encoding="utf-8") if text is None else text
    lines = [line for m in _BASH.finditer(text) for line in m["body"].splitlines()]
    return [line.split("#", 1)[0].strip() for line in lines if line.startswith(program)]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command of the page: ``python`` is this interpreter, ``linkerdblog`` its module."""
    argv = shlex.split(command)
    if argv[0] == "python":
        argv[0] = sys.executable
    elif argv[0] == "linkerdblog":
        argv[:1] = [sys.executable, "-m", "sphinxcontrib_linkerdblog"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_quickstart_names_every_file_it_needs() -> None:
    files = quickstart_files()
    assert {"conf.py", "index.md"} <= set(files), files.keys()
    assert any(name.startswith("blog/") for name in files)
    assert "{toctree}" in files["index.md"]


def test_the_quickstart_builds_as_written_without_a_warning(tmp_path: Path) -> None:
    project = tmp_path / "my-blog"
    for name, body in quickstart_files().items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(body, encoding="utf-8")
    [build] = quickstart_commands("python -m sphinx")
    assert " -W " in f" {build} "
    done = run(build, project)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    assert "MdParserConfig" not in done.stdout
    page = (project / "_build" / "html" / "blog" / "hello.html").read_text(encoding="utf-8")
    assert "<title>Hello from Hugo" in page and "linkerdblog-youtube" in page
    for listing in ("archive.html", "tag/hugo.html", "author/alice.html", "2024.html"):
        assert (project / "_build" / "html" / "blog" / listing).is_file(), listing
    [check] = quickstart_commands("linkerdblog check")
    checked = run(check, project)
    assert checked.returncode == 0 and "0 problems" in checked.stdout, checked.stdout


def test_the_quickstart_installs_from_the_repository() -> None:
    """Not on PyPI yet: the install line names a path, never the bare package name."""
    installs = quickstart_commands("python -m pip install")
    assert installs and all(
        line.split()[-1] not in ("sphinxcontrib-linkerdblog", "sphinxcontrib_linkerdblog")
        for line in installs
    ), installs


def test_the_readme_section_builds_as_written_without_a_warning(tmp_path: Path) -> None:
    section = readme_section()
    files = {m["name"]: m["body"] for m in _README_FILE.finditer(section)}
    assert {"conf.py", "index.md"} <= set(files) and "{toctree}" in files["index.md"], files
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    [build] = quickstart_commands("python -m sphinx", section)
    done = run(build, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    page = (tmp_path / "_build" / "html" / "blog" / "hello.html").read_text(encoding="utf-8")
    assert "<title>Hello from Hugo" in page
    [install] = quickstart_commands("python -m pip install", section)
    assert install.split()[-1] == "/path/to/sphinxcontrib-linkerdblog"
