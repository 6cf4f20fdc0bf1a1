"""Bad input: every problem is a located, typed warning and the page still builds."""

from __future__ import annotations

import pytest
from helpers import warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)


def page(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (app.outdir / "blog" / f"{name}.html").read_text(encoding="utf-8")


def has(warnings: list[str], where: str, subtype: str, text: str = "") -> bool:
    return any(where in w and f"[linkerdblog.{subtype}]" in w and text in w for w in warnings)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("bad-yaml", "bad-yaml.md:"),
        ("bad-toml", "bad-toml.md:"),
        ("bad-json", "bad-json.md:"),
    ],
)
def test_invalid_front_matter_warns_and_body_builds(built, name: str, where: str) -> None:
    assert has(warnings_of(built), where, "frontmatter"), warnings_of(built)
    assert "is still built" in page(built, name)


def test_wrong_types_and_bad_date(built) -> None:
    warnings = warnings_of(built)
    assert has(warnings, "bad-values.md:2:", "frontmatter", "title")
    assert has(warnings, "bad-values.md:3:", "date", "not a date at all")
    assert has(warnings, "bad-values.md:4:", "frontmatter", "2019")
    html = page(built, "bad-values")
    assert "<h1>a list title" in html


def test_bad_tweet_id_keeps_text(built) -> None:
    assert has(warnings_of(built), "bad-values.md:9:", "embed", "'abc'")
    assert "{{&lt; tweet abc &gt;}}" in page(built, "bad-values")


def test_unknown_shortcode_after_multiline_call_has_its_line(built) -> None:
    # {{< tweet 123\n >}} spans lines 11-12; the unknown cta-banner starts on 12
    assert has(warnings_of(built), "bad-values.md:12:", "shortcode", "'cta-banner'")


def test_unterminated_and_unmatched_shortcodes(built) -> None:
    warnings = warnings_of(built)
    assert has(warnings, "bad-values.md:15:", "shortcode", "unterminated")
    assert has(warnings, "bad-values.md:19:", "shortcode", "/note")
    assert has(warnings, "bad-values.md:21:", "shortcode")
    html = page(built, "bad-values")
    assert "Text after an unterminated shortcode." in html
    assert "The end of the bad values post." in html
    assert "<strong>text</strong>" in html  # the inner of the mismatched pair is kept


def test_no_traceback(built) -> None:
    assert "Traceback" not in built.warning.getvalue()
    assert "Exception" not in built.warning.getvalue()
