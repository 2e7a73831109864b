"""Round seven, a candidate: today's default with a floor on each class's budget.

Usage::

    python benchmarks/share_floor_study.py [--cache benchmarks/cache] [--out docs/results/share_floor_study.md]
        [--parts dev report noise40 ... frozen]

The default's misses are mostly balanced data at 90% pruning, where the
paper's budgets (``~ S_j N_j``) give the easy classes a small share: on
balanced Fashion-MNIST the trousers keep a few percent of their rows. The
candidate, ``nucs_share_floor``, is round six's default (``nucs_round6``) with
``min_share=0.5``: no class below half of its proportional share. The first
round tried the same floor on coverage alone (``nucs_cov_floor``, 19 of 24
development cells); this is it on top of the noise filter, the cap and the
noise cut. Judged as the earlier rounds: the development split (seeds 0
and 1; cells met, then the worst margin, then the mean margin on the
imbalanced and noisy tasks), then the parts that took no part in the
choice. Each part's table is the margin over the best baseline in points
of test accuracy (mean over seeds), ✓ where at least minus the larger of
that baseline's std and 0.5 point.
"""

from _output import publish
from _study_parts import part_sections, parse_study_args, study_parts
from analyze_results import BASELINES
from new_kinds import ROUND_EIGHT_KINDS

NAMES = ("nucs_round6", "nucs_share_floor")
"""Today's default (round six's) and round seven's candidate."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs.

    The development split, the report, the twelve kinds of ``new_kinds.py`` up to round eight and
    the frozen ImageNet backbone.
    """
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, ROUND_EIGHT_KINDS)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/share_floor_study.md", known)
    lines = ["# Round seven, a candidate: a floor on each class's budget", "",
             "Made by `python benchmarks/share_floor_study.py`. `nucs_round6` is the default of round six, "
             "`nucs_share_floor` the same with `min_share=0.5`. Margins over the best baseline ("
             + ", ".join(BASELINES) + ") in points of test accuracy, mean over seeds; ✓ where at least minus "
             "the larger of that baseline's std and 0.5. The choice is made on `dev` (the most cells met, then "
             "the best worst margin, then the mean margin on the imbalanced and noisy tasks); the other parts "
             "took no part in it."]
    lines += part_sections(known, args)
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
