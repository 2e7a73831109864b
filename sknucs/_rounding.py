"""The one rounding rule that turns a pruning rate into a coreset size."""

import math


def n_keep_for(n_samples, rate):
    """Number of samples a coreset keeps at a given pruning rate.

    Parameters
    ----------
    n_samples : int
        Size of the full data set, N.
    rate : float
        Pruning rate alpha in [0, 1): the fraction of samples removed.

    Returns
    -------
    n_keep : int
        ``N - floor(alpha * N + 1/2)`` (the removed count is rounded half
        up), but never less than 1 when ``N >= 1``: a coreset is never empty.

    Examples
    --------
    >>> from sknucs import n_keep_for
    >>> n_keep_for(1000, 0.7)
    300
    >>> n_keep_for(5, 0.5)
    2
    """
    n_removed = math.floor(rate * n_samples + 0.5)
    return max(min(n_samples, 1), n_samples - n_removed)
