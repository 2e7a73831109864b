"""Input checks shared by every selector."""

import numpy as np
from sklearn.utils import check_array


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
        or not finite.
    """
    if features is None:
        if required:
            raise ValueError(f"{owner} needs features: call fit(scores, y, features=...).")
        return None
    features = check_array(
        features, dtype=(np.float64, np.float32), input_name="features",
        ensure_min_samples=1,
    )
    if features.shape[0] != n_samples:
        raise ValueError(
            f"features has {features.shape[0]} rows but scores and y have "
            f"{n_samples}; they must describe the same samples."
        )
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
        If ``y`` is not 1-D (multi-output or one-hot labels).
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(
            f"y must be 1-D (one class label per sample), got shape {y.shape}. "
            "Pass class labels, not one-hot or multi-output targets."
        )
    return y
