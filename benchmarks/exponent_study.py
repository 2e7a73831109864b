"""Round eleven: softer class budgets (the ``exponent`` of ``S_j``) under today's default.

Usage::

    python benchmarks/exponent_study.py [--cache benchmarks/cache] [--out docs/results/exponent_study.md]
        [--parts dev report noise40 ... frozen]

The default's misses after ten rounds are mostly balanced data at 70 and
90% pruning, where the best baseline is class-agnostic (CCS or BWS). On
the quick demo's pool at 90% pruning the paper's budgets (``b_j ~ S_j
N_j``) keep 49 trousers and 391 shirts, CCS 65 and 290: the class counts
that CCS's water-filling implies are a softer function of the classes'
difficulty than the paper's proportionality. The candidates change only
that: today's default with ``b_j ~ S_j^gamma N_j`` for ``gamma`` = 0.75
(``nucs_exp75``) and 0.5 (``nucs_exp50``, the prototype's square root in
SPEC.md); ``gamma = 0`` (``nucs_exp0``, proportional budgets) is the other
end, reported to show what the budgets are worth. Judged as the earlier
rounds: the development split (seeds 0 and 1; cells met, then the worst
margin, then the mean margin on the imbalanced and noisy tasks), then the
parts that took no part in the choice (the report's seeds 2-4, the
held-out kinds of ``new_kinds.py``, the frozen ImageNet backbone). Each
part's table is the margin over the best baseline in points of test
accuracy (mean over seeds), ✓ where at least minus the larger of that
baseline's std and 0.5 point.

Round twelve made ``exponent="auto"`` the default (``balance_exponent_study.py``):
round eleven's default is now the benchmark's ``nucs_round11``, the
committed page's ``nucs`` column.
"""

from _output import publish
from _study_parts import held_out_section, part_sections, parse_study_args, study_parts
from analyze_results import BASELINES
from new_kinds import ROUND_EIGHT_KINDS

NAMES = ("nucs_round11", "nucs_exp75", "nucs_exp50", "nucs_exp0")
"""Round eleven's default (``exponent=1``; the committed page, made before round twelve, calls it ``nucs``),
the two candidates and proportional budgets."""
KINDS = ROUND_EIGHT_KINDS + ("noise50", "noise60", "noise30", "lt10_noise30")
"""Every held-out kind of ``new_kinds.py``."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, KINDS)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/exponent_study.md", known)
    lines = ["# Round eleven: softer class budgets", "",
             "Made by `python benchmarks/exponent_study.py`. `nucs_round11` is round eleven's default (budgets "
             "~ S_j N_j), "
             "`nucs_exp75` and `nucs_exp50` the same with budgets ~ S_j^0.75 N_j and ~ S_j^0.5 N_j, "
             "`nucs_exp0` with proportional budgets. Margins over the best baseline ("
             + ", ".join(BASELINES) + ") in points of test accuracy, mean over seeds; ✓ where at least minus "
             "the larger of that baseline's std and 0.5. The choice is made on `dev` (the most cells met, then "
             "the best worst margin, then the mean margin on the imbalanced and noisy tasks); the other parts "
             "took no part in it."]
    collected = {}
    lines += part_sections(known, args, collected)
    lines += held_out_section(collected, NAMES)
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
