"""A project's ``conf.py``, read outside a build, for ``check`` and ``convert``.

``conf.py`` is the user's code, run as Sphinx runs it (from its folder);
whatever it raises is reported on one line, never as a traceback.  ``convert``
needs the ``linkerdblog_*`` values (with their defaults) and the site's
shortcodes checked as the build checks them; ``check`` only needs to know that
the file runs before it hands it to Sphinx.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from ..config import OPTIONS
from ..shortcodes.site import resolve_mapping
from ..warnings_ import WARNING_TYPE


def read_conf(confdir: Path | None) -> dict[str, Any] | None:
    """The names ``conf.py`` defines (``{}`` without one), or ``None`` after a one-line error."""
    if confdir is None:
        return {}
    if not (confdir / "conf.py").is_file():
        print(f"error: {confdir}: has no conf.py", file=sys.stderr)
        return None
    try:
        return dict(eval_config_file((confdir / "conf.py").resolve(), Tags()))
    except Exception as exc:  # the user's conf.py: report it, never a traceback
        cause = exc.__cause__ or exc
        reason = " ".join(f"{type(cause).__name__}: {cause}".split())
        print(f"error: {confdir}/conf.py: {reason}", file=sys.stderr)
        return None


def load_config(confdir: Path | None) -> SimpleNamespace | None:
    """The values ``convert`` uses, or ``None`` after a one-line error.

    ``site_shortcodes`` holds the site's checked shortcodes (the build keeps
    them in its state); a broken entry is one warning line, as in the build.
    """
    namespace = read_conf(confdir)
    if namespace is None:
        return None
    values: dict[str, Any] = {o.full_name: o.default for o in OPTIONS}
    values.update({k: v for k, v in namespace.items() if k.startswith("linkerdblog_")})
    config = SimpleNamespace(**values)
    resolved, problems = resolve_mapping(values.get("linkerdblog_shortcodes") or {})
    for message in problems:
        print(f"warning: {confdir}/{message} [{WARNING_TYPE}.config]", file=sys.stderr)
    config.site_shortcodes = resolved
    return config
