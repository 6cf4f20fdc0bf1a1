"""A project's ``conf.py``, read outside a build, for ``check`` and ``convert``.

Only what those commands need: the ``linkerdblog_*`` values (with their
defaults) and the site's shortcodes resolved the way
the build resolves them.  ``conf.py`` is the user's code, run as Sphinx runs it
(from its folder); whatever it raises is reported on one line, never as a
traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .config import OPTIONS
from .warnings_ import WARNING_TYPE


def _values(confdir: Path | None) -> dict[str, Any]:
    values: dict[str, Any] = {f"linkerdblog_{o.name}": o.default for o in OPTIONS}
    if confdir is not None:
        from sphinx.config import eval_config_file
        from sphinx.util.tags import Tags

        namespace = eval_config_file((confdir / "conf.py").resolve(), Tags())
        values.update({k: v for k, v in namespace.items() if k.startswith("linkerdblog_")})
    return values


def load_config(confdir: Path | None) -> SimpleNamespace | None:
    """The values ``check`` and ``convert`` use, or ``None`` after a one-line error."""
    # Importing the shortcode modules registers the built-ins.
    from .embeds import social, tweet, video  # noqa: F401
    from .shortcodes import builtins, refs  # noqa: F401
    from .shortcodes.site import resolve_mapping

    if confdir is not None and not (confdir / "conf.py").is_file():
        print(f"error: {confdir}: has no conf.py", file=sys.stderr)
        return None
    try:
        values = _values(confdir)
    except Exception as exc:  # the user's conf.py: report it, never a traceback
        cause = exc.__cause__ or exc
        reason = " ".join(f"{type(cause).__name__}: {cause}".split())
        print(f"error: {confdir}/conf.py: {reason}", file=sys.stderr)
        return None
    config = SimpleNamespace(**values)
    resolved, messages = resolve_mapping(values.get("linkerdblog_shortcodes") or {})
    for message in messages:
        print(f"warning: {confdir}/{message} [{WARNING_TYPE}.config]", file=sys.stderr)
    config.site_shortcodes = resolved
    return config
