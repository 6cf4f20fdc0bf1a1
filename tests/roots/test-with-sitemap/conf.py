"""A blog with sphinx-sitemap (see tests/test_interplay.py)."""

project = "Interplay"
extensions = ["sphinx_sitemap", "sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
html_baseurl = "https://blog.example.com/"
sitemap_url_scheme = "{link}"
linkerdblog_permalinks = "/:year/:month/:slug/"
linkerdblog_pager_size = 1
