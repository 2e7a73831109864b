"""Strata of difficulty: CCS's coverage sampling, shared by CCS and NUCS.

Coverage-centric sampling (Zheng et al., ICLR 2023) splits a score range into
equal-width strata, gives every stratum an equal share of the budget, starting
from the smallest (water-filling), and draws uniformly inside each stratum.
"""

import numpy as np


def water_fill_strata(strata_counts, budgets, random_state):
    """Split each group's budget over its strata, smallest stratum first.

    Strata are visited in increasing size; each takes
    ``min(size, remaining_budget // remaining_strata)`` (CCS, Algorithm 1).
    Vectorised over groups: one pass over the ``n_strata`` columns.

    Parameters
    ----------
    strata_counts : ndarray of shape (n_groups, n_strata), dtype int
        Samples in each stratum of each group.
    budgets : ndarray of shape (n_groups,)
        Samples to draw from each group, at most its total count.
    random_state : numpy.random.RandomState
        Breaks ties between strata of equal size (which of them is visited
        first, and so which gets the leftover of an integer division).

    Returns
    -------
    strata_budgets : ndarray of shape (n_groups, n_strata), dtype int64
        Samples to draw from each stratum; each row sums to its budget.

    Notes
    -----
    Once a stratum takes less than its size, every larger one does too and
    the last (largest) takes all that is left, so each row sums to its
    budget exactly whenever the budget does not exceed the group's size.
    """
    n_strata = strata_counts.shape[1]
    # Sizes are integers: a random fraction below 1 only reorders equal sizes.
    keys = strata_counts + 0.5 * random_state.random_sample(strata_counts.shape)
    visit = np.argsort(keys, axis=1)
    sizes = np.take_along_axis(strata_counts, visit, axis=1).astype(np.int64)
    remaining = np.asarray(budgets, dtype=np.int64).copy()
    taken = np.empty_like(sizes)
    for position in range(n_strata):
        taken[:, position] = np.minimum(
            sizes[:, position], remaining // (n_strata - position)
        )
        remaining -= taken[:, position]
    strata_budgets = np.empty_like(taken)
    np.put_along_axis(strata_budgets, visit, taken, axis=1)
    return strata_budgets


def stratum_of(scores, groups, low, high, n_strata):
    """Index of the equal-width stratum of ``[low[g], high[g]]`` holding each score.

    Parameters
    ----------
    scores : ndarray of shape (n_rows,)
        Scores, each inside its group's ``[low, high]``.
    groups : ndarray of shape (n_rows,)
        Group of each score.
    low, high : ndarray of shape (n_groups,)
        Smallest and largest score of each group.
    n_strata : int
        Strata per group.

    Returns
    -------
    stratum : ndarray of shape (n_rows,), dtype intp
        In ``0..n_strata-1``. Stratum ``s`` of group ``g`` is
        ``[low + s w, low + (s + 1) w)`` with ``w = (high - low) / n_strata``;
        the last is closed so that ``high`` belongs to it. A group whose
        scores are all equal is one stratum (0).
    """
    width = (high - low) / n_strata
    offset = scores - low[groups]
    group_width = width[groups]
    flat = group_width <= 0
    stratum = np.floor(offset / np.where(flat, 1.0, group_width))
    stratum[flat] = 0
    return np.clip(stratum, 0, n_strata - 1).astype(np.intp)


def sample_within_groups(groups, n_groups, budgets, random_state):
    """Draw ``budgets[g]`` rows uniformly without replacement from each group.

    One random permutation followed by one stable sort by group puts every
    group's rows in uniformly random order; the first ``budgets[g]`` of
    each are kept. No loop over rows or groups.

    Parameters
    ----------
    groups : ndarray of shape (n_rows,), dtype int
        Group of each row, in ``0..n_groups-1``.
    n_groups : int
        Number of groups.
    budgets : ndarray of shape (n_groups,)
        Rows drawn from each group, at most its size.
    random_state : numpy.random.RandomState
        Source of the permutation.

    Returns
    -------
    mask : ndarray of shape (n_rows,), dtype bool
        ``budgets[g]`` True entries among the rows of each group ``g``.
    """
    permutation = random_state.permutation(groups.size)
    order = permutation[np.argsort(groups[permutation], kind="stable")]
    counts = np.bincount(groups, minlength=n_groups)
    starts = np.cumsum(counts) - counts
    rank_in_group = np.arange(groups.size) - np.repeat(starts, counts)
    mask = np.zeros(groups.size, dtype=bool)
    mask[order[rank_in_group < np.repeat(budgets, counts)]] = True
    return mask
