"""The shortcode lexer: table-driven cases (fixtures/lexer/cases.md) and the real corpora.

Each case of ``cases.md`` is, MyST-style, a title line, ``.``, the input,
``.``, the expected dump of :func:`scan`'s result, ``.``.  In inputs ``→``
stands for a tab and ``␣`` for a space (to keep them visible), and a title
ending in ``[first_line=N]`` scans with that ``first_line``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import SHARED, read_cases

from sphinxcontrib_linkerdblog.hugo.lexer import Call, ScanResult, all_calls, scan

CASES_FILE = Path(__file__).parent / "fixtures" / "lexer" / "cases.md"
_FIRST_LINE = re.compile(r"\s*\[first_line=(\d+)\]$")


def dump(result: ScanResult) -> str:
    """One line per call (children indented), escape and problem."""
    out: list[str] = []

    def add(call: Call, depth: int) -> None:
        flags = [("markdown", call.markdown), ("self-closing", call.self_closing)]
        flags.append(("paired", call.paired))
        shown = "".join(f" {flag}" for flag, on in flags if on)
        out.append(
            f"{'  ' * depth}call {call.name} args={call.args} params={call.params}{shown}"
            f" lines={call.line}..{call.end_line}"
        )
        for child in call.children:
            add(child, depth + 1)

    for call in result.calls:
        add(call, 0)
    for esc in result.escapes:
        out.append(f"escape {esc.line}: {esc.replacement!r}" + (" in code" if esc.in_code else ""))
    for problem in result.problems:
        out.append(f"problem {problem.line}: {problem.message}")
    return "\n".join(out)


CASES = read_cases(CASES_FILE)


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(title: str, source: str, expected: str) -> None:
    found = _FIRST_LINE.search(title)
    first_line = int(found.group(1)) if found else 1
    text = source.replace("→", "\t").replace("␣", " ")
    result = scan(text, first_line)
    assert dump(result) == expected
    check_offsets(text, result, first_line)


def check_offsets(text: str, result: ScanResult, first_line: int = 1) -> None:
    """Offsets and lines agree with the text, whatever the case."""
    for call in all_calls(result.calls):
        assert text.startswith("{{", call.start)
        assert text.endswith("}}", 0, call.open_end)
        assert call.line == first_line + text.count("\n", 0, call.start)
        assert call.end_line == first_line + text.count("\n", 0, call.end - 1)
        if call.close_start is None:
            assert call.end == call.open_end
            assert call.inner(text) == ""
        else:
            assert call.open_end <= call.close_start < call.end
            closing = re.match(r"\{\{[<%]\s*/\s*([\w./-]+)", text[call.close_start : call.end])
            assert closing and closing.group(1) == call.name
            assert call.inner(text) == text[call.open_end : call.close_start]
            for child in call.children:
                assert call.open_end <= child.start and child.end <= call.close_start
    for esc in result.escapes:
        assert esc.line == first_line + text.count("\n", 0, esc.start)
        written = text[esc.start : esc.end]
        assert written[:5] in ("{{</*", "{{%/*") and written[-5:] in ("*/>}}", "*/%}}")
        assert esc.replacement == written[:3] + written[5:-5] + written[-3:]


def test_api_basics() -> None:
    text = "a {{< note >}}x{{< /note >}}"
    call = scan(text).calls[0]
    assert call.paired and call.inner(text) == "x"
    assert (call.start, call.open_end, call.close_start, call.end) == (2, 14, 15, 28)
    assert scan("no shortcodes here") == ScanResult()
    assert scan("{{ .Values }} only") == ScanResult()


def test_unterminated_tags_stay_linear() -> None:
    """Many broken tags in a long text: each failure stops early, no runaway."""
    text = ("{{< a b c " + "word " * 20 + "\n") * 500
    result = scan(text)
    assert not result.calls
    assert len(result.problems) == 500


# The counts of corpus/README.md, checked against the files: README's "relref 20"
# counts lines holding "{{< relref"; three more calls are split as "{{<\nrelref".
CORPUS_COUNTS = {
    "linkerd-2022": {
        "ref": 240,
        "fig": 124,
        "youtube": 44,
        "relref": 23,
        "tweet": 30,
        "note": 7,
        "figure": 3,
        "table": 1,
        "cta-banner": 1,
        "asciinema": 1,
    },
    "linkerd-2026": {"youtube": 41, "x": 21, "note": 6},
}
CORPUS_PAIRED = {"linkerd-2022": {"note": 7, "table": 1}, "linkerd-2026": {"note": 6}}


def corpus_posts(era: str) -> list[Path]:
    folder = SHARED / "corpus" / era / "blog"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (only the project's own checkout has ../shared)")
    pattern = "*.md" if era == "linkerd-2022" else "*/*/index.md"
    return sorted(folder.glob(pattern))


@pytest.mark.parametrize("era", sorted(CORPUS_COUNTS))
def test_corpus(era: str) -> None:
    counts: Counter[str] = Counter()
    paired: Counter[str] = Counter()
    for post in corpus_posts(era):
        text = post.read_text(encoding="utf-8")
        result = scan(text)
        assert not result.problems, (post.name, result.problems)
        check_offsets(text, result)
        for call in all_calls(result.calls):
            counts[call.name] += 1
            paired[call.name] += call.paired
    assert counts == Counter(CORPUS_COUNTS[era])
    assert +paired == Counter(CORPUS_PAIRED[era])
