"""On-disk caches that make a benchmark run resumable."""

import json
import logging
import os
from pathlib import Path

import numpy as np

from .._atomic_write import write_atomically

logger = logging.getLogger(__name__)

CELL_KEY = ("dataset", "track", "method", "rate", "seed", "fingerprint")
TRAINING_KEY = ("task", "seed", "coreset")
"""The identity of a training: the task's fingerprint (its data and recipes), the seed, the coreset's digest."""


def cell_key(row, fields=CELL_KEY):
    """The identity of a result cell (what it measured and under which recipe), or of a row keyed by ``fields``."""
    return tuple(row[k] for k in fields)


class CellStore:
    """Finished result cells, one JSON line each, appended as they finish.

    A cell is never recomputed while a line with its key is in the file; a
    truncated last line (an interrupted write) is ignored.

    Parameters
    ----------
    path : str or path-like
        The JSON-lines file (created with its directory if absent).
    key : tuple of str, default=CELL_KEY
        The fields of a row that identify it (:data:`TRAINING_KEY` for the
        trainings of :func:`~sknucs.benchmark._runner.run_benchmark`).
    """

    def __init__(self, path, key=CELL_KEY):
        self.path = Path(path)
        self.key = key
        self._rows = {}
        text = self.path.read_text() if self.path.is_file() else ""
        # a write cut short leaves no final newline: start the next row on a fresh line
        self._pending_newline = bool(text) and not text.endswith("\n")
        for number, line in enumerate(text.splitlines(), 1):
            try:
                row = json.loads(line)
                self._rows[cell_key(row, key)] = row
            except (json.JSONDecodeError, KeyError, TypeError):
                logger.warning("Ignoring unreadable line %d of %s", number, self.path)

    def __contains__(self, key):
        return key in self._rows

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, key):
        return self._rows[key]

    def add(self, row):
        """Record a finished cell and append it to the file (flushed at once)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a") as handle:
            handle.write("\n" * self._pending_newline + json.dumps(row) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self._pending_newline = False
        self._rows[cell_key(row, self.key)] = row


class ArrayCache:
    """Named dictionaries of numpy arrays stored as ``.npz`` files in one directory.

    Parameters
    ----------
    directory : str or path-like
    """

    def __init__(self, directory):
        self.directory = Path(directory)

    def _path(self, name):
        return self.directory / f"{name}.npz"

    def load(self, name):
        """The stored arrays, or None if there are none under ``name``."""
        path = self._path(name)
        if not path.is_file():
            return None
        with np.load(path) as data:
            return {key: data[key] for key in data.files}

    def save(self, name, arrays):
        """Store ``arrays`` (dict of str -> array) atomically under ``name``.

        The temporary file is the writer's own (:func:`sknucs._atomic_write.write_atomically`), so
        that two runs sharing the cache (a preset split with ``--tasks``) that compute the same arrays
        never write into one file, and an interrupted write leaves none behind.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self._path(name), lambda handle: np.savez(handle, **arrays))
