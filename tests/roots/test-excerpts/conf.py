extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = ["blog/*.md", "blog/*/*/index.md"]
blog_baseurl = "https://blog.example.com/"
linkerdblog_pager_size = 2
