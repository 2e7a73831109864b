"""Input checks shared by every selector and by the plots."""

import numpy as np
from scipy.sparse import issparse
from sklearn.utils import check_array
from sklearn.utils.validation import validate_data

from ._overflow import reduce_without_overflow

#: Most score columns (runs, seeds or epochs) that ``fit`` averages. A
#: wider matrix is almost surely a feature matrix passed where scores belong
#: (``fit(X, y)``, or a selector as the last step of a scikit-learn
#: Pipeline); average more runs yourself, ``scores.mean(axis=1)``.
MAX_SCORE_RUNS = 32


def _check_score_runs(scores):
    """Refuse a score matrix wide enough to be features; refuse non-finite scores, saying where."""
    if scores.shape[1] > MAX_SCORE_RUNS:
        raise ValueError(
            f"scores has {scores.shape[1]} columns, more than the {MAX_SCORE_RUNS} runs "
            "that fit averages: this looks like a feature matrix. A selector takes one "
            "difficulty score per sample (or a few runs of it) as its first argument, "
            "and features as fit(scores, y, features=X); in a pipeline use "
            "imblearn.pipeline.Pipeline, which calls fit_resample. If these really are "
            "score runs, average them first: scores.mean(axis=1)."
        )
    _refuse_non_finite(scores, "scores", "non-finite score(s)", "A diverged training run gives NaN or inf scores: "
                       "recompute them, or drop those samples.")


def _refuse_non_finite(values, name, noun, advice):
    """Raise when the 2-D ``values`` hold NaN or inf, naming the first bad row and column and the count."""
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(values.sum(dtype=np.float64)):  # no mask of every value unless one is bad
            return
    finite = np.isfinite(values)
    if finite.all():  # the sum overflowed, no value did
        return
    row, column = np.argwhere(~finite)[0]
    raise ValueError(
        f"{name} must be finite, but row {row}, column {column} is {values[row, column]} "
        f"({int(finite.size - finite.sum())} {noun} in all). {advice}"
    )


def _check_same_samples(scores, y):
    """Refuse scores of another length than ``y``, naming both; runs passed as rows get a hint."""
    n_rows = len(scores)
    if n_rows == len(y):
        return
    hint = ""
    if np.ndim(scores) == 2 and np.shape(scores)[1] == len(y):
        hint = f" One row per run? Pass scores.T, of shape ({len(y)}, {n_rows})."
    raise ValueError(f"scores has {n_rows} rows but y has {len(y)} labels: they must describe the same samples, "
                     f"one score (or one row of runs) per label.{hint}")


def check_scores(scores, y=None, *, estimator=None):
    """Validate per-sample difficulty scores and average their runs.

    The one check of scores shared by every selector's ``fit`` and by
    :mod:`sknucs.plotting`.

    Parameters
    ----------
    scores : array-like of shape (n_samples,) or (n_samples, n_runs)
        Difficulty scores; several columns (runs) are averaged. At most
        :data:`MAX_SCORE_RUNS` columns.
    y : array-like of shape (n_samples,), default=None
        Class labels, checked to describe the same samples.
    estimator : estimator, default=None
        When given, the scores and labels go through scikit-learn's
        ``validate_data`` for it (which sets ``n_features_in_`` to the
        number of runs and enforces its tags).

    Returns
    -------
    scores : ndarray of shape (n_samples,), dtype float64
        One finite score per sample.
    y : ndarray of shape (n_samples,) or None
        The labels, validated when ``estimator`` is given.

    Raises
    ------
    TypeError
        If the scores are a sparse matrix.
    ValueError
        If the scores are not an array (None, a number), not numeric, not
        1-D or 2-D, of another length than ``y`` (the message names both,
        and suggests ``scores.T`` for runs passed as rows), wider than :data:`MAX_SCORE_RUNS` columns, or not
        finite (the message gives the first bad row and column).
    """
    if issparse(scores):  # scikit-learn's message would call them X
        raise TypeError("Sparse data was passed for scores, but dense data is required: one score per sample "
                        "(and run) is dense; use scores.toarray().")
    if np.ndim(scores) == 0:  # scikit-learn's message would print it as an array and call it X
        raise ValueError(f"scores must hold one difficulty score per sample, shape (n_samples,) or "
                         f"(n_samples, n_runs); got {scores!r}.")
    if np.ndim(scores) == 1:
        scores = np.asarray(scores).reshape(-1, 1)
    if y is not None:
        _check_same_samples(scores, y)
    if estimator is not None:
        scores, y = validate_data(
            estimator, X=scores, y=y, dtype=np.float64, y_numeric=False,
            ensure_min_samples=1, ensure_all_finite=False,
        )
    else:
        scores = check_array(scores, dtype=np.float64, ensure_all_finite=False,
                             input_name="scores")
    _check_score_runs(scores)
    if scores.shape[1] == 1:
        return scores[:, 0], y
    return reduce_without_overflow(lambda runs: runs.mean(axis=1), scores), y


