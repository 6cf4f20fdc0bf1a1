"""``python -m sphinxcontrib_linkerdblog check PATH`` (see :mod:`.cli`)."""

import sys

from .cli import main

sys.exit(main())
