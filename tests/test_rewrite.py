"""The rewriter keeps every line where it was (unit tests, no Sphinx)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHARED, read_cases

from sphinxcontrib_linkerdblog.hugo.rewrite import rewrite_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    read_cases(FIXTURES / "rewrite.md"),
    ids=[c[0] for c in read_cases(FIXTURES / "rewrite.md")],
)
def test_rewrite_cases(title: str, source: str, expected: str) -> None:
    result = rewrite_text(source, url_for=lambda _e, i: f"URL{i}")
    assert result.text == expected
    assert result.text.count("\n") == source.count("\n")


def test_inner_of_paired_call_is_rewritten_in_the_table() -> None:
    result = rewrite_text("{{< note >}}\nSome {{< tweet 1 >}} text\n{{< /note >}}\n")
    note = result.entries[1]
    assert note.call.name == "note"
    assert note.inner == "\nSome {linkerdblog-sc}`0` text\n"
    assert note.inner_line == 1
    assert result.entries[0].call.name == "tweet"


def test_url_failure_keeps_link_syntax() -> None:
    result = rewrite_text('[t]({{< ref "nowhere" >}})', url_for=lambda _e, _i: None)
    assert result.text == "[t](linkerdblog-missing:0)"
    assert result.url_failures == [0]


def corpus_posts() -> list[Path]:
    corpus = SHARED / "corpus"
    return sorted(corpus.glob("linkerd-2022/blog/*.md")) + sorted(
        corpus.glob("linkerd-2026/blog/*/*/index.md")
    )


def test_corpus_lines_stay_in_place() -> None:
    """Every line of every real post without a call is unchanged, at its number."""
    posts = corpus_posts()
    if not posts:
        pytest.skip("../shared/corpus is absent")
    for post in posts:
        text = post.read_text(encoding="utf-8")
        result = rewrite_text(text, url_for=lambda _e, i: f"URL{i}")
        old, new = text.split("\n"), result.text.split("\n")
        assert len(old) == len(new), post
        touched: set[int] = set()
        for entry in result.entries:
            call = entry.call
            touched.update(range(call.line - 1, call.end_line))
        for number, (before, after) in enumerate(zip(old, new, strict=True)):
            if number not in touched and "{{" not in before:
                assert before == after, f"{post}:{number + 1}"
        assert not result.problems, (post, result.problems)
