"""A blog in which each post causes one kind of linkerdblog warning (see test_check.py)."""

extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
linkerdblog_authors = "data/authors.yaml"
linkerdblog_related_posts = -1  # config: not a number of 0 or more
