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
task) ran first and decide nothing: ``nucs_fallback_cut`` met 48 of the
check's 60 cells against today's 55 (worst -3.30 against -3.63; it mended
the digits at 90% but lost on the Fashion-MNIST small pools), so it is not
the candidate; ``nucs_fallback_ranks`` met 55 (worst -3.07, mean +2.32
against +2.14), 23 of round twenty-one's 24 fresh cells as today's (worst
-0.99 against -1.14) and 17 of the README's 18 cells with a disagreeing
task against 16 (worst -2.41 against -3.63).

Rule, written after the seen parts and before any cell of the fresh kinds
ran: on the five kinds below that no study has run (:data:`FRESH_KINDS`,
seeds 0-4, 50, 70 and 90%), ``nucs_fallback_ranks`` replaces today's
default if it meets at least as many cells with a worst margin at least as
high. ``nucs_fallback_cut`` runs there too and decides nothing. If no
fresh task's runs disagree, the round is inconclusive.
"""

import dataclasses

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, kind_parts, part_sections, parse_study_args
from analyze_results import BASELINES
from score_agreement_study import agreement_lines, task_agreements
import uniform_fallback_study

NAMES = ("nucs_round21", "nucs_fallback_cut", "nucs_fallback_ranks")
"""Today's default (written out) and the two candidates."""
SEEDS = (0, 1, 2, 3, 4)
FRESH_KINDS = {
    "digits_split1_finetune": ("scikit-learn digits, another split and source model (data_seed=1), fine-tuned",
                               (("digits", "finetune"),), {"data_seed": 1}),
    "digits_noise10_finetune": ("scikit-learn digits with 10% wrong labels, fine-tuned",
                                (("digits_noisy", "finetune"),), {"noise_rate": 0.1}),
    "confusion20_small_finetune": ("20% of a target pool of 450 images labelled as the class a reference "
                                   "classifier confuses them with, fine-tuned", (("fmnist_confusion", "finetune"),),
                                   {"finetune_pool_size": 500}),
    "lt5_small_finetune": ("a long tail of ratio 5 on a target pool of 900 images, fine-tuned",
                           (("fmnist_lt", "finetune"),), {"finetune_pool_size": 1000, "imbalance_ratio": 5.0}),
    "ft200": ("a target pool of 1,000 images (200 a class), fine-tuned", (("fmnist", "finetune"),),
              {"finetune_pool_size": 1111}),
}
"""Kinds no study has run (what it is, tasks, changes to the full preset), seeds 0-4."""
SEEN = tuple(uniform_fallback_study.parts())
"""Round twenty-one's parts, every one seen."""


def parts():
    """name -> (what it is, BenchmarkConfig): the fresh kinds, then the seen parts of round twenty-one."""
    return {**kind_parts(FRESH_KINDS, SEEDS, BASELINES + NAMES),
            **{name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
               for name, (text, config) in uniform_fallback_study.parts().items()}}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/fallback_cut_study.md", known)
    lines = ["# Round twenty-two: two fallbacks where the score runs disagree", "",
             "Made by `python benchmarks/fallback_cut_study.py`. `nucs_round21` is today's default, "
             "`nucs_fallback_cut` and `nucs_fallback_ranks` the candidates (`runs_disagree=\"uniform_cut\"`, "
             "`\"uniform_ranks\"`). " + MARGIN_LEGEND, "",
             "## The score runs' agreement in each fresh task", "",
             *agreement_lines({name: task_agreements(known[name][1], args.cache)
                               for name in args.parts if name in FRESH_KINDS})]
    collected = {}
    lines += part_sections(known, args, collected)
    groups = {"the fresh kinds (decide)": tuple(FRESH_KINDS),
              "seen: round twenty-one's fresh kinds": tuple(uniform_fallback_study.FRESH_KINDS),
              "seen: the parts of disagreeing_runs_check.py": uniform_fallback_study.CHECKED,
              "of the README's 230 cells, the parts with a disagreeing task": uniform_fallback_study.IN_README_TABLE}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
