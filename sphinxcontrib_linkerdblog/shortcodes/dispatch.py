"""Run one shortcode call: the one place that decides its result or its fallback.

The build (the placeholder role and directive of :mod:`.engine`), ``check``
and ``convert`` all run calls through :func:`run_call`, and link destinations
through :func:`run_url`, with the same registry and the same messages
(:mod:`..messages`).  Whatever goes wrong (an unknown name, bad parameters, a
handler that raises, even a failure in the MyST a site template returns) ends
as one located warning and the call's own text, never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .. import messages
from ..warnings_ import Warn
from .registry import ShortcodeError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from docutils import nodes

    from .registry import CallContext, Shortcode

T = TypeVar("T")


def run_call(
    ctx: CallContext,
    registry: Mapping[str, Shortcode],
    finish: Callable[[list[nodes.Node]], T],
    fallback: Callable[[], T],
) -> T:
    """The call's output, or ``fallback()`` (its text as written) with a warning.

    :param finish: turns the handler's nodes into the output (the build keeps
        them; ``convert`` writes them as MyST, which may itself fail).
    :param fallback: the call shown as written.
    """
    shortcode = registry.get(ctx.name)
    if shortcode is None:
        ctx.warn(messages.unknown_shortcode(ctx.name))
        return fallback()
    try:
        shortcode.check(ctx)
        result = list(shortcode.render(ctx))
        if shortcode.inner is False and ctx.paired:
            result.extend(ctx.render_inner())  # never lose the inner text
        return finish(result)
    except ShortcodeError as exc:
        ctx.warn(messages.refused(ctx.name, exc), exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        ctx.warn(messages.failed(ctx.name, exc))
    return fallback()


def run_url(ctx: CallContext, registry: Mapping[str, Shortcode]) -> str | None:
    """The URL of a call that stands in a link destination (``[t]({{< ref "x" >}})``).

    ``None`` (with a warning at the call's line) keeps only the link's text.
    """
    shortcode = registry.get(ctx.name)
    if shortcode is None:
        ctx.warn(messages.unknown_in_link(ctx.name))
        return None
    if shortcode.url is None:
        ctx.warn(messages.no_url(ctx.name))
        return None
    try:
        return shortcode.url(ctx)
    except ShortcodeError as exc:
        ctx.warn(messages.url_refused(ctx.name, exc), exc.subtype)
    except Exception as exc:  # a site's handler must never stop the build
        ctx.warn(messages.url_failed(ctx.name, exc), Warn.SHORTCODE)
    return None
