"""How the default's cut-off k should be chosen: every fixed k against the rules that pick one.

Usage::

    python benchmarks/cutoff_study.py [--cache benchmarks/cache] [--out docs/results/cutoff_study.md]
        [--tracks scratch finetune]

The default (coverage inside each class below the cut-off ``k``) lost on
balanced data at 70 and 90% pruning with the ``k`` its ridge search chose. This
script asks, on the development split of ``choose_default.py`` only (seeds 0
and 1), whether any ``k`` would have met those cells, and which rule picks a
good one. It trains the coverage default at every fixed ``k`` in
:data:`FIXED_K`, on the class scale and on the whole data set's scale, and the
coverage default with ``k`` (and the scale) chosen by other rules: the
memorising nearest-neighbour proxy and the ridge proxy scored on a held-out
fifth (both :class:`sknucs.CoresetSearch`), and the class or the global scale,
whichever's ridge search scored higher. ``nucs_rerun`` is the default computed
afresh in the same run. The page gives each cell's margin over the best
baseline for every fixed ``k`` (the best in hindsight bounds what any rule
can reach) and for each rule.

Every cell of the published page was computed on one machine from one set of
scores (a cache holding only the arrays and this session's cells, so that the
baselines and the default were computed again beside the study's methods):
cells restored from another machine's ``results.csv`` saw other scores.
"""

import dataclasses

import numpy as np

from sknucs.benchmark import full_config, run_benchmark
from sknucs.benchmark._methods import Method, _nucs

from _ablation import parse_args
from _output import publish
from analyze_results import BASELINES, SHIFTED, best_baseline
from choose_default import DEV_SEEDS, DEV_TASKS, RATES

FIXED_K = (0.7, 0.8, 0.9, 1.0)
SEARCH_GRID = (0.6, 0.7, 0.8, 0.9, 1.0)


def _searched(scoring, scales):
    """The coverage default with ``window`` (and ``window_scale``) chosen by a proxy of CoresetSearch."""
    def build(rate, random_state):
        from sknucs import PAPER_SETTINGS, CoresetSearch, NUCSSelector

        selector = NUCSSelector(rate, random_state=random_state, **{**PAPER_SETTINGS, "sampling": "coverage"})
        grid = {"window": list(SEARCH_GRID), "window_scale": list(scales)}
        return CoresetSearch(selector, grid, scoring=scoring, random_state=random_state)

    return build


class _BetterScale:
    """Coverage on the class and on the global scale, each with its ridge-chosen k; keeps the one whose
    ridge search scored higher (training-set accuracy, as the default's search scores)."""

    def __init__(self, rate, random_state):
        self.rate, self.random_state = rate, random_state

    def get_params(self, deep=False):
        return {"rate": self.rate, "random_state": self.random_state}

    def fit(self, scores, y, features=None):
        from sknucs import PAPER_SETTINGS, NUCSSelector

        fitted = [NUCSSelector(self.rate, random_state=self.random_state,
                               **{**PAPER_SETTINGS, "sampling": "coverage", "window_scale": scale}).fit(
                                   scores, y, features=features) for scale in ("class", "global")]
        best = max(fitted, key=lambda s: np.nanmax(s.window_search_.grid_scores_))
        self.window_, self.sample_indices_ = best.window_, best.sample_indices_
        return self


def study_methods():
    """name -> Method: fixed cut-offs on both scales and the two knn searches."""
    methods = {}
    for k in FIXED_K:
        methods[f"cov_k{k:.1f}"] = Method(f"cov_k{k:.1f}", _nucs("difficulty", sampling="coverage", window=k),
                                          description=f"coverage inside each class below k = {k}")
        methods[f"gcov_k{k:.1f}"] = Method(
            f"gcov_k{k:.1f}", _nucs("difficulty", sampling="coverage", window_scale="global", window=k),
            description=f"coverage on the global scale below k = {k}")
    methods["cov_knn"] = Method("cov_knn", _searched("knn", ["class"]),
                                description="coverage inside each class, k by the knn proxy")
    methods["cov_knn_scale"] = Method("cov_knn_scale", _searched("knn", ["class", "global"]),
                                      description="coverage, k and the scale by the knn proxy")
    methods["cov_ridge_ho"] = Method("cov_ridge_ho", _searched("ridge", ["class"]),
                                     description="coverage inside each class, k by the held-out ridge proxy")
    methods["cov_ridge_ho_scale"] = Method("cov_ridge_ho_scale", _searched("ridge", ["class", "global"]),
                                           description="coverage, k and the scale by the held-out ridge proxy")
    methods["cov_better_scale"] = Method("cov_better_scale", _BetterScale,
                                         description="nucs_coverage or nucs_gcov, whichever's ridge search "
                                                     "scored higher")
    methods["nucs_rerun"] = Method("nucs_rerun", _nucs("difficulty", sampling="coverage"),
                                   description="the default (nucs_coverage) computed afresh in this run")
    return methods


RULES = ("nucs_coverage", "nucs_rerun", "nucs_gcov", "nucs_coverage_rule", "cov_knn", "cov_knn_scale", "cov_ridge_ho",
         "cov_ridge_ho_scale", "cov_better_scale")
