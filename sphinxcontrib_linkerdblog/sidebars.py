"""ablog's blog sidebars, rendered once per build and moved to each page.

The recent posts, the tag cloud and the archive, author and category lists
are the same on every page of a blog but for where their links point from, and
ablog renders them again for every page: post pages and the hundreds of
archive, tag and author pages alike (a tenth of a clean build of the Linkerd
blog).  Here each is rendered once, for a page no document has
(:data:`.excerpts.BASE`), and its paths are moved to each page that shows it
(:func:`.excerpts.move_paths`), as Sphinx's ``pathto`` would have written them.
The recent posts leave out the page they are shown on, so they are rendered
once per list shown.

Each sidebar template (``ablog/tagcloud.html``...) calls
``linkerdblog_sidebar(body, **values)``, a template global; its markup is in
``ablog/_tagcloud.html``..., rendered with the page's context and ``values``.
With ``CACHE_SIDEBARS = False``, or a builder whose ``pathto`` writes no
``#`` for the page itself, every page renders it as before (tests compare the
two byte for byte).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import pass_context
from markupsafe import Markup
from sphinx.util.osutil import relative_uri

from .excerpts import BASE, move_paths
from .state import get_state

if TYPE_CHECKING:
    from jinja2.runtime import Context
    from sphinx.application import Sphinx

CACHE_SIDEBARS = True
"""Render each sidebar once (tests compare with rendering it on every page, off)."""
BUILDERS = ("html", "dirhtml")


def _key(body: str, values: dict[str, Any]) -> tuple[Any, ...]:
    """What a sidebar's HTML depends on besides its page: its template and its values."""
    shown = []
    for name, value in sorted(values.items()):
        if isinstance(value, list | tuple):
            value = tuple(getattr(item, "docname", item) for item in value)
        shown.append((name, value))
    return (body, *shown)


def add_sidebar_function(app: Sphinx) -> None:
    """``builder-inited``: the ``linkerdblog_sidebar`` template global."""
    builder: Any = app.builder
    environment: Any = getattr(getattr(builder, "templates", None), "environment", None)
    if environment is None:
        return
    state = get_state(app.env)
    cache = state.sidebars
    movable = builder.name in BUILDERS and getattr(builder, "allow_sharp_as_current_path", False)

    def base_pathto(other: str, resource: bool = False, baseuri: str | None = None) -> str:
        """Sphinx's ``pathto``, for the page :data:`.excerpts.BASE`."""
        if resource and "://" in other:
            return other
        target = other if resource else builder.get_target_uri(other)
        return relative_uri(baseuri or builder.get_target_uri(BASE), target) or "#"

    @pass_context
    def sidebar(context: Context, body: str, **values: Any) -> Markup:
        template = environment.get_template(body)
        if not (CACHE_SIDEBARS and movable):
            return Markup(template.render({**context.get_all(), **values}))
        key = _key(body, values)
        if key not in cache:
            shown = {**context.get_all(), **values, "pathto": base_pathto, "pagename": BASE}
            cache[key] = template.render(shown)
        here = builder.get_target_uri(context["pagename"])
        moved = move_paths(cache[key], builder.get_target_uri(BASE), here, state.moved_paths)
        return Markup(moved)

    environment.globals["linkerdblog_sidebar"] = sidebar


def setup_sidebars(app: Sphinx) -> None:
    """Register the template global once the builder's templates exist."""
    app.connect("builder-inited", add_sidebar_function, priority=600)
