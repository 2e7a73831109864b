"""``python -m sknucs``: the ``sknucs`` command."""

import sys

from .cli import main

sys.exit(main())
