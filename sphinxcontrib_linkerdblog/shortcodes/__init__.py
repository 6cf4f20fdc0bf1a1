"""Hugo shortcodes on the Sphinx side.

:mod:`.registry` (what a shortcode is, what it may ask of its call),
:mod:`.catalog` (the built-ins and a build's registry), :mod:`.dispatch`
(the call, and running it), :mod:`.engine` (the build's context, role and
directive), and the handlers: :mod:`.builtins`, :mod:`.refs`, :mod:`.site`
(and :mod:`..embeds`).  ``convert``'s context is in :mod:`..cli.convert.myst`.
The pure lexer and rewriter are in :mod:`..hugo`.
"""
