extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
