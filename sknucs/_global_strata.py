"""Coverage sampling on the whole training set's difficulty scale, with class-wise budgets.

CCS (Zheng et al., 2023) splits the score range into equal-width strata and
water-fills one budget over them from the smallest stratum up: stratum ``s``
of ``C_s`` samples keeps the fraction ``f_s = min(1, t / C_s)`` of them, with
the level ``t`` set by the budget. Class by class this keeps typical samples
of an easy class at the rate of the dense easy strata and an outlier at the
rate of its sparse stratum, whatever its class.

Here the budget of each class is given (NUCS's ``b_j``), and class ``j``
keeps ``min(c_js, lambda_j f_s c_js)`` of its ``c_js`` samples in stratum
``s``: the global rates, scaled by one factor per class so that the class's
quotas sum to ``b_j`` (strata that reach their size saturate). With the
class counts that CCS itself would draw, ``lambda_j = 1`` and this is CCS.
"""

import numpy as np


def water_level_rates(counts, total):
    """Keep fractions ``min(1, t / C_s)`` whose kept counts sum to ``total``.

    Parameters
    ----------
    counts : ndarray of shape (n_strata,)
        ``C_s``, samples in each stratum.
    total : float
        Samples to keep, in ``(0, counts.sum()]``.

    Returns
    -------
    rates : ndarray of shape (n_strata,)
        In ``(0, 1]`` for non-empty strata (1 for empty ones): the continuous
        version of CCS's water-filling, without its integer rounding.
    """
    counts = np.asarray(counts, dtype=np.float64)
    sizes = np.sort(counts)
    n = sizes.size
    # If the level lies between sizes[m-1] and sizes[m], the m smallest strata are full:
    # total = sum(sizes[:m]) + t * (n - m).
    full = np.concatenate([[0.0], np.cumsum(sizes)])[:-1]
    levels = (total - full) / (n - np.arange(n))
    unfilled = levels <= sizes  # True from the first stratum that the level does not fill on
    level = levels[np.argmax(unfilled)] if unfilled.any() else sizes[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(counts > 0, np.minimum(1.0, level / counts), 1.0)


def class_strata_quotas(class_counts, rates, budgets):
    """Integer quotas ``q_js ~ min(c_js, lambda_j f_s c_js)`` summing to each class's budget.

    Parameters
    ----------
    class_counts : ndarray of shape (n_classes, n_strata), dtype int
        ``c_js``, samples of class ``j`` in stratum ``s``.
    rates : ndarray of shape (n_strata,)
        ``f_s`` in ``(0, 1]``, the global keep fraction of each stratum.
    budgets : ndarray of shape (n_classes,)
        ``b_j``, at most ``c_j = sum_s c_js``.

    Returns
    -------
    quotas : ndarray of shape (n_classes, n_strata), dtype int64
        Each row sums to its budget and each entry is at most ``c_js``.
        The real quotas are rounded down and the remainders go, one each,
        to the strata of largest fractional part (largest remainder).

    Notes
    -----
    Stratum ``s`` saturates once ``lambda_j >= 1 / f_s``, so the strata
    saturate in decreasing order of ``f_s``, the same order for every
    class: one sort of the strata, then cumulative sums, vectorised over
    classes.
    """
    counts = np.asarray(class_counts, dtype=np.float64)
    budgets = np.asarray(budgets, dtype=np.float64)
    order = np.argsort(-rates, kind="stable")
    c = counts[:, order]
    weights = c * rates[order]
    thresholds = 1.0 / rates[order]
    saturated_before = np.cumsum(c, axis=1) - c
    weight_from = np.cumsum(weights[:, ::-1], axis=1)[:, ::-1]  # sum of weights of strata s..end
    # Kept count when lambda reaches the threshold of stratum s (strata before s full).
    kept_at = saturated_before + thresholds * weight_from
    n_full = np.sum(kept_at <= budgets[:, None], axis=1)  # strata that saturate
    rows = np.arange(c.shape[0])
    last = np.minimum(n_full, c.shape[1] - 1)
    remaining_weight = np.where(n_full < c.shape[1], weight_from[rows, last], 0.0)
    full_count = np.where(n_full < c.shape[1], saturated_before[rows, last], c.sum(axis=1))
    scale = np.divide(budgets - full_count, remaining_weight, out=np.zeros_like(budgets),
                      where=remaining_weight > 0)
    full = np.arange(c.shape[1])[None, :] < n_full[:, None]
    real = np.minimum(c, np.where(full, c, scale[:, None] * weights))
    quotas = np.floor(real + 1e-9)
    short = np.round(budgets - quotas.sum(axis=1)).astype(np.int64)
    room = (quotas < c) * (real - quotas + 1e-12)  # fractional parts of strata with room left
    rank = np.argsort(np.argsort(-room, axis=1, kind="stable"), axis=1, kind="stable")
    quotas += (rank < short[:, None]) & (room > 0)
    result = np.empty_like(quotas, dtype=np.int64)
    result[:, order] = quotas
    return result
