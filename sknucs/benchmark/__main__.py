"""``python -m sknucs.benchmark``."""

import sys

from ._cli import main

sys.exit(main())
