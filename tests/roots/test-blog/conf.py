extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
linkerdblog_authors = "data/authors.yaml"
linkerdblog_tags_from = ["tags", "keywords"]
linkerdblog_related_posts = 2
