"""A file of the coresets a training-based search has scored, so that an interrupted search resumes."""

import hashlib
import json
import logging
import os
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)


#: How each record's line starts (``json.dumps`` of a dict whose first key is ``"key"``).
_RECORD_START = '{"key": '


def _cut_short(line, text):
    """Whether ``line``, the last of the file ``text``, is one of our records whose write was interrupted.

    An interrupted write leaves the start of a record and no newline after
    it; any other line that is not a record (a user's own JSON or CSV
    file, say) must be refused, never dropped.
    """
    return not text.endswith("\n") and (line.startswith(_RECORD_START) or _RECORD_START.startswith(line))


def coreset_key(indices, n_samples):
    """The key of one coreset in a checkpoint: the data set's size and a digest of its rows."""
    digest = hashlib.sha256(np.ascontiguousarray(indices, dtype=np.int64).tobytes()).hexdigest()
    return f"{int(n_samples)}:{digest}"


class ScoreCheckpoint:
    """The scores already measured, read from and appended to a JSON-lines file.

    Each line holds one coreset's key (:func:`coreset_key`), its score and
    the seconds its evaluation took; a line is written, flushed and synced
    as soon as its coreset is scored, so that an interruption loses at most
    the evaluation under way. A last line cut short by an interruption is
    dropped from the file; any other line that is not a record is an error.

    Parameters
    ----------
    path : str or path-like
        The file; created at the first record when missing.
    """

    def __init__(self, path):
        self.path = Path(path)
        if self.path.is_dir():
            raise ValueError(f"checkpoint={str(path)!r} is a directory: give a file path, e.g. 'search.jsonl'.")
        if not self.path.parent.is_dir():  # refused now, not once the first coreset has trained
            raise ValueError(f"checkpoint={str(path)!r}: its folder {str(self.path.parent)!r} does not exist; "
                             "create it first.")
        self.known = self._read()

    def _read(self):
        if not self.path.exists():
            return {}
        text = self.path.read_text()
        lines = text.splitlines()
        known = {}
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                known[str(record["key"])] = (float(record["score"]), float(record["seconds"]))
            except (ValueError, KeyError, TypeError) as exc:
                if number == len(lines) and _cut_short(line, text):
                    logger.warning("%s: its last line was cut short (an interrupted write) and is dropped",
                                   self.path)
                    self.path.write_text("".join(kept + "\n" for kept in lines[:-1]))
                    return known
                raise ValueError(f"{self.path}, line {number}, is not a record of a scored coreset: "
                                 "was the file written by another program?") from exc
        if lines and not text.endswith("\n"):
            # a whole last record whose newline was lost: the next record must start a line of its own
            with open(self.path, "a") as stream:
                stream.write("\n")
        return known

    def add(self, key, score, seconds):
        """Record one scored coreset, on disk before returning."""
        self.known[key] = (score, seconds)
        with open(self.path, "a") as stream:
            stream.write(json.dumps({"key": key, "score": score, "seconds": seconds}) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
