"""A Hugo site's own configuration, read as Hugo reads it (pure).

``hugo.toml`` (or ``.yaml``/``.yml``/``.json``, or the older ``config.*``) at
the site root, and the ``config/_default/`` folder, where ``hugo.toml`` holds
the root keys and every other file one of them (``params.toml`` is
``params``, ``markup.yaml`` is ``markup``).  Keys are case-insensitive, as in
Hugo.  :func:`read_site_config` returns what the extension can use
(:class:`SiteConfig`) and the problems: an unreadable file, a value of the
wrong type, and the keys it does not use (menus, languages, outputs...), so a
maintainer sees at once what moved and what did not.

Environment folders (``config/production/``) and theme configs are not read:
they change a deployed site, not its posts.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import describe

SUFFIXES = (".toml", ".yaml", ".yml", ".json")
ROOT_NAMES = ("hugo", "config")

USED = frozenset(
    {
        "baseurl",
        "title",
        "permalinks",
        "params",
        "timezone",
        "summarylength",
        "pagination",
        "paginate",
        "taxonomies",
        "related",
        "markup",
    }
)
"""Top-level keys this extension reads."""

HARMLESS = frozenset(
    {
        "languagecode",
        "locale",  # languageCode's name since Hugo 0.158
        "defaultcontentlanguage",
        "defaultcontentlanguageinsubdir",
        "contentdir",
        "publishdir",
        "staticdir",
        "theme",
        "themesdir",
        "enablerobotstxt",
        "enablegitinfo",
        "pygmentscodefences",
        "pygmentsusefences",
        "disablekinds",
        "build",
        "caches",
        "imaging",
        "minify",
        "module",
        "outputformats",
        "mediatypes",
        "security",
        "server",
        "services",
        "privacy",
        "sitemap",
        "deployment",
        "frontmatter",
        "cascade",
        "copyright",
        "enableinlineshortcodes",
        "canonifyurls",
        "relativeurls",
        "buildfuture",
        "builddrafts",
        "buildexpired",
        "cleandestinationdir",
        "ignorefiles",
        "ignorelogs",
    }
)
"""Keys about building or serving the Hugo site, not about what a post says:
not reported as ignored (they have no counterpart to miss)."""


@dataclass(frozen=True, slots=True)
class Goldmark:
    """The Goldmark settings that change how a post's Markdown renders (Hugo's defaults)."""

    unsafe: bool = False
    linkify: bool = True
    typographer: bool = True
    table: bool = True
    strikethrough: bool = True
    definition_list: bool = True
    footnote: bool = True
    task_list: bool = True
    title_attributes: bool = True  # parser.attribute.title: ## Title {#id .class}
    block_attributes: bool = False  # parser.attribute.block: {.class} under a block
    auto_heading_id: bool = True


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """Something in the Hugo config we could not use, at a file (and line when known)."""

    message: str
    path: str
    line: int = 1


@dataclass(slots=True)
class SiteConfig:
    """What a Hugo site's config says about its posts; ``None``: not set there."""

    files: list[str] = field(default_factory=list)
    base_url: str | None = None
    title: str | None = None
    permalinks: dict[str, str] | None = None  # section -> pattern
    params: dict[str, Any] | None = None
    timezone: str | None = None
    summary_length: int | None = None
    pager_size: int | None = None  # pagination.pagerSize (paginate before Hugo 0.128)
    taxonomies: dict[str, str] | None = None  # singular -> plural
    related_fields: list[str] | None = None  # related.indices names
    goldmark: Goldmark | None = None
    ignored: list[str] = field(default_factory=list)


def lower_keys(value: Any) -> Any:
    """Keys in lower case, at every depth (Hugo's keys are case-insensitive)."""
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def config_files(path: Path) -> list[Path]:
    """The files Hugo reads for the site at ``path`` (a file, a site root or a
    ``config`` folder), root file first."""
    if path.is_file():
        return [path]
    found: list[Path] = []
    for name in ROOT_NAMES:
        for suffix in SUFFIXES:
            candidate = path / f"{name}{suffix}"
            if candidate.is_file():
                found.append(candidate)
                break
        if found:
            break
    folder = path / "_default" if (path / "_default").is_dir() else path / "config" / "_default"
    if folder.is_dir():
        files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
        found += [p for p in files if p.stem in ROOT_NAMES] + [
            p for p in files if p.stem not in ROOT_NAMES
        ]
    return found


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def read_raw(path: Path, problems: list[ConfigProblem]) -> tuple[dict[str, Any], list[str]]:
    """Every config file at ``path`` merged into one mapping (keys lower case)."""
    merged: dict[str, Any] = {}
    files = config_files(path)
    if not files:
        problems.append(ConfigProblem("no Hugo config file found there", str(path)))
    for file in files:
        try:
            data = _load(file)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            problems.append(ConfigProblem(f"cannot read it: {first}", str(file), max(line, 1)))
            continue
        data = {} if data is None else data
        if not isinstance(data, dict):
            problems.append(ConfigProblem(f"it is {describe(data)}, not a mapping", str(file)))
            continue
        data = lower_keys(data)
        # config/_default/params.toml is the "params" key; hugo.toml the root.
        if file.parent.name == "_default" and file.stem.split(".")[0] not in ROOT_NAMES:
            data = {file.stem.split(".")[0].lower(): data}
        _merge(merged, data)
    return merged, [str(f) for f in files]


