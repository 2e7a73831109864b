"""Wall-clock timing shared by the benchmark scripts."""

import time

import numpy as np


def median_time(function, repeats):
    """Median wall time of ``function()`` over ``repeats`` calls.

    Returns
    -------
    seconds : float
        Median over the calls.
    result : object
        What the last call returned.
    """
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result
