"""Step imbalance: some classes keep all their samples, the others a fixed fraction."""

import numpy as np
from sklearn.utils import check_random_state


def step_imbalanced_indices(y, imbalance_ratio=10, minority_fraction=0.5, random_state=0):
    """Indices of a step-imbalanced subset of a (roughly balanced) labelled set.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Labels of the full training set.
    imbalance_ratio : float, default=10
        Ratio between a majority and a minority class size, ``>= 1``.
    minority_fraction : float in (0, 1), default=0.5
        Fraction of the classes that become minorities: the last
        ``round(minority_fraction * C)`` labels in sorted order (at least one,
        at most ``C - 1``).
    random_state : int, RandomState instance or None, default=0
        Which samples of each minority class are kept.

    Returns
    -------
    indices : ndarray of shape (n_kept,), dtype int64
        Sorted row indices into ``y``.

    Notes
    -----
    The step profile of Buda et al. (2018) and of the CIFAR "step" benchmarks:
    every majority class keeps its ``N_j`` samples and every minority class
    ``max(1, floor(n_max / imbalance_ratio))``, where ``n_max`` is the size
    of the smallest class (so that every minority class can supply it). It
    differs from the exponential long tail
    (:func:`~sknucs.datasets.long_tailed_indices`) in having two class sizes
    only: half of the classes are rare, not one.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import step_imbalanced_indices
    >>> y = np.repeat(np.arange(4), 100)
    >>> np.bincount(y[step_imbalanced_indices(y, imbalance_ratio=10)])
    array([100, 100,  10,  10])
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y.shape}.")
    if not np.isfinite(imbalance_ratio) or imbalance_ratio < 1:
        raise ValueError(f"imbalance_ratio must be a finite number >= 1, got {imbalance_ratio!r}.")
    if not 0 < minority_fraction < 1:
        raise ValueError(f"minority_fraction must be in (0, 1), got {minority_fraction!r}.")
    rng = check_random_state(random_state)
    _, codes, class_counts = np.unique(y, return_inverse=True, return_counts=True)
    n_classes = class_counts.size
    if n_classes < 2:
        raise ValueError("A step imbalance needs at least two classes.")
    n_minority = min(max(int(round(minority_fraction * n_classes)), 1), n_classes - 1)
    n_rare = max(int(class_counts.min() // imbalance_ratio), 1)
    kept = [np.flatnonzero(codes < n_classes - n_minority)]
    for code in range(n_classes - n_minority, n_classes):
        kept.append(rng.choice(np.flatnonzero(codes == code), size=n_rare, replace=False))
    return np.sort(np.concatenate(kept)).astype(np.int64)
