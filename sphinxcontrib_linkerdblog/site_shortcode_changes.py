"""Re-read the posts when the site's shortcodes change, and only then.

``linkerdblog_shortcodes`` may hold functions, which Sphinx cannot pickle with
the environment: registered to rebuild on change, every build would warn
"cannot cache unpickleable configuration value" (which fails a ``-W`` build,
and Read the Docs with ``fail_on_warning``) and re-read every document, since
a value that is not cached always looks changed.  So the option is registered
without Sphinx's rebuild check, and this module does the check itself: a
fingerprint of the mapping (each template's text; each function's name and
source, or its bytecode when the source is not on disk) is kept in the
``blog`` domain, and a different one re-reads every document.
"""

from __future__ import annotations

import hashlib
import inspect
import types
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from .posts.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CONFIG_NAME = "linkerdblog_shortcodes"
DIGEST_KEY = "shortcodes_digest"


def _code_bytes(code: types.CodeType) -> bytes:
    """A function's compiled body, nested functions included, without addresses."""
    parts = [code.co_code, repr(code.co_names).encode()]
    for const in code.co_consts:
        parts.append(
            _code_bytes(const) if isinstance(const, types.CodeType) else repr(const).encode()
        )
    return b"\0".join(parts)


def _callable_bytes(value: Any) -> bytes:
    name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}".encode()
    try:
        return name + inspect.getsource(value).encode()
    except (OSError, TypeError):  # defined by exec() of a string: no file to read
        code = getattr(value, "__code__", None)
        return name + (_code_bytes(code) if code is not None else repr(value).encode())


def mapping_digest(mapping: Any) -> str:
    """A fingerprint of the shortcode mapping that is the same from build to build."""
    digest = hashlib.sha256()
    if isinstance(mapping, dict):
        for name in sorted(mapping, key=str):
            value = mapping[name]
            digest.update(repr(name).encode() + b"\1")
            if isinstance(value, str):
                digest.update(b"template\1" + value.encode())
            elif callable(value):
                digest.update(b"function\1" + _callable_bytes(value))
            else:
                digest.update(b"other\1" + repr(value).encode())
    return digest.hexdigest()


def reread_on_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: every document again when the mapping changed."""
    data = get_domain(env).data
    digest = mapping_digest(getattr(env.config, CONFIG_NAME, {}))
    old, data[DIGEST_KEY] = data.get(DIGEST_KEY), digest
    if old is None or old == digest:
        return []
    return sorted(set(env.all_docs) - set(added) - set(changed) - set(removed))


def setup_site_shortcode_changes(app: Sphinx) -> None:
    """Register the check."""
    app.connect("env-get-outdated", reread_on_change)
