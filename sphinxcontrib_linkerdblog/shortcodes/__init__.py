"""Hugo shortcodes on the Sphinx side.

:mod:`.registry` (what a shortcode is, what it may ask of its call),
:mod:`.catalog` (the built-ins and a build's registry), :mod:`.dispatch`
(running one call), :mod:`.engine` (the build's context, role and directive),
:mod:`.text_context` (the context of ``check`` and ``convert``), and the
handlers: :mod:`.builtins`, :mod:`.refs`, :mod:`.site` (and :mod:`..embeds`).
The pure lexer and rewriter are in :mod:`..hugo`.
"""
