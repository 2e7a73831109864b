"""Round thirteen: the cut-off of the default when ``fit`` gets no features.

Usage::

    python benchmarks/featureless_study.py [--cache benchmarks/cache]
        [--out docs/results/featureless_study.md] [--parts dev report tops ... frozen]

The usage line, ``NUCSSelector(rate).fit(scores, y)``, gives the default no
features: no noise filter, no search, and the cut-off ``k`` of
:func:`sknucs.default_window` (1, 1, 0.9, 0.8 at 30, 50, 70, 90% pruning).
That rule was read off the paper's contiguous window; the default samples
coverage strata below ``k`` instead, and with features its ridge search
stopped at its cap, ``default_window(rate) + 0.15`` (1 up to 70%, 0.95 at
90%), in 197 of 210 fits of round twelve's run (docs/window.md). The
candidate, ``nucs_nofeat_cap``, takes that cap as the featureless cut-off;
``nucs_nofeat`` is today's featureless default; ``nucs`` (with features) is
beside them for reference. The two featureless columns differ at 70 and
90% only (at 50% both keep ``k = 1``), so every part runs 70 and 90%.

Rule, written before the run: the candidate replaces today's featureless
cut-off if, on the development split, it meets more cells than
``nucs_nofeat``, or as many with a worst margin at least as high. The
held-out parts are reported whichever way it goes.
"""

from _output import publish
from _study_parts import (draw_margin_pairs, figure_lines, held_out_section, part_sections, parse_study_args,
                          study_parts)
from analyze_results import BASELINES
from balance_exponent_study import NEW_KINDS, OLDER_KINDS

NAMES = ("nucs_nofeat", "nucs_nofeat_cap", "nucs")
"""Today's default without features, the candidate (cut-off at the cap), and today's default with features."""
RATES = (0.7, 0.9)
"""The rates where the two featureless cut-offs differ."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, NEW_KINDS + OLDER_KINDS, rates=RATES)


LABEL_NOISE = ("noisy", "asym")
"""A task whose data set's name holds one of these has wrong labels in its pool."""


def cut_off_points(collected, names=("nucs_nofeat", "nucs_nofeat_cap"), words=LABEL_NOISE):
    """(margin of ``names[0]``, of ``names[1]``) of every cell: those whose task names none of ``words``, the rest.

    By default round twelve's featureless margin and the candidate's, on clean labels and on wrong labels.
    """
    clean, noisy = [], []
    for cells in collected.values():
        for (task, _), (_, per) in cells.items():
            point = (per[names[0]][0], per[names[1]][0])
            (noisy if any(word in task.split(" /")[0] for word in words) else clean).append(point)
    return clean, noisy


def draw_cut_offs(collected, path, names=("nucs_nofeat", "nucs_nofeat_cap"), words=LABEL_NOISE,
                  labels=("without features, cut-off default_window(rate): margin (points)",
                          "without features, cut-off at the cap: margin (points)"), noisy="wrong labels"):
    """One featureless cut-off's margin against another's, one point per cell; clean labels or ``noisy``."""
    clean, rest = cut_off_points(collected, names, words)
    draw_margin_pairs([(clean, "#00441b", "o", "clean labels"), (rest, "#d62728", "^", noisy)], labels, path)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/featureless_study.md", known)
    lines = ["# Round thirteen: the default's cut-off without features", "",
             "Made by `python benchmarks/featureless_study.py`. `nucs_nofeat` is the default fitted without "
             "features (`fit(scores, y)`: cut-off `default_window(rate)`, 0.9 at 70% and 0.8 at 90%), "
             "`nucs_nofeat_cap` the candidate (cut-off `default_window(rate) + 0.15`: 1 at 70%, 0.95 at 90%), "
             "`nucs` the default with features. Margins over the best baseline (" + ", ".join(BASELINES)
             + ") in points of test accuracy, mean over seeds; ✓ where at least minus the larger of that "
             "baseline's std and 0.5. 70 and 90% pruning only: at 50% the two featureless cut-offs are both 1."]
    collected = {}
    lines += part_sections(known, args, collected)
    lines += held_out_section(collected, NAMES)
    lines += figure_lines(args.out, collected, draw_cut_offs, "The two featureless cut-offs, margin per cell")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
