"""``python -m sphinxcontrib_linkerdblog check|convert`` (see :mod:`.cli`)."""

import sys

from .cli import main

sys.exit(main())
