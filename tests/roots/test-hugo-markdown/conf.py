extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
linkerdblog_site_params = {
    "repo": "https://github.com/example/quarry",
    "notes": {"docker": "Docker **Compose** v2"},
}
linkerdblog_goldmark = {"block_attributes": True}
