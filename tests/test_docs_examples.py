"""Every documented example still behaves as documented, read from the docs pages.

Nothing here lists the examples: they are read from the pages, so a page cannot
drift from what is tested.

- Each fenced ``markdown`` example of :data:`PAGES` is put in a post of its own
  in a small project (the docs' ``conf.py``, authors, images and example blog),
  built once; the post must give no warning, and its page must hold every
  element that the example's "In HTML:" line names (the first paragraph after
  the fence that starts with "In HTML:", before the next example or heading).
  Each code span of that line that starts with ``<`` is an element: ``<figure class="framed">`` (the
  classes named must all be there; other attributes must have the value
  given), or ``<p>text</p>`` (an element whose text holds ``text``); one
  written after the word "no" must not be there.
- Each ``example=`` of ``config.py`` (the configuration reference prints them)
  is written into a small project's ``conf.py``, which must build with no
  warning at all, the value kept.
- The example blog (``docs/blog``) calls every built-in shortcode, and every
  shortcode ``docs/conf.py`` maps, at least once; every directive and role the
  extension registers has an example on a docs page.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import body, build_project, warnings_of
from markdown_it import MarkdownIt

from sphinxcontrib_linkerdblog.config import OPTIONS
from sphinxcontrib_linkerdblog.hugo.lexer import all_calls, scan
from sphinxcontrib_linkerdblog.shortcodes.catalog import builtin_shortcodes

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = ("shortcodes.md", "embeds.md", "site-shortcodes.md", "blog-features.md", "frontmatter.md")
"""The pages whose fenced examples are built and checked: every ``markdown``
fence, and every fence that is a whole front-matter block (YAML, TOML, JSON)."""
WHOLE_POST = ("---\n", "+++\n", "{\n")
"""How a fence that is a whole post (its own front matter) starts."""

CLAIMS = "In HTML:"
_ESCAPE = re.compile(r"\{\{(?:</\*(.*?)\*/>|%/\*(.*?)\*/%)\}\}", re.S)
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_CLAIM = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)(?P<attrs>(?:\s+[\w:-]+(?:=\"[^\"]*\")?)*)\s*/?>"
    r"(?:(?P<text>.*)</(?P=tag)>)?",
    re.S,
)
_ATTR = re.compile(r"([\w:-]+)(?:=\"([^\"]*)\")?")


def unescape(text: str) -> str:
    """What a reader of the page sees in a code block: Hugo's escapes
    ``{{</* x */>}}`` shown as ``{{< x >}}`` (the extension does so in code too)."""
    return _ESCAPE.sub(
        lambda m: "{{<" + m[1] + ">}}" if m[1] is not None else "{{%" + m[2] + "%}}", text
    )


@dataclass(frozen=True)
class Example:
    """One fenced example: where it is, its Markdown, what it must render."""

    page: str
    line: int
    source: str
    claims: tuple[str, ...] | None  # None: the page says nothing about its HTML
    absent: tuple[str, ...]  # the elements written after "no"
    front: str  # the page's own front matter (the example sees it, as `param` does)

    @property
    def name(self) -> str:
        return f"example-{Path(self.page).stem}-{self.line}"

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def page_examples(page: str) -> list[Example]:
    """The ``markdown`` fences of a docs page, each with its "In HTML:" claims."""
    text = (DOCS / page).read_text(encoding="utf-8")
    front = _FRONT.match(text)
    offset = text[: front.end()].count("\n") if front else 0
    tokens = MarkdownIt("commonmark").parse(text[front.end() :] if front else text)
    found = []
    for i, token in enumerate(tokens):
        if token.type != "fence" or token.map is None:
            continue
        if token.info.strip() != "markdown" and not token.content.startswith(WHOLE_POST):
            continue
        claims, absent = None, []
        for after in tokens[i + 1 :]:
            if after.type in ("fence", "heading_open"):
                break
            if after.type == "inline" and after.content.startswith(CLAIMS):
                claims = []
                before = ""
                for child in after.children or []:
                    if child.type == "code_inline" and child.content.startswith("<"):
                        negated = re.search(r"\bno\s*$", before)
                        (absent if negated else claims).append(child.content)
                    before = child.content if child.type == "text" else ""
                break
        found.append(
            Example(
                page,
                offset + token.map[0] + 1,
                unescape(token.content),
                tuple(claims) if claims is not None else None,
                tuple(absent),
                front[1] if front else "",
            )
        )
    return found


EXAMPLES = [example for page in PAGES for example in page_examples(page)]


def post_text(example: Example) -> str:
    """The example as a post: its own front matter if it has one, else a title,
    a date and the page's front matter."""
    if example.source.startswith(WHOLE_POST):
        return example.source
    return (
        f"---\ntitle: Example at {example.id}\ndate: 2020-01-01\n{example.front}---\n\n"
        + example.source
    )


