"""Where the rows to leave out of the open-set, occluded and pair-flipping kinds sit, and how many each coreset keeps.

Usage::

    python benchmarks/polluted_rows.py [--cache benchmarks/cache] [--out docs/results/polluted_rows.md]

For ``new_kinds.py``'s ``openset20`` (bags and ankle boots under a random
label among classes 0-7), ``occluded20`` (images half hidden, labels
right), ``pair30`` (30% of every class labelled as the next class) and
``confusion20`` (the 20% most ambiguous rows labelled as the class a
reference classifier confuses them with; added in the sixteenth session),
from the task's cached scores and features: the share of the polluted rows
(outliers, occluded images, wrong labels) that the noise filter's probe
suspects; how well the probe's largest out-of-fold decision value tells
them (area under the ROC curve, a low value meaning polluted: the probe
sees no class in them); the share of polluted rows among the hardest 5, 10
and 20% of each class; and, at each rate and seeds 0-2, the share of
polluted rows in the coreset of the default fitted with features and
without, of round fifteen's default (with features; the search's cut-off up
to 1 at 70%, round sixteen's change), of CCS and of BWS (with the window
endpoint its search chose per seed).
"""

import numpy as np
from sklearn.metrics import roc_auc_score

from sknucs import NUCSSelector
from sknucs.benchmark import METHODS
from sknucs._label_noise import out_of_fold_decisions, probe_labels
from sknucs._labels import encode_labels
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import OPEN_SET_OUTLIERS, build_tasks
from sknucs.datasets import load_fashion_mnist

from _ablation import parse_args
from _output import publish
from new_kinds import kinds
from score_tails import hardest_per_class

KINDS = ("openset20", "occluded20", "pair30", "confusion20")
HARDEST = (0.05, 0.1, 0.2)
"""Shares of each class's hardest rows whose polluted share the table gives."""
SEEDS = (0, 1, 2)


def polluted_mask(task, config):
    """Which pool rows hold an outlier (``fmnist_openset``), an occluded image (``fmnist_occluded``) or a wrong label
    (``fmnist_pair``, ``fmnist_confusion``)."""
    if task.dataset in ("fmnist_pair", "fmnist_confusion"):
        (clean,) = build_tasks("fmnist", task.track, config)
        return clean.y_pool != task.y_pool
    if task.dataset == "fmnist_openset":
        X_train, y_train, _, _ = load_fashion_mnist()
        outliers = {image.tobytes() for image in X_train[np.isin(y_train, OPEN_SET_OUTLIERS)]}
        return np.array([image.tobytes() in outliers for image in task.X_pool])
    (clean,) = build_tasks("fmnist", task.track, config)
    return (clean.X_pool != task.X_pool).reshape(len(task.y_pool), -1).any(axis=1)


def kind_lines(name, config, cache):
    """The two table lines of one kind: where its polluted rows sit, and the coresets' share of them."""
    (task,) = build_tasks(*config.tasks[0], config)
    polluted = polluted_mask(task, config)
    context = task_context(task, config, ArrayCache(f"{cache}/arrays"))
    scores = context.scores.mean(axis=1)
    classes, codes = encode_labels(task.y_pool)
    suspects = probe_labels(context.features, codes, classes.size).suspects
    largest = out_of_fold_decisions(context.features, codes, classes.size).max(axis=1)
    hardest = [polluted[hardest_per_class(scores, codes, share)].mean() for share in HARDEST]
    where = (f"| {name} | {polluted.mean():.1%} | {suspects[polluted].mean():.1%} | {suspects.mean():.1%} | "
             f"{roc_auc_score(polluted, -largest):.2f} | " + " | ".join(f"{share:.0%}" for share in hardest) + " |")
    kept = []
    for rate in config.rates:
        shares = {features: np.mean([polluted[NUCSSelector(rate, random_state=seed).fit(
            context.scores, task.y_pool, features=context.features if features else None).get_support()].mean()
            for seed in SEEDS]) for features in (True, False)}
        others = {name: np.mean([polluted[METHODS[name].build(rate, random_state=seed).fit(
            context.scores, task.y_pool, features=context.features).get_support()].mean() for seed in SEEDS])
            for name in ("nucs_round15", "ccs")}
        bws = [METHODS["bws"].build(rate, random_state=seed).fit(context.scores, task.y_pool,
                                                                 features=context.features) for seed in SEEDS]
        share = np.mean([polluted[fitted.get_support()].mean() for fitted in bws])
        windows = ", ".join(f"{fitted.window_:g}" for fitted in bws)
        kept.append(f"| {name} | {rate:.0%} | {shares[True]:.1%} | {others['nucs_round15']:.1%} | {shares[False]:.1%} | "
                    f"{others['ccs']:.1%} | {share:.1%} (k {windows}) |")
    return where, kept


def main():
    args = parse_args(__doc__, "docs/results/polluted_rows.md")
    known = kinds()
    where, kept = [], []
    for name in KINDS:
        line, lines = kind_lines(name, known[name][1], args.cache)
        where.append(line)
        kept += lines
    page = ["# Where the polluted rows sit, and what the default keeps of them", "",
            "Made by `python benchmarks/polluted_rows.py` from the cached scores (EL2N, mean over the scoring runs) "
            "and features of `new_kinds.py`'s open-set, occluded, pair-flipping and instance-dependent noise kinds "
            "(polluted: outliers, occluded images, wrong labels). Suspected: by the noise filter's probe. "
            "AUC: area under the ROC curve of the probe's largest out-of-fold decision value, low meaning polluted.",
            "", "| kind | polluted rows | of them suspected | rows suspected | AUC, largest decision value | "
            + " | ".join(f"polluted among each class's hardest {share:.0%}" for share in HARDEST) + " |",
            "|---|---|---|---|---|" + "---|" * len(HARDEST), *where, "",
            f"Share of polluted rows in the coreset, mean over seeds {', '.join(map(str, SEEDS))}:", "",
            "| kind | pruning rate | the default, with features | round fifteen's default, with features | "
            "the default, without features | CCS | BWS |",
            "|---|---|---|---|---|---|---|", *kept]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
