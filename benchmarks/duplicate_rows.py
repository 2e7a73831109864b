"""How much of each coreset the duplicates kinds spend on copies of images it already holds.

Usage::

    python benchmarks/duplicate_rows.py [--cache benchmarks/cache] [--out docs/results/duplicate_rows.md]

For ``new_kinds.py``'s duplicates kinds (10, 30 and 50% of the pool
copies of other pool images, three of each, from scratch and on the frozen
backbone) and near-copies kinds (30 and 50%, each copy moved by a pixel:
the same rows copy the same originals as in the duplicates kind of that
share, whose images say which rows are one image), from the task's cached
scores and features: how many copies
:func:`sknucs._duplicates.repeated_rows` finds on the features (and how
many of the rows it finds are copies of an image), and on the README
table's 60 tasks how many rows it finds at all; then each selector's
coreset at 50, 70 and 90% pruning, seeds 0-2 (the benchmark's methods,
fitted as the benchmark fits them), and the share of its rows that repeat
an image the coreset already holds: budget that teaches nothing new. The
pool itself holds 30% such rows; a draw at random keeps about as many.
What it measures is the mechanism behind ``new_kinds.py``'s accuracies on
these kinds, not a rule; ``nucs_round24`` is the default before round
twenty-five, which keeps the copies as rows.
"""

import numpy as np

from sknucs._duplicates import repeated_rows
from sknucs._labels import encode_labels
from sknucs.benchmark import METHODS
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from _readme_tasks import readme_tasks
from new_kinds import later_kinds

SELECTORS = ("random", "balanced_random", "el2n_hardest", "ccs", "moderate", "bws", "nucs_round24", "nucs",
             "nucs_nofeat_95")
SEEDS = (0, 1, 2)


def repeated_share(images, kept):
    """Share of the kept rows whose image an earlier kept row already holds."""
    return 1.0 - np.unique(images[kept]).size / kept.size


def first_rows(images):
    """True for the first row of each image (in row order): the rows that are not copies."""
    first = np.zeros(images.size, dtype=bool)
    first[np.unique(images, return_index=True)[1]] = True
    return first


def kind_lines(name, config, cache):
    """The kind's line of copies found, and one line per pruning rate of each selector's share of repeated images."""
    dataset, track = config.tasks[0]
    (task,) = build_tasks(dataset, track, config)
    (unmoved,) = build_tasks("fmnist_dup", track, config) if dataset == "fmnist_neardup" else (task,)
    context = task_context(task, config, ArrayCache(f"{cache}/arrays"))
    images = np.unique(unmoved.X_pool.reshape(len(task.y_pool), -1), axis=0, return_inverse=True)[1].ravel()
    copies = ~first_rows(images)
    found = repeated_rows(context.features, encode_labels(task.y_pool)[1])
    recall = (found & copies).sum() / max(copies.sum(), 1)
    found_line = f"| {name} | {copies.sum():,} | {found.sum():,} | {recall:.1%} | {(found & ~copies).sum():,} |"
    lines = [f"| {name} | pool | {repeated_share(images, np.arange(images.size)):.1%} |" + " |" * (len(SELECTORS) - 1)]
    for rate in config.rates:
        shares = [np.mean([repeated_share(images, METHODS[method].build(rate, random_state=seed).fit(
            context.scores, task.y_pool, features=context.features).get_support(indices=True)) for seed in SEEDS])
            for method in SELECTORS]
        lines.append(f"| {name} | {rate:.0%} | " + " | ".join(f"{share:.1%}" for share in shares) + " |")
    return found_line, lines


def readme_found(cache):
    """Rows found as copies on the README table's tasks: (tasks, tasks with any, rows in all)."""
    counts = [int(repeated_rows(context.features, encode_labels(task.y_pool)[1]).sum())
              for _, task, context in readme_tasks(cache)]
    return len(counts), sum(count > 0 for count in counts), sum(counts)


def main():
    args = parse_args(__doc__, "docs/results/duplicate_rows.md")
    found, shares = [], []
    for name, (_, config, _) in later_kinds().items():
        if config.tasks[0][0] not in ("fmnist_dup", "fmnist_neardup"):
            continue
        line, lines = kind_lines(name, config, args.cache)
        found.append(line)
        shares += lines
    n_tasks, with_copies, rows = readme_found(args.cache)
    page = ["# Copies of an image: found, and kept", "",
            "Made by `python benchmarks/duplicate_rows.py` from the cached scores (EL2N, three scoring runs) and "
            "features of `new_kinds.py`'s duplicates and near-copies kinds. Copies: rows whose image an earlier row "
            "holds (near-copies: before its move); found: "
            "the rows `sknucs._duplicates.repeated_rows` finds on the features (a grid a hundredth of a standard "
            "deviation wide).", "",
            "| kind | copies in the pool | rows found | of the copies, found | found, not a copy |",
            "|---|---|---|---|---|", *found, "",
            f"On the README table's {n_tasks} tasks (`_readme_tasks.readme_tasks`): rows found on {with_copies} "
            f"tasks, {rows:,} in all.", "",
            "Share of the coreset's rows whose image an earlier kept row already holds, mean over seeds "
            f"{', '.join(map(str, SEEDS))}; the pool line is the pool's own share (every row kept). `nucs`: today's "
            "default with features (since round twenty-five `duplicates=\"skip\"`); `nucs_round24`: the default "
            "before it, copies kept as rows; `nucs_nofeat_95`: today's default without features.", "",
            "| kind | pruning rate | " + " | ".join(SELECTORS) + " |", "|---|---|" + "---|" * len(SELECTORS),
            *shares]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
