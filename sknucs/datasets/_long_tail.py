"""Exponential long-tailed subsampling (the CIFAR-10/100-LT profile)."""

import numpy as np
from sklearn.utils import check_random_state


def long_tailed_counts(class_counts, imbalance_ratio=100):
    """Per-class sample counts of the exponential long-tailed profile.

    Parameters
    ----------
    class_counts : array-like of shape (n_classes,)
        Number of available samples per class, in class order.
    imbalance_ratio : float, default=100
        Ratio between the largest and the smallest class, ``>= 1``.

    Returns
    -------
    counts : ndarray of shape (n_classes,), dtype int64
        ``floor(n_max * (1 / imbalance_ratio) ** (c / (C - 1)))`` for class
        position ``c = 0 .. C-1``, where ``n_max`` is the smallest available
        class count (so that every class can supply its target), and at
        least 1.
    """
    class_counts = np.asarray(class_counts, dtype=np.int64)
    if class_counts.ndim != 1 or class_counts.size == 0:
        raise ValueError("class_counts must be a non-empty 1-D array.")
    if not np.isfinite(imbalance_ratio) or imbalance_ratio < 1:
        raise ValueError(f"imbalance_ratio must be a finite number >= 1, got {imbalance_ratio!r}.")
    n_classes = class_counts.size
    n_max = class_counts.min()
    position = np.arange(n_classes) / max(n_classes - 1, 1)
    counts = np.floor(n_max * (1.0 / imbalance_ratio) ** position).astype(np.int64)
    return np.maximum(counts, 1)


def long_tailed_indices(y, imbalance_ratio=100, random_state=0):
    """Indices of a long-tailed subset of a (roughly balanced) labelled set.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Labels of the full training set.
    imbalance_ratio : float, default=100
        Ratio between the head and the tail class sizes.
    random_state : int, RandomState instance or None, default=0
        Which samples of each class are kept.

    Returns
    -------
    indices : ndarray of shape (n_kept,), dtype int64
        Sorted row indices into ``y``.

    Notes
    -----
    The profile is the one of CIFAR-10-LT / CIFAR-100-LT (Cao et al., 2019):
    class ``c`` keeps ``n_c = n_max * (1 / imbalance_ratio) ** (c / (C - 1))``
    samples, rounded down, where the class position ``c`` is the position of
    the label in ``np.unique(y)`` (labels sorted) and ``n_max`` is the size of
    the smallest class, so the first label is the head and the last the tail.
    Only the training set is subsampled; the test set is left balanced.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import long_tailed_indices
    >>> y = np.repeat(np.arange(3), 100)
    >>> np.bincount(y[long_tailed_indices(y, imbalance_ratio=10)])
    array([100,  31,  10])
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y.shape}.")
    rng = check_random_state(random_state)
    _, codes, class_counts = np.unique(y, return_inverse=True, return_counts=True)
    targets = long_tailed_counts(class_counts, imbalance_ratio)
    kept = []
    for code, n_keep in enumerate(targets):
        members = np.flatnonzero(codes == code)
        kept.append(rng.choice(members, size=n_keep, replace=False))
    return np.sort(np.concatenate(kept)).astype(np.int64)
