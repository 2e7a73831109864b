"""Read a benchmark's results.csv and check the claims the issues make.

Writes a markdown page with up to four tables:

1. the target: at 50/70/90 % pruning, NUCS (ridge-chosen k) and each NUCS
   variant against the best baseline's mean, per task; NUCS-O against every
   method;
2. the same margins paired by seed (mean ± standard error of the per-seed
   differences), which separates a real gap from seed noise;

and, when the results hold NUCS-O cells:

3. the window choice: the k the ridge search picked, the k NUCS-O picked, and
   the test-accuracy gap between them (the window issue's quality target);
4. the default k: NUCS-O's validation accuracy for each k on its grid,
   averaged over tasks and seeds, per rate (the evidence for
   ``sknucs.default_window``).

Usage::

    python benchmarks/analyze_results.py docs/results/results.csv --out docs/results/analysis.md
"""

import argparse
import logging
from collections import defaultdict
from pathlib import Path

import numpy as np

from sknucs.benchmark import PRESETS
from sknucs.benchmark._report import read_csv, summarize

from _output import publish

BASELINES = ("random", "balanced_random", "el2n_hardest", "ccs", "moderate", "bws")
ORACLE = "nucs_o"
PAPER_METHODS = BASELINES + ("nucs_proportional", "nucs_paper")
"""The methods NUCS-O is compared with in the paper's sense: baselines, the proportional ablation, NUCS."""
TARGET_RATES = (0.5, 0.7, 0.9)
SHIFTED = ("fmnist_lt", "fmnist_step", "fmnist_noisy", "fmnist_asym", "fmnist_pair", "fmnist_confusion",
           "fmnist_openset", "fmnist_occluded", "digits_noisy")
"""Task name prefixes of the imbalanced and noisy tasks (the robust-default issue's second target)."""


def read_cells(path):
    """Rows of results.csv as the benchmark wrote them (:func:`read_csv`), with a ``task`` key."""
    return [{**row, "task": f"{row['dataset']} / {row['track']}"} for row in read_csv(path)]


def nucs_methods(rows):
    """NUCS and its variants present in ``rows`` (NUCS-O aside): nucs, nucs_paper, nucs_proportional, then the rest."""
    found = dict.fromkeys(r["method"] for r in rows if r["method"].startswith("nucs") and r["method"] != ORACLE)
    return sorted(found, key=lambda m: (m != "nucs", m != "nucs_paper", m != "nucs_proportional"))


def scoring_note(rows):
    """A line for the page when the cells of one task saw different scores, or cannot be checked."""
    digests = defaultdict(set)
    unchecked = 0
    for row in rows:
        if row.get("scores_digest"):
            digests[row["task"]].add(row["scores_digest"])
        else:
            unchecked += 1
    mixed = sorted(task for task, seen in digests.items() if len(seen) > 1)
    notes = []
    if mixed:
        notes.append(f"Warning: the cells of {', '.join(mixed)} saw more than one set of scores "
                     "(cells computed on different machines); their margins compare selectors that saw "
                     "different scores.")
    if unchecked:
        notes.append(f"{unchecked} of {len(rows)} cells carry no scores digest (written before it was "
                     "recorded): whether they saw the same scores cannot be checked.")
    return " ".join(notes)


def best_baseline(means):
    """The baseline of highest mean in ``means`` (method -> mean accuracy)."""
    return max((m for m in BASELINES if m in means), key=means.get)


def accuracy_stats(rows):
    """(task, rate) -> method -> (mean, std) of test accuracy over seeds."""
    stats = defaultdict(dict)
    for (dataset, track, method, rate), (mean, std, _) in summarize(rows, "accuracy").items():
        stats[(f"{dataset} / {track}", rate)][method] = (mean, std)
    return dict(sorted(stats.items()))


