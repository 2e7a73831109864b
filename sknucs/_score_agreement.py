"""How far several runs of difficulty scores agree on which rows of a class are hard."""

import numpy as np
from scipy.stats import rankdata

MIN_CLASS_ROWS = 3
"""Classes with fewer rows say nothing about the order inside a class and are left out."""


def within_class_agreement(runs, codes, n_classes):
    """Mean correlation, over pairs of runs, of each row's rank inside its class.

    Parameters
    ----------
    runs : ndarray of shape (n_samples, n_runs)
        Difficulty scores, one column per run (seed). Columns of epochs
        of one run agree more than independent runs do.
    codes : ndarray of shape (n_samples,)
        Class codes in ``[0, n_classes)``.
    n_classes : int

    Returns
    -------
    float
        Between -1 and 1: the Spearman correlation of two runs inside each
        class, pooled over the classes of at least :data:`MIN_CLASS_ROWS`
        rows (each row's within-class rank standardised per class and run),
        averaged over the pairs of runs. NaN with fewer than two runs or no
        such class: nothing to compare. A class whose run gives every row
        the same score has rank 0 everywhere in that run.

    Notes
    -----
    1 when every run orders each class alike; near 0 when the order inside
    the classes is noise, as for a fine-tuned network on a few hundred
    images, whose runs fit the pool at once and disagree on its easy end
    (docs/selector.md, round twenty).
    """
    runs = np.asarray(runs, dtype=np.float64)
    if runs.ndim != 2 or runs.shape[1] < 2:
        return float("nan")
    counts = np.bincount(codes, minlength=n_classes)
    if not (counts >= MIN_CLASS_ROWS).any():
        return float("nan")
    order = np.argsort(codes, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)))
    z = []
    for c in np.flatnonzero(counts >= MIN_CLASS_ROWS):
        ranks = rankdata(runs[order[starts[c]:starts[c + 1]]], axis=0)
        spread = ranks.std(axis=0)
        z.append(np.divide(ranks - ranks.mean(axis=0), spread, out=np.zeros_like(ranks), where=spread > 0))
    z = np.concatenate(z)
    n_runs = runs.shape[1]
    pairs = [(z[:, i] * z[:, j]).mean() for i in range(n_runs) for j in range(i + 1, n_runs)]
    return float(np.mean(pairs))
