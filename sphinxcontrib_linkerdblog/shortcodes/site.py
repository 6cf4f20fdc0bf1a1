"""A site's own shortcodes, mapped in conf.py with ``linkerdblog_shortcodes``.

Each entry maps a name to either

* a Jinja2 **template** whose output is MyST Markdown, parsed in place of the
  call.  Its variables: ``name``, ``args`` (positional list), ``params`` (named
  dict), each named parameter as a variable of its own (typed as Hugo types
  them: a bare ``true``/``false`` is a bool, ``33`` an int, ``3.14`` a float,
  a quoted value text), ``inner`` (the content
  between paired tags, ``""`` for none), ``page`` (the post's front matter) and
  ``site`` (``site.params``, Hugo's site params; ``site.base_url``);
* a **callable** receiving a :class:`SiteCall` and returning MyST text (the
  parameters it receives have their ``<`` as ``&lt;`` too).

Entries are checked one by one at ``config-inited`` (a broken template is a
``linkerdblog.config`` warning and only that entry is dropped), and a user's
entry overrides a built-in of the same name.  Every value a template prints,
except ``inner`` (the post's own Markdown), has its ``<`` turned into ``&lt;``
and its line breaks into spaces, so no parameter or front-matter value can add
HTML markup, a directive option or a block of its own (a template that wants a
value's lines kept writes ``{{ value|multiline }}``).
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from .. import messages
from ..hugo.lexer import typed
from ..hugo.rewrite import MISSING_SCHEME
from ..hugo.urls import unsafe_url_value
from ..warnings_ import Warn, warn
from .registry import Shortcode, ShortcodeError

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .registry import CallContext

CONFIG_NAME = "linkerdblog_shortcodes"


@dataclass(frozen=True, slots=True)
class SiteCall:
    """What a site's callable receives for one call."""

    name: str
    args: list[str]
    params: dict[str, str]
    inner: str
    docname: str
    source_path: str
    lineno: int
    page: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _inert(value: str) -> str:
    """A value made inert for MyST: ``<`` as ``&lt;`` (it opens no tag) and line
    breaks as spaces (it starts no line: no directive option, no new block)."""
    return _LINE_BREAKS.sub(" ", value.replace("<", "&lt;"))


def _finalize(value: Any) -> Any:
    """Make printed values inert (see :func:`_inert`); ``None`` prints nothing,
    a bool prints as Go prints it (``true``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Markup):
        return str(value)
    return _inert(str(value))


def _multiline(value: Any) -> Markup:
    """The ``multiline`` filter: a value whose line breaks the template wants kept
    (in a code block it writes itself); ``<`` is still made inert."""
    return Markup("" if value is None else str(value).replace("<", "&lt;"))


ENVIRONMENT = jinja2.Environment(autoescape=False, finalize=_finalize, keep_trailing_newline=False)
"""Templates are written by the site in conf.py (trusted); their *values* are not."""
ENVIRONMENT.filters["multiline"] = _multiline


def _safe_values(ctx: CallContext) -> tuple[list[str], dict[str, str]]:
    """The call's parameters, a ``javascript:`` (or ``data:``...) URL among them
    replaced, with a warning: a template would print it into a link or an option.

    The replacement is a link target that is unwrapped after parsing (see
    ``engine.UnwrapMissingLinks``), so a link made of it keeps only its text.
    """

    def check(name: str, value: str) -> str:
        if unsafe_url_value(value):
            scheme = value.split(":", 1)[0].strip()
            ctx.warn(messages.unsafe_parameter(ctx.name, name, scheme), Warn.URL)
            return f"{MISSING_SCHEME}:removed"
        return value

    args = [check(str(position), arg) for position, arg in enumerate(ctx.args)]
    return args, {key: check(key, value) for key, value in ctx.params.items()}


def _page(ctx: CallContext) -> dict[str, Any]:
    meta = ctx.page
    if meta is None:
        return dict(ctx.metadata)
    return {**meta.front, "title": meta.title}


def _site(ctx: CallContext) -> dict[str, Any]:
    """What ``.Site`` gives Hugo templates that a post's text can use."""
    config = ctx.config
    return {
        "params": dict(getattr(config, "linkerdblog_site_params", None) or {}),
        "base_url": getattr(config, "linkerdblog_base_url", "") or "",
    }


