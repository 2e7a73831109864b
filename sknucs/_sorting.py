"""One sort of all samples by (class, score) that every per-class step slices."""

import numpy as np


def _has_ties_within_classes(sorted_scores, class_starts):
    """Whether two samples of one class share a score (given the sorted view)."""
    if sorted_scores.size < 2:
        return False
    equal = sorted_scores[1:] == sorted_scores[:-1]
    # A boundary between two classes is not a tie.
    equal[class_starts[1:-1] - 1] = False
    return bool(equal.any())


def sort_by_class_and_score(codes, scores, n_classes, random_state):
    """Sort samples by class, then by score ascending (easy to hard).

    Ties in score inside a class are broken by a random permutation drawn
    from ``random_state``, never by row index.

    Parameters
    ----------
    codes : ndarray of shape (n_samples,), dtype int
        Class codes in ``0..n_classes-1``.
    scores : ndarray of shape (n_samples,), dtype float64
        Difficulty scores, higher = harder.
    n_classes : int
        Number of classes, C.
    random_state : numpy.random.RandomState
        Source of the tie-breaking permutation; drawn from only when ties
        exist.

    Returns
    -------
    order : ndarray of shape (n_samples,), dtype intp
        Row indices; class ``j`` occupies ``order[class_starts[j]:class_starts[j + 1]]``,
        easiest first.
    class_starts : ndarray of shape (n_classes + 1,), dtype intp
        Offsets of each class in ``order``.
    sorted_scores : ndarray of shape (n_samples,)
        ``scores[order]``.

    Notes
    -----
    The common case (no ties) costs one :func:`numpy.lexsort` and one
    gather. With ties the rows are first permuted at random and sorted
    stably, so that equal scores come out in the permutation's order.
    """
    counts = np.bincount(codes, minlength=n_classes)
    class_starts = np.zeros(n_classes + 1, dtype=np.intp)
    np.cumsum(counts, out=class_starts[1:])
    order = np.lexsort((scores, codes))
    sorted_scores = scores[order]
    if _has_ties_within_classes(sorted_scores, class_starts):
        permutation = random_state.permutation(scores.size)
        order = permutation[np.lexsort((scores[permutation], codes[permutation]))]
        sorted_scores = scores[order]
    return order, class_starts, sorted_scores
