"""Round twelve: the paper's exponent on imbalanced classes, a softer one on balanced classes.

Usage::

    python benchmarks/balance_exponent_study.py [--cache benchmarks/cache]
        [--out docs/results/balance_exponent_study.md] [--parts dev report tops ... frozen]

Round eleven (``exponent_study.py``) measured budgets ``~ S_j^gamma N_j``
under the default: ``gamma = 0.75`` met four held-out cells more than the
paper's 1 (81 of 87), all of them on balanced or noisy data, and lost
margin on every long tail, where the paper's budgets won by the widest
margins; on the development split it missed one cell (a long tail). The
reading: with balanced classes a class's difficulty is its own (T-shirts
and shirts look alike) and budgets linear in it starve the easy classes;
with imbalanced classes the hard classes are the rare ones, and the
paper's budgets are what rebalances them. Round twelve's default,
``exponent="auto"``, takes 0.75 when the largest class has at most twice the
rows of the smallest (the rule ``window_scale="auto"`` already used) and 1
otherwise. On every task it is one of round eleven's two columns, so this
script runs them beside it (``nucs_round11``: round eleven's default,
``exponent=1``; ``nucs_exp75``) and checks that ``nucs`` matches one of
them cell by cell.

Parts: the development split (seeds 0 and 1, where the earlier rounds
chose), the report's seeds 2-4, the four kinds of ``new_kinds.py`` added in
round twelve before this candidate was written (``tops``, ``tops_finetune``,
``step5``, ``asym20``), every older held-out kind and the frozen ImageNet
backbone (round eleven's page has those cells from another machine).
"""

from _output import publish
from _study_parts import (draw_margin_pairs, figure_lines, held_out_section, part_sections, parse_study_args,
                          study_parts)
from analyze_results import BASELINES
from new_kinds import ROUND_EIGHT_KINDS

NAMES = ("nucs", "nucs_round11", "nucs_exp75")
"""Round twelve's default (``exponent="auto"``), round eleven's (``exponent=1``), and ``exponent=0.75``."""
NEW_KINDS = ("tops", "tops_finetune", "step5", "asym20")
"""The kinds added in round twelve, run before the candidate was written."""
OLDER_KINDS = ROUND_EIGHT_KINDS + ("noise50", "noise60", "noise30", "lt10_noise30")
"""The held-out kinds of the earlier rounds (seen by round eleven)."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, NEW_KINDS + OLDER_KINDS)


def same_as_one_of_the_others(collected):
    """Lines naming every cell where ``nucs`` matches neither ``nucs_round11`` nor ``nucs_exp75`` (none expected)."""
    lines = []
    for part, cells in collected.items():
        for (task, rate), (_, per) in cells.items():
            if all(abs(per["nucs"][0] - per[other][0]) > 1e-9 for other in NAMES[1:]):
                lines.append(f"- {part}, {task}, {rate:.0%}: nucs {per['nucs'][0]:+.2f}, "
                             + ", ".join(f"{other} {per[other][0]:+.2f}" for other in NAMES[1:]))
    return lines


def margin_points(collected):
    """(round eleven's margin, round twelve's) of every cell: those where the two are one selector, the others."""
    same, moved = [], []
    for cells in collected.values():
        for _, per in cells.values():
            point = (per["nucs_round11"][0], per["nucs"][0])
            (same if abs(per["nucs"][0] - per["nucs_round11"][0]) <= 1e-9 else moved).append(point)
    return same, moved


def draw_margins(collected, path):
    """Round twelve's margin against round eleven's, one point per cell, balanced or not; saved to ``path``.

    A cell where the default took the paper's exponent (imbalanced classes) lies on the diagonal; one
    where it took 0.75 (balanced classes) lies above it where the change gained, below where it lost.
    """
    same, moved = margin_points(collected)
    draw_margin_pairs([(same, "#4b0082", "o", "imbalanced classes: the paper's exponent"),
                       (moved, "#d62728", "^", "balanced classes: exponent 0.75")],
                      ("round eleven's default: margin over the best baseline (points)",
                       "round twelve's default: margin (points)"), path)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/balance_exponent_study.md", known)
    lines = ["# Round twelve: the paper's exponent on imbalanced classes, 0.75 on balanced ones", "",
             "Made by `python benchmarks/balance_exponent_study.py`. `nucs` is round twelve's default "
             "(`exponent=\"auto\"`: budgets ~ S_j^0.75 N_j when the largest class has at most twice the rows of "
             "the smallest, ~ S_j N_j otherwise), `nucs_round11` round eleven's (`exponent=1`), `nucs_exp75` "
             "the same with `exponent=0.75`. Margins over the best baseline (" + ", ".join(BASELINES)
             + ") in points of test accuracy, mean over seeds; ✓ where at least minus the larger of that "
             "baseline's std and 0.5."]
    collected = {}
    lines += part_sections(known, args, collected)
    lines += held_out_section(collected, NAMES)
    mismatches = same_as_one_of_the_others(collected)
    lines += ["", "## Check", "", "`nucs` equals `nucs_round11` or `nucs_exp75` in every cell: "
              + ("yes." if not mismatches else "no, in these cells:"), *mismatches]
    lines += figure_lines(args.out, collected, draw_margins, "Round twelve's margin against round eleven's, per cell")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