def _render_text(ctx: CallContext, text: str) -> list[nodes.Node]:
    text = text.strip("\n")
    if not text.strip():
        return []
    return ctx.render(text, ctx.lineno, inline=not ctx.block)


def template_shortcode(name: str, template: jinja2.Template) -> Shortcode:
    """A :class:`Shortcode` rendering ``template``."""

    def render(ctx: CallContext) -> list[nodes.Node]:
        safe_args, safe_params = _safe_values(ctx)
        # Typed as Hugo types them: ``center=false`` is false to ``{% if center %}``.
        args = [typed(v, str(i) in ctx.quoted) for i, v in enumerate(safe_args)]
        params = {k: typed(v, k in ctx.quoted) for k, v in safe_params.items()}
        variables: dict[str, Any] = {
            key: value
            for key, value in params.items()
            if key.isidentifier() and not keyword.iskeyword(key)
        }
        variables.update(
            name=ctx.name,
            args=args,
            params=params,
            inner=Markup(ctx.inner),
            page=_page(ctx),
            site=_site(ctx),
        )
        try:
            text = template.render(variables)
        except jinja2.TemplateError as exc:
            raise ShortcodeError(messages.template_failed(exc)) from exc
        return _render_text(ctx, text)

    return Shortcode(name, render)


def callable_shortcode(name: str, func: Callable[[SiteCall], Any]) -> Shortcode:
    """A :class:`Shortcode` calling ``func`` (its exceptions become warnings)."""

    def render(ctx: CallContext) -> list[nodes.Node]:
        args, params = _safe_values(ctx)
        call = SiteCall(
            ctx.name,
            [_inert(arg) for arg in args],
            {key: _inert(value) for key, value in params.items()},
            ctx.inner,
            ctx.docname,
            ctx.source_path,
            ctx.lineno,
            _page(ctx),
            _site(ctx),
        )
        try:
            text = func(call)
        except Exception as exc:
            raise ShortcodeError(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(text, str):
            raise ShortcodeError(messages.function_returned(type(text).__name__))
        return _render_text(ctx, text)

    return Shortcode(name, render)


def resolve_mapping(mapping: Any) -> tuple[dict[str, Shortcode], list[str]]:
    """Check every entry on its own: the good ones, and a message per bad one.

    Shared by the build (which warns) and the command line (which prints).
    """
    if not isinstance(mapping, dict):
        return {}, [
            f"conf.py: {CONFIG_NAME} must be a dict of name -> template or function; ignored"
        ]
    resolved: dict[str, Shortcode] = {}
    problems: list[str] = []
    for name, value in mapping.items():
        if not isinstance(name, str) or not name.strip():
            problems.append(f"conf.py: {CONFIG_NAME}: {name!r} is not a shortcode name; ignored")
        elif isinstance(value, str):
            try:
                resolved[name] = template_shortcode(name, ENVIRONMENT.from_string(value))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(
                    f"conf.py: {CONFIG_NAME}[{name!r}]: template error on its line "
                    f"{exc.lineno}: {exc.message}; the shortcode is not mapped"
                )
        elif callable(value):
            resolved[name] = callable_shortcode(name, value)
        else:
            problems.append(
                f"conf.py: {CONFIG_NAME}[{name!r}] is a {type(value).__name__}, not a template "
                "or a function; the shortcode is not mapped"
            )
    return resolved, problems


def resolve_site_shortcodes(app: Sphinx, config: Config) -> dict[str, Shortcode]:
    """``config-inited`` (with the build state): the good entries; a warning per bad one."""
    resolved, problems = resolve_mapping(getattr(config, CONFIG_NAME))
    for message in problems:
        warn(message, Warn.CONFIG)
    return resolved
