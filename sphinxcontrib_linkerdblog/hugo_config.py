"""``linkerdblog_hugo_config``: a Hugo site moves with one line of conf.py.

At ``config-inited``, before the options are checked, the Hugo config is read
(:mod:`.hugo.site_config`) and what it says becomes the value of every
``linkerdblog_*`` option it matches, unless conf.py (or ``-D``) set that option
to something other than its default: an explicit value wins.  Problems, and the
Hugo keys that have no counterpart here (menus, languages, outputs...), are
``linkerdblog.config`` warnings naming the file.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import OPTIONS, PREFIX
from .hugo.site_config import key_line, read_site_config
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TAG_FIELDS = ("tags", "keywords", "categories")
_DEFAULTS = {option.name: option.default for option in OPTIONS}


def _offer(config: Config, name: str, value: Any) -> None:
    """Use ``value`` for ``linkerdblog_<name>`` unless conf.py chose another."""
    if value is None:
        return
    if getattr(config, PREFIX + name) == _DEFAULTS[name]:
        setattr(config, PREFIX + name, value)


def apply_hugo_config(app: Sphinx, config: Config) -> None:
    """``config-inited`` (priority 250): the Hugo config's values as option defaults."""
    value = config.linkerdblog_hugo_config
    if not value or not isinstance(value, str):
        return
    path = Path(app.confdir, value).resolve()
    site, problems = read_site_config(path)
    for problem in problems:
        warn(f"Hugo config: {problem.message}", Warn.CONFIG, f"{problem.path}:{problem.line}")
    if not site.files:
        return
    if site.ignored:
        warn(
            f"Hugo config: not used here: {', '.join(site.ignored)} (layouts, menus and "
            "languages have no counterpart; see the Hugo compatibility page)",
            Warn.CONFIG,
            f"{site.files[0]}:{key_line(site.files[0], site.ignored[0])}",
        )
    _offer(config, "base_url", site.base_url)
    if site.title and getattr(config, "blog_title", "Blog") == "Blog":
        config.blog_title = site.title  # ablog's title (its default is "Blog")
    _offer(config, "timezone", site.timezone)
    _offer(config, "site_params", site.params)
    _offer(config, "summary_length", site.summary_length)
    _offer(config, "pager_size", site.pager_size)
    if site.permalinks:
        _offer(config, "permalinks", site.permalinks)
    if site.taxonomies is not None:
        fields = [f for f in site.taxonomies.values() if f in TAG_FIELDS]
        _offer(config, "tags_from", fields or None)
    if site.related_fields is not None:
        fields = [f for f in site.related_fields if f in TAG_FIELDS]
        _offer(config, "related_from", fields or None)
    if site.goldmark is not None:
        goldmark = asdict(site.goldmark)
        unsafe = goldmark.pop("unsafe")
        _offer(config, "goldmark", goldmark)
        # Hugo leaves raw HTML out unless renderer.unsafe; showing it as text loses
        # nothing.  unsafe = true stays "sanitize": posts still come from anyone.
        if not unsafe:
            _offer(config, "raw_html", "escape")


def setup_hugo_config(app: Sphinx) -> None:
    """Read the Hugo config before the options are checked (300) and used."""
    app.connect("config-inited", apply_hugo_config, priority=250)
