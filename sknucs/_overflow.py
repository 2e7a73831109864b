"""Sums of scores near the largest float, without overflow."""

import numpy as np


def reduce_without_overflow(reduce, values):
    """``reduce(values)``, computed in units of the largest ``|value|`` where it overflows.

    ``reduce`` must be linear in ``values`` (a sum or a mean, along any
    axis or segments): scores near 1e308 are finite, their sums are not.
    Where the plain result is finite it is returned as it is, to the bit.
    """
    with np.errstate(over="ignore"):
        result = reduce(values)
    if np.isfinite(result).all():
        return result
    unit = np.abs(values).max()
    return reduce(values / unit) * unit
