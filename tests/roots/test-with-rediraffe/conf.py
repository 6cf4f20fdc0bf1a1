"""A blog with sphinxext-rediraffe (see tests/test_interplay.py)."""

project = "Interplay"
extensions = ["sphinxcontrib_linkerdblog", "sphinxext.rediraffe"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
# "old/one/index.md" is where the alias /old/one/ of blog/first.md would go.
rediraffe_redirects = {"old/one/index.md": "blog/second.md", "moved.md": "blog/second.md"}