def check_features(features, n_samples, *, required=False, owner="This selector"):
    """Validate a per-sample feature matrix.

    Parameters
    ----------
    features : array-like of shape (n_samples, n_features) or None
        Learned features (e.g. penultimate-layer embeddings).
    n_samples : int
        Number of rows the features must have.
    required : bool, default=False
        Whether ``None`` is an error.
    owner : str, default="This selector"
        Name used in error messages.

    Returns
    -------
    features : ndarray of shape (n_samples, n_features) or None
        float32 or float64, finite.

    Raises
    ------
    ValueError
        If features are required and missing, not 2-D, of the wrong length,
        or not finite (the message gives the first bad row and column).
    """
    if features is None:
        if required:
            raise ValueError(f"{owner} needs features: call fit(scores, y, features=...).")
        return None
    ndim = np.ndim(features)
    if ndim != 2:
        hint = " (one feature per sample: features.reshape(-1, 1))" if ndim == 1 else ""
        raise ValueError(f"features must be a 2-D array of shape (n_samples, n_features); got "
                         f"{ndim} dimension(s), shape {np.shape(features)}{hint}.")
    features = check_array(
        features, dtype=(np.float64, np.float32), input_name="features",
        ensure_min_samples=1, ensure_all_finite=False,
    )
    if features.shape[0] != n_samples:
        raise ValueError(
            f"features has {features.shape[0]} rows but scores and y have "
            f"{n_samples}; they must describe the same samples."
        )
    _refuse_non_finite(features, "features", "NaN or inf value(s)", "Recompute them, or drop those samples from the "
                       "scores, y and features alike.")
    return features


def check_labels(y):
    """Labels must be one-dimensional: one class per sample.

    Parameters
    ----------
    y : array-like
        Class labels.

    Returns
    -------
    y : ndarray of shape (n_samples,)

    Raises
    ------
    ValueError
        If ``y`` is not 1-D (multi-output or one-hot labels), has a missing
        label (NaN or None), or mixes labels that cannot be ordered
        (``1`` and ``"a"``); the message names the first such row.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(
            f"y must be 1-D (one class label per sample), got shape {y.shape}. "
            "Pass class labels, not one-hot or multi-output targets."
        )
    if y.dtype.kind == "f" and np.isnan(y).any():
        raise ValueError(f"y has a missing label (NaN) at row {int(np.flatnonzero(np.isnan(y))[0])}; "
                         "every sample needs a class.")
    if y.dtype.kind == "O":
        _check_label_objects(y)
    return y


def _is_missing(label):
    """None, a NaN of any float type, or a marker such as pandas' ``NA`` (whose ``==`` is not a bool)."""
    if label is None:
        return True
    try:
        same = label == label
    except (TypeError, ValueError):  # a comparison that refuses to be a truth value
        return True
    return not isinstance(same, (bool, np.bool_)) or not same


def _check_label_objects(y):
    """Object labels must be present and of one orderable kind (all numbers, or all strings)."""
    for row, label in enumerate(y):
        if _is_missing(label):
            raise ValueError(f"y has a missing label ({label}) at row {row}; every sample needs a class.")
    kinds = [isinstance(label, (str, bytes)) for label in y]
    if any(kinds) and not all(kinds):
        row = kinds.index(not kinds[0])
        raise ValueError(
            f"y mixes text and other labels: row 0 is {y[0]!r}, row {row} is {y[row]!r}. "
            "Labels of a class must be equal values of one kind: convert them, e.g. y.astype(str)."
        )
