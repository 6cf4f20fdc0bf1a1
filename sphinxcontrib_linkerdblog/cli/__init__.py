"""The command line: ``linkerdblog check`` and ``linkerdblog convert``.

Also ``python -m sphinxcontrib_linkerdblog``.  :mod:`.check` finds the
problems a build would report without writing a site; :mod:`.convert` writes
the posts as plain MyST; :mod:`.conf` reads a project's ``conf.py`` for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from .check import check
from .convert import convert

CONF_HELP = "a Sphinx project whose conf.py configures the blog (its site shortcodes...)"


def parser() -> argparse.ArgumentParser:
    """The command line's parser (every option has its help)."""
    main = argparse.ArgumentParser(
        prog="linkerdblog",
        description="Hugo blogs in Sphinx: check posts, or convert them to plain MyST.",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    checker = commands.add_parser(
        "check", help="report every problem a build would report, without writing a site"
    )
    checker.add_argument("path", type=Path, help="a Hugo content folder (e.g. content/blog)")
    checker.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
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
    return main


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = parser().parse_args(argv)
    if args.command == "convert":
        return convert(
            args.src, args.dest, dry_run=args.dry_run, confdir=args.conf, drafts=args.drafts
        )
    return check(args.path, args.format, args.conf)
