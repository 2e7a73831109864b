"""The random stream that picks the rows a data set's corruption hits, apart from the selectors' streams."""

from numbers import Integral

import numpy as np
from sklearn.utils import check_random_state

#: Mixed with an integer seed so that the corrupted rows come from another stream than
#: ``RandomState(seed)``, the one a selector seeded with the same integer draws from.
CORRUPTION_STREAM = 0x6E6F697365  # "noise"


def corruption_random_state(random_state):
    """The generator that corrupts rows: for an integer seed, one that no selector seeded alike shares.

    ``RandomState(seed).choice(n, k, replace=False)`` is the first ``k`` of
    ``RandomState(seed).permutation(n)``, the rows that
    :class:`~sknucs.baselines.RandomSelector` (and, class by class,
    :class:`~sknucs.baselines.ClassBalancedRandomSelector`) seeded with the
    same integer keeps on ``n`` rows: with one seed for the noise and the
    selector, a random coreset of 10% held nothing but the flipped rows
    (docs/benchmark.md). An integer seed is therefore mixed with
    :data:`CORRUPTION_STREAM` by :class:`numpy.random.SeedSequence`; None
    and a ``RandomState`` instance are used as they are (an instance shared
    with a selector shares its stream: pass the seed instead).

    Parameters
    ----------
    random_state : int, RandomState instance or None

    Returns
    -------
    numpy.random.RandomState
    """
    if isinstance(random_state, Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative integer, got {random_state!r}.")
        return np.random.RandomState(np.random.SeedSequence([CORRUPTION_STREAM, int(random_state)]).generate_state(8))
    return check_random_state(random_state)
