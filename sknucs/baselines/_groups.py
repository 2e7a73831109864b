"""Shared steps of the baselines: class budgets and random draws inside groups."""

import numpy as np

from .._budgets import allocate_budgets


def proportional_budgets(class_counts, n_keep):
    """Class budgets proportional to class sizes, summing to ``n_keep``.

    The floor is NUCS's ``min_per_class="auto"`` rule: one sample per class
    when the coreset can hold one of each, else none.

    Parameters
    ----------
    class_counts : ndarray of shape (n_classes,)
        ``N_j``.
    n_keep : int
        Coreset size ``n``.

    Returns
    -------
    budgets : ndarray of shape (n_classes,), dtype int64
        Largest-remainder rounding of ``n * N_j / N``, at least
        ``min(1, N_j)`` per class when ``n >= C``.
    """
    return allocate_budgets(
        class_counts, None, n_keep, allocation="proportional", min_per_class="auto",
    )


def ranking_groups(codes, n_classes, class_counts, n_keep, class_balanced):
    """Pools inside which a score-based baseline ranks, and their budgets.

    Parameters
    ----------
    codes : ndarray of shape (n_samples,)
        Class codes in ``0..n_classes-1``.
    n_classes : int
        Number of classes, C.
    class_counts : ndarray of shape (n_classes,)
        ``N_j``.
    n_keep : int
        Coreset size ``n``.
    class_balanced : bool
        One pool per class with proportional budgets, or a single pool of
        all samples with budget ``n``.

    Returns
    -------
    groups : ndarray of shape (n_samples,), dtype int32
        Pool of each sample.
    n_groups : int
        Number of pools.
    budgets : ndarray of shape (n_groups,), dtype int64
        Samples kept from each pool.
    """
    if class_balanced:
        return codes, n_classes, proportional_budgets(class_counts, n_keep)
    return np.zeros(codes.size, dtype=np.int32), 1, np.array([n_keep], dtype=np.int64)
