"""Could the features find near-copies? How close each near-copy lies to its nearest row of its class.

Usage::

    python benchmarks/near_copy_distances.py [--cache benchmarks/cache] [--out docs/results/near_copy_distances.md]

Round twenty-five's grid (:func:`sknucs._duplicates.repeated_rows`) finds
copies that are the same up to a network's rounding; on ``new_kinds.py``'s
near-copies kinds (each copy moved by one pixel) it finds none. A rule for
near-copies would have to call rows copies when they lie much closer to
another row of their class than rows usually do. For each near-copies
kind, from the cached features (standardised, as the grid measures them
in standard deviations), each row's distance to its nearest row of the same class, divided
by the class's median of those distances; the table gives the share of
rows below each threshold among the rows of an image held several times
(an original and its moved copies, known from the duplicates kind of the
same share, whose copies are the same rows unmoved) and among the others.
A rule could only work where the first share is high and the second near
zero. A check of a mechanism, no round.
"""

import numpy as np

from sknucs._labels import encode_labels
from sknucs._proxies import standardize
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from new_kinds import later_kinds

THRESHOLDS = (0.1, 0.3, 0.5)
"""Distances to the nearest row of the class, in units of the class's median such distance."""


def relative_nearest(features, codes):
    """Each row's distance to its nearest row of the same class over the class's median of those distances."""
    out = np.empty(codes.size)
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        block = features[rows]
        norms = (block * block).sum(axis=1)
        squared = norms[:, None] + norms[None, :] - 2.0 * block @ block.T
        np.fill_diagonal(squared, np.inf)
        nearest = np.sqrt(np.maximum(squared.min(axis=1), 0.0))
        out[rows] = nearest / np.median(nearest)
    return out


def kind_line(name, config, cache):
    """The kind's line: rows held several times, and each threshold's share among them and among the others."""
    dataset, track = config.tasks[0]
    (task,) = build_tasks(dataset, track, config)
    (unmoved,) = build_tasks("fmnist_dup", track, config)
    images = np.unique(unmoved.X_pool.reshape(len(task.y_pool), -1), axis=0, return_inverse=True)[1].ravel()
    grouped = np.bincount(images)[images] > 1
    features = task_context(task, config, ArrayCache(f"{cache}/arrays")).features
    ratio = relative_nearest(standardize(features.astype(np.float64)), encode_labels(task.y_pool)[1])
    shares = [f"{np.mean(ratio[grouped] < t):.1%} / {np.mean(ratio[~grouped] < t):.2%}" for t in THRESHOLDS]
    return f"| {name} | {features.shape[1]} | {grouped.mean():.1%} | " + " | ".join(shares) + " |"


def main():
    args = parse_args(__doc__, "docs/results/near_copy_distances.md")
    lines = [kind_line(name, config, args.cache) for name, (_, config, _) in later_kinds().items()
             if config.tasks[0][0] == "fmnist_neardup"]
    page = ["# Near-copies: how close they lie", "",
            "Made by `python benchmarks/near_copy_distances.py` from the cached features of `new_kinds.py`'s "
            "near-copies kinds (each copy moved by one pixel). Each row's distance to its nearest row of the same "
            "class, over the class's median such distance; per threshold, the share of the rows of an image held "
            "several times (the original and its moved copies) below it / the share of the other rows.", "",
            "| kind | features | rows of an image held several times | "
            + " | ".join(f"below {t:g}" for t in THRESHOLDS) + " |",
            "|---|---|---|" + "---|" * len(THRESHOLDS), *lines]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
