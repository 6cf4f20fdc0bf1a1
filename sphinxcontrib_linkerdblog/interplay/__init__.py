"""Playing well with the extensions blogs already run, one module per extension.

None of them is required, and none is patched.  Each module looks at
``app.extensions`` when its hook runs (so the user may list the extension
before or after ours) and does nothing when its extension is not loaded:

* :mod:`.opengraph` (sphinxext-opengraph): it writes the ``og:`` tags, we give
  it each post's title, description and image and write only the tags it
  does not (see :mod:`..meta_tags`);
* :mod:`.sitemap` (sphinx-sitemap): each post's ``<url>`` carries the post's
  ``lastmod`` (else its date), pager pages are left out as Hugo does, and
  ``/sitemap.xml`` stays where Hugo served it;
* :mod:`.redirect_claims` (sphinx-reredirects, sphinxext-rediraffe): the files
  their redirects write, which :mod:`..redirects` never writes over (the
  user's ``conf.py`` redirect wins, and the alias it displaced is warned).

sphinx-autobuild needs no code: it re-runs ``sphinx-build`` on the same output
folder, whose incremental builds already re-read only the edited post, and the
build writes nothing into the source folder it watches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .opengraph import setup_opengraph
from .sitemap import setup_sitemap

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_interplay(app: Sphinx) -> None:
    """Connect the hooks of each extension's module (they check it is loaded)."""
    setup_opengraph(app)
    setup_sitemap(app)