@dataclass(frozen=True)
class Built:
    """What a finished build left: its pages, warnings and configuration."""

    outdir: Path
    warnings: list[str]
    shortcodes: dict[str, object]


def project_of(example: Example) -> str:
    """Which project builds the example: a whole post (its own front matter)
    gets one of its own, since the pages show one post several ways (three with
    one title claim one URL); every other example shares one."""
    return example.id if example.source.startswith(WHOLE_POST) else "snippets"


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory) -> dict[str, Built]:  # type: ignore[no-untyped-def]
    """Each project of examples, built: the docs' configuration and example blog,
    with one post per example.

    Each app is cleaned up at once: Sphinx's node registry is global, and an app
    built while another lived would warn that every node is registered."""
    projects: dict[str, list[Example]] = {}
    for example in EXAMPLES:
        projects.setdefault(project_of(example), []).append(example)
    built = {}
    for key, examples in projects.items():
        src = tmp_path_factory.mktemp("examples") / "src"
        src.mkdir()
        shutil.copy(DOCS / "conf.py", src / "conf.py")
        for folder in ("_ext", "snippets", "data", "images", "blog"):
            shutil.copytree(DOCS / folder, src / folder)
        (src / "index.md").write_text("# Examples\n", encoding="utf-8")
        for example in examples:
            (src / "blog" / f"{example.name}.md").write_text(post_text(example), encoding="utf-8")
        app = build_project(src, html_theme="alabaster")
        try:
            built[key] = Built(
                Path(app.outdir), warnings_of(app), dict(app.config.linkerdblog_shortcodes)
            )
        finally:
            app.cleanup()
    return built


class Elements(HTMLParser):
    """Every element of a page: (tag, attributes, text content)."""

    VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "source", "wbr", "col"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = (tag, {k: v or "" for k, v in attrs}, [])
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element[2].append(data)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _words(text: str) -> str:
    """White space collapsed, typographic quotes (MyST's smartquotes) made plain."""
    return " ".join(text.translate(_QUOTES).split())


def has_element(page_html: str, claim: str) -> bool:
    """Whether ``page_html`` has an element as ``claim`` describes it."""
    match = _CLAIM.fullmatch(claim.strip())
    assert match, f"not an element: {claim!r}"
    wanted = {
        k: html.unescape(v) if v is not None else None for k, v in _ATTR.findall(match["attrs"])
    }
    text = _words(html.unescape(match["text"])) if match["text"] else ""
    for tag, attrs, content in Elements(page_html).found:
        if tag != match["tag"]:
            continue
        if not all(_attr_matches(attrs, name, value) for name, value in wanted.items()):
            continue
        if text in _words("".join(content)):
            return True
    return False


def _attr_matches(attrs: dict[str, str], name: str, value: str | None) -> bool:
    if name not in attrs:
        return False
    if not value:
        return True
    if name == "class":
        return set(value.split()) <= set(attrs[name].split())
    return attrs[name] == value


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_example_behaves_as_documented(built_examples: dict[str, Built], example: Example) -> None:
    assert example.claims is not None and (example.claims or example.absent), (
        f'{example.id}: no "{CLAIMS}" line naming its elements after the example'
    )
    examples_app = built_examples[project_of(example)]
    ours = [w for w in examples_app.warnings if f"{example.name}.md" in w]
    assert ours == [], example.source
    page = body(examples_app.outdir / "blog" / f"{example.name}.html")
    missing = [claim for claim in example.claims if not has_element(page, claim)]
    assert missing == [], f"{example.id} renders without {missing}:\n{page}"
    present = [claim for claim in example.absent if has_element(page, claim)]
    assert present == [], f"{example.id} renders {present}:\n{page}"


def test_the_examples_build_without_any_warning(built_examples: dict[str, Built]) -> None:
    assert len(built_examples) > 1
    assert {key: built.warnings for key, built in built_examples.items() if built.warnings} == {}


def test_every_page_has_examples() -> None:
    """A page whose fences lost their language would silently test nothing."""
    for page in PAGES:
        assert len([e for e in EXAMPLES if e.page == page]) >= 3, page


def test_claims_can_fail() -> None:
    """The matcher tells a missing class, attribute value or text apart."""
    page = '<div class="a b" data-x="1"><p>Hello <em>big</em> world</p></div><img alt="A">'
    assert has_element(page, '<div class="b a">')
    assert has_element(page, '<div data-x="1">')
    assert has_element(page, "<p>Hello big world</p>")
    assert has_element(page, '<img alt="A">')
    assert not has_element(page, '<div class="a c">')
    assert not has_element(page, '<div data-x="2">')
    assert not has_element(page, "<p>Goodbye</p>")
    assert not has_element(page, '<span class="a">')


# -- the configuration reference's examples ---------------------------------------

