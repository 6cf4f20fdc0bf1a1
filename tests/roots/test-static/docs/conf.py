extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*.md"
linkerdblog_static_dirs = ["../site/static"]
