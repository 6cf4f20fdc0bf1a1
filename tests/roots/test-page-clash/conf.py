extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
