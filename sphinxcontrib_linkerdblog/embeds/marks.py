"""Each provider's mark, as a small inline SVG: an embed card says whose content
it holds without loading anything (no icon font, no image from the provider).

Drawn in ``currentColor`` (so they follow the theme's text colour, light or
dark), except YouTube's red play button, which reads as YouTube in both.
Trusted constants: nothing from a post reaches them.
"""

from __future__ import annotations

_SVG = (
    '<svg class="linkerdblog-embed-mark" viewBox="0 0 24 24" width="24" height="24" '
    'aria-hidden="true" focusable="false">{}</svg>'
)

MARKS = {
    "YouTube": _SVG.format(
        '<rect x="1" y="4.5" width="22" height="15" rx="4" fill="#e62117"/>'
        '<path d="M10 8.5v7l6-3.5z" fill="#fff"/>'
    ),
    "Vimeo": _SVG.format(
        '<path d="M3 8.2l1 1.3c1-.7 1.6-1 1.9-.6.9 1.2 2 6.6 3 8.7.8 1.6 2.3 2.4 3.6'
        " .9 2.9-3 7.4-9.1 8.4-12.4.7-2.4-.6-3.7-3.2-3.1-1.2.3-2.7 1.4-3.6 3.6 1.8-.7"
        ' 2.9-.1 2.2 2.2-.7 2.1-3 5.7-3.8 5.6-.9-.1-1.6-6.6-2.7-8.5C9.2 4.3 7 5.6 3 8.2z"'
        ' fill="currentColor"/>'
    ),
    "X": _SVG.format(
        '<path d="M4 3.5h4.6l4.1 5.6 4.8-5.6h2.1l-5.9 6.9 6.8 9.6h-4.6l-4.4-6.1-5.3 6.1H4.1'
        'l6.4-7.3z" fill="currentColor"/>'
    ),
    "GitHub Gist": _SVG.format(
        '<path d="M8.5 7L3.5 12l5 5M15.5 7l5 5-5 5" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "Instagram": _SVG.format(
        '<rect x="3" y="3" width="18" height="18" rx="5" fill="none" stroke="currentColor" '
        'stroke-width="2"/><circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" '
        'stroke-width="2"/><circle cx="17.3" cy="6.7" r="1.2" fill="currentColor"/>'
    ),
}

GENERIC = _SVG.format(
    '<rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" '
    'stroke-width="2"/><path d="M10 9v6l5-3z" fill="currentColor"/>'
)
"""The mark of a provider without one of its own (a site template's embed)."""


def mark(provider: str) -> str:
    """The SVG for ``provider``'s cards."""
    return MARKS.get(provider, GENERIC)