def _flag(table: Any, *keys: str, default: bool) -> bool:
    value: Any = table
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return default
        value = value[key]
    if isinstance(value, dict):  # "typographer: {disable: false}" style tables
        return not value.get("disable", False) if "disable" in value else default
    return bool(value) if isinstance(value, bool) else default


def _goldmark(markup: Any) -> Goldmark:
    goldmark = markup.get("goldmark", {}) if isinstance(markup, dict) else {}
    ext = goldmark.get("extensions", {}) if isinstance(goldmark, dict) else {}
    parser = goldmark.get("parser", {}) if isinstance(goldmark, dict) else {}
    return Goldmark(
        unsafe=_flag(goldmark, "renderer", "unsafe", default=False),
        linkify=_flag(ext, "linkify", default=True),
        typographer=_flag(ext, "typographer", default=True),
        table=_flag(ext, "table", default=True),
        strikethrough=_flag(ext, "strikethrough", default=True),
        definition_list=_flag(ext, "definitionlist", default=True),
        footnote=_flag(ext, "footnote", default=True),
        task_list=_flag(ext, "tasklist", default=True),
        title_attributes=_flag(parser, "attribute", "title", default=True),
        block_attributes=_flag(parser, "attribute", "block", default=False),
        auto_heading_id=_flag(parser, "autoheadingid", default=True),
    )


def _permalinks(value: Any) -> dict[str, str] | None:
    """Hugo's ``permalinks``: ``{blog: pattern}``, or by kind ``{page: {blog: ...}}``."""
    if not isinstance(value, dict):
        return None
    page = value.get("page")
    pages: dict[str, Any] = page if isinstance(page, dict) else value
    return {str(k).strip("/"): v for k, v in pages.items() if isinstance(v, str)}


def key_line(path: str, key: str) -> int:
    """The line a top-level key is first written on (1 when not found): for messages."""
    pattern = re.compile(rf"""^\s*(?:\[+\s*)?["']?{re.escape(key)}\b""", re.I)
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)


def read_site_config(path: Path) -> tuple[SiteConfig, list[ConfigProblem]]:
    """Read the Hugo config at ``path`` (see the module docstring)."""
    problems: list[ConfigProblem] = []
    raw, files = read_raw(path, problems)
    where = files[0] if files else str(path)
    site = SiteConfig(files=files)

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            problems.append(ConfigProblem(f"{key} is {describe(value)}, not text; ignored", where))
            return None
        return value

    site.base_url = text("baseurl")
    site.title = text("title")
    site.timezone = text("timezone")
    site.permalinks = _permalinks(raw.get("permalinks"))
    params = raw.get("params")
    if params is not None and not isinstance(params, dict):
        problems.append(ConfigProblem(f"params is {describe(params)}, not a mapping", where))
    site.params = params if isinstance(params, dict) else None
    length = raw.get("summarylength")
    if length is not None:
        if isinstance(length, int) and not isinstance(length, bool) and length >= 0:
            site.summary_length = length
        else:
            problems.append(ConfigProblem(f"summaryLength {length!r} is not a count", where))
    pagination = raw.get("pagination")
    size = pagination.get("pagersize") if isinstance(pagination, dict) else None
    size = raw.get("paginate") if size is None else size  # before Hugo 0.128
    if size is not None:
        if isinstance(size, int) and not isinstance(size, bool) and size >= 1:
            site.pager_size = size
        else:
            problems.append(ConfigProblem(f"pagerSize {size!r} is not a count", where))
    taxonomies = raw.get("taxonomies")
    if isinstance(taxonomies, dict):
        site.taxonomies = {str(k): str(v) for k, v in taxonomies.items()}
    related = raw.get("related")
    if isinstance(related, dict) and isinstance(related.get("indices"), list):
        site.related_fields = [
            str(index["name"]).lower()
            for index in related["indices"]
            if isinstance(index, dict) and "name" in index
        ]
    if "markup" in raw:
        site.goldmark = _goldmark(raw["markup"])
    site.ignored = sorted(key for key in raw if key not in USED and key not in HARMLESS)
    return site, problems
