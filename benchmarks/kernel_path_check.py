"""The ridge fits' kernel path on the README's small pools: the same coresets? A check, no round.

Usage::

    python benchmarks/kernel_path_check.py [--cache benchmarks/cache] [--out docs/results/kernel_path_check.md]

Since 7009583 a ridge fit with fewer rows than features takes its axes
from the ``n x n`` kernel matrix instead of the ``d x d`` Gram matrix: the
same fit up to rounding. The window search fits the coresets' rows, so on
the README's small pools (the digits, the pools of 2,250 images, the
fine-tuned digits: 10% of the pool is fewer than 1.5 times the features)
its fits at heavy pruning now take that path, and a rounding difference
could move a near-tie of the search. This fits today's default on each
such task of the README's table at 50 to 90% pruning, seeds 0-4, with the
axes as they are and with the Gram matrix's (:func:`sknucs._ridge.gram_axes`),
and counts the coresets that differ.
"""

import warnings

import numpy as np

from sknucs import NUCSSelector, _ridge

from _ablation import parse_args
from _output import publish
from _readme_tasks import readme_tasks

RATES = (0.5, 0.6, 0.7, 0.8, 0.9)
SEEDS = (0, 1, 2, 3, 4)


def small_pool(features):
    """Whether the search's fits at 90% pruning keep fewer than 1.5 times as many rows as there are features."""
    n_samples, n_features = features.shape
    return 0.1 * n_samples < 1.5 * n_features


def support(scores, y, features, rate, seed, axes=None):
    """Today's default's kept rows; ``axes`` replaces the ridge's choice of axes when given."""
    original = _ridge._principal_axes
    _ridge._principal_axes = axes or original
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return NUCSSelector(rate, random_state=seed).fit(scores, y, features=features).support_
    finally:
        _ridge._principal_axes = original


def main():
    args = parse_args(__doc__, "docs/results/kernel_path_check.md")
    lines = ["# The kernel path on the README's small pools", "",
             "Made by `python benchmarks/kernel_path_check.py`: today's default fitted with the ridge's axes as they "
             "are and from the Gram matrix, at 50 to 90% pruning, seeds 0-4; coresets that differ.", "",
             "| part | task | rows | features | fits | coresets that differ |", "|---|---|---|---|---|---|"]
    for part, task, context in readme_tasks(args.cache):
        if not small_pool(context.features):
            continue
        differ = sum(not np.array_equal(support(context.scores, task.y_pool, context.features, rate, seed),
                                        support(context.scores, task.y_pool, context.features, rate, seed,
                                                _ridge.gram_axes))
                     for rate in RATES for seed in SEEDS)
        lines.append(f"| {part} | {task.key} | {context.features.shape[0]} | {context.features.shape[1]} | "
                     f"{len(RATES) * len(SEEDS)} | {differ} |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
