"""How much of each coreset the duplicates kinds spend on copies of images it already holds.

Usage::

    python benchmarks/duplicate_rows.py [--cache benchmarks/cache] [--out docs/results/duplicate_rows.md]

For ``new_kinds.py``'s ``dup30`` and ``dup30_frozen`` (30% of the pool
copies of other pool images, three of each, from scratch and on the frozen
backbone), from the task's cached scores and features: each selector's
coreset at 50, 70 and 90% pruning, seeds 0-2 (the benchmark's methods,
fitted as the benchmark fits them), and the share of its rows that repeat
an image the coreset already holds: budget that teaches nothing new. The
pool itself holds 30% such rows; a draw at random keeps about as many.
What it measures is the mechanism behind ``new_kinds.py``'s accuracies on
these kinds, not a rule.
"""

import numpy as np

from sknucs.benchmark import METHODS
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from new_kinds import later_kinds

KINDS = ("dup30", "dup30_frozen")
SELECTORS = ("random", "balanced_random", "el2n_hardest", "ccs", "moderate", "bws", "nucs", "nucs_nofeat_95")
SEEDS = (0, 1, 2)


def repeated_share(images, kept):
    """Share of the kept rows whose image an earlier kept row already holds."""
    return 1.0 - np.unique(images[kept]).size / kept.size


def kind_lines(name, config, cache):
    """One table line per pruning rate of one kind: each selector's share of repeated images, mean over seeds."""
    (task,) = build_tasks(*config.tasks[0], config)
    context = task_context(task, config, ArrayCache(f"{cache}/arrays"))
    images = np.unique(task.X_pool.reshape(len(task.y_pool), -1), axis=0, return_inverse=True)[1].ravel()
    lines = [f"| {name} | pool | {repeated_share(images, np.arange(images.size)):.1%} |" + " |" * (len(SELECTORS) - 1)]
    for rate in config.rates:
        shares = [np.mean([repeated_share(images, METHODS[method].build(rate, random_state=seed).fit(
            context.scores, task.y_pool, features=context.features).get_support(indices=True)) for seed in SEEDS])
            for method in SELECTORS]
        lines.append(f"| {name} | {rate:.0%} | " + " | ".join(f"{share:.1%}" for share in shares) + " |")
    return lines


def main():
    args = parse_args(__doc__, "docs/results/duplicate_rows.md")
    known = later_kinds()
    lines = [line for name in KINDS for line in kind_lines(name, known[name][1], args.cache)]
    page = ["# How much of each coreset repeats an image it already holds", "",
            "Made by `python benchmarks/duplicate_rows.py` from the cached scores (EL2N, three scoring runs) and "
            "features of `new_kinds.py`'s duplicates kinds: share of the coreset's rows whose image an earlier kept "
            f"row already holds, mean over seeds {', '.join(map(str, SEEDS))}; the pool line is the pool's own "
            "share (every row kept). `nucs`: today's default with features; `nucs_nofeat_95`: without them.", "",
            "| kind | pruning rate | " + " | ".join(SELECTORS) + " |", "|---|---|" + "---|" * len(SELECTORS),
            *lines]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