def target_table(rows):
    """Per task and rate: best baseline, each NUCS method's margin, NUCS-O's margin."""
    methods = nucs_methods(rows)
    has_oracle = any(r["method"] == ORACLE for r in rows)
    oracle_columns = ["nucs_o vs baselines and nucs", "nucs_o vs every method"] if has_oracle else []
    lines = [
        "| task | rate | best baseline (mean ± std) | " + " | ".join(methods + oracle_columns) + " |",
        "|---|---|---|" + "---|" * (len(methods) + len(oracle_columns)),
    ]
    wins = {m: 0 for m in methods}
    met = {m: 0 for m in methods}
    shifted = {m: [] for m in methods}
    oracle_wins = {"paper": 0, "all": 0}
    n_rows = 0
    for (task, rate), stats in accuracy_stats(rows).items():
        if rate not in TARGET_RATES:
            continue
        group = {m: mean for m, (mean, _) in stats.items()}
        best_name = best_baseline(group)
        best = group[best_name]
        tolerance = max(100 * stats[best_name][1], 0.5)
        cells = []
        for method in methods:
            if method not in group:
                cells.append("-")
                continue
            margin = 100 * (group[method] - best)
            wins[method] += margin >= 0
            met[method] += margin >= -tolerance
            if task.startswith(SHIFTED):
                shifted[method].append(margin)
            cells.append(f"{margin:+.2f}" + (" ✓" if margin >= 0 else " ~" if margin >= -tolerance else ""))
        n_rows += 1
        for scope, names in (("paper", PAPER_METHODS), ("all", [m for m in group if m not in (ORACLE, "full")])):
            if not has_oracle:
                break
            others = {m: group[m] for m in names if m in group}
            if ORACLE not in group or not others:
                cells.append("-")
                continue
            rival = max(others, key=others.get)
            margin = 100 * (group[ORACLE] - others[rival])
            oracle_wins[scope] += margin >= 0
            cells.append(f"{margin:+.2f} (vs {rival})" + (" ✓" if margin >= 0 else ""))
        lines.append(f"| {task} | {rate:.0%} | {best_name} {best:.4f} ± {stats[best_name][1]:.4f} | "
                     + " | ".join(cells) + " |")
    summary = ", ".join(f"{m} {wins[m]}/{n_rows}" for m in methods)
    summary += ("; within the tolerance (the larger of the best baseline's std and 0.5 point): "
                + ", ".join(f"{m} {met[m]}/{n_rows}" for m in methods))
    if any(shifted.values()):
        summary += ("; mean margin on the imbalanced and noisy tasks: "
                    + ", ".join(f"{m} {np.mean(v):+.2f}" for m, v in shifted.items() if v))
    if has_oracle:
        summary += (f"; NUCS-O at or above the baselines and nucs {oracle_wins['paper']}/{n_rows}, "
                    f"at or above every method {oracle_wins['all']}/{n_rows}")
    return lines, summary


def paired_table(rows):
    """Per task and rate: each NUCS method minus the best baseline, paired by seed (mean ± standard error)."""
    methods = nucs_methods(rows)
    by_seed = defaultdict(dict)  # (task, rate, method) -> seed -> accuracy
    for r in rows:
        by_seed[(r["task"], r["rate"], r["method"])][r["seed"]] = r["accuracy"]
    lines = ["| task | rate | best baseline | " + " | ".join(methods) + " |",
             "|---|---|---|" + "---|" * len(methods)]
    for (task, rate), stats in accuracy_stats(rows).items():
        if rate not in TARGET_RATES:
            continue
        best = best_baseline({m: mean for m, (mean, _) in stats.items()})
        cells = []
        reference = by_seed[(task, rate, best)]
        for method in methods:
            values = by_seed[(task, rate, method)]
            seeds = sorted(values.keys() & reference.keys())
            if len(seeds) < 2:
                cells.append("-")
                continue
            diff = 100 * np.array([values[s] - reference[s] for s in seeds])
            cells.append(f"{diff.mean():+.2f} ± {diff.std(ddof=1) / np.sqrt(diff.size):.2f} "
                         f"({int((diff >= 0).sum())}/{diff.size})")
        lines.append(f"| {task} | {rate:.0%} | {best} | " + " | ".join(cells) + " |")
    return lines


def _windows(rows):
    return ", ".join(f"{row['window']:g}" for row in rows)


def window_table(rows):
    """Ridge-chosen k against NUCS-O's k, and the test-accuracy gap."""
    lines = ["| task | rate | ridge k (per seed) | NUCS-O k (per seed) | nucs_paper - nucs_o (points) |",
             "|---|---|---|---|---|"]
    cells = defaultdict(lambda: defaultdict(list))
    for row in sorted(rows, key=lambda r: r["seed"]):
        if row["method"] in ("nucs_paper", ORACLE):
            cells[(row["task"], row["rate"])][row["method"]].append(row)
    gaps = []
    for (task, rate), group in sorted(cells.items()):
        ridge, oracle = group.get("nucs_paper"), group.get(ORACLE)
        if not ridge or not oracle:
            continue
        gap = 100 * (np.mean([r["accuracy"] for r in ridge]) - np.mean([r["accuracy"] for r in oracle]))
        gaps.append(gap)
        lines.append(f"| {task} | {rate:.0%} | {_windows(ridge)} | "
                     f"{_windows(oracle)} | {gap:+.2f} |")
    within = sum(g >= -0.5 for g in gaps)
    return lines, f"{within} of {len(gaps)} cells within 0.5 points of NUCS-O"


