"""Images that should not be learned from: outliers of no class (open-set noise) and corrupted images."""

import numpy as np

from ._corruption_stream import corruption_random_state
from ._label_noise import _check_labels, _check_rate


def _chosen_rows(n_samples, rate, rng):
    """Mask of exactly ``round(rate * n_samples)`` rows drawn without replacement."""
    chosen = np.zeros(n_samples, dtype=bool)
    chosen[rng.choice(n_samples, size=int(round(rate * n_samples)), replace=False)] = True
    return chosen


def _check_same_rows(X, y):
    if X.shape[0] != y.size:
        raise ValueError(f"X has {X.shape[0]} rows and y has {y.size}: they must be the same rows.")


def open_set_noise(X, y, X_outliers, noise_rate=0.2, n_classes=None, random_state=0):
    """Rows replaced by outliers, images of no class of the task, each given a label drawn uniformly.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
        Images of the task's classes.
    y : array-like of shape (n_samples,)
        Their integer labels in ``0 .. n_classes - 1``.
    X_outliers : ndarray of shape (n_outliers, ...)
        Images of other classes, each image of the same shape and dtype as
        those of ``X``; at least as many as the rows replaced.
    noise_rate : float in [0, 1), default=0.2
        Fraction of the rows replaced: exactly ``round(noise_rate * n_samples)``
        rows, drawn without replacement, each by an outlier drawn without
        replacement.
    n_classes : int or None, default=None
        Number of classes; None means ``y.max() + 1``.
    random_state : int, RandomState instance or None, default=0
        Which rows, which outliers, which labels. An integer seeds a stream
        of its own, as in :func:`symmetric_label_noise`.

    Returns
    -------
    X_noisy : ndarray of shape (n_samples, ...)
        A copy of ``X`` with the chosen rows replaced.
    y_noisy : ndarray of shape (n_samples,), dtype int64
        The labels, those of the replaced rows drawn uniformly from every class.
    replaced : ndarray of shape (n_samples,), dtype bool
        Which rows hold an outlier.

    Notes
    -----
    Open-set label noise (Wang et al., 2018, "Iterative learning with
    open-set noisy labels"): web-scraped or weakly labelled data sets hold
    images that belong to none of their classes, under some class's label.
    No label is right for them, so no relabelling fixes them; a selector can
    only leave them out. The test set stays free of them.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import open_set_noise
    >>> X, y = np.zeros((100, 4, 4), dtype=np.uint8), np.repeat(np.arange(4), 25)
    >>> X_noisy, y_noisy, replaced = open_set_noise(X, y, np.full((50, 4, 4), 255, np.uint8), 0.2)
    >>> int(replaced.sum()), int((X_noisy[replaced] == 255).all())
    (20, 1)
    """
    X, X_outliers, y = np.asarray(X), np.asarray(X_outliers), _check_labels(y)
    _check_rate(noise_rate)
    _check_same_rows(X, y)
    if X_outliers.shape[1:] != X.shape[1:]:
        raise ValueError(f"X_outliers' images have shape {X_outliers.shape[1:]}, X's {X.shape[1:]}: "
                         "they must be the same.")
    n_classes = int(y.max()) + 1 if n_classes is None else int(n_classes)
    rng = corruption_random_state(random_state)
    replaced = _chosen_rows(y.size, noise_rate, rng)
    n_replaced = int(replaced.sum())
    if n_replaced > X_outliers.shape[0]:
        raise ValueError(f"{n_replaced} rows are to be replaced and X_outliers holds {X_outliers.shape[0]}: "
                         "give more outliers or a lower noise_rate.")
    X_noisy, y_noisy = X.copy(), y.astype(np.int64)
    X_noisy[replaced] = X_outliers[rng.choice(X_outliers.shape[0], size=n_replaced, replace=False)]
    y_noisy[replaced] = rng.randint(0, n_classes, size=n_replaced)
    return X_noisy, y_noisy, replaced


