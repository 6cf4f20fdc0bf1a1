"""Pages that are no posts, with Hugo front matter, beside page-bundle posts."""

extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*/*/index.md"
