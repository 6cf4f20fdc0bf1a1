"""A blog with sphinxext-opengraph, listed after us (see tests/test_interplay.py)."""

project = "Interplay"
extensions = ["sphinxcontrib_linkerdblog", "sphinxext.opengraph"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
ogp_site_url = "https://blog.example.com/"
