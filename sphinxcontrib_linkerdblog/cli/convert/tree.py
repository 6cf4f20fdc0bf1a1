"""``python -m sphinxcontrib_linkerdblog convert SRC DEST``: a Hugo folder as plain MyST.

Two passes over SRC: the first is the build's own post index
(:func:`..hugo.index.build_index`: every post for ``ref``, the Hugo URLs, the shared
tag spellings, each front matter parsed once), the second writes each post.
Every file is written whole, to a temporary name then renamed, so an
interrupted run or a failed post leaves no partial file; a post that cannot
be read is reported on one line and skipped.

Safety: SRC is never written to.  A DEST inside SRC (or equal to it) is refused
before anything is read, and so is a DEST file that would resolve into SRC
through a symbolic link.  Files other than Markdown (a page bundle's images)
are copied; symbolic links are not followed out of SRC.

Exit status: 0 all converted cleanly; 1 converted, with problems reported
(calls kept as written, links that lost their target); 2 bad paths or a post
that could not be read.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from ...hugo.index import LIST_PAGE, IndexSettings, build_index
from ...hugo.metadata import is_hidden
from ...shortcodes.catalog import shortcode_registry
from ...warnings_ import WARNING_TYPE
from ..conf import load_config
from .myst import Document, convert_registry
from .text import convert_text


@dataclass(slots=True)
class Source:
    """One Markdown file of SRC, read (``text`` is None if it could not be)."""

    path: Path
    rel: PurePosixPath
    text: str | None


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def read_sources(src: Path) -> tuple[list[Source], list[Path], list[str]]:
    """Markdown files (read), other files to copy, and one error line per unreadable file."""
    sources: list[Source] = []
    others: list[Path] = []
    errors: list[str] = []
    for path in sorted(src.rglob("*")):
        if path.is_symlink() and not _inside(path, src):
            errors.append(f"error: {path}: points outside {src}; not read")
            continue
        if not path.is_file():
            continue
        if path.suffix != ".md":
            others.append(path)
            continue
        rel = PurePosixPath(path.relative_to(src).as_posix())
        try:
            text: str | None = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror
            errors.append(f"error: {path}: cannot read ({reason}); not converted")
            text = None
        sources.append(Source(path, rel, text))
    return sources, others, errors


def write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (a temporary file, then a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".convert-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def convert(
    src: Path,
    dest: Path,
    *,
    dry_run: bool = False,
    confdir: Path | None = None,
    drafts: bool = False,
) -> int:
    """Convert every post of ``src`` into ``dest``; return the exit status."""
    if not src.is_dir():
        print(f"error: {src}: no such folder", file=sys.stderr)
        return 2
    if _inside(dest, src):
        print(
            f"error: {dest}: is inside {src}; choose a DEST outside the Hugo folder",
            file=sys.stderr,
        )
        return 2
    if dest.exists() and not dest.is_dir():
        print(f"error: {dest}: exists and is not a folder", file=sys.stderr)
        return 2
    config = load_config(confdir)
    if config is None:
        return 2
    sources, others, errors = read_sources(src)
    for line in errors:
        print(line, file=sys.stderr)
    prefix = src.resolve().name  # Hugo paths name the section: "/blog/x.md"
    now = datetime.now(UTC)
    docnames = {f"{prefix}/{s.rel.with_suffix('')}": s for s in sources}
    # The build's own post index: every Markdown file of SRC is a post here,
    # whatever the project's blog_post_pattern says about its layout (flat files
    # or page bundles). It parses each front matter once and keeps it.
    config.blog_post_pattern = f"{prefix}/**"
    index, _problems = build_index(src.resolve().parent, IndexSettings.of(config), now)
    problems = written = 0
    registry = convert_registry(shortcode_registry(config.site_shortcodes))
    for docname, source in docnames.items():
        if source.text is None:
            continue
        found = index.read_front(docname, source.text)
        list_page = source.rel.stem == LIST_PAGE
        hidden = (
            None
            if list_page or drafts
            else is_hidden(found.meta, now, drafts=False, future=False, expired=False)
        )
        if hidden:
            print(
                f"{source.path}: skipped, a {hidden} post "
                "(Hugo does not publish it; --drafts converts it)"
            )
            continue
        target = dest / Path(*source.rel.parts)
        if _inside(target, src):
            print(f"error: {target}: would resolve into {src}; not written", file=sys.stderr)
            errors.append(str(target))
            continue
        doc = Document(
            docname,
            str(source.path),
            None,
            config,
            docnames,
            index.names,
            index.urls,
            registry=registry,
        )
        converted = convert_text(
            source.text,
            found,
            doc,
            post=not list_page,
            spellings=index.tag_spellings,
            tags_from=config.linkerdblog_tags_from,
        )
        for problem in converted.problems:  # as the build words them
            print(
                f"{source.path}:{problem.line}: {problem.message} "
                f"[{WARNING_TYPE}.{problem.subtype}]"
            )
        problems += len(converted.problems)
        written += 1
        if dry_run:
            print(f"would write {target}")
        else:
            write_whole(target, converted.text.encode("utf-8"))
    for path in others:
        target = dest / path.relative_to(src)
        if dry_run:
            print(f"would copy {target}")
        elif not _inside(target, src):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    verb = "would convert" if dry_run else "converted"
    print(
        f"{verb} {written} of {len(sources)} Markdown files, "
        f"{problems} problems, {len(errors)} errors"
    )
    if not dry_run and written:
        print(
            f'{dest} builds with extensions = ["myst_parser", "sphinx_design", "ablog"], '
            'myst_enable_extensions = ["colon_fence"] and myst_heading_anchors = 6 '
            "(no blog_post_pattern: each post says blogpost: true)"
        )
    if errors:
        return 2
    return 1 if problems else 0