def occlude_images(X, rate=0.2, *, side=0.7, random_state=0):
    """Images with a square of random pixels over most of them: rows whose label is right and hardly visible.

    Parameters
    ----------
    X : ndarray of shape (n_samples, height, width) or (n_samples, height, width, channels), dtype uint8
    rate : float in [0, 1), default=0.2
        Fraction of the images occluded: exactly ``round(rate * n_samples)``,
        drawn without replacement.
    side : float in (0, 1], default=0.7
        The square's side as a fraction of the image's smaller side (0.7
        hides about half of the image), placed uniformly at random.
    random_state : int, RandomState instance or None, default=0
        Which images, where, and the pixels. An integer seeds a stream of
        its own, as in :func:`symmetric_label_noise`.

    Returns
    -------
    X_occluded : ndarray of the shape and dtype of ``X``
        A copy with the chosen images occluded by uniform noise in 0..255.
    occluded : ndarray of shape (n_samples,), dtype bool

    Notes
    -----
    Images that a camera or a crawler spoiled keep their label but carry
    little of the class: hard for the model, and of little use to learn
    from, so a selector that keeps the hardest rows keeps them first.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import occlude_images
    >>> X_occluded, occluded = occlude_images(np.zeros((10, 28, 28), dtype=np.uint8), 0.3)
    >>> int(occluded.sum()), bool((X_occluded[~occluded] == 0).all())
    (3, True)
    """
    X = np.asarray(X)
    _check_rate(rate, "rate")
    if X.ndim not in (3, 4) or X.dtype != np.uint8:
        raise ValueError(f"X must hold uint8 images of shape (n, height, width[, channels]); got "
                         f"{X.dtype} of shape {X.shape}.")
    if not 0 < side <= 1:
        raise ValueError(f"side must be in (0, 1], got {side!r}.")
    rng = corruption_random_state(random_state)
    occluded = _chosen_rows(X.shape[0], rate, rng)
    height, width = X.shape[1:3]
    size = max(1, int(round(side * min(height, width))))
    X_occluded = X.copy()
    for row in np.flatnonzero(occluded):
        top, left = rng.randint(0, height - size + 1), rng.randint(0, width - size + 1)
        patch = X_occluded[row, top:top + size, left:left + size]
        X_occluded[row, top:top + size, left:left + size] = rng.randint(0, 256, size=patch.shape)
    return X_occluded, occluded


def _shift_images(images, shifts):
    """Each image moved by its ``(down, right)`` pixels along the first two image axes, zeros moved in."""
    moved = np.zeros_like(images)
    height, width = images.shape[1:3]
    for down, right in np.unique(shifts, axis=0):
        rows = np.flatnonzero((shifts[:, 0] == down) & (shifts[:, 1] == right))
        target = moved[rows]
        target[:, max(down, 0):height + min(down, 0), max(right, 0):width + min(right, 0)] = \
            images[rows, max(-down, 0):height + min(-down, 0), max(-right, 0):width + min(-right, 0)]
        moved[rows] = target
    return moved


