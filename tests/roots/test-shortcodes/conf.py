extensions = ["sphinxcontrib_linkerdblog"]
blog_post_pattern = "blog/*"
linkerdblog_shortcodes = {
    "fig": """
```{figure} {{ src }}
:alt: {{ alt or title }}

{{ title }}
```
""",
    "note": """
:::{note}
{{ inner }}
:::
""",
    "shout": lambda call: "**" + call.args[0].upper() + "**",
    "where": lambda call: f"{call.docname}:{call.lineno} {call.params.get('x', '')}",
    "echo": "{{ name }}|{{ args|join(',') }}|{{ params.k }}|{{ k }}|{{ page.title }}|{{ inner }}",
    "youtube": "Site video {{ args[0] }}",
    "bad": "{{ oops(",
    "broken": "{{ 1 / 0 }}",
    "raises": lambda call: 1 / 0,
    "notext": lambda call: 42,
    "number": 7,
    # Hugo types bare values: false is false, 41 a number; a quoted "false" is text.
    "typed": "{% if flag %}on{% else %}off{% endif %} {{ n + 1 }} {{ flag }} {{ q }}",
}
