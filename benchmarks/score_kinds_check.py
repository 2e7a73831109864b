"""The default fed other difficulty scores than EL2N: AUM and forgetting events (a check, no round).

Usage::

    python benchmarks/score_kinds_check.py [--cache benchmarks/cache] [--out docs/results/score_kinds_check.md]
        [--scores el2n aum forgetting] [--threads 1]

Every table of the benchmark gives the selectors EL2N, and every rule of
the default was chosen on it; a user may score with the extractor's other
scores. This runs the benchmark's full recipes (its pools, models and
baselines) on five tasks with the scores swapped, the scoring runs and
features otherwise the same (three runs of two epochs, the penultimate
layer): Fashion-MNIST balanced, long-tailed (ratio 100) and with 20% wrong
labels from scratch, and balanced and with 20% wrong labels on the frozen
ImageNet backbone; seeds 0 and 1, 50/70/90% pruning. The scores, as
``ScoringRecipe(score=...)`` gives them to every selector, higher = harder:

- ``el2n``: the tables' score (their cells, from the cache);
- ``aum``: the area under the margin (Pleiss et al., 2020), as the
  percentile ranks of its negation, run by run (``ScoringRecipe``'s
  treatment of a score where higher means easier; a first run passed it
  negated, which NUCS refuses: negative scores have no difficulty budgets);
- ``forgetting``: forgetting events (Toneva et al., 2019) over the scoring
  runs' two epochs: 0 or 1 for a sample classified right at some step, 2
  for one never right, so most rows tie.

A second page (``--scores el2n loss --out docs/results/score_kinds_more.md``,
after round twenty-four, with its default; the same reading) feeds the
cross-entropy ``loss``, a score no rule here was chosen on. A third page
(``--scores el2n variability entropy grand --out
docs/results/score_kinds_third.md``, the twenty-fifth session, today's
default, the same reading, written before its cells ran) feeds the
variability of the label's probability over the epochs (Swayamdipta et
al., 2020; a first run was stopped for time), the entropy of the predicted
probabilities, and GraNd (the norm of the loss's gradient on the last
layer, Paul et al., 2021), none of which a rule here was chosen on.
Outcome: the entropy carries over (13 of 15 cells, worst -0.61); GraNd
misses the reading by 0.06 point (12, worst -1.82, at 90%); the
variability does not (11, worst -0.99), and with it the hardest rows
(``el2n_hardest``) were the best baseline in every cell.

The reading, written before the cells ran (a check: it changes no rule of
the default, it says what the docs tell a user): per score, the default's
cells met by the issue's rule (at least the best baseline minus the larger
of its std over seeds and 0.5 point) out of the 15, its worst and mean
margin. The default *carries over* to a score if it meets at least as many
cells as with EL2N minus 2, with a worst margin no more than 1 point below
EL2N's; otherwise the guide says that the default was chosen on EL2N and
falls behind with that score, and by how much.
"""

import dataclasses

import numpy as np

from sknucs.benchmark import ScoringRecipe, full_config, run_benchmark

from _ablation import parse_args
from _output import publish
from analyze_results import BASELINES
from choose_default import RATES, margins

SEEDS = (0, 1)
TASKS = (("fmnist", "scratch"), ("fmnist_lt", "scratch"), ("fmnist_noisy", "scratch"),
         ("fmnist", "backbone_frozen"), ("fmnist_noisy", "backbone_frozen"))
METHODS = ("nucs", "nucs_paper")
SCORES = ("el2n", "aum", "forgetting", "loss", "variability", "entropy", "grand")
"""The scores the check can feed; the first page ran the first three (``--scores`` default)."""
FIRST_PAGE = ("el2n", "aum", "forgetting")


def score_config(score):
    """The full preset on :data:`TASKS`, seeds 0-1, with its scoring recipe's score swapped for ``score``."""
    full = full_config()
    return dataclasses.replace(full, tasks=TASKS, seeds=SEEDS, rates=RATES, methods=BASELINES + METHODS,
                               scoring=dataclasses.replace(full.scoring, score=score))


def cell_lines(label, rows, methods=METHODS):
    """Table lines of one run's cells (``label`` first), and each method's (margin, met) per cell."""
    lines, met = [], {name: [] for name in methods}
    for (task, rate), (best, per) in margins(rows, methods).items():
        cells = []
        for name in methods:
            margin, tolerance = per[name]
            met[name].append((margin, margin >= -tolerance))
            cells.append(f"{margin:+.2f}" + (" ✓" if margin >= -tolerance else ""))
        lines.append(f"| {label} | {task} | {rate:.0%} | {best} | " + " | ".join(cells) + " |")
    return lines, met


def carries_over(cells, reference):
    """The reading: at least EL2N's cells met minus 2, worst margin no more than 1 point below EL2N's."""
    return (sum(ok for _, ok in cells) >= sum(ok for _, ok in reference) - 2
            and min(m for m, _ in cells) >= min(m for m, _ in reference) - 1.0)


def main():
    args = parse_args(__doc__, "docs/results/score_kinds_check.md", lambda parser: parser.add_argument(
        "--scores", nargs="+", choices=SCORES, default=list(FIRST_PAGE)))
    if "el2n" not in args.scores:
        args.scores.insert(0, "el2n")  # the reference of the reading
    lines = ["| score | task | rate | best baseline | " + " | ".join(METHODS) + " |",
             "|---|---|---|---|" + "---|" * len(METHODS)]
    per_score = {}
    for score in args.scores:
        rows = run_benchmark(score_config(score), cache_dir=args.cache)
        score_lines, met = cell_lines(score, rows)
        lines, per_score[score] = lines + score_lines, met["nucs"]
    summary = ["| score | default's cells met | worst margin | mean margin | carries over (the reading) |",
               "|---|---|---|---|---|"]
    for score, cells in per_score.items():
        values = [m for m, _ in cells]
        verdict = "reference" if score == "el2n" else ("yes" if carries_over(cells, per_score["el2n"]) else "no")
        summary.append(f"| {score} | {sum(ok for _, ok in cells)}/{len(cells)} | {min(values):+.2f} | "
                       f"{np.mean(values):+.2f} | {verdict} |")
    page = ["# The default fed other scores than EL2N", "",
            "Made by `python benchmarks/score_kinds_check.py`: margin over the best baseline ("
            + ", ".join(BASELINES) + ") in points of test accuracy, mean over seeds 0 and 1; ✓ where at least "
            "minus the larger of that baseline's std and 0.5 point. Every selector, baselines included, "
            "receives the score of its row (AUM as the percentile ranks of its negation; forgetting over the scoring "
            "runs' two epochs).", "",
            *summary, "", *lines]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
