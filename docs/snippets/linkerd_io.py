"""linkerd.io's own shortcodes, mapped for sphinxcontrib-linkerdblog.

Put this dict in conf.py (or import it from a file like this one).  Each value
is a Jinja2 template whose output is MyST Markdown.
"""

linkerdblog_shortcodes = {
    # {{< fig src="/uploads/x.png" title="Caption, in *Markdown*" alt="..." center="true" >}}
    # A figure; alt defaults to the title, the caption is the title as Markdown.
    "fig": """
```{figure} {{ src }}
:alt: {{ (alt or title)|tojson }}
{%- if center %}
:align: center
{%- endif %}

{{ title }}
```
""",
    # {{< note >}}Markdown{{< /note >}}: an "info" admonition titled "Note".
    "note": """
:::{note}
{{ inner }}
:::
""",
    # {{< table >}}| a | b |...{{< /table >}}: the table, as Markdown.
    "table": "{{ inner }}",
    # {{< cta-banner title="..." href="..." thumbnail="..." >}}: a call to action.
    "cta-banner": """
:::{card} {{ title }}
:link: {{ href }}

{{ title }}
:::
""",
    # {{< asciinema "227055" >}}: a link to the terminal recording (no player,
    # so the page loads nothing from asciinema.org).
    "asciinema": "[Terminal recording {{ args[0] }} on asciinema.org]"
    "(https://asciinema.org/a/{{ args[0] }})",
}
