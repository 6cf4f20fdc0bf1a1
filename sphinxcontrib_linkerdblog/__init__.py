"""Run a Hugo blog, unchanged, inside Sphinx (with MyST and ablog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx entry point; the work is in :mod:`.extension`.

    Imported here, not at the top: importing the package (or its pure
    :mod:`.hugo` layer, as ``check``'s tests and other tools do) loads no Sphinx.
    """
    from .extension import setup_extension

    setup_extension(app)
    # env_version: bump when the shape of the ``blog`` domain's data changes.
    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
