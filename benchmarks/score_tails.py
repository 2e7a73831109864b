"""Can the scores alone tell wrong labels from hard samples? The tails of each task's scores.

Usage::

    python benchmarks/score_tails.py [--cache benchmarks/cache] [--out docs/results/score_tails.md]

Without features the default has no noise filter (round thirteen,
docs/selector.md): only the scores could say that a pool holds wrong
labels. For each task of the development split and of the held-out kinds
with and without label noise, from the cached scores (EL2N, mean over the
scoring runs; higher = harder, at most sqrt(2)), the table gives the share of
rows scored above 1 (the model's probability of the given label well below
its best other class), the share of labels really wrong (the benchmark knows
the true labels: :func:`probe_recall.tasks_and_wrong_labels`), and the share of wrong labels
among the hardest rows of each class, as many as the pool has wrong labels:
the best a featureless cut-off could do if it knew the noise rate.
"""

import numpy as np

from sknucs._labels import encode_labels
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache

from _ablation import parse_args
from _output import publish
from choose_default import dev_config
from new_kinds import kinds
from probe_recall import tasks_and_wrong_labels

KINDS = ("noise10", "noise40", "noisy_finetune", "asym20", "lt10", "lt10_noise10", "digits", "digits_noise20")
"""The held-out kinds of ``new_kinds.py`` read here: clean twins beside noisy ones."""
TAIL = 1.0
"""The EL2N above which a row counts in the tail."""


def hardest_per_class(scores, codes, share):
    """Mask of the ``share`` hardest rows of each class (by ``scores``, rounded half up per class)."""
    mask = np.zeros(codes.size, dtype=bool)
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        n = int(np.floor(share * rows.size + 0.5))
        mask[rows[np.argsort(scores[rows], kind="stable")[rows.size - n:]]] = True
    return mask


def tail_rows(name, config, cache):
    """(part, task key, share above TAIL, share wrong or None, wrong share of the hardest) per task."""
    arrays = ArrayCache(f"{cache}/arrays")
    out = []
    for task, wrong in tasks_and_wrong_labels(config):
        scores = task_context(task, config, arrays).scores.mean(axis=1)
        purity = None
        if wrong is not None:
            _, codes = encode_labels(task.y_pool)
            purity = wrong[hardest_per_class(scores, codes, wrong.mean())].mean()
        out.append((name, task.key, (scores > TAIL).mean(), None if wrong is None else wrong.mean(), purity))
    return out


def main():
    args = parse_args(__doc__, "docs/results/score_tails.md")
    parts = {"dev": dev_config(), **{name: kinds()[name][1] for name in KINDS}}
    lines = ["# The tails of the scores, with and without wrong labels", "",
             "Made by `python benchmarks/score_tails.py`: EL2N (mean over the scoring runs) of each task's pool, "
             f"from the benchmark's cache. Above {TAIL:g}: share of rows scored above it. Wrong among the hardest: "
             "share of wrong labels among the hardest rows of each class, as many as the pool has wrong labels.",
             "", "| part | task | rows above 1 | labels wrong | wrong among the hardest |", "|---|---|---|---|---|"]
    for name, config in parts.items():
        for part, key, tail, wrong, purity in tail_rows(name, config, args.cache):
            extra = " | ".join("" if value is None else f"{value:.1%}" for value in (wrong, purity))
            lines.append(f"| {part} | {key} | {tail:.1%} | {extra} |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
