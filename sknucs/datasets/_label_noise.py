"""Symmetric label noise: a fraction of the labels replaced by another class, uniformly."""

import numpy as np
from sklearn.utils import check_random_state


def symmetric_label_noise(y, noise_rate=0.2, n_classes=None, random_state=0):
    """Labels with a fixed fraction flipped uniformly to the other classes.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Integer labels in ``0 .. n_classes - 1``.
    noise_rate : float in [0, 1), default=0.2
        Fraction of the samples whose label is wrong afterwards: exactly
        ``round(noise_rate * n_samples)`` rows, drawn without replacement.
    n_classes : int or None, default=None
        Number of classes; None means ``y.max() + 1``. At least 2.
    random_state : int, RandomState instance or None, default=0
        Which rows are flipped, and to which class.

    Returns
    -------
    noisy : ndarray of shape (n_samples,), dtype int64
        The labels, each flipped row set to a different class drawn
        uniformly from the ``n_classes - 1`` others.
    flipped : ndarray of shape (n_samples,), dtype bool
        Which rows carry a wrong label.

    Notes
    -----
    "Symmetric" (uniform) noise as in the noisy-label literature (e.g.
    Patrini et al., 2017), with the rate meaning the fraction of wrong
    labels (a flip never lands on the true class). Only the training data
    is corrupted; a test set stays clean.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import symmetric_label_noise
    >>> noisy, flipped = symmetric_label_noise(np.repeat(np.arange(5), 20), 0.2)
    >>> int(flipped.sum()), bool(np.all(noisy[flipped] != np.repeat(np.arange(5), 20)[flipped]))
    (20, True)
    """
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and y.dtype.kind not in "iu"):
        raise ValueError("y must be a 1-D array of integer labels.")
    if not 0 <= noise_rate < 1:
        raise ValueError(f"noise_rate must be in [0, 1), got {noise_rate!r}.")
    n_classes = int(y.max()) + 1 if n_classes is None else int(n_classes)
    if n_classes < 2:
        raise ValueError(f"Label noise needs at least two classes, got n_classes={n_classes}.")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"Labels must lie in [0, {n_classes - 1}].")
    rng = check_random_state(random_state)
    flipped = np.zeros(y.size, dtype=bool)
    flipped[rng.choice(y.size, size=int(round(noise_rate * y.size)), replace=False)] = True
    noisy = y.astype(np.int64)
    # An offset in 1 .. C-1 added modulo C lands uniformly on every other class.
    offsets = rng.randint(1, n_classes, size=int(flipped.sum()))
    noisy[flipped] = (noisy[flipped] + offsets) % n_classes
    return noisy, flipped
