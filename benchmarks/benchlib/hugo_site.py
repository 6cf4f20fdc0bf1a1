"""A Hugo site around the corpus, with layouts and shortcodes of our own, built by ``hugo``.

The layouts print only what the comparison needs: the title and ``.Content``
inside ``<div id="hugo-post">``, and a JSON manifest of every page (source
file, permalink, aliases).  No theme.  linkerd.io's own shortcodes get
templates that mean what ``docs/snippets/linkerd_io.py`` maps them to in our
build; Hugo 0.156 removed the built-in ``tweet`` shortcode (its ``x``
successor fetches from the network at build time), so ``tweet`` gets one too:
the blockquote-and-link fallback of Twitter's embed code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = """\
baseURL = "https://linkerd.io/"
title = "linkerd.io blog (comparison build)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
refLinksErrorLevel = "WARNING"

[outputs]
home = ["HTML", "JSON"]

[permalinks]
blog = "/:year/:month/:day/:slug/"

[markup.goldmark.renderer]
unsafe = true
"""

LAYOUTS = {
    "single.html": """\
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1 class="hugo-title">{{ .Title }}</h1>
<div id="hugo-post">{{ .Content }}</div>
</body></html>
""",
    "list.html": """\
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
""",
    "home.json": """\
{{- $out := slice -}}
{{- range .Site.Pages -}}{{- if .File -}}
{{- $out = $out | append (dict "file" .File.Path "kind" .Kind "permalink" .Permalink
    "aliases" .Aliases "draft" .Draft "title" .Title) -}}
{{- end -}}{{- end -}}
{{- $out | jsonify -}}
""",
}

# What docs/snippets/linkerd_io.py maps each site shortcode to, as Hugo templates.
SHORTCODES = {
    # A figure: the image, alt = alt or title, centred if asked, caption = the
    # title as Markdown (the mapping's ``{figure}`` with the title as caption).
    "fig.html": """\
{{- $title := .Get "title" -}}
<figure class="fig{{ if .Get "center" }} align-center{{ end }}"><img src="{{ .Get "src" }}" \
alt="{{ or (.Get "alt") $title }}">{{ with $title }}<figcaption>{{ . | markdownify }}\
</figcaption>{{ end }}</figure>
""",
    # An admonition titled "Note" around the inner Markdown (MyST's ``{note}``).
    "note.html": """\
<div class="admonition note"><p class="admonition-title">Note</p>
{{ .Inner | $.Page.RenderString (dict "display" "block") }}
</div>
""",
    # The inner Markdown, nothing around it (the mapping: ``{{ inner }}``).
    "table.html": """{{ .Inner | $.Page.RenderString (dict "display" "block") }}""",
    # A card: the title as its header and its body, the whole card linking to href.
    "cta-banner.html": """\
<div class="card"><a href="{{ .Get "href" }}"><div class="card-header">{{ .Get "title" }}</div>\
<div class="card-body"><p>{{ .Get "title" }}</p></div></a></div>
""",
    # A link to the recording, no player.
    "asciinema.html": """\
<a href="https://asciinema.org/a/{{ .Get 0 }}">Terminal recording {{ .Get 0 }} on asciinema.org</a>
""",
    # Removed from Hugo in 0.156; Twitter's no-script fallback.
    "tweet.html": """\
{{- $id := or (.Get "id") (.Get 0) -}}
<blockquote class="twitter-tweet"><a href="https://twitter.com/i/status/{{ $id }}">\
https://twitter.com/i/status/{{ $id }}</a></blockquote>
""",
}

_FILE_IN_ERROR = re.compile(r'"(?P<path>[^"]*?/content/(?P<rel>[^":]+\.md))(?::\d+)*"')


@dataclass
class HugoPage:
    file: str  # path under content/, e.g. "blog/x.md"
    permalink: str
    aliases: list[str]
    title: str
    html: Path | None  # the page written under public/


@dataclass
class HugoBuild:
    version: str
    pages: dict[str, HugoPage] = field(default_factory=dict)  # by file name, e.g. "x.md"
    refused: dict[str, str] = field(default_factory=dict)  # file name -> Hugo's error
    unbuilt: dict[str, str] = field(default_factory=dict)  # file name -> why (draft, future...)
    errors: list[str] = field(default_factory=list)  # errors not tied to one post
    warnings: list[str] = field(default_factory=list)


def hugo_version(hugo: str) -> str | None:
    """``hugo version``'s first line, or None if ``hugo`` does not run."""
    try:
        done = subprocess.run([hugo, "version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("hugo v")]
    return lines[0] if done.returncode == 0 and lines else None


def write_site(site: Path, corpus: Path) -> None:
    """The Hugo site: config, our layouts and shortcodes, the corpus under content/blog."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "shortcodes").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, "utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).write_text(text, "utf-8")
    for name, text in SHORTCODES.items():
        (site / "layouts" / "shortcodes" / name).write_text(text, "utf-8")
    shutil.copytree(corpus, site / "content" / "blog")
    if (corpus.parent / "data").is_dir():
        shutil.copytree(corpus.parent / "data", site / "data")


def _hugo(hugo: str, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [hugo, *args, "--source", str(site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _not_built(hugo: str, site: Path) -> dict[str, str]:
    """Posts Hugo leaves out on purpose: ``hugo list drafts|future|expired``."""
    why: dict[str, str] = {}
    for kind in ("drafts", "future", "expired"):
        done = _hugo(hugo, site, "list", kind)
        for line in done.stdout.splitlines()[1:]:  # CSV with a header
            path = line.split(",", 1)[0]
            if path.endswith(".md"):
                why[Path(path).name] = kind.rstrip("s") if kind != "expired" else kind
    return why


def build(hugo: str, site: Path, corpus: Path, *, tries: int = 50) -> HugoBuild:
    """Build the site; a post whose error stops the whole build is set aside and listed."""
    write_site(site, corpus)
    result = HugoBuild(version=hugo_version(hugo) or "?")
    aside = site / "refused"
    aside.mkdir()
    for _ in range(tries):
        shutil.rmtree(site / "public", ignore_errors=True)
        done = _hugo(hugo, site, "--logLevel", "warn")
        output = done.stdout + done.stderr
        lines = [ln for ln in output.splitlines() if ln.startswith(("ERROR", "WARN"))]
        stopper = None
        if done.returncode != 0:
            for line in lines:
                match = _FILE_IN_ERROR.search(line)
                if line.startswith("ERROR") and match:
                    stopper = match
                    break
        if stopper is None:
            result.warnings = [ln for ln in lines if ln.startswith("WARN")]
            result.errors = [ln for ln in lines if ln.startswith("ERROR")]
            break
        path = Path(stopper.group("path"))
        message = next(ln for ln in lines if stopper.group("path") in ln)
        result.refused[path.name] = message.split(stopper.group(0), 1)[-1].strip(" :")
        shutil.move(str(path), aside / path.name)
    result.unbuilt = _not_built(hugo, site)
    manifest = site / "public" / "index.json"
    entries = json.loads(manifest.read_text("utf-8")) if manifest.exists() else []
    for entry in entries:
        if entry["kind"] != "page":
            continue
        name = Path(entry["file"]).name
        rel = entry["permalink"].split("://", 1)[-1].split("/", 1)[-1]
        html = site / "public" / rel / "index.html"
        result.pages[name] = HugoPage(
            file=entry["file"],
            permalink=entry["permalink"],
            aliases=list(entry.get("aliases") or []),
            title=entry["title"],
            html=html if html.exists() else None,
        )
    return result
