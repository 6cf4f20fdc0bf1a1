extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
linkerdblog_permalinks = "/:year/:month/:day/:slug/"
linkerdblog_shortcodes = {
    "note": """
:::{note}
{{ inner }}
:::
""",
}