def default_window_table(rows, grid):
    """NUCS-O's mean validation accuracy of each k, per rate."""
    by_rate = defaultdict(list)
    for row in rows:
        if row["method"] == ORACLE:
            by_rate[row["rate"]].append(row["oracle_values"])
    lines = ["| rate | " + " | ".join(f"k={k:g}" for k in grid) + " | best k |",
             "|---|" + "---|" * (len(grid) + 1)]
    for rate, values in sorted(by_rate.items()):
        mean = np.mean(values, axis=0)
        lines.append(f"| {rate:.0%} | " + " | ".join(f"{v:.4f}" for v in mean)
                     + f" | {grid[int(np.argmax(mean))]:g} |")
    return lines


def hindsight_table(rows, grid):
    """Per task and rate: the paper's window at the k of best mean *test* accuracy, against the best baseline.

    Read from the trainings NUCS-O already ran (``oracle_test_values``); choosing k on the test
    set makes it a bound on what any choice of k can reach, not a method.
    """
    per_k = defaultdict(list)
    for row in rows:
        if row["method"] == ORACLE and row["oracle_test_values"] is not None:
            per_k[(row["task"], row["rate"])].append(row["oracle_test_values"])
    stats = accuracy_stats(rows)
    lines = ["| task | rate | best k | its test accuracy | vs best baseline | vs nucs |", "|---|---|---|---|---|---|"]
    reached = 0
    for (task, rate), values in sorted(per_k.items()):
        if rate not in TARGET_RATES:
            continue
        mean = np.mean(values, axis=0)
        best_k = int(np.argmax(mean))
        group = {m: v[0] for m, v in stats[(task, rate)].items()}
        baseline = best_baseline(group)
        margin = 100 * (mean[best_k] - group[baseline])
        reached += margin >= 0
        lines.append(f"| {task} | {rate:.0%} | {grid[best_k]:g} | {mean[best_k]:.4f} | "
                     f"{margin:+.2f} (vs {baseline})" + (" ✓" if margin >= 0 else "")
                     + f" | {100 * (mean[best_k] - group['nucs']):+.2f} |")
    n_cells = len(lines) - 2
    return lines, f"{reached} of {n_cells} cells: the best k in hindsight at or above the best baseline"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--mode", choices=sorted(PRESETS), default="full",
                        help="preset that produced the cells (for NUCS-O's grid)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = read_cells(args.csv)
    target, summary = target_table(results)
    window, quality = window_table(results)
    grid = list(PRESETS[args.mode]().oracle_grid)
    has_oracle = any(row["method"] == ORACLE for row in results)
    page = "\n".join([
        "# What the benchmark shows", "",
        f"Made by `python benchmarks/analyze_results.py {args.csv}`."
        + (f" {note}" if (note := scoring_note(results)) else ""), "",
        "## The target: NUCS against the best baseline", "",
        "Test accuracy, mean over seeds; each NUCS column is its margin over the best baseline "
        "(random, class-balanced random, EL2N hardest, CCS, Moderate, BWS) in percentage "
        "points, ✓ where it is at or above, ~ where it is below by less than the larger of the best "
        "baseline's std over seeds and 0.5 point (the robust default's target); the std says how "
        "large a margin the noise alone makes."
        + (" The last two columns are NUCS-O's margin over the best of the methods the paper "
           "compares it with (the baselines, nucs_proportional and nucs), and over the best of "
           "every other method, the NUCS variants included." if has_oracle else ""), "",
        *target, "", f"At or above the best baseline: {summary}.", "",
        "## The same margins, paired by seed", "",
        "Each NUCS method minus the best baseline (by mean) on the same seed, in points: mean ± "
        "standard error over seeds, and on how many seeds it was at or above.", "",
        *paired_table(results), "",
    ])
    if has_oracle:
        hindsight, reached = hindsight_table(results, grid)
        hindsight_section = [
            "## The best k in hindsight", "",
            "The paper's method (budgets ~ S_j N_j, contiguous window) at the k whose models, "
            "trained by NUCS-O's search, had the best mean test accuracy over seeds. k is chosen "
            "on the test set, so this bounds what any choice of k can reach; it is not a method.", "",
            *hindsight, "", reached + ".", "",
        ] if len(hindsight) > 2 else []
        page += "\n".join([
            "", "## The window: ridge search against NUCS-O", "", *window, "", quality + ".", "",
            *hindsight_section,
            "## The default k: NUCS-O's validation accuracy per window endpoint", "",
            "Mean over tasks and seeds of the validation accuracy of the model trained on each "
            "window (paper budgets, contiguous window).", "",
            *default_window_table(results, grid), "",
        ])
    publish(page, args.out)


if __name__ == "__main__":
    main()
