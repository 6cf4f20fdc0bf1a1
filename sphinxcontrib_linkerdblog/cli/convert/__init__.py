"""``convert``: Hugo posts as plain MyST + ablog, for leaving Hugo syntax behind.

:mod:`.myst` writes one shortcode call, :mod:`.text` one post, :mod:`.tree` a
whole folder (the command).
"""

from .tree import convert

__all__ = ["convert"]
