"""The label-noise filter (``NUCSSelector(noise_filter=...)``): does dropping the rows the features contradict help?

Usage::

    python benchmarks/noise_filter_study.py [--cache benchmarks/cache] [--out docs/results/noise_filter.md]
        [--parts dev report noise40 noisy_finetune frozen]

Under label noise the default misses cells that the paper's window or BWS
meets (docs/benchmark.md, the new data kinds), and the ridge proxy cannot see
wrong labels. ``noise_filter`` gives the selector a signal that can: a ridge
probe fitted out of fold on the features flags the rows whose label it
confidently contradicts (confident learning's rule), and those rows are
left out before selecting. This script measures it with the threshold 0,
i.e. always on (``nucs_filter_v1``: the default as this study made it,
budgets from the trusted rows; ``nucs_paper_filter``: the paper's NUCS with
it), beside the unfiltered two (``nucs_unfiltered``: the default before,
``nucs_paper``), on

- ``dev``: the development split of ``choose_default.py`` (seeds 0, 1);
- ``report``: the full preset's tasks on its seeds 2, 3, 4, at 50/70/90%;
- ``noise40`` and ``noisy_finetune``: two of the data kinds of
  ``new_kinds.py`` (40% wrong labels from scratch, 20% fine-tuned), seeds
  0, 1, 2. They were seen before this filter was written: their misses
  motivated it;
- ``frozen``: the frozen ImageNet-backbone track (``pretrained_config``,
  seeds 0, 1, 2, at 50/70/90%), its features the pretrained model's.

The first table gives, per task, the fraction of rows the probe suspects
(``noise_rate_``) and, where the benchmark knows them, the true rate of
wrong labels, the fraction of the suspects whose label is really wrong and
the fraction of the wrong labels suspected; with ``noise_filter=0.1`` the filter acts exactly where the
fraction is at least 0.1. Each part's table is the margin over the best
baseline in points of test accuracy (mean over seeds), ✓ where at least
minus the larger of that baseline's std and 0.5 point (the issue's rule).
"""

import time

import numpy as np

from sknucs import NUCSSelector
from sknucs._label_noise import suspect_labels
from sknucs._labels import encode_labels
from sknucs.benchmark import run_benchmark
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from _study_parts import part_lines, study_parts
from analyze_results import BASELINES
from choose_default import margins

NAMES = ("nucs_unfiltered", "nucs_filter_v1", "nucs_paper", "nucs_paper_filter")


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    methods = BASELINES + NAMES
    return study_parts(methods, methods, ("noise40", "noisy_finetune"), kind_suffix=", seeds 0, 1, 2")


def _contexts(config, cache):
    """(task, its TaskContext, the task's clean labels or None) per task of ``config``."""
    arrays = ArrayCache(f"{cache}/arrays")
    for dataset, track in config.tasks:
        clean = build_tasks("fmnist", track, config) if dataset == "fmnist_noisy" else None
        for i, task in enumerate(build_tasks(dataset, track, config)):
            yield task, task_context(task, config, arrays), None if clean is None else clean[i].y_pool


def _suspect_fractions(config, cache):
    """(task key, fraction of rows suspected, (wrong labels, suspects wrong, wrong suspected) or None) per task.

    The last three are fractions of the rows, of the suspects and of the wrong labels, on the noisy
    tasks, whose clean labels the benchmark knows.
    """
    out = []
    for task, context, clean_labels in _contexts(config, cache):
        classes, codes = encode_labels(task.y_pool)
        suspects = suspect_labels(context.features, codes, classes.size)
        truth = None
        if clean_labels is not None:
            wrong = task.y_pool != clean_labels
            truth = float(wrong.mean()), float(wrong[suspects].mean()), float(suspects[wrong].mean())
        out.append((task.key, float(suspects.mean()), truth))
    return out


def _fit_seconds(config, cache, repeats=3):
    """Median seconds of the default's fit at 70% without and with the filter, side by side, on the first task."""
    task, context, _ = next(_contexts(config, cache))
    seconds = {None: [], 0.0: []}
    for _ in range(repeats):
        for threshold in seconds:
            start = time.perf_counter()
            NUCSSelector(0.7, noise_filter=threshold, random_state=0).fit(
                context.scores, task.y_pool, features=context.features)
            seconds[threshold].append(time.perf_counter() - start)
    return task, context.features.shape, {k: float(np.median(v)) for k, v in seconds.items()}


def main():
    known = parts()
    args = parse_args(__doc__, "docs/results/noise_filter.md", lambda parser: parser.add_argument(
        "--parts", nargs="+", choices=list(known), default=list(known)))
    lines = ["# The label-noise filter", "",
             "Made by `python benchmarks/noise_filter_study.py`. `nucs_filter_v1` (the default as this study made "
             "it: budgets from the trusted rows) and `nucs_paper_filter` are the default and the paper's NUCS "
             "with `noise_filter=0`; `nucs_unfiltered` and `nucs_paper` are the same without it. With it, the rows whose label a cross-fitted ridge probe "
             "on the features contradicts are left out before selecting. Margins over the best baseline ("
             + ", ".join(BASELINES) + ") in points of test accuracy, mean over seeds; ✓ where at least minus "
             "the larger of that baseline's std and 0.5.", "",
             "| part | task | rows suspected | labels really wrong | suspects really wrong | wrong labels suspected |",
             "|---|---|---|---|---|---|"]
    results = {}
    for name in args.parts:
        config = known[name][1]
        results[name] = margins(run_benchmark(config, cache_dir=args.cache), NAMES)
        for key, suspected, truth in _suspect_fractions(config, args.cache):
            lines.append(f"| {name} | {key} | {suspected:.1%} | "
                         + " | ".join([""] * 3 if truth is None else [f"{v:.1%}" for v in truth]) + " |")
    task, shape, seconds = _fit_seconds(known[args.parts[0]][1], args.cache)
    lines += ["", f"Cost, on {task.key} ({shape[0]:,} rows, {shape[1]} features): the default's `fit` at 70% took "
              f"{seconds[0.0]:.2f} s with the filter and {seconds[None]:.2f} s without (medians of 3, side by side, "
              f"ratio {seconds[0.0] / seconds[None]:.1f})."]
    for name in args.parts:
        lines += ["", f"## {name}: {known[name][0]}", "", *part_lines(results[name], NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
