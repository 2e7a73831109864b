"""Step 1 of NUCS: the winsorized mean difficulty of each class (S_j)."""

import numpy as np

from ._overflow import reduce_without_overflow


def winsorized_class_means(sorted_scores, class_starts, limits):
    """Winsorized mean of each class's scores, vectorised over classes.

    Parameters
    ----------
    sorted_scores : ndarray of shape (n_samples,)
        Scores sorted by class, then ascending inside each class (the output
        of :func:`~sknucs._sorting.sort_by_class_and_score`).
    class_starts : ndarray of shape (n_classes + 1,)
        Offsets of each class in ``sorted_scores``.
    limits : tuple of (float, float)
        Fractions clipped from the lower and upper tail of each class.

    Returns
    -------
    class_difficulty : ndarray of shape (n_classes,)
        ``S_j`` in the paper's notation.

    Notes
    -----
    The tails follow :func:`scipy.stats.mstats.winsorize`: in a class of
    ``n`` scores the lowest ``floor(lower * n)`` are set to the next score
    up and the highest ``floor(upper * n)`` to the next score down. With
    ``lower + upper < 1`` at least one score is left unclipped.
    """
    counts = np.diff(class_starts)
    first = class_starts[:-1]
    n_low = np.floor(limits[0] * counts).astype(np.intp)
    n_high = np.floor(limits[1] * counts).astype(np.intp)
    low_values = sorted_scores[first + n_low]
    high_values = sorted_scores[first + counts - n_high - 1]
    clipped = np.maximum(sorted_scores, np.repeat(low_values, counts))
    np.minimum(clipped, np.repeat(high_values, counts), out=clipped)
    return reduce_without_overflow(lambda values: np.add.reduceat(values, first) / counts, clipped)