def _copy_shifts(n_originals, copies, shift, rng):
    """``(n_originals * copies, 2)`` shifts from ``[-shift, shift]^2`` without ``(0, 0)``, original by original.

    The copies of one original move apart while there are moves enough (``copies`` up to
    ``(2 shift + 1)^2 - 1``), so that no two of them are the same image.
    """
    side = 2 * shift + 1
    n_moves = side * side - 1
    if copies <= n_moves:
        codes = np.argsort(rng.random_sample((n_originals, n_moves)), axis=1)[:, :copies].ravel()
    else:
        codes = rng.randint(0, n_moves, size=n_originals * copies)
    codes += codes >= n_moves // 2
    return np.column_stack([codes // side - shift, codes % side - shift])


def duplicate_images(X, y, rate=0.3, *, copies=3, shift=0, random_state=0):
    """Rows replaced by copies of other rows, label included: a pool that holds many images several times.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
        The images.
    y : array-like of shape (n_samples,)
        Their integer labels.
    rate : float in [0, 1), default=0.3
        Fraction of the rows replaced by copies: exactly
        ``round(rate * n_samples)`` rows, drawn without replacement.
    copies : int >= 1, default=3
        Copies made of each duplicated image: ``ceil(n_replaced / copies)``
        originals are drawn among the rows kept, and the replaced rows are
        their copies, ``copies`` of each (fewer for the last). An original
        then appears ``copies + 1`` times.
    shift : int >= 0, default=0
        Largest move of a copy, in pixels. 0 makes exact copies; a positive
        value moves each copy by ``(down, right)`` drawn uniformly from
        ``[-shift, shift]^2`` without ``(0, 0)``, the pixels moved in set to
        0 (the copies of one original move apart where there are moves
        enough): near-copies, as crops of one photo make.
        ``X`` must then hold images, of shape ``(n, height, width[,
        channels])``.
    random_state : int, RandomState instance or None, default=0
        Which rows are replaced, which originals they copy and, with
        ``shift``, each copy's move. An integer seeds a stream of its own,
        as in :func:`symmetric_label_noise`.

    Returns
    -------
    X_dup : ndarray of the shape and dtype of ``X``
        A copy of ``X`` with the chosen rows replaced.
    y_dup : ndarray of shape (n_samples,), dtype int64
        The labels, a copy's that of its original.
    copied_from : ndarray of shape (n_samples,), dtype int64
        For each replaced row the row it copies, -1 for the others.

    Notes
    -----
    Web-scraped and merged data sets hold the same image many times over
    (the same product photo under several listings, frames of one video),
    often cropped or re-encoded on the way (``shift``). A copy adds little
    a model can learn, so each kept copy is a row of the budget spent for
    nothing; selectors that keep rows by their score alone keep an image's
    copies together, since they score alike.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import duplicate_images
    >>> X, y = np.arange(100).reshape(100, 1), np.repeat(np.arange(4), 25)
    >>> X_dup, y_dup, copied_from = duplicate_images(X, y, 0.3, copies=3)
    >>> copies = copied_from >= 0
    >>> int(copies.sum()), len(np.unique(X_dup)), bool((y_dup[copies] == y[copied_from[copies]]).all())
    (30, 70, True)
    >>> images = np.random.default_rng(0).integers(1, 256, size=(100, 3, 3), dtype=np.uint8)
    >>> moved, _, copied_from = duplicate_images(images, y, 0.3, shift=1)
    >>> copies = copied_from >= 0
    >>> bool((moved[copies] != images[copied_from[copies]]).any(axis=(1, 2)).all())
    True
    """
    X, y = np.asarray(X), _check_labels(y)
    _check_rate(rate, "rate")
    _check_same_rows(X, y)
    if int(copies) != copies or copies < 1:
        raise ValueError(f"copies must be an integer of at least 1, got {copies!r}.")
    if int(shift) != shift or shift < 0:
        raise ValueError(f"shift must be an integer of at least 0, got {shift!r}.")
    if shift and (X.ndim not in (3, 4) or 2 * shift + 1 > min(X.shape[1:3])):
        raise ValueError(f"shift={shift} moves images: X must be of shape (n, height, width[, channels]) with "
                         f"height and width above {2 * shift}; got shape {X.shape}.")
    rng = corruption_random_state(random_state)
    replaced = _chosen_rows(y.size, rate, rng)
    n_replaced = int(replaced.sum())
    n_originals = -(-n_replaced // int(copies))
    if n_originals > y.size - n_replaced:
        raise ValueError(f"{n_replaced} rows are to be copies of {n_originals} originals, and {y.size - n_replaced} "
                         "rows are left to copy: give a lower rate or more copies.")
    originals = rng.choice(np.flatnonzero(~replaced), size=n_originals, replace=False)
    copied_from = np.full(y.size, -1, dtype=np.int64)
    copied_from[np.flatnonzero(replaced)] = np.repeat(originals, int(copies))[:n_replaced]
    X_dup, y_dup = X.copy(), y.astype(np.int64)
    X_dup[replaced], y_dup[replaced] = X[copied_from[replaced]], y[copied_from[replaced]]
    if shift:
        shifts = _copy_shifts(n_originals, int(copies), int(shift), rng)[:n_replaced]
        X_dup[replaced] = _shift_images(X_dup[replaced], shifts)
    return X_dup, y_dup, copied_from
