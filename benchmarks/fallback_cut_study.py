"""Round twenty-two: where the score runs disagree, a fallback that keeps the sparse top of the scores out.

Usage::

    python benchmarks/fallback_cut_study.py [--cache benchmarks/cache]
        [--out docs/results/fallback_cut_study.md] [--parts digits_finetune ...]

Where the lead came from: round twenty-one's fallback (``runs_disagree=
"uniform"``: where the score runs disagree, budgets ``~ N_j`` and the
cut-off ``k = 1``) met more cells on the fine-tuned small pools of
Fashion-MNIST but cost the fine-tuned digits (3.63 points behind at 90%
pruning where round twenty was 0.44 behind; with 20% wrong labels 0.98
behind at 50% where it was 1.07 ahead). ``k = 1`` draws coverage's strata
up to each class's hardest row, and equal-width strata give the sparse top
of the scores, where wrong labels and spoilt images sit, as many rows as
the dense middle: the featureless default (round fourteen) leaves the top
5% out from 70% pruning on for that reason, and the noise cut (round ten)
lowers the cut-off when the noise filter left suspects out. The fallback
gave up both.

Two candidates, each today's default elsewhere (runs that agree, no
features; tests/test_score_agreement.py):

- ``nucs_fallback_cut`` (``runs_disagree="uniform_cut"``): the same
  fallback with its cut-off at the largest endpoint the search may choose,
  ``window_cap="auto"``'s :func:`~sknucs.featureless_window` (1 up to 60%
  pruning, 0.95 from 70%) lowered by the noise cut's bound ``1 -
  min(noise_rate_ / 4, 0.05)`` when suspects were left out.
- ``nucs_fallback_ranks`` (``runs_disagree="uniform_ranks"``): the same
  budgets and ``k = 1``, each class's budget spread evenly over its ranks
  (``sampling="stratified"``'s draw) in place of coverage's equal-width
  score strata: scores that are mostly noise then give a class's draw the
  mix of difficulty its rows have, close to class-balanced random among the
  rows the noise filter trusts, the baseline that wins most of these cells.

The seen parts (round twenty-one's study: its fresh kinds, the
disagreeing-runs check's parts, the README's parts with a disagreeing
task) run first and decide nothing.
"""

import dataclasses

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
import uniform_fallback_study

NAMES = ("nucs_round21", "nucs_fallback_cut", "nucs_fallback_ranks")
"""Today's default (written out) and the two candidates."""
SEEN = tuple(uniform_fallback_study.parts())
"""Round twenty-one's parts, every one seen."""


def parts():
    """name -> (what it is, BenchmarkConfig): the seen parts of round twenty-one."""
    return {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in uniform_fallback_study.parts().items()}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/fallback_cut_study.md", known)
    lines = ["# Round twenty-two: two fallbacks where the score runs disagree", "",
             "Made by `python benchmarks/fallback_cut_study.py`. `nucs_round21` is today's default, "
             "`nucs_fallback_cut` and `nucs_fallback_ranks` the candidates (`runs_disagree=\"uniform_cut\"`, "
             "`\"uniform_ranks\"`). " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected)
    groups = {"seen: round twenty-one's fresh kinds": tuple(uniform_fallback_study.FRESH_KINDS),
              "seen: the parts of disagreeing_runs_check.py": uniform_fallback_study.CHECKED,
              "of the README's 230 cells, the parts with a disagreeing task": uniform_fallback_study.IN_README_TABLE}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
