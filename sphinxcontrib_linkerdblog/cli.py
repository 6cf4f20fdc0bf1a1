"""``python -m sphinxcontrib_linkerdblog check PATH``: find problems without building.

Reads every Markdown file under a Hugo content folder with the same pure core
the build uses (front-matter reader, shortcode lexer, the registry of built-in
shortcodes) and prints each problem as ``file:line: message
[linkerdblog.<subtype>]``, with the build's texts.  A progress bar goes to a
terminal only; ``--format json`` is for CI.  Exit 0: nothing found; 1:
problems found; 2: the folder or a file could not be read (one line, no
traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .hugo.frontmatter import normalise, split_front_matter
from .hugo.lexer import all_calls, scan
from .project_conf import load_config
from .warnings_ import WARNING_TYPE


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located."""

    file: str
    line: int
    message: str
    subtype: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{WARNING_TYPE}.{self.subtype}]"


def check_text(name: str, text: str, known: set[str]) -> list[Finding]:
    """The problems of one post's text (front matter and shortcodes)."""
    front = split_front_matter(text)
    _meta, problems = normalise(front)
    findings = [Finding(name, p.line, p.message, p.subtype) for p in [*front.problems, *problems]]
    if front.format is not None and not front.problems and not _meta.title:
        findings.append(Finding(name, 1, "post has no title in its front matter", "frontmatter"))
    result = scan(text)
    findings += [Finding(name, p.line, p.message, "shortcode") for p in result.problems]
    for call in all_calls(result.calls):
        if call.name not in known:
            findings.append(
                Finding(
                    name,
                    call.line,
                    f"unknown shortcode {call.name!r}; its text is kept as written",
                    "shortcode",
                )
            )
    return sorted(findings, key=lambda f: f.line)


def _known_shortcodes(config: Any) -> set[str]:
    """The built-ins and the site's own (from ``--conf``)."""
    from .shortcodes.registry import BUILTINS

    return set(BUILTINS) | set(config.site_shortcodes)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")


def check(path: Path, output: str, confdir: Path | None = None) -> int:
    """Run ``check`` on a folder; return the exit status."""
    if not path.is_dir():
        print(f"error: {path}: no such folder", file=sys.stderr)
        return 2
    config = load_config(confdir)
    if config is None:
        return 2
    files = sorted(p for p in path.rglob("*.md") if p.is_file())
    known = _known_shortcodes(config)
    findings: list[Finding] = []
    unreadable: list[str] = []
    tty = sys.stderr.isatty() and output == "text"
    for done, file in enumerate(files, start=1):
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror
            print(f"error: {file}: cannot read ({reason})", file=sys.stderr)
            unreadable.append(str(file))
            continue
        findings += check_text(str(file), text, known)
        if tty:
            _progress(done, len(files))
    counts = Counter(f.subtype for f in findings)
    if output == "json":
        print(
            json.dumps(
                {
                    "files": len(files),
                    "problems": [asdict(f) for f in findings],
                    "counts": dict(counts),
                    "unreadable": unreadable,
                },
                indent=2,
            )
        )
    else:
        for finding in findings:
            print(finding)
        summary = ", ".join(f"{WARNING_TYPE}.{k}: {v}" for k, v in sorted(counts.items()))
        print(
            f"{len(files)} files, {len(findings)} problems" + (f" ({summary})" if summary else "")
        )
    if unreadable:
        return 2
    return 1 if findings else 0


CONF_HELP = "a Sphinx project whose conf.py maps the site's shortcodes"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m sphinxcontrib_linkerdblog")
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="report front-matter and shortcode problems")
    checker.add_argument("path", type=Path, help="a Hugo content folder")
    checker.add_argument("--format", choices=("text", "json"), default="text")
    checker.add_argument("--conf", type=Path, metavar="DIR", help=CONF_HELP)
    converter = commands.add_parser(
        "convert", help="write the posts as plain MyST with ablog front matter"
    )
    converter.add_argument("src", type=Path, help="a Hugo content folder (never written to)")
    converter.add_argument("dest", type=Path, help="where to write (not inside SRC)")
    converter.add_argument("--dry-run", action="store_true", help="list what would be written")
    converter.add_argument("--conf", type=Path, metavar="DIR", help=CONF_HELP)
    converter.add_argument(
        "--drafts", action="store_true", help="convert drafts, future and expired posts too"
    )
    args = parser.parse_args(argv)
    if args.command == "convert":
        from .convert import convert

        return convert(
            args.src, args.dest, dry_run=args.dry_run, confdir=args.conf, drafts=args.drafts
        )
    return check(args.path, args.format, args.conf)
