"""The single warning channel of the extension.

Every problem a user can cause (a bad front-matter value, an unknown shortcode, a
malformed tweet id, ...) is reported through :func:`warn` with the warning type
``linkerdblog`` and one subtype of :class:`Warn`.  Users silence a whole class of
problems with ``suppress_warnings = ["linkerdblog.<subtype>"]``; the docs'
warning reference is generated from this Enum, so its docstrings are the
documentation.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

WARNING_TYPE = "linkerdblog"

LOGGER = logging.getLogger("sphinxcontrib_linkerdblog")


class Warn(Enum):
    """Warning subtypes; the value is the subtype, the second item the help text."""

    CONFIG = ("config", "A ``linkerdblog_*`` option has a bad value; its default is used.")
    FRONTMATTER = (
        "frontmatter",
        "Front matter that cannot be read (invalid YAML, TOML or JSON, an unterminated "
        "block) or a value of the wrong type (a list as a title, a number as a tag).",
    )
    DATE = ("date", "A date that cannot be parsed, or a post without any date.")
    SHORTCODE = (
        "shortcode",
        "An unknown shortcode, or one that is unterminated, mismatched or malformed. "
        "Its source text stays visible in the page.",
    )
    EMBED = ("embed", "An embed (tweet, video, ...) with a missing or malformed id.")
    REF = ("ref", "A ``ref``/``relref`` shortcode whose target post does not exist.")
    AUTHOR = (
        "author",
        "A post names an author id the registry does not have (the id is shown as is), "
        "or the authors registry cannot be read (the build goes on without it).",
    )
    PATH = (
        "path",
        "An image path that would leave the source folder and the static folders; it is "
        "refused and the image's alt text shown instead.",
    )
    IMAGE = (
        "image",
        "An image file that is in neither the source folder nor the static folders. HTML "
        "keeps its site path (it may be served with the site); other outputs show the alt "
        "text. Reported once, and not kept as a dependency that would re-read the post on "
        "every build.",
    )
    ALIAS = (
        "alias",
        "Two posts claim the same permalink or alias (both are named), or a permalink "
        "pattern has an unknown token.",
    )

    def __init__(self, subtype: str, help_text: str) -> None:
        self.subtype = subtype
        self.help_text = help_text


def warn(
    message: str,
    subtype: Warn,
    location: nodes.Node | tuple[str | None, int | None] | str | None = None,
    *,
    once: bool = False,
) -> None:
    """Log a warning of type ``linkerdblog`` with the given subtype.

    :param message: what is wrong and, where it helps, what happens instead.
    :param subtype: the problem class; users suppress ``linkerdblog.<subtype>``.
    :param location: a node, ``(docname, lineno)`` or ``"path:line"``.
    :param once: log an identical message only once per build.

    Sphinx (>= 8) appends ``[linkerdblog.<subtype>]`` itself, since
    ``show_warning_types`` is on by default.
    """
    LOGGER.warning(
        message,
        type=WARNING_TYPE,
        subtype=subtype.subtype,
        location=location,
        once=once,
    )
