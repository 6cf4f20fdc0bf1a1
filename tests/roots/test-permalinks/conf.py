extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
linkerdblog_permalinks = "/:year/:month/:day/:slug/"
linkerdblog_base_url = "https://example.org/"
blog_baseurl = "https://blog.example.com/"
