"""How many of the wrong labels the noise filter's probe finds, and how much it agrees with the labels.

Usage::

    python benchmarks/probe_recall.py [--cache benchmarks/cache] [--out docs/results/probe_recall.md]
        [--kinds report noise10 noise40 ... frozen]

For each task of the report (the development split's tasks too: its
seeds share their scores and features), of the kinds of ``new_kinds.py``
and of the frozen ImageNet backbone, the task is built, the noisy ones twice,
with and without their label noise (the benchmark knows the true labels), and the
probe of ``NUCSSelector``'s noise filter (:func:`sknucs._label_noise.probe_labels`)
runs on the task's cached features, as the default's ``fit`` runs it. The
table gives the fraction of rows it suspects, the fraction really wrong,
its precision (suspects really wrong), its recall (wrong labels
suspected), and its agreement with the labels beyond chance (Cohen's
kappa, the selector's ``label_agreement_``), also with the features' rows
shuffled, as when a user passes them in another order: the default uses
the features only when that agreement is at least
:data:`sknucs.MIN_LABEL_AGREEMENT`. The features come from the cache that
``new_kinds.py`` fills (computed here when missing).

A second table gives the same probe on weak features and clean labels:
the first 1 to 8 principal components of the pixels of the report's
balanced pool, the regime where a guard on the suspects' fraction (round
eight's: features unused from half of the rows suspected) and one on the
agreement (round nine's) could disagree.
"""

import numpy as np
from sklearn.decomposition import PCA

from sknucs import MIN_LABEL_AGREEMENT
from sknucs._label_noise import probe_labels
from sknucs._labels import encode_labels
from sknucs.benchmark._methods import ROUND_EIGHT_GUARD
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from _study_parts import study_parts
from analyze_results import BASELINES
from new_kinds import kinds

CLEAN = {"fmnist_noisy": "fmnist", "fmnist_asym": "fmnist", "fmnist_pair": "fmnist", "fmnist_confusion": "fmnist",
         "fmnist_lt_noisy": "fmnist_lt",
         "digits_noisy": "digits", "fmnist_rot_noisy": "fmnist_rot"}
"""Each noisy data set's clean twin: the same rows with their true labels."""


def tasks_and_wrong_labels(config):
    """Each task of ``config`` with the mask of its pool's wrong labels (None on a clean data set).

    A noisy data set's task is built again from its clean twin (:data:`CLEAN`): the same rows, the true labels.
    """
    for dataset, track in config.tasks:
        tasks = build_tasks(dataset, track, config)
        twins = build_tasks(CLEAN[dataset], track, config) if dataset in CLEAN else [None] * len(tasks)
        for task, twin in zip(tasks, twins):
            yield task, None if twin is None else task.y_pool != twin.y_pool


def probe_rows(config, cache):
    """(task key, suspected, wrong, precision, recall, kappa, kappa shuffled) per task of ``config``.

    ``wrong``, ``precision`` and ``recall`` are None on a clean data set.
    """
    arrays = ArrayCache(f"{cache}/arrays")
    out = []
    for task, wrong in tasks_and_wrong_labels(config):
        context = task_context(task, config, arrays)
        classes, codes = encode_labels(task.y_pool)
        probe = probe_labels(context.features, codes, classes.size)
        suspects = probe.suspects
        shuffled = np.random.default_rng(0).permutation(codes.size)
        chance = probe_labels(context.features[shuffled], codes, classes.size).agreement
        truth = (None,) * 3 if wrong is None else (wrong.mean(), wrong[suspects].mean(), suspects[wrong].mean())
        out.append((task.key, suspects.mean(), *truth, probe.agreement, chance))
    return out


WEAK_COMPONENTS = (1, 2, 3, 5, 8)
"""Principal components of the pixels that the weak features keep."""


def weak_feature_lines(config):
    """Table lines: the probe on the first principal components of the pixels of ``config``'s fmnist pool."""
    task = build_tasks("fmnist", "scratch", config)[0]
    pixels = task.X_pool.reshape(len(task.X_pool), -1).astype(np.float32)
    classes, codes = encode_labels(task.y_pool)
    lines = ["| principal components | rows suspected | agreement (kappa) | features used, round eight's guard "
             "| features used, round nine's |", "|---|---|---|---|---|"]
    for n in WEAK_COMPONENTS:
        probe = probe_labels(PCA(n, random_state=0).fit_transform(pixels), codes, classes.size)
        rate = probe.suspects.mean()
        lines.append(f"| {n} | {rate:.1%} | {probe.agreement:.2f} | {'yes' if rate < ROUND_EIGHT_GUARD else 'no'} "
                     f"| {'yes' if probe.agreement >= MIN_LABEL_AGREEMENT else 'no'} |")
    return lines


def held_out_parts():
    """name -> (what it is, BenchmarkConfig): the report, the kinds of ``new_kinds.py``, the frozen backbone."""
    return {name: part for name, part in study_parts(BASELINES, BASELINES, tuple(kinds())).items() if name != "dev"}


def parse_kind_args(doc, default_out, known):
    """:func:`_ablation.parse_args` with ``--kinds`` (the names of ``known``, all by default)."""
    return parse_args(doc, default_out, lambda parser: parser.add_argument(
        "--kinds", nargs="+", choices=sorted(known), default=list(known)))


def main():
    known = held_out_parts()
    args = parse_kind_args(__doc__, "docs/results/probe_recall.md", known)
    lines = ["# The noise filter's probe on the held-out kinds", "",
             "Made by `python benchmarks/probe_recall.py`: seed-independent (the probe and the features of a "
             "task do not depend on the selection seed). Agreement: Cohen's kappa of the labels and the probe's "
             "likeliest class, out of fold (0: chance); rows shuffled: the same with the features' rows in a random "
             "order. Precision and recall only where the labels were made wrong.", "",
             "| kind | task | rows suspected | labels really wrong | suspects really wrong | wrong labels suspected "
             "| agreement (kappa) | agreement, rows shuffled |",
             "|---|---|---|---|---|---|---|---|"]
    for name in args.kinds:
        for key, suspected, wrong, precision, recall, kappa, chance in probe_rows(known[name][1], args.cache):
            truth = " | ".join("" if value is None else f"{value:.1%}" for value in (wrong, precision, recall))
            lines.append(f"| {name} | {key} | {suspected:.1%} | {truth} | {kappa:.2f} | {chance:+.2f} |")
    lines += ["", "## Weak features, clean labels", "",
              "The report's balanced Fashion-MNIST pool (its labels clean) with the first principal components "
              "of its pixels as the features.", "", *weak_feature_lines(known["report"][1])]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
