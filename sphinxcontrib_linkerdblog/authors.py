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

from .hugo.authors_text import name_key
from .hugo.urls import safe_url
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True, slots=True)
class Author:
    """One author, as published (no email)."""

    id: str
    name: str
    avatar: str = ""
    bio: str = ""
    links: tuple[tuple[str, str], ...] = ()


def _links(value: Any, key: str, source: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    """(label, URL) pairs; a URL whose scheme is not http(s) or mailto is left out."""
    if isinstance(value, dict):
        pairs = [(str(k), v) for k, v in value.items() if isinstance(v, str) and v]
    elif isinstance(value, list):
        pairs = [(v, v) for v in value if isinstance(v, str) and v]
    else:
        return ()
    kept = []
    for label, url in pairs:
        if safe_url(url) is None:
            problems.append(
                f"{source}: author {key!r}: link {url!r} is not http(s), mailto or relative; "
                "left out"
            )
        else:
            kept.append((label, url))
    return tuple(kept)


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
            links=_links(entry.get("links"), str(key), source, problems),
        )
    return authors, problems


def registry_names(authors: dict[str, Author]) -> dict[str, str]:
    """Each entry's name, folded (:func:`.hugo.authors_text.name_key`), -> its id:
    a post that writes ``William Morgan`` out means the registry's ``william``.
    A name two entries share is left out (it names neither for sure)."""
    found: dict[str, str | None] = {}
    for author in authors.values():
        key = name_key(author.name)
        found[key] = author.id if key not in found else None
    return {key: id_ for key, id_ in found.items() if id_ is not None}


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


def load_authors(app: Sphinx, config: Config) -> dict[str, Author]:
    """``config-inited`` (with the build state): the registry, its problems warned.

    ablog is given the names of the authors it lacks, so that its author pages
    say "William Morgan", not "william".
    """
    authors, problems = load_registry(config.linkerdblog_authors, Path(app.confdir))
    for problem in problems:
        warn(f"conf.py: {problem}", Warn.AUTHOR)
    names = dict(config.blog_authors or {})
    for author in authors.values():
        names.setdefault(author.id, (author.name, None))
    config.blog_authors = names
    return authors