"""Rules that pick k: ridge (the default), knn, knn over k and scale, ridge on the global scale, the
no-features rule."""


BY_VALIDATION = "by_validation"
VALIDATION_CANDIDATES = ("cov_k0.8", "gcov_k0.8", "cov_k0.9", "gcov_k0.9", "cov_k1.0", "gcov_k1.0")
"""The coresets that ``nucs_o_default`` trains (k = 0.8, 0.9, 1 on the class or the global scale), in
its search order."""


def _picked_by_validation(rows):
    """Rows of :data:`BY_VALIDATION`: per cell and seed, the candidate of best validation accuracy.

    The candidates' cells are the coresets that ``nucs_o_default`` trains, with
    the same seed, so this is that search read from cells already computed
    (ties go to the first candidate, as :class:`sknucs.CoresetSearch` breaks them).
    """
    by_cell = {}
    for row in rows:
        if row["method"] in VALIDATION_CANDIDATES:
            by_cell.setdefault((row["dataset"], row["track"], row["rate"], row["seed"]), {})[row["method"]] = row
    picked = []
    for candidates in by_cell.values():
        best = max(VALIDATION_CANDIDATES, key=lambda name: (candidates[name]["val_accuracy"],
                                                           -VALIDATION_CANDIDATES.index(name)))
        picked.append({**candidates[best], "method": BY_VALIDATION})
    return picked


def _table(rows, methods):
    values, windows = {}, {}
    for row in rows + _picked_by_validation(rows):
        key = (f"{row['dataset']} / {row['track']}", row["rate"], row["method"])
        values.setdefault(key, []).append(row["accuracy"])
        windows.setdefault(key, []).append(row.get("window"))
    tasks = dict.fromkeys(f"{row['dataset']} / {row['track']}" for row in rows)
    lines = ["| task | rate | best baseline | " + " | ".join(methods) + " |", "|---|---|---|" + "---|" * len(methods)]
    summary = {name: [] for name in methods}
    for task in tasks:
        for rate in RATES:
            means = {m: np.mean(values[(task, rate, m)]) for m in BASELINES}
            best = best_baseline(means)
            tolerance = max(100 * np.std(values[(task, rate, best)], ddof=1), 0.5)
            cells = []
            for name in methods:
                margin = 100 * (np.mean(values[(task, rate, name)]) - means[best])
                summary[name].append((task, margin, tolerance))
                picks = [w for w in windows[(task, rate, name)] if w is not None]
                shown = f"{margin:+.2f}" + (" ✓" if margin >= -tolerance else "")
                if name in RULES and picks:
                    shown += " (k " + ", ".join(f"{w:g}" for w in picks) + ")"
                cells.append(shown)
            lines.append(f"| {task} | {rate:.0%} | {best} | " + " | ".join(cells) + " |")
    lines += ["", "| method | cells met | worst margin | mean margin, imbalanced and noisy |", "|---|---|---|---|"]
    fixed = [name for name in methods if name not in RULES and name != BY_VALIDATION]
    summary["best fixed in hindsight"] = [
        (task, max(summary[name][i][1] for name in fixed), tol)
        for i, (task, _, tol) in enumerate(summary[fixed[0]])]
    for name, margins in summary.items():
        met = sum(m >= -tol for _, m, tol in margins)
        shifted = np.mean([m for task, m, _ in margins if task.startswith(SHIFTED)])
        lines.append(f"| {name} | {met}/{len(margins)} | {min(m for _, m, _ in margins):+.2f} | {shifted:+.2f} |")
    return lines


def main():
    args = parse_args(__doc__, "docs/results/cutoff_study.md", lambda parser: parser.add_argument(
        "--tracks", nargs="+", default=["scratch", "finetune"]))
    extra = study_methods()
    tasks = tuple(task for task in DEV_TASKS if task[1] in args.tracks)
    names = tuple(name for name in extra if name not in RULES) + RULES
    config = dataclasses.replace(full_config(), tasks=tasks, seeds=DEV_SEEDS, rates=RATES,
                                 methods=BASELINES + names)
    rows = run_benchmark(config, cache_dir=args.cache, methods=extra)
    lines = ["# Choosing the cut-off k of the default", "",
             "Made by `python benchmarks/cutoff_study.py` on the development split (seeds "
             f"{', '.join(map(str, DEV_SEEDS))}): margin over the best baseline in points of test accuracy, "
             "mean over seeds, ✓ where at least minus the larger of that baseline's std and 0.5; after a "
             "rule, the k it picked per seed.", "",
             "| method | what it is |", "|---|---|",
             *(f"| {name} | {m.description} |" for name, m in extra.items()),
             "| nucs_coverage | the default: k by the ridge proxy |",
             "| nucs_gcov | coverage on the global scale, k by the ridge proxy |",
             "| nucs_coverage_rule | the default without features: k = default_window(rate) |", "",
             f"| {BY_VALIDATION} | the candidate of {', '.join(VALIDATION_CANDIDATES)} whose model had the best "
             "validation accuracy, per seed: the search `nucs_o_default` runs, read from those cells |", "",
             *_table(rows, (*names, BY_VALIDATION))]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
