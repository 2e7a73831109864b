"""sknucs: Non-Uniform Class-Wise Coreset Selection, scikit-learn style.

The core needs only numpy, scipy, scikit-learn and joblib; the torch
extractor lives in :mod:`sknucs.extractor` and is imported on demand.
"""

from ._base import BaseSampleSelector, EmptyClassWarning
from ._budgets import allocate_budgets
from ._oracle import WindowSearchResult, oracle_window_search
from ._resample import default_score_estimator
from ._ridge_window import RidgeWindowPredictor
from ._rounding import n_keep_for
from ._search import CoresetSearch
from ._default_window import default_window
from ._selector import PAPER_SETTINGS, NUCSSelector

__version__ = "0.1.0"

__all__ = [
    "BaseSampleSelector",
    "CoresetSearch",
    "EmptyClassWarning",
    "NUCSSelector",
    "PAPER_SETTINGS",
    "RidgeWindowPredictor",
    "WindowSearchResult",
    "allocate_budgets",
    "default_window",
    "default_score_estimator",
    "n_keep_for",
    "oracle_window_search",
]
