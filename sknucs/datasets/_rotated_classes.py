"""Many classes from few: each image turned by a multiple of a right angle, the turn part of its label."""

import numpy as np

from ._corruption_stream import corruption_random_state
from ._label_noise import _check_labels

TURNS = (1, 2, 4)
"""Numbers of turns :func:`rotated_classes` accepts: the identity, half turns, or quarter turns."""


def rotated_classes(X, y, n_turns=4, *, random_state=0):
    """Images turned by a random multiple of ``360 / n_turns`` degrees, labelled by class and turn.

    Parameters
    ----------
    X : ndarray of shape (n_samples, height, width[, channels])
        Square images when ``n_turns=4`` (a quarter turn swaps height and
        width).
    y : array-like of shape (n_samples,)
        Their integer labels in ``0 .. n_classes - 1``.
    n_turns : {1, 2, 4}, default=4
        Orientations per class: each image is turned ``t * 360 / n_turns``
        degrees counter-clockwise, ``t`` drawn uniformly from ``0 ..
        n_turns - 1``.
    random_state : int, RandomState instance or None, default=0
        Each image's turn. An integer seeds a stream of its own, as in
        :func:`symmetric_label_noise`.

    Returns
    -------
    X_turned : ndarray of the shape and dtype of ``X``
        The turned images.
    y_turned : ndarray of shape (n_samples,), dtype int64
        ``y * n_turns + t``: ``n_classes * n_turns`` classes, the turns of
        one class next to each other.
    turns : ndarray of shape (n_samples,), dtype int64
        Each image's ``t``.

    Notes
    -----
    The benchmark's real data sets have ten classes; the NUCS paper's
    main settings (CIFAR-100, ImageNet) have a hundred or a thousand, with
    a few hundred images a class. Turning Fashion-MNIST's garments by
    quarter turns makes forty classes of real images, about as many
    images a class as CIFAR-100 has, without a download: a model must
    learn both what a garment is and which way it lies. A few garments
    look alike half a turn apart (a bag), which makes some classes
    overlap, as the look-alike classes of a fine-grained data set do.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import rotated_classes
    >>> X = np.arange(4 * 9).reshape(4, 3, 3)
    >>> X_turned, y_turned, turns = rotated_classes(X, [0, 1, 2, 3], n_turns=4, random_state=1)
    >>> bool((y_turned == np.array([0, 1, 2, 3]) * 4 + turns).all())
    True
    >>> bool(all((X_turned[i] == np.rot90(X[i], turns[i])).all() for i in range(4)))
    True
    """
    X, y = np.asarray(X), _check_labels(y)
    if n_turns not in TURNS:
        raise ValueError(f"n_turns must be one of {TURNS}, got {n_turns!r}.")
    if X.ndim not in (3, 4) or X.shape[0] != y.size:
        raise ValueError(f"X must hold one image of shape (height, width[, channels]) per label; got shape "
                         f"{X.shape} for {y.size} labels.")
    if n_turns == 4 and X.shape[1] != X.shape[2]:
        raise ValueError(f"Quarter turns need square images; got {X.shape[1]} x {X.shape[2]}.")
    rng = corruption_random_state(random_state)
    turns = rng.randint(0, n_turns, size=y.size).astype(np.int64)
    X_turned = X.copy()
    for turn in range(1, n_turns):
        rows = turns == turn
        X_turned[rows] = np.rot90(X[rows], turn * 4 // n_turns, axes=(1, 2))
    return X_turned, y.astype(np.int64) * n_turns + turns, turns
