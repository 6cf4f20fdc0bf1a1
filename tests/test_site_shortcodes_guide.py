"""'Writing site shortcodes': every table row and the worked example, built.

The table's cells are read from docs/writing-site-shortcodes.md as written:
each Jinja cell becomes a template, each Python cell the body of a
``lambda call:``, and each must render the text the row's call is known to
give.  With a ``hugo`` on the PATH, the Go cells are built by Hugo too and
must give that same text.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import build_project, warnings_of
from test_migration_guide import guide_blocks

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGE = DOCS / "writing-site-shortcodes.md"

# Go cell -> (the call's parameters, its inner text or None, the text it renders).
# ``{name}`` in the expected text is the shortcode's name; it is a regex.
CASES: dict[str, tuple[str, str | None, str]] = {
    "`{{ .Get 0 }}`": ('"alpha"', None, "alpha"),
    "`{{ .Get 1 }}` (absent: nothing)": ('"alpha"', None, ""),
    '`{{ .Get "src" }}`': ('src="/x.png"', None, "/x.png"),
    '`{{ .Get "src" }}` (absent: nothing)': ('alt="a"', None, ""),
    '`{{ .Get "data-id" }}` (not a name Jinja allows)': ('data-id="7"', None, "7"),
    "`{{ .IsNamedParams }}`": ('a="1"', None, "true"),
    "`{{ .Name }}`": ("", None, "{name}"),
    "`{{ .Inner | markdownify }}`": ("", "*md* inner", "md inner"),
    "`{{ .Page.Title }}`": ("", None, "A post"),
    "`{{ .Page.Params.subtitle }}`": ("", None, "Sub"),
    "`{{ range .Page.Params.tags }}{{ . }};{{ end }}`": ("", None, "One;Two;"),
    "`{{ .Site.Params.github }}`": ("", None, "https://github.com"),
    "`{{ .Site.BaseURL }}`": ("", None, "https://blog.example.org/"),
    '`{{ with .Get "x" }}x is {{ . }}{{ end }}`': ('x="1"', None, "x is 1"),
    '`{{ if .Get "x" }}A{{ else }}B{{ end }}`': ('y="1"', None, "B"),
    '`{{ if .Get "center" }}centered{{ else }}left{{ end }}` with `center=false`': (
        "center=false",
        None,
        "left",
    ),
    '`{{ .Get "title" | default "Note" }}`': ('title=""', None, "Note"),
    "`{{ $repo := .Get 0 }}{{ $repo }}`": ('"r"', None, "r"),
    '`{{ printf "%s-%d" (.Get 0) 3 }}`': ('"a"', None, "a-3"),
    "`{{ len (.Get 0) }}`": ('"abc"', None, "3"),
    "`{{ upper (.Get 0) }}`": ('"abc"', None, "ABC"),
    '`<a href="{{ relref . "other" }}">Other</a>`': ("", None, "Other"),
    "`{{ .Position }}`": ("", None, r'"?/.*/blog/a\.md:\d+(:\d+)?"?'),
}
FRONT = "---\ntitle: A post\nsubtitle: Sub\ndate: 2024-05-02\ntags: [One, Two]\n---\n\n"
HUGO_TOML = (
    'baseURL = "https://blog.example.org/"\ntitle = "T"\n'
    '[params]\n  github = "https://github.com"\n'
)


Row = tuple[int, str, str | None, str | None]
"""A tested row: its number, its Go cell, its Jinja and Python code (or None)."""


def split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def table_rows() -> list[tuple[str, str, str]]:
    """The translation tables' (Go, Jinja, Python) cells, as the page writes them."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    header = "| Hugo (Go template) | Jinja template | Python function (`call`) |"
    rows = []
    for start in (n for n, line in enumerate(lines) if line == header):
        for line in lines[start + 2 :]:
            if not line.startswith("|"):
                break
            go, jinja, python = split_row(line)
            rows.append((go, jinja, python))
    return rows


def code(cell: str) -> str | None:
    """The code of a cell that is one code span and nothing else."""
    match = re.fullmatch(r"(`+) ?(.*?) ?\1", cell)
    return match[2] if match and "`" * len(match[1]) not in match[2] else None


def checked_rows() -> list[Row]:
    return [
        (n, go, code(jinja), code(python))
        for n, (go, jinja, python) in enumerate(table_rows())
        if code(jinja) or code(python)
    ]


def call(name: str, params: str, inner: str | None) -> str:
    opening = f"{{{{< {name} {params} >}}}}".replace("  ", " ")
    return opening if inner is None else f"{opening}{inner}{{{{< /{name} >}}}}"


def post(prefix: str, rows: list[Row]) -> str:
    """One paragraph per row: ``<prefix><n>: <call> :end``."""
    lines = [FRONT]
    for n, go, _, _ in rows:
        params, inner, _ = CASES[go]
        lines.append(f"{prefix}{n}: {call(f'{prefix.lower()}{n}', params, inner)} :end\n\n")
    return "".join(lines)


def rendered(page: str, label: str) -> str:
    """The text between ``label: `` and `` :end`` in an HTML page, tags removed."""
    match = re.search(rf"{label}: (.*?) :end", page, re.S)
    assert match, label
    text = html.unescape(re.sub(r"<[^>]+>", "", match[1]))
    return " ".join(text.split())


