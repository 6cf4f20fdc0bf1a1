extensions = ["sphinxcontrib_linkerdblog"]
project = "Themes"
blog_post_pattern = "blog/*"
blog_title = "Theme blog"
blog_baseurl = "https://blog.example.com/"
linkerdblog_authors = "data/authors.yaml"
