"""Baseline coreset selectors sharing NUCS's estimator API.

Every selector here is a :class:`~sknucs.BaseSampleSelector`:
``fit(scores, y, features=None)``, ``get_support()`` over rows,
``sample_indices_``. Best Window Selection is
``NUCSSelector(rate, **{**PAPER_SETTINGS, "allocation": "agnostic"})``:
the paper's contiguous window (``sampling="window"``) over one pool.
"""

from ._ccs import CCSSelector
from ._class_balanced_random import ClassBalancedRandomSelector
from ._moderate import ModerateSelector
from ._random import RandomSelector
from ._top_k import ScoreTopKSelector

__all__ = [
    "CCSSelector",
    "ClassBalancedRandomSelector",
    "ModerateSelector",
    "RandomSelector",
    "ScoreTopKSelector",
]