def check(page: str, prefix: str, rows: list[Row]) -> list[str]:
    """The rows whose ``prefix`` calls did not give the expected text."""
    wrong = []
    for n, go, _, _ in rows:
        expected = CASES[go][2].replace("{name}", f"{prefix.lower()}{n}")
        got = rendered(page, f"{prefix}{n}")
        if not re.fullmatch(expected, got):
            wrong.append(f"{go}: {got!r} is not {expected!r}")
    return wrong


def test_every_table_row_has_a_case() -> None:
    rows = checked_rows()
    assert len(rows) >= 20
    assert {go for _, go, _, _ in rows} == set(CASES)


def jinja_rows() -> list[Row]:
    return [row for row in checked_rows() if row[2]]


def python_rows() -> list[Row]:
    return [row for row in checked_rows() if row[3]]


@pytest.fixture(scope="module")
def table_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """One post calling each row's Jinja template (J<n>) and Python function (P<n>),
    mapped in conf.py exactly as the cells write them: the page and the warnings."""
    root = tmp_path_factory.mktemp("table")
    src = root / "docs"
    (src / "blog").mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    entries = [f"    {f'j{n}'!r}: {jinja!r}," for n, _, jinja, _ in jinja_rows()]
    entries += [f"    {f'p{n}'!r}: lambda call: {python}," for n, _, _, python in python_rows()]
    # Two of the rows without code: include has no loader; raw HTML is sanitized.
    entries += ["    'inc': \"{% include 'x.html' %}\",", "    'raw': RAW,"]
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
        'linkerdblog_hugo_config = "../hugo.toml"\n'
        "RAW = '```{raw} html\\n<b onclick=\"x()\">b</b>\\n```'\n"
        "linkerdblog_shortcodes = {\n" + "\n".join(entries) + "\n}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    (src / "blog" / "other.md").write_text("---\ntitle: Other\ndate: 2024-01-01\n---\n\nx\n")
    body = post("J", jinja_rows()) + post("P", python_rows()).removeprefix(FRONT)
    (src / "blog" / "a.md").write_text(body + "{{< inc >}}\n\n{{< raw >}}\n", encoding="utf-8")
    app = build_project(src)
    try:  # cleaned up at once: another build in this module must not overlap it
        return (app.outdir / "blog" / "a.html").read_text(encoding="utf-8"), warnings_of(app)
    finally:
        app.cleanup()


def test_jinja_cells_render_what_the_row_says(table_build) -> None:  # type: ignore[no-untyped-def]
    page, _ = table_build
    assert check(page, "J", jinja_rows()) == []


def test_python_cells_render_what_the_row_says(table_build) -> None:  # type: ignore[no-untyped-def]
    page, _ = table_build
    assert check(page, "P", python_rows()) == []


def test_the_rows_without_code_say_what_happens(table_build) -> None:  # type: ignore[no-untyped-def]
    _, warnings = table_build
    assert [w for w in warnings if "'inc' failed" in w and "no loader" in w], warnings
    assert [w for w in warnings if "removed" in w and "onclick" in w], warnings
    # and nothing else: every row's code ran without a warning
    assert len(warnings) == 2, warnings


@pytest.mark.skipif(shutil.which("hugo") is None, reason="no hugo on the PATH")
def test_hugo_renders_the_go_cells_the_same(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    shortcodes = tmp_path / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    (tmp_path / "layouts" / "single.html").write_text("{{ .Content }}", encoding="utf-8")
    for n, go, _, _ in checked_rows():
        template = re.match(r"(`+) ?(.*?) ?\1", go)
        assert template, go
        (shortcodes / f"h{n}.html").write_text(template[2], encoding="utf-8")
    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    (blog / "a.md").write_text(post("H", checked_rows()), encoding="utf-8")
    (blog / "other.md").write_text("---\ntitle: Other\ndate: 2024-01-01\n---\n\nx\n")
    public = tmp_path / "public"
    subprocess.run(["hugo", "--quiet", "-d", str(public)], cwd=tmp_path, check=True)
    page = (public / "blog" / "a" / "index.html").read_text(encoding="utf-8")
    assert check(page, "H", checked_rows()) == []


def test_the_worked_example_builds(tmp_path: Path) -> None:
    blocks = guide_blocks(PAGE)
    src = tmp_path / "docs"
    (src / "blog").mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*"\n'
        'linkerdblog_hugo_config = "../hugo.toml"\n\n'
        + blocks["conf.py: the example's shortcodes"],
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    (src / "blog" / "post.md").write_text(
        "---\ntitle: P\ndate: 2024-01-01\n---\n\n" + blocks["a post using them"], encoding="utf-8"
    )
    app = build_project(src)
    try:
        assert warnings_of(app) == []
        page = (app.outdir / "blog" / "post.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert '<p class="admonition-title">Moved, not rewritten</p>' in page
    assert "The <em>inner</em> text is Markdown." in page
    assert '<p class="admonition-title">Note</p>' in page
    for repo in ("linkerd/linkerd2", "linkerd/linkerd2-proxy"):
        assert f'href="https://github.com/{repo}"' in page
    # The migration guide's conf.py maps the same templates.
    guide: dict[str, Any] = {}
    exec(guide_blocks()["docs/conf.py"], guide)
    example: dict[str, Any] = {}
    exec(blocks["conf.py: the example's shortcodes"], example)
    for name in ("note", "github"):
        assert guide["linkerdblog_shortcodes"][name] == example["linkerdblog_shortcodes"][name]
