"""sknucs: Non-Uniform Class-Wise Coreset Selection, scikit-learn style.

The core needs only numpy, scipy, scikit-learn and joblib; the torch
extractor lives in :mod:`sknucs.extractor` and is imported on demand.
The names below are imported on first use (PEP 562), so that the
``sknucs`` command starts, and answers Ctrl-C, before scikit-learn loads.
"""

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "AUTO_EASY_CUT": "._selector",
    "BALANCED_EXPONENT": "._selector",
    "BaseSampleSelector": "._base",
    "CoresetSearch": "._search",
    "EmptyClassWarning": "._base",
    "MIN_LABEL_AGREEMENT": "._selector",
    "NOISE_CUT_LIMIT": "._selector",
    "NUCSSelector": "._selector",
    "PAPER_SETTINGS": "._selector",
    "RidgeWindowPredictor": "._ridge_window",
    "UninformativeFeaturesWarning": "._selector",
    "WindowSearchResult": "._oracle",
    "allocate_budgets": "._budgets",
    "default_window": "._default_window",
    "default_score_estimator": "._resample",
    "n_keep_for": "._rounding",
    "oracle_window_search": "._oracle",
}
"""Public name -> the private module that defines it."""

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'sknucs' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
