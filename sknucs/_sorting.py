"""One sort of all samples by (class, score) that every per-class step slices."""

import numpy as np


def group_starts(counts):
    """Offsets ``[0, N_0, N_0 + N_1, ...]`` of contiguous groups of given sizes."""
    starts = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(counts, out=starts[1:])
    return starts


def _shuffle_tied_runs(by_score, sorted_scores, random_state):
    """Reorder, in place, each run of equal scores by a random permutation.

    Only the rows inside a run of two or more equal scores move, and only
    within their run, into the order of a random permutation of the tied
    rows (never the row index's). With at most 2**16 runs the shuffled rows
    are sorted stably by run number, a linear-time radix sort; with more,
    by the unique 64-bit key ``(run number, rank in the permutation)``, one
    unstable argsort of the tied rows. Without ties ``random_state`` is not
    drawn from.
    """
    equal = sorted_scores[1:] == sorted_scores[:-1]
    if not equal.any():
        return
    in_run = np.zeros(sorted_scores.size, dtype=bool)
    in_run[1:] = equal
    in_run[:-1] |= equal
    tied = np.flatnonzero(in_run)
    # A run starts where a tied position does not continue the previous one.
    run_number = np.cumsum(~np.concatenate(([False], equal))[tied]) - 1
    shuffle = random_state.permutation(tied.size)
    if run_number[-1] < 2**16:
        # Few runs (integer-valued scores): a stable radix sort of the run
        # numbers in shuffled order, linear time.
        within = shuffle[np.argsort(run_number[shuffle].astype(np.uint16), kind="stable")]
    else:
        key = run_number.astype(np.uint64) << np.uint64(32)
        key |= shuffle.astype(np.uint64)
        within = np.argsort(key)
    by_score[tied] = by_score[tied[within]]


def _small_integer_keys(scores):
    """Scores as 16-bit keys in the same order, when they are integers spanning under 2**16; else None."""
    if scores.size == 0:
        return None
    low = scores.min()
    if scores.max() - low >= 2**16:
        return None
    head = scores[:1024]
    if not np.array_equal(head, np.floor(head)) or not np.array_equal(scores, np.floor(scores)):
        return None
    return (scores - low).astype(np.uint16)


def _score_order(scores, random_state):
    """Rows by score ascending, ties in the order of a permutation drawn from ``random_state``.

    Integer-valued scores over a range under 2**16 (forgetting counts) are
    permuted and then sorted stably as 16-bit keys: two linear passes (radix
    sort). Other scores get one argsort, after which only their runs of
    equal scores are shuffled (:func:`_shuffle_tied_runs`).
    """
    keys = _small_integer_keys(scores)
    if keys is not None:
        shuffle = random_state.permutation(scores.size)
        return shuffle[np.argsort(keys[shuffle], kind="stable")]
    by_score = np.argsort(scores)
    _shuffle_tied_runs(by_score, scores[by_score], random_state)
    return by_score


def _class_then_score_order(codes, scores, n_classes, random_state):
    """Rows ordered by class, then by score, ties in random order.

    Two passes: a sort of the scores (:func:`_score_order`), then a stable
    argsort of the class codes in that order. Codes fit in 16 bits for up to 65,536 classes, and
    numpy sorts 16-bit keys stably by radix sort in linear time, so the
    whole costs about one float argsort: several times less than
    :func:`numpy.lexsort` on (scores, codes), which merges indirectly on both.
    Needs fewer than 2**32 samples (the tie key packs two 32-bit ranks).
    """
    by_score = _score_order(scores, random_state)
    if n_classes == 1:
        return by_score
    return _stably_by_class(by_score, codes, n_classes)


def _stably_by_class(order, codes, n_classes):
    """``order`` regrouped by class code, keeping its order inside each class (radix sort)."""
    key_type = np.uint16 if n_classes <= 2**16 else codes.dtype
    return order[np.argsort(codes[order].astype(key_type, copy=False), kind="stable")]


def sort_by_class_and_score(codes, scores, n_classes, random_state):
    """Sort samples by class, then by score ascending (easy to hard).

    Ties in score are broken by a random permutation drawn from
    ``random_state``, never by row index.

    Parameters
    ----------
    codes : ndarray of shape (n_samples,), dtype int
        Class codes in ``0..n_classes-1``.
    scores : ndarray of shape (n_samples,), dtype float64
        Difficulty scores, higher = harder.
    n_classes : int
        Number of classes, C.
    random_state : numpy.random.RandomState
        Source of the tie-breaking permutation; drawn from only when two
        samples share a score or the scores are integers (whose ties are
        the rule).

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
    One argsort of the scores, one radix sort of the class codes and a few
    gathers. With ties, only the tied rows are sorted again, by (run of
    equal scores, random rank): nothing when scores are distinct. Integer
    scores spanning fewer than 2**16 values (counts, where nearly every
    score is shared) skip the argsort: a random permutation, then a radix
    sort of the scores as 16-bit keys.
    """
    class_starts = group_starts(np.bincount(codes, minlength=n_classes))
    order = _class_then_score_order(codes, scores, n_classes, random_state)
    return order, class_starts, scores[order]


def regroup_by_class(order, codes, n_classes):
    """A global easy-to-hard order, regrouped by class without sorting the scores again.

    Parameters
    ----------
    order : ndarray of shape (n_samples,)
        Row indices sorted by score (e.g. from :func:`sort_as_one_pool`).
    codes : ndarray of shape (n_samples,)
        Class codes in ``0..n_classes-1``.
    n_classes : int
        Number of classes, C.

    Returns
    -------
    order : ndarray of shape (n_samples,), dtype intp
        Rows by class, then in the given order (so ties keep their order).
    class_starts : ndarray of shape (n_classes + 1,), dtype intp
        Offsets of each class.
    """
    return (_stably_by_class(order, codes, n_classes),
            group_starts(np.bincount(codes, minlength=n_classes)))


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
