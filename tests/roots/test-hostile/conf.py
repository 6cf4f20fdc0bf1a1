"""A blog whose posts attack the build (see tests/test_hostile.py)."""


def raises(call):
    raise RuntimeError("the site's function is broken")


extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
linkerdblog_permalinks = "/:year/:month/:day/:slug/"
linkerdblog_base_url = "https://old.example.com/"
linkerdblog_authors = "data/authors.yaml"
linkerdblog_shortcodes = {
    "button": "[{{ text }}]({{ link }})",
    "picture": ":::{figure} {{ src }}\n:alt: {{ alt }}\n:::",
    "broken-figure": ":::{figure}\n:::",
    "broken-directive": "```{postlist} not-a-number\n```",
    "raises": raises,
}
