"""The hostile catalog: posts that attack the build, built with html and dirhtml.

``tests/roots/test-hostile`` holds one post per attack class (and the test
adds those that must be bytes or huge: not UTF-8, UTF-16, control characters,
a NUL, names too long for a file system, deep nesting, thousands of calls).
Each build must exit cleanly, and then **every** output file is scanned:

* no markup from a post: no element, attribute or script carrying a
  ``PWN`` marker, in any HTML or XML file (our pages, ablog's, the feed);
* no ``javascript:`` or ``data:`` URL in any ``href``/``src``/``content``,
  and none in LaTeX either;
* nothing outside the output folder: every file the build wrote is under it
  (or the doctrees), and the secret file beside the source never appears;
* every post's last paragraph is on its page;
* one located warning per attack, of the expected subtype.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-hostile"
SECRET = "SECRET-7f3a9c-never-published"
FRONT = "---\ntitle: {title}\ndate: 2020-02-{day:02d}\n{extra}---\n"
LONG_AUTHOR = ("Wolfeschlegelsteinhausenbergerdorff " * 300)[:10_000].strip()
MANY_AUTHORS = (
    ", ".join(f"[Person {i}](https://people.example/{i}) (Org {i})" for i in range(499))
    + " and Person 499"
)
URL_ATTRIBUTES = {"href", "src", "content", "action", "formaction", "poster", "data", "cite"}


def generated_posts() -> dict[str, bytes]:
    """The posts that cannot be plain text files in the repository."""
    posts = {
        "not-utf8.md": FRONT.format(title="Latin-1 caf\xe9", day=1, extra="").encode("latin-1")
        + "Last paragraph of not-utf8, caf\xe9.\n".encode("latin-1"),
        "utf16.md": (
            FRONT.format(title="UTF-16", day=2, extra="") + "Last paragraph of utf16.\n"
        ).encode("utf-16"),
        "control-chars.md": (
            FRONT.format(title='"Control \\x01 in the title"', day=3, extra="")
            + "A body \x02 with \x1b control characters.\n\nLast paragraph of control-chars.\n"
        ).encode(),
        "nul-alias.md": (
            FRONT.format(title="NUL", day=4, extra='aliases: ["/nul\\0x/", "/raw\x00nul/"]\n')
            + "Last paragraph of nul-alias.\n"
        ).encode(),
        "long-names.md": (
            FRONT.format(
                title="Long names",
                day=5,
                extra=f'aliases: ["/{"a" * 300}/"]\nauthor: "{"Very Long Name " * 40}"\n'
                f'tags: ["{"tag" * 120}"]\n',
            )
            + "Last paragraph of long-names.\n"
        ).encode(),
        # authors written as text: 10,000 characters, and 500 people (linked, with affiliations)
        "long-author.md": (
            FRONT.format(title="Long author", day=10, extra=f'author: "{LONG_AUTHOR}"\n')
            + "Last paragraph of long-author.\n"
        ).encode(),
        "many-authors.md": (
            FRONT.format(title="Many authors", day=11, extra=f'author: "{MANY_AUTHORS}"\n')
            + "Last paragraph of many-authors.\n"
        ).encode(),
        "nested.md": (
            FRONT.format(title="Nested", day=6, extra="")
            + "{{< note >}}" * 600
            + "deep"
            + "{{< /note >}}" * 600
            + "\n\nLast paragraph of nested.\n"
        ).encode(),
        "many-calls.md": (
            FRONT.format(title="Many calls", day=7, extra="")
            + "".join(f"{{{{< unknown-{i % 7} >}}}}" for i in range(8000))
            + "\n\nLast paragraph of many-calls.\n"
        ).encode(),
        "brackets.md": (
            FRONT.format(title="Brackets", day=8, extra="")
            + "{{<" * 10_000
            + "\n\nLast paragraph of brackets.\n"
        ).encode(),
        "crlf.md": (
            FRONT.format(title="Line ends", day=9, extra="").replace("\n", "\r\n")
            + "{{< tweet\r\nabc >}}\rlone CR\r\n\r\nLast paragraph of crlf.\r\n"
        ).encode(),
    }
    return posts


# (post, line, subtype): one located warning for each attack
EXPECTED = [
    ("escape-output.md", 4, "alias"),  # url climbing above the root
    ("escape-output.md", 5, "alias"),  # aliases climbing above the root
    ("root-alias.md", 4, "alias"),  # "/" and "/index.html"
    ("overwrite.md", 4, "alias"),  # genindex, search, blog.html, _static, feed, a post...
    ("markup-values.md", 9, "url"),  # a javascript: thumbnail
    ("script-urls.md", 6, "url"),  # figure link= and src=
    ("script-urls.md", 8, "url"),  # a site template's link
    ("script-urls.md", 10, "html"),  # <script>
    ("script-urls.md", 12, "html"),  # onerror=
    ("script-urls.md", 14, "html"),  # href="javascript:"
    ("script-urls.md", 16, "html"),  # <iframe>
    ("script-urls.md", 18, "html"),  # style with url()
    ("script-urls.md", 20, "url"),  # a data: image
    ("script-urls.md", 22, "url"),  # {button-link} javascript:
    ("shortcodes-in-html.md", 8, "html"),  # a param's javascript: URL in an href
    ("template-options.md", 5, "image"),  # the injected option stays text of the alt
    ("read-files.md", 5, "path"),  # {download}
    ("read-files.md", 7, "path"),  # literalinclude
    ("read-files.md", 10, "path"),  # include
    ("read-files.md", 13, "path"),  # raw :file:
    ("read-files.md", 17, "path"),  # csv-table :file:
    ("read-files.md", 21, "path"),  # csv-table :url:
    ("read-files.md", 25, "path"),  # a Markdown link to the file
    ("dates.md", 3, "date"),
    ("dates.md", 4, "date"),
    ("linked-missing-image.md", 5, "image"),
    ("failing-shortcodes.md", 7, "shortcode"),  # a docutils error in its MyST
    ("failing-shortcodes.md", 11, "shortcode"),  # an exception in its MyST
    ("failing-shortcodes.md", 13, "shortcode"),  # an exception in the function
    ("yaml-bomb.md", 2, "frontmatter"),
    ("not-utf8.md", 2, "encoding"),
    ("utf16.md", 1, "encoding"),
    ("control-chars.md", 2, "encoding"),  # written as a YAML escape
    ("control-chars.md", 5, "encoding"),  # in the body
    ("nul-alias.md", 2, "encoding"),  # the escaped NUL
    ("nul-alias.md", 4, "encoding"),  # the raw NUL
    ("long-names.md", 4, "alias"),  # a 300-character segment, shortened
    ("long-names.md", 5, "author"),
    ("long-names.md", 6, "frontmatter"),  # the tag
    ("free-text-authors.md", 4, "url"),  # [Mallory](javascript:...) and the entity-hidden one
    ("long-author.md", 4, "author"),  # a 10,000-character name: its page name is shortened
    ("nested.md", 5, "shortcode"),
    ("many-calls.md", 5, "shortcode"),
    ("brackets.md", 5, "shortcode"),
    ("crlf.md", 5, "embed"),
    ("raw-html.md", 4, "alias"),  # a slug that climbs out of the permalink
    ("raw-html.md", 6, "html"),  # an entity-encoded tab inside javascript:
    ("raw-html.md", 8, "html"),  # srcset
    ("raw-html.md", 10, "html"),  # <script> inside <svg>
    ("raw-html.md", 12, "html"),  # <meta http-equiv=refresh>
    ("raw-html.md", 14, "html"),  # a form
    ("raw-html.md", 16, "html"),  # the noscript trick
    ("rst-inside.md", 6, "path"),  # .. include:: in eval-rst
    ("rst-inside.md", 8, "html"),  # .. raw:: html
    ("rst-inside.md", 12, "url"),  # an rST link to javascript:
]


def build(tmp_path: Path, builder: str) -> tuple[SphinxTestApp, Path, set[Path]]:
    """Copy the root, add the generated posts and the secret, build; return what appeared."""
    work = tmp_path / builder
    src = work / "hostile"
    shutil.copytree(ROOT, src)
    for name, data in generated_posts().items():
        (src / "blog" / name).write_bytes(data)
    (work / "secret.txt").write_text(SECRET + "\n")
    before = {p for p in work.rglob("*")}
    app = SphinxTestApp(builder, srcdir=src, status=StringIO(), warning=StringIO(), freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    created = {p for p in work.rglob("*") if p not in before}
    return app, Path(app.outdir), created


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def hostile(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    return build(tmp_path_factory.mktemp("hostile"), request.param)


class _Scan(HTMLParser):
    """Every element and attribute of a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if "PWN" in value and (name.startswith("on") or tag in ("script", "iframe")):
                self.problems.append(f"<{tag} {name}={value!r}>")
            probe = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and probe.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
        if "PWN" in tag or any("PWN" in (name or "") for name, _ in attrs):
            self.problems.append(f"<{tag}> made from a post value")

    def handle_endtag(self, tag: str) -> None:
        self.script = False

    def handle_data(self, data: str) -> None:
        if self.script and "PWN" in data:
            self.problems.append(f"a script holding {data.strip()[:60]!r}")


