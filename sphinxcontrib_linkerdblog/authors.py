"""The authors registry: who wrote the posts, as linkerd.io's ``data/authors.*``.

``linkerdblog_authors`` is a path (JSON, YAML or TOML, relative to the conf
dir) or a dict, keyed by author id, each entry with ``name``, ``avatar``,
``bio`` and ``links``.  Other keys (``email``, ``firstName``...) are ignored:
an email is never published.  The registry gives ablog its author names (so
author pages say "William Morgan", not "william") and the bylines their names
and avatars.  A broken registry is a warning; the build goes on without it.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

RESOLVED = "_linkerdblog_authors"


@dataclass(frozen=True, slots=True)
class Author:
    """One author, as published (no email)."""

    id: str
    name: str
    avatar: str = ""
    bio: str = ""
    links: tuple[tuple[str, str], ...] = ()


def _links(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, dict):
        return tuple((str(k), str(v)) for k, v in value.items() if isinstance(v, str) and v)
    if isinstance(value, list):
        return tuple((str(v), str(v)) for v in value if isinstance(v, str) and v)
    return ()


def parse_registry(data: Any, source: str) -> tuple[dict[str, Author], list[str]]:
    """Authors from registry data; problems as messages (never raises)."""
    if not isinstance(data, dict):
        return {}, [f"{source}: the authors registry must map author ids to entries"]
    authors: dict[str, Author] = {}
    problems: list[str] = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(f"{source}: author {key!r} is not a table of fields; skipped")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            name = " ".join(str(entry.get(k, "")) for k in ("firstName", "lastName")).strip()
        authors[str(key)] = Author(
            id=str(key),
            name=(name or str(key)).strip(),
            avatar=str(entry.get("avatar") or ""),
            bio=str(entry.get("bio") or ""),
            links=_links(entry.get("links")),
        )
    return authors, problems


def load_registry(value: Any, confdir: Path) -> tuple[dict[str, Author], list[str]]:
    """Read the registry named by ``linkerdblog_authors``."""
    if not value:
        return {}, []
    if isinstance(value, dict):
        return parse_registry(value, "linkerdblog_authors")
    path = (confdir / str(value)).resolve()
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            data = json.loads(text)
        elif path.suffix == ".toml":
            data = tomllib.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        return {}, [f"cannot read the authors registry {value}: {exc}; building without it"]
    return parse_registry(data, str(value))


def setup_registry(app: Sphinx, config: Config) -> None:
    """Load the registry and give ablog the names of the authors it lacks."""
    authors, problems = load_registry(config.linkerdblog_authors, Path(app.confdir))
    for problem in problems:
        warn(f"conf.py: {problem}", Warn.AUTHOR)
    setattr(config, RESOLVED, authors)
    names = dict(config.blog_authors or {})
    for author in authors.values():
        names.setdefault(author.id, (author.name, None))
    config.blog_authors = names


def get_authors(config: Config) -> dict[str, Author]:
    """The registry (empty when none is configured)."""
    return getattr(config, RESOLVED, {})


def setup_authors(app: Sphinx) -> None:
    """Load the registry at ``config-inited``, before ablog reads ``blog_authors``."""
    app.connect("config-inited", setup_registry, priority=450)
