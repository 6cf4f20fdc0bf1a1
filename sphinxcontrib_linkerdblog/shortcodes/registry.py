"""Shortcode name -> handler.

The engine knows no shortcode by itself: every one, built in or a site's own, is
a :class:`Shortcode` found here by name.  Built-ins register with
:func:`shortcode` when their module is imported; a later capability adds a
shortcode by adding a module, never by growing a function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from docutils import nodes

    from .engine import Context

Render = Callable[["Context"], "list[nodes.Node]"]
Url = Callable[["Context"], "str | None"]


@dataclass(frozen=True, slots=True)
class Shortcode:
    """A shortcode handler.

    :ivar render: turns a call into nodes (a block when ``ctx.block``).
    :ivar url: for calls inside a link destination: the URL, or ``None``.
    :ivar params: known named parameters (``None``: anything goes); an unknown
        one gives a warning, as a typo would otherwise be silently ignored.
    :ivar inner: ``True`` if the shortcode needs paired tags, ``False`` if it
        takes none, ``None`` if either is fine.
    """

    name: str
    render: Render
    url: Url | None = None
    params: frozenset[str] | None = None
    inner: bool | None = None

    def check(self, ctx: Context) -> None:
        """Warn about parameters and pairing that the handler will ignore."""
        from .engine import ShortcodeError

        if self.params is not None:
            unknown = sorted(set(ctx.params) - self.params)
            if unknown:
                ctx.warn(f"shortcode {self.name!r} has no parameter {', '.join(unknown)}; ignored")
        if self.inner is True and not ctx.paired:
            raise ShortcodeError(f"needs a closing {{{{< /{self.name} >}}}} tag")
        if self.inner is False and ctx.paired:
            ctx.warn(
                f"shortcode {self.name!r} takes no inner content; the content is shown after it"
            )


_TRUE = frozenset({"true", "1", "yes"})


def flag(value: str | None, *also: str, empty: bool = False) -> bool:
    """A boolean parameter: true/1/yes (or one of ``also``, e.g. ``open="open"``).

    Absent is false; an empty value is ``empty`` (each shortcode keeps its own
    reading of ``x=""``).
    """
    if value is None:
        return False
    word = value.strip().lower()
    return empty if not word else (word in _TRUE or word in also)


BUILTINS: dict[str, Shortcode] = {}
"""Built-in shortcodes by name, filled by :func:`shortcode` at import time."""


def shortcode(
    *names: str,
    url: Url | None = None,
    params: frozenset[str] | None = None,
    inner: bool | None = None,
) -> Callable[[Render], Render]:
    """Decorator: register ``render`` as the built-in handler of ``names``."""

    def register(render: Render) -> Render:
        for name in names:
            BUILTINS[name] = Shortcode(name, render, url, params, inner)
        return render

    return register


def lookup(name: str, site: Mapping[str, Shortcode]) -> Shortcode | None:
    """The handler for ``name``: the site's mapping first, then the built-ins."""
    found = site.get(name)
    return found if found is not None else BUILTINS.get(name)
