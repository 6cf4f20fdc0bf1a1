"""The shortcode lexer on many small inputs (table-driven) and on the corpora."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED
from test_rewrite import read_cases

from sphinxcontrib_linkerdblog.shortcodes.lexer import Call, ScanResult, scan

CASES = read_cases(Path(__file__).parent / "fixtures" / "lexer.md")


def dump(result: ScanResult) -> str:
    lines: list[str] = []

    def call_line(call: Call, depth: int) -> None:
        flags = [
            f
            for f, on in [
                ("markdown", call.markdown),
                ("self-closing", call.self_closing),
                ("paired", call.paired),
            ]
            if on
        ]
        lines.append(
            "  " * depth
            + f"call {call.name} args={call.args} params={call.params} "
            + "".join(f + " " for f in flags)
            + f"lines={call.line}-{call.end_line}"
        )
        for child in call.children:
            call_line(child, depth + 1)

    for call in result.calls:
        call_line(call, 0)
    for esc in result.escapes:
        lines.append(f"escape {esc.line}: {esc.replacement}" + (" in code" if esc.in_code else ""))
    for problem in result.problems:
        lines.append(f"problem {problem.line}: {problem.message}")
    return "\n".join(lines)


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_lexer_cases(title: str, source: str, expected: str) -> None:
    assert dump(scan(source)) == expected


def test_first_line_offsets_every_line() -> None:
    result = scan("x\n{{< tweet 1 >}}\n{{< /nope >}}", first_line=10)
    assert result.calls[0].line == 11
    assert result.problems[0].line == 12


def test_no_braces_no_work() -> None:
    assert scan("plain text") == ScanResult()


EXPECTED = {
    "linkerd-2022": Counter(
        ref=240,
        fig=124,
        youtube=44,
        relref=23,
        tweet=30,
        note=7,
        figure=3,
        table=1,
        **{"cta-banner": 1},
        asciinema=1,
    ),
    "linkerd-2026": Counter(youtube=41, x=21, note=6),
}


@pytest.mark.parametrize("era", sorted(EXPECTED))
def test_corpus_counts(era: str) -> None:
    """The counts of corpus/README.md (which counts lines: 20 lines hold 23 relref), no problem."""
    folder = SHARED / "corpus" / era / "blog"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    counts: Counter[str] = Counter()
    paired: Counter[str] = Counter()

    def walk(calls: list[Call]) -> None:
        for call in calls:
            counts[call.name] += 1
            paired[call.name] += call.paired
            walk(call.children)

    for post in sorted(folder.rglob("*.md")):
        result = scan(post.read_text(encoding="utf-8"))
        assert not result.problems, (post, result.problems)
        walk(result.calls)
    assert counts == EXPECTED[era]
    assert paired["note"] == counts["note"]
