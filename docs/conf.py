"""The project's documentation, which is also its example blog."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
sys.path.insert(0, str(Path(__file__).parent / "snippets"))

# linkerd.io's own shortcodes (fig, note, table, cta-banner, asciinema), mapped
# as the site-shortcodes page explains.
import linkerd_io

linkerdblog_shortcodes = linkerd_io.linkerdblog_shortcodes

project = "sphinxcontrib-linkerdblog"
author = "sphinxcontrib-linkerdblog developers"
copyright = "2026, " + author

# The one line a user needs; the second extension only renders the reference
# tables of these docs from the package's own declarations.
extensions = ["sphinxcontrib_linkerdblog", "linkerdblog_docs"]

# ablog: the example posts are Hugo posts, unchanged; a page bundle is a folder
# with an index.md (blog/a-page-bundle/index.md).
blog_post_pattern = ["blog/*.md", "blog/*/index.md"]
blog_title = "linkerdblog example blog"
blog_baseurl = "https://sphinxcontrib-linkerdblog.readthedocs.io/"

# The blog around the posts (see blog-features.md): the authors registry, Hugo's URLs.
linkerdblog_authors = "data/authors.yaml"
linkerdblog_permalinks = "/:year/:month/:day/:slug/"
linkerdblog_tags_from = ["tags", "keywords"]
# Hugo's site params, for the `param` shortcode (blog/code-details-and-params.md).
linkerdblog_site_params = {"docs": "https://sphinxcontrib-linkerdblog.readthedocs.io/"}
# Few posts per listing page, so that the example blog shows its pages of posts
# (blog/page/2/ ...); Hugo's default, and the extension's, is 10.
linkerdblog_pager_size = 4

# These pages (not the posts) use definition lists; posts get them from Goldmark's
# defaults already.  The extension adds colon_fence to whatever is listed here.
myst_enable_extensions = ["deflist"]

# _example: the Hugo site "Moving a Hugo site" moves (its pages are not these docs').
exclude_patterns = ["_build", "_tools", "_ext", "snippets", "data", "_example"]
html_theme = "alabaster"
html_title = project
html_sidebars = {
    "**": [
        "about.html",
        "navigation.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/archives.html",
        "searchbox.html",
    ]
}
html_theme_options = {"description": "Hugo posts, unchanged, in Sphinx"}

# The PDF (make latexpdf): pdflatex knows most of these pages' characters but two.
latex_elements = {
    "preamble": "\n".join(
        [
            r"\DeclareUnicodeCharacter{2265}{\ensuremath{\geq}}",
            r"\DeclareUnicodeCharacter{FFFD}{\textbf{?}}",  # the page on undecodable bytes
        ]
    )
}
