"""The one rounding rule that turns a pruning rate into a coreset size."""

import math
from fractions import Fraction

import numpy as np


def n_keep_for(n_samples, rate):
    """Number of samples a coreset keeps at a given pruning rate.

    Parameters
    ----------
    n_samples : int
        Size of the full data set, N.
    rate : float
        Pruning rate alpha in [0, 1): the fraction of samples removed, taken
        as written: its shortest decimal form in its own precision (a
        float32 ``0.7`` is 0.7, as the Python float is).

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
    >>> n_keep_for(1500, 0.009)  # 13.5 removed, rounded up to 14
    1486
    """
    # The rate as written (its shortest decimal repr), exactly: in floats 0.009 * 1500 is
    # 13.499999999999998, which would round a documented half down. A numpy float is written in
    # its own precision: float(np.float32(0.7)) is 0.699999988079071, whose half would round down.
    written = str(rate) if isinstance(rate, np.floating) else repr(float(rate))
    n_removed = math.floor(Fraction(written) * n_samples + Fraction(1, 2))
    return max(min(n_samples, 1), n_samples - n_removed)
