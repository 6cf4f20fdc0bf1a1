"""A Docsy-style Hugo blog: page bundles, url:, params, HTML blocks, hugo.toml."""

extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = ["blog/*/*.md", "blog/*/*/index.md"]
linkerdblog_hugo_config = "hugo.toml"

linkerdblog_shortcodes = {
    # Docsy's alert: {{% alert title="..." color="warning" %}}...{{% /alert %}}
    "alert": (
        ':::{admonition} {{ title|default("Note") }}\n'
        ':class: alert-{{ color|default("primary") }}\n\n{{ inner }}\n:::\n'
    ),
}
