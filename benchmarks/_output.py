"""How the benchmark scripts publish a table: printed, and written to a file."""

import logging
from pathlib import Path

LOGGER = logging.getLogger(__name__)


def publish(text, path=None):
    """Print ``text`` and write it to ``path`` (parent folders made), unless ``path`` is None."""
    print(text)
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        LOGGER.info("written to %s", path)
