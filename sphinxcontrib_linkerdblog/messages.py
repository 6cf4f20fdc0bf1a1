"""The texts of the warnings that more than one place gives, written once.

The build, ``check`` and ``convert`` all word a problem the same way, so a
user who silenced or searched for one message finds it everywhere.  Each
function returns the message; the caller chooses the subtype and location.
"""

from __future__ import annotations

from collections.abc import Iterable

from .hugo.rewrite import ROLE as INTERNAL_ROLE


def _reason(exc: BaseException) -> str:
    """An exception in one line."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


# -- posts ----------------------------------------------------------------------


def no_front_matter() -> str:
    return "Hugo post has no front matter (no title, no date)"


def no_title(title: str) -> str:
    return f"post has no title in its front matter; using {title!r}"


def no_date() -> str:
    return "post has no date; ablog lists it among the drafts"


def not_utf8(count: int) -> str:
    return (
        f"the file is not UTF-8: {count} undecodable byte sequence(s), shown as \ufffd "
        "(the first on this line)"
    )


def not_utf8_but(name: str) -> str:
    return f"the file is {name}, not UTF-8 (Hugo reads UTF-8); read as {name}"


def control_characters(count: int) -> str:
    return (
        f"{count} control character(s) removed (no page or feed can hold them; "
        "the first on this line)"
    )


# -- redirects ------------------------------------------------------------------


def no_redirect(field: str, written: str, reason: str) -> str:
    return f"{field} {written!r}: no redirect page is written there, {reason}"


def redirect_shortened(field: str, written: str, note: str, page: str) -> str:
    return f"{field} {written[:60]!r}...: {note} to {page}"


# -- shortcodes -----------------------------------------------------------------


def unknown_shortcode(name: str) -> str:
    return f"unknown shortcode {name!r}; its text is kept as written"


def refused(name: str, problem: object) -> str:
    return f"shortcode {name!r}: {problem}; its text is kept as written"


def failed(name: str, exc: BaseException) -> str:
    return f"shortcode {name!r} failed ({_reason(exc)}); its text is kept"


def unknown_in_link(name: str) -> str:
    return f"unknown shortcode {name!r} in a link target; the link is left empty"


def no_url(name: str) -> str:
    return f"shortcode {name!r} gives no URL; it cannot be a link target"


def url_refused(name: str, problem: object) -> str:
    return f"shortcode {name!r}: {problem}"


def url_failed(name: str, exc: BaseException) -> str:
    return f"shortcode {name!r} failed ({_reason(exc)}); the link is left empty"


def unknown_parameters(name: str, unknown: Iterable[str]) -> str:
    return f"shortcode {name!r} has no parameter {', '.join(unknown)}; ignored"


def needs_closing_tag(name: str) -> str:
    return f"needs a closing {{{{< /{name} >}}}} tag"


def takes_no_inner(name: str) -> str:
    return f"shortcode {name!r} takes no inner content; the content is shown after it"


def internal_role() -> str:
    return f"{INTERNAL_ROLE} is internal to sphinxcontrib-linkerdblog"


def unparsable_myst(exc: BaseException) -> str:
    return f"its MyST could not be parsed ({_reason(exc)})"


def myst_error(summary: str) -> str:
    return f"its MyST has an error: {summary}"


def myst_message(name: str, summary: str) -> str:
    return f"shortcode {name!r}: {summary}"


def template_failed(exc: BaseException) -> str:
    return f"its template failed: {exc}"


def function_returned(kind: str) -> str:
    return f"its function returned {kind}, not MyST text"


def unsafe_parameter(name: str, parameter: str, scheme: str) -> str:
    return (
        f"shortcode {name!r}: parameter {parameter} is a {scheme}: URL; a link made of it "
        "keeps only its text"
    )
