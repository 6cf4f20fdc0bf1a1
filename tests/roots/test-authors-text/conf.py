"""A blog whose posts name their authors in free text, as Docsy sites do (tests/test_authors.py)."""

extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
linkerdblog_authors = "data/authors.yaml"
