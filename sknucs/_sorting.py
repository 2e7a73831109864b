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


def _class_then_score_order(codes, scores, n_classes, stable):
    """Rows ordered by class, then by score.

    Two passes: an argsort of the scores, then a stable argsort of the class
    codes in that order. Codes fit in 16 bits for up to 65,536 classes, and
    numpy sorts 16-bit keys stably by radix sort in linear time, so the
    whole costs about one float argsort: several times less than
    :func:`numpy.lexsort` on (scores, codes), which merges indirectly on both.
    """
    by_score = np.argsort(scores, kind="stable" if stable else None)
    if n_classes == 1:
        return by_score
    key_type = np.uint16 if n_classes <= 2**16 else codes.dtype
    by_class = np.argsort(codes[by_score].astype(key_type, copy=False), kind="stable")
    return by_score[by_class]


def group_starts(counts):
    """Offsets ``[0, N_0, N_0 + N_1, ...]`` of contiguous groups of given sizes."""
    starts = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(counts, out=starts[1:])
    return starts


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
    The common case (no ties) costs one argsort of the scores, one radix
    sort of the class codes and a few gathers. With ties the rows are first
    permuted at random and the scores sorted stably, so that equal scores
    come out in the permutation's order.
    """
    class_starts = group_starts(np.bincount(codes, minlength=n_classes))
    order = _class_then_score_order(codes, scores, n_classes, stable=False)
    sorted_scores = scores[order]
    if _has_ties_within_classes(sorted_scores, class_starts):
        permutation = random_state.permutation(scores.size)
        order = permutation[_class_then_score_order(
            codes[permutation], scores[permutation], n_classes, stable=True
        )]
        sorted_scores = scores[order]
    return order, class_starts, sorted_scores


def sort_as_one_pool(scores, random_state):
    """:func:`sort_by_class_and_score` with every sample in one class (class-agnostic selectors).

    Returns
    -------
    order : ndarray of shape (n_samples,), dtype intp
        Row indices, easiest first.
    starts : ndarray of shape (2,), dtype intp
        ``[0, n_samples]``.
    sorted_scores : ndarray of shape (n_samples,)
        ``scores[order]``.
    """
    return sort_by_class_and_score(np.zeros(scores.size, dtype=np.int32), scores, 1, random_state)
