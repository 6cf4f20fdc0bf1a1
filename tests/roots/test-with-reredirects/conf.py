"""A blog with sphinx-reredirects (see tests/test_interplay.py)."""

project = "Interplay"
extensions = ["sphinxcontrib_linkerdblog", "sphinx_reredirects"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
# "old/one/index" is where the alias /old/one/ of blog/first.md would go.
redirects = {"old/one/index": "https://example.org/elsewhere/", "moved": "blog/second.html"}