BASE_CONF = 'extensions = ["sphinxcontrib_linkerdblog"]\nblog_post_pattern = "blog/*.md"\n'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _registry(path: Path) -> None:
    """An authors registry of one author, in the format the file name says."""
    text = {
        ".json": '{"alice": {"name": "Alice"}}\n',
        ".yaml": "alice:\n  name: Alice\n",
        ".toml": '[alice]\nname = "Alice"\n',
    }
    _write(path, text[path.suffix])


# What an example's value names must exist, as it would on the user's machine:
# an option whose example is a path gets the file or folder it names.
PATHS = {
    "hugo_config": lambda conf, value: _write(conf / value, 'baseURL = "https://example.org/"\n'),
    "authors": lambda conf, value: _registry(conf / value),
    "static_dirs": lambda conf, value: [(conf / v).mkdir(parents=True) for v in value],
    "read_dirs": lambda conf, value: [(conf / v).mkdir(parents=True) for v in value],
}


def config_project(tmp_path: Path, conf_lines: str) -> Path:
    """A project of one post, ``conf_lines`` at the end of its ``conf.py``."""
    src = tmp_path / "site" / "docs"
    (src / "blog").mkdir(parents=True)
    (src / "conf.py").write_text(BASE_CONF + conf_lines + "\n", encoding="utf-8")
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    (src / "blog" / "post.md").write_text(
        "---\ntitle: A post\ndate: 2024-01-01\ntags: [Hugo]\n---\n\nText.\n", encoding="utf-8"
    )
    return src


@pytest.mark.parametrize("option", OPTIONS, ids=[o.name for o in OPTIONS])
def test_config_example_builds_as_documented(tmp_path: Path, option) -> None:  # type: ignore[no-untyped-def]
    """The example of the configuration reference, in a conf.py: no warning, the
    value kept (a rejected value would be replaced by the default)."""
    assert option.example.startswith(f"{option.full_name} = "), option.example
    namespace: dict[str, object] = {}
    exec(option.example, namespace)
    value = namespace[option.full_name]
    assert value != option.default, "an example shows a value other than the default"
    src = config_project(tmp_path, option.example)
    if option.name in PATHS:
        PATHS[option.name](src, value)
    app = build_project(src)
    try:
        assert warnings_of(app) == []
        assert getattr(app.config, option.full_name) == value
    finally:
        app.cleanup()


def test_a_rejected_config_value_is_seen(tmp_path: Path) -> None:
    """What the test above looks for does happen to a bad value."""
    app = build_project(config_project(tmp_path, "linkerdblog_pager_size = 0"))
    try:
        assert any("[linkerdblog.config]" in w for w in warnings_of(app))
        assert app.config.linkerdblog_pager_size == 10
    finally:
        app.cleanup()


# -- the example blog uses everything ------------------------------------------------

BLOG = DOCS / "blog"
_REGISTERED = re.compile(r"app\.add_(directive|role)\(\s*\"([\w-]+)\"(?P<rest>[^)]*)\)")


def blog_posts() -> dict[str, str]:
    """Every Markdown file of the example blog, by its path under docs/."""
    return {
        str(path.relative_to(DOCS)): path.read_text(encoding="utf-8")
        for path in sorted(BLOG.rglob("*.md"))
    }


def registered() -> list[tuple[str, str]]:
    """Every (kind, name) the package registers with a name of its own (not the
    overrides of docutils' ``include``, ``raw``, ...)."""
    found = []
    for path in sorted((ROOT / "sphinxcontrib_linkerdblog").rglob("*.py")):
        for match in _REGISTERED.finditer(path.read_text(encoding="utf-8")):
            if "override=True" not in match["rest"]:
                found.append((match[1], match[2]))
    return found


def test_the_example_blog_calls_every_shortcode(built_examples: dict[str, Built]) -> None:
    """Every built-in shortcode, and every one docs/conf.py maps, is called (not
    just shown in code) in some post of the example blog."""
    called: dict[str, list[str]] = {}
    for name, text in blog_posts().items():
        for call in all_calls(scan(text).calls):
            called.setdefault(call.name, []).append(name)
    wanted = set(builtin_shortcodes()) | set(built_examples["snippets"].shortcodes)
    assert {"figure", "youtube", "fig", "note"} <= wanted
    assert sorted(wanted - set(called)) == []


def test_the_example_blog_uses_every_directive_and_role() -> None:
    found = registered()
    assert ("directive", "gist") in found and ("role", "youtube") in found
    assert ("directive", "include") not in found
    text = "\n".join(blog_posts().values())
    unused = [
        (kind, name)
        for kind, name in found
        if not re.search(
            rf"^(?::::+|```+)\{{{re.escape(name)}\}}" if kind == "directive" else rf"\{{{name}\}}`",
            text,
            re.M,
        )
    ]
    assert unused == []


def test_every_directive_and_role_has_a_documented_example() -> None:
    """Each is in a fenced example of the reference pages, which the first test builds."""
    sources = "\n".join(example.source for example in EXAMPLES)
    missing = [(kind, name) for kind, name in registered() if f"{{{name}}}" not in sources]
    assert missing == []
