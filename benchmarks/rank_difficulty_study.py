"""Round twenty-four: the class difficulty on percentile ranks where the scores tie at their lowest.

Usage::

    python benchmarks/rank_difficulty_study.py [--cache benchmarks/cache]
        [--out docs/results/rank_difficulty_study.md] [--threads 1]

``score_kinds_check.py`` fed the default forgetting events (over the
scoring runs' two epochs: 0 for about 80% of the rows) and it met 5 of 15
cells, 12 points behind CCS on the frozen backbone at every rate: two
classes of mostly zeros had a winsorized mean score of 0, so NUCS's budgets
``b_j ~ S_j^g N_j`` gave each of them one row of 2,250. The candidate
(``nucs_rank_difficulty``, ``difficulty_on="auto"``; today's default since
the round took it, where ``nucs_round23`` is the default it ran against) averages the scores'
global percentile ranks instead (ties at their mean rank, in (0, 1]) where
at least half of some class's rows share the pool's lowest score: those
rows the scores cannot tell apart, and their class's mean would rest on its
few other rows. Everything else is today's default.

Three parts:

- *The README's tasks.* On each of the 60 tasks of the README's table
  (their cached EL2N scores), whether the candidate's condition holds:
  where it does not, the candidate keeps today's coresets, so the README's
  table stands for it.
- *Seen*: the five tasks of ``score_kinds_check.py`` with forgetting events
  (seeds 0-1, 50/70/90%), on which the candidate was made.
- *Fresh*: forgetting events on six tasks no run has fed them: the step
  imbalance of ratio 10 and scikit-learn's digits from scratch, the
  fine-tune track (its two tasks), the ratio-100 long tail and the four
  look-alike garments on the frozen backbone; seeds 0-1, 50/70/90%.

The rule, written before any cell of the candidate or of the fresh tasks
ran: the candidate is taken if, on the fresh cells, it meets more of them
than today's default by the issue's rule (at least the best baseline minus
the larger of its std over seeds and 0.5 point), or as many with a worst
margin at least as high; and the README's tasks show whether the table
stands (if the condition holds on one, the table's cells of that task are
not today's coresets under the candidate, and the page says so).
"""

import dataclasses

import numpy as np

from sknucs._selector import _lowest_score_holds_half_a_class
from sknucs._labels import encode_labels
from sknucs.benchmark import full_config, run_benchmark

from _ablation import parse_args
from _output import publish
from _readme_tasks import readme_tasks
from analyze_results import BASELINES
from choose_default import RATES
from score_kinds_check import TASKS as SEEN_TASKS, cell_lines

SEEDS = (0, 1)
FRESH_TASKS = (("fmnist_step", "scratch"), ("digits", "scratch"), ("fmnist", "finetune"),
               ("fmnist_lt", "backbone_frozen"), ("fmnist_tops", "backbone_frozen"))
"""Five task kinds, six tasks (the fine-tune track has two), that no run has fed forgetting events."""
METHODS = ("nucs_round23", "nucs_rank_difficulty")
"""Round twenty-three's default (the difficulty on the scores, the default when the round ran) and the candidate."""


def forgetting_config(tasks):
    """The full preset on ``tasks``, seeds 0-1, with forgetting events as the scores."""
    full = full_config()
    return dataclasses.replace(full, tasks=tasks, seeds=SEEDS, rates=RATES, methods=BASELINES + METHODS,
                               scoring=dataclasses.replace(full.scoring, score="forgetting"))


def condition_holds(scores, labels):
    """The candidate's condition on one task: at least half of some class's rows at the pool's lowest mean score."""
    classes, codes = encode_labels(labels)
    return _lowest_score_holds_half_a_class(np.asarray(scores, dtype=float).mean(axis=1), codes,
                                            np.bincount(codes, minlength=classes.size))


def readme_lines(cache):
    """Table lines of the README's tasks on which the condition holds, and how many tasks were read."""
    holds, n_tasks = [], 0
    for part, task, context in readme_tasks(cache):
        n_tasks += 1
        if condition_holds(context.scores, task.y_pool):
            holds.append(f"| {part} | {task.key} |")
    return holds, n_tasks


def taken(fresh):
    """The rule: more fresh cells met than today's default, or as many with a worst margin at least as high."""
    def summary(name):
        return sum(ok for _, ok in fresh[name]), min(m for m, _ in fresh[name])

    (met, worst), (met_today, worst_today) = summary("nucs_rank_difficulty"), summary("nucs_round23")
    return met > met_today or (met == met_today and worst >= worst_today)


def main():
    args = parse_args(__doc__, "docs/results/rank_difficulty_study.md")
    holds, n_tasks = readme_lines(args.cache)
    lines = ["| part | task | rate | best baseline | " + " | ".join(METHODS) + " |",
             "|---|---|---|---|" + "---|" * len(METHODS)]
    summaries = {}
    for part, tasks in (("seen", SEEN_TASKS), ("fresh", FRESH_TASKS)):
        part_lines, summaries[part] = cell_lines(part, run_benchmark(forgetting_config(tasks), cache_dir=args.cache),
                                                 METHODS)
        lines += part_lines
    summary = ["| part | method | cells met | worst margin | mean margin |", "|---|---|---|---|---|"]
    for part, met in summaries.items():
        for name, cells in met.items():
            values = [m for m, _ in cells]
            summary.append(f"| {part} | {name} | {sum(ok for _, ok in cells)}/{len(cells)} | {min(values):+.2f} | "
                           f"{np.mean(values):+.2f} |")
    verdict = "taken" if taken(summaries["fresh"]) else "not taken"
    page = ["# Round twenty-four: the class difficulty on ranks where the scores tie at their lowest", "",
            "Made by `python benchmarks/rank_difficulty_study.py`: forgetting events (over the scoring runs' two "
            "epochs) as every selector's scores; margin over the best baseline (" + ", ".join(BASELINES)
            + ") in points of test accuracy, mean over seeds 0 and 1; ✓ where at least minus the larger of that "
            "baseline's std and 0.5 point. `nucs_round23`: the default when the round ran (the difficulty on the "
            "scores, `difficulty_on=\"scores\"`); `nucs_rank_difficulty`: the candidate (`difficulty_on=\"auto\"`, "
            "today's default since).", "",
            f"**By the rule, written before the cells ran: {verdict}.**", "",
            f"The README's tasks where the candidate's condition holds (at least half of some class's rows at the "
            f"pool's lowest EL2N): {len(holds)} of {n_tasks}"
            + (": on every one the candidate keeps today's coresets, so the README's table stands for it."
               if not holds else ":"),
            "", *(["| part | task |", "|---|---|", *holds, ""] if holds else []),
            *summary, "", *lines]
    publish("\n".join(page) + "\n", args.out)


if __name__ == "__main__":
    main()
