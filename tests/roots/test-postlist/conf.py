"""A blog whose index lists its posts with ablog's postlist and has no toctree
(tests/test_builders.py): file names sort otherwise than dates."""

extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
blog_baseurl = "https://blog.example.com/"
