"""Round fifteen: the featureless cut-off at 50% pruning.

Usage::

    python benchmarks/featureless_half_study.py [--cache benchmarks/cache]
        [--out docs/results/featureless_half_study.md] [--parts dev report tops ... frozen]

Round fourteen (``featureless_cut_study.py``) left each class's hardest 5%
out of the featureless default from 70% pruning on, where keeping the
sparse top of the scores had cost the most, and kept ``k = 1`` up to 60%:
no featureless study had run 50% (every earlier candidate kept 1 there).
The candidate, ``nucs_nofeat_95_50``, cuts at 0.95 from 50% on
(``min(1, max(0.95, 1.2 - rate / 2))``: 1 up to 40%, 0.975 at 45%);
``nucs_nofeat_95`` is today's featureless default, ``nucs`` the default
with features. They differ at 50% only among the benchmark's rates, so
every part runs 50%.

Rule, written before the run: the candidate replaces today's featureless
cut-off if, on the development split, it meets more cells than
``nucs_nofeat_95``, or as many with a worst margin at least as high. The
held-out parts are reported whichever way it goes.
"""

import featureless_study
from _output import publish
from _study_parts import figure_lines, held_out_section, part_sections, parse_study_args, study_parts
from analyze_results import BASELINES
from balance_exponent_study import NEW_KINDS, OLDER_KINDS
from featureless_cut_study import NOT_CLEAN, POLLUTED_KINDS

NAMES = ("nucs_nofeat_95", "nucs_nofeat_95_50", "nucs")
"""Today's default without features, the candidate (0.95 from 50% on), the default with features."""
RATES = (0.5,)
"""The benchmark's rate where the two featureless cut-offs differ."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, NEW_KINDS + OLDER_KINDS + POLLUTED_KINDS, rates=RATES)


def draw_cut_offs(collected, path):
    """The candidate's margin against today's featureless default, one point per cell; clean or not."""
    featureless_study.draw_cut_offs(
        collected, path, NAMES[:2], NOT_CLEAN,
        ("without features, cut-off 1 at 50% (today): margin (points)",
         "without features, cut-off 0.95 at 50%: margin (points)"), "wrong labels or polluted rows")


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/featureless_half_study.md", known)
    lines = ["# Round fifteen: the featureless cut-off at 50% pruning", "",
             "Made by `python benchmarks/featureless_half_study.py`. `nucs_nofeat_95` is the default fitted without "
             "features (`fit(scores, y)`: cut-off 1 at 50%), `nucs_nofeat_95_50` the candidate (0.95 at 50%), "
             "`nucs` the default with features. Margins over the best baseline (" + ", ".join(BASELINES)
             + ") in points of test accuracy, mean over seeds; ✓ where at least minus the larger of that "
             "baseline's std and 0.5. 50% pruning only: at 70 and 90% the two featureless cut-offs are both 0.95."]
    collected = {}
    lines += part_sections(known, args, collected)
    lines += held_out_section(collected, NAMES)
    lines += figure_lines(args.out, collected, draw_cut_offs, "Without features at 50%: the candidate's margin "
                          "against today's, per cell")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
