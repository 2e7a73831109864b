"""A folder of the runs :func:`score_dataset` has finished, so that an interrupted scoring resumes."""

import json
import logging
from pathlib import Path

import numpy as np
import torch

from .._atomic_write import write_atomically

logger = logging.getLogger(__name__)


class SeedCheckpoint:
    """One file per finished seed: its scores and its model's weights, with the settings that made them.

    Parameters
    ----------
    folder : str or os.PathLike
        Created if missing. Seed ``s`` is kept in ``seed_<s>.npz`` (every
        score) and ``seed_<s>.pt`` (the trained model's ``state_dict``).
    settings : dict
        What the runs depend on besides the seed (JSON-serialisable): a
        seed file written under other settings is refused, never mixed in.
    """

    def __init__(self, folder, settings):
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"checkpoint must be a folder; {str(self.folder)!r} is a file.")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.settings = json.dumps(settings, sort_keys=True)

    def _paths(self, seed):
        return self.folder / f"seed_{seed}.npz", self.folder / f"seed_{seed}.pt"

    def load(self, seed):
        """The scores of ``seed`` (name -> ndarray) and its model's ``state_dict``, or None if it did not finish."""
        scores_path, model_path = self._paths(seed)
        if not (scores_path.exists() and model_path.exists()):
            return None
        with np.load(scores_path) as stored:
            written = str(stored["settings"])
            if written != self.settings:
                there, here = json.loads(written), json.loads(self.settings)
                differ = ", ".join(f"{name} {there.get(name)!r} there, {here.get(name)!r} here"
                                   for name in sorted(set(there) | set(here)) if there.get(name) != here.get(name))
                raise ValueError(f"{scores_path} was written by a scoring with other settings ({differ}). Use "
                                 "another checkpoint folder, or delete that one to score afresh.")
            scores = {name: stored[name] for name in stored.files if name != "settings"}
        state = torch.load(model_path, map_location="cpu", weights_only=True)
        logger.info("seed %d: scores and model read from %s", seed, self.folder)
        return scores, state

    def save(self, seed, scores, model):
        """Keep ``seed``'s scores and ``model``'s weights; each file is written whole or not at all."""
        scores_path, model_path = self._paths(seed)
        write_atomically(model_path, lambda handle: torch.save(model.state_dict(), handle))
        write_atomically(scores_path, lambda handle: np.savez(handle, settings=np.array(self.settings), **scores))