def test_builds_cleanly(hostile) -> None:  # type: ignore[no-untyped-def]
    app, _out, _created = hostile
    assert app.statuscode == 0
    log = app.warning.getvalue()
    assert "Traceback" not in log and "Exception occurred" not in log


def test_no_markup_or_script_url_in_any_output(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    problems: list[str] = []
    scanned = 0
    for path in out.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xhtml", ".xml", ".tex"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        scanned += 1
        if path.suffix == ".tex":
            if re.search(r"\\href\{(javascript|data):", text):
                problems.append(f"{path.name}: a script URL in LaTeX")
            continue
        scan = _Scan()
        scan.feed(text)
        problems += [f"{path.relative_to(out)}: {p}" for p in scan.problems]
    assert scanned > 20
    assert problems == []


def test_nothing_written_outside_the_output(hostile) -> None:  # type: ignore[no-untyped-def]
    app, out, created = hostile
    doctrees = Path(app.doctreedir)
    outside = [
        p
        for p in created
        if not (p.is_relative_to(out) or p.is_relative_to(doctrees) or p in out.parents)
    ]
    assert outside == []


def test_the_secret_is_never_read(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    leaks = [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaks == []
    # a file inside the source folder is still read
    assert "inside-the-source-folder" in page("read-files", out).read_text(encoding="utf-8")


def page(name: str, out: Path) -> Path:
    """A post's page, in html or dirhtml (whose output folder is named after it)."""
    if out.name == "dirhtml":
        return out / "blog" / name / "index.html"
    return out / "blog" / f"{name}.html"


def test_every_post_keeps_its_last_paragraph(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    names = [p.stem for p in (ROOT / "blog").glob("*.md")]
    names += [name.removesuffix(".md") for name in generated_posts()]
    missing = [
        name
        for name in names
        if f"Last paragraph of {name}" not in page(name, out).read_text(encoding="utf-8")
    ]
    assert missing == []


def test_a_located_warning_per_attack(hostile) -> None:  # type: ignore[no-untyped-def]
    app, _out, _created = hostile
    found = set()
    for line in warnings_of(app):
        match = re.search(r"([\w-]+\.md):(\d+): WARNING: .*\[linkerdblog\.(\w+)\]$", line)
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3)))
    assert [e for e in EXPECTED if e not in found] == [], sorted(found)
    stray = [w for w in warnings_of(app) if "[linkerdblog." not in w and "hostile/blog" in w]
    assert stray == []


def test_failing_shortcodes_keep_the_rest_of_the_post(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    html = page("failing-shortcodes", out).read_text(encoding="utf-8")
    for text in ("Before the failures.", "Between the failures.", "After the failures."):
        assert text in html
    assert "{{&lt; broken-figure &gt;}}" in html and "{{&lt; raises" in html


def test_old_link_keeps_all_its_text(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    html = page("old-links", out).read_text(encoding="utf-8")
    assert re.search(r"the <em>target</em>\s+post, on two lines</span></a>", html), html


def test_escaped_exactly_once(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    html = page("markup-values", out).read_text(encoding="utf-8")
    assert "Tutorials &amp; How-To" in html and "&amp;amp;" not in html
    assert "&lt;script&gt;alert(" in html  # the title, shown as text
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "&amp;amp;amp;" not in feed and "Tutorials &amp;amp; How" not in feed


def test_feeds_are_well_formed_xml(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    feeds = list(out.rglob("*.xml"))
    assert feeds
    for feed in feeds:
        ElementTree.parse(feed)  # raises on ill-formed XML


def test_no_double_escaping_anywhere(hostile) -> None:  # type: ignore[no-untyped-def]
    _app, out, _created = hostile
    doubled = [
        p.relative_to(out)
        for p in out.rglob("*.html")
        if "&amp;amp;" in p.read_text(encoding="utf-8") and "_sources" not in p.parts
    ]
    assert doubled == []


def test_too_many_warnings_are_summarised(hostile) -> None:  # type: ignore[no-untyped-def]
    app, _out, _created = hostile
    brackets = [w for w in warnings_of(app) if "brackets.md" in w]
    assert len(brackets) <= 102
    assert any("more linkerdblog.shortcode warnings" in w for w in brackets)


def test_authors_written_as_text(hostile) -> None:  # type: ignore[no-untyped-def]
    """Markup, script links, a 10,000-character name and 500 people: all text shown,
    escaped, no script link, short page names, and no warning for a free-text name."""
    app, out, _created = hostile
    html = page("free-text-authors", out).read_text(encoding="utf-8")
    byline = html.split('class="linkerdblog-byline">', 1)[1].split("</p>", 1)[0]
    assert '<a class="reference external" href="https://ok.example/">&lt;script&gt;' in byline
    assert "&lt;b onmouseover=alert('PWN-affiliation')&gt;Org&lt;/b&gt;" in byline
    # shown, not linked where the post said: linked to their page of posts
    for name in ("Mallory", "Eve"):
        assert re.search(
            rf'<span class="linkerdblog-author"><a class="reference internal" '
            rf'href="[^"]*author/{name.lower()}[^"]*">{name}</a></span>',
            byline,
        ), byline
    # an entity-encoded tab is a space once decoded: no link destination, so text
    assert "[Zed](java script:alert('PWN-entity'))</a></span>" in byline
    assert "&lt;img src=x onerror=alert('PWN-name')&gt;" in byline
    assert len([w for w in warnings_of(app) if "free-text-authors.md:4:" in w]) == 2

    long = page("long-author", out).read_text(encoding="utf-8")
    assert LONG_AUTHOR in long  # the whole name, in the byline
    many = page("many-authors", out).read_text(encoding="utf-8")
    byline = many.split('class="linkerdblog-byline">', 1)[1].split("</p>", 1)[0]
    for i in range(499):
        assert f'href="https://people.example/{i}">Person {i}</a></span> (' in byline
    assert byline.count("linkerdblog-affiliation") == 499 and "and <span" in byline

    authors = out / "blog" / "author"
    pages = [p for p in authors.rglob("*.html")]
    assert (
        sum(p.name.startswith("person-") or p.parent.name.startswith("person-") for p in pages)
        == 500
    )
    assert max(len(p.relative_to(authors).parts[0].encode()) for p in pages) <= 200
    assert not [w for w in warnings_of(app) if "many-authors.md" in w]
