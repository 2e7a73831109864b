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
check's 60 cells against today's 55 (worst -3.30 against -3.63; it raised
the fine-tuned digits' worst cell to -0.98 but lost on the Fashion-MNIST
small pools), so it is not
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

Outcome: taken. Nine of the ten fresh tasks' runs disagreed (-0.07 to
0.27; the ratio-5 long tail's classes 5-9 agreed, 0.31, and kept round
twenty-one's coreset). On the 30 fresh cells ``nucs_fallback_ranks`` met
28 against round twenty-one's 24, worst -1.52 against -2.62, mean +0.31
against +0.03 (``nucs_fallback_cut``: 25, worst -3.04). Since round twenty-two the
default has ``runs_disagree="uniform_ranks"``. Of the README's 230 cells it
meets 204 (round twenty-one's default 203, round twenty's 205), worst
-3.11 (the digits on the frozen backbone at 90%) against -3.63.
"""

import dataclasses

from sknucs.benchmark import run_benchmark

from _output import publish
from _study_parts import (MARGIN_LEGEND, draw_margin_pairs, figure_lines, group_rows, group_sections, kind_parts,
                          part_sections, parse_study_args)
from analyze_results import BASELINES
from choose_default import margins
from easy_cut_study import README_ROWS
import easy_cut_ramp_study
import score_agreement_study
from score_agreement_study import agreement_lines, task_agreements
import small_pretrained_check
import uniform_fallback_study

NAMES = ("nucs_round21", "nucs_fallback_cut", "nucs_fallback_ranks")
"""Round twenty-one's default and the two candidates (the second taken, today's default written out)."""
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
README_NAMES = ("nucs_round20", "nucs_round21", "nucs_fallback_ranks")
"""The defaults of the README's table: rounds twenty, twenty-one and twenty-two (the candidate taken)."""
README_SMALL_ROWS = {"round eighteen's four small pools": tuple(easy_cut_ramp_study.SMALL_KINDS),
                     "the small pretrained check's two kinds": tuple(small_pretrained_check.KINDS),
                     "round twenty's six fresh kinds": tuple(score_agreement_study.FRESH_KINDS)}
"""The README's row of small pools outside its 230 cells."""
README_PARTS = frozenset(part for parts_ in {**README_ROWS, **README_SMALL_ROWS}.values() for part in parts_)
"""Every part of the README's table."""


def parts():
    """name -> (what it is, BenchmarkConfig): the fresh kinds, then the seen parts of round twenty-one."""
    return {**kind_parts(FRESH_KINDS, SEEDS, BASELINES + NAMES),
            **{name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
               for name, (text, config) in uniform_fallback_study.parts().items()}}


def readme_cells(collected, cache):
    """part -> cells of the README's parts with three defaults' margins: rounds twenty, twenty-one and twenty-two.

    Round twenty's is read as ``score_agreement_study.py`` reads it (composed from round sixteen's cells where
    the score runs disagree and round seventeen's elsewhere on the parts run before it; its own on its fresh
    kinds). Rounds twenty-one and twenty-two differ from it only on tasks whose runs disagree: a part with such a
    task takes their margins from this study's cells (``collected``), any other part round twenty's.
    """
    seen = score_agreement_study.seen_parts()
    agreements = {name: task_agreements(config, cache) for name, (_, config) in seen.items()}
    round20 = score_agreement_study.composed_cells(seen, cache, agreements)
    for name, (_, config) in score_agreement_study.parts().items():
        round20[name] = margins(run_benchmark(config, cache_dir=cache), ("nucs_round20",))
        agreements[name] = task_agreements(config, cache)
    cells = {}
    for part in README_PARTS:
        ran = collected.get(part)
        if ran is None and min(agreements[part].values()) < score_agreement_study.THRESHOLD:
            raise ValueError(f"{part}: a task whose score runs disagree, and this study did not run it")
        if ran is not None and ran.keys() != round20[part].keys():
            raise ValueError(f"{part}: this study's cells are not the README's")
        cells[part] = {key: (best, {"nucs_round20": per["nucs_round20"],
                                    **{name: (ran[key][1][name] if ran is not None else per["nucs_round20"])
                                       for name in README_NAMES[1:]}})
                       for key, (best, per) in round20[part].items()}
    return cells


def draw_ranks_against_coverage(collected, path):
    """The candidate taken against today's default, one point per cell: fresh kinds, seen parts."""
    points = {fresh: [(per["nucs_round21"][0], per["nucs_fallback_ranks"][0]) for part, cells in collected.items()
                      if (part in FRESH_KINDS) == fresh for _, per in cells.values()] for fresh in (True, False)}
    draw_margin_pairs([(points[False], "#7b3294", "o", "seen"), (points[True], "#b8441c", "^", "fresh kinds (decide)")],
                      ("round twenty-one (coverage): margin (points)",
                       "round twenty-two (ranks): margin (points)"), path)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/fallback_cut_study.md", known)
    lines = ["# Round twenty-two: two fallbacks where the score runs disagree", "",
             "Made by `python benchmarks/fallback_cut_study.py`. `nucs_round21` is round twenty-one's default, "
             "`nucs_fallback_cut` and `nucs_fallback_ranks` the candidates (`runs_disagree=\"uniform_cut\"`, "
             "`\"uniform_ranks\"`); `nucs_fallback_ranks` was taken and is today's default. " + MARGIN_LEGEND, "",
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
    if all(part in collected for part in uniform_fallback_study.IN_README_TABLE):
        readme = readme_cells(collected, args.cache)
        rows = {**README_ROWS, "every cell but the development split": tuple(
            part for members in README_ROWS.values() for part in members if not part.startswith("dev")),
                **README_SMALL_ROWS}
        lines += ["", "## By the README's rows (rounds twenty, twenty-one and twenty-two's defaults)", "",
                  *group_rows(readme, rows, README_NAMES)]
    lines += figure_lines(args.out, collected, draw_ranks_against_coverage,
                          "Round twenty-two's margin against round twenty-one's, one point per cell")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
