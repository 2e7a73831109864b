"""Wall-clock timing shared by the benchmark scripts."""

import argparse
import logging
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


def parse_timing_args(doc):
    """``--repeats`` (default 3) and ``--out`` (default: print only) of a timing script; sets up logging."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    return args


def default_fit_time(scores, y, features, repeats):
    """Median seconds of a default ``NUCSSelector(rate=0.5).fit`` with ``features``, and the fitted selector."""
    from sknucs import NUCSSelector

    return median_time(lambda: NUCSSelector(rate=0.5, random_state=0).fit(scores, y, features=features), repeats)
