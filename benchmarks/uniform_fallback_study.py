"""Round twenty-one: where the score runs disagree, give up the budgets' difficulty and the cut-off too.

Usage::

    python benchmarks/uniform_fallback_study.py [--cache benchmarks/cache]
        [--out docs/results/uniform_fallback_study.md] [--parts ft45 ft100 ...]

Where the lead came from: ``disagreeing_runs_check.py`` (seen parts,
deciding nothing): on the ten fine-tuned small-pool parts whose score runs
disagree, today's default with budgets ``~ N_j`` and no cut-off
(``exponent=0, window=1``) met 55 of 60 cells against 46, 27 of round
twenty's 30 fresh fine-tuned cells against 21, but with a lower worst
margin (-3.63 against -2.75, the fine-tuned digits at 90%).

The candidate, ``nucs_round21``: today's default with
``runs_disagree="uniform"``, which does that only where
``score_agreement_ < easy_cut_agreement`` (0.3), and is today's default
elsewhere. On the check's parts it keeps ``nucs_uniform``'s coresets
(tests/test_score_agreement.py), so its cells there reuse those trainings.

Rule, written before any cell of the fresh kinds ran: on the four kinds
below that no study has run (:data:`FRESH_KINDS`, fine-tuned small pools,
seeds 0-4, 50, 70 and 90%), the candidate replaces today's default if it
meets at least as many cells with a worst margin at least as high. If no
fresh task's runs disagree, the round is inconclusive. The check's 60
seen cells are reported apart and do not decide.
"""

import dataclasses

from sknucs.benchmark import full_config

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
from choose_default import RATES
import disagreeing_runs_check
from score_agreement_study import agreement_lines, task_agreements

NAMES = ("nucs_round20", "nucs_round21")
"""Today's default (written out) and the candidate."""
SEEDS = (0, 1, 2, 3, 4)
FRESH_KINDS = {
    "ft45": ("a target pool of 225 images (45 a class), fine-tuned", (("fmnist", "finetune"),),
             {"finetune_pool_size": 250}),
    "ft100": ("a target pool of 500 images (100 a class), fine-tuned", (("fmnist", "finetune"),),
              {"finetune_pool_size": 556}),
    "step_small_finetune": ("a step imbalance (half of the classes at a tenth) on a target pool of 900 images, "
                            "fine-tuned", (("fmnist_step", "finetune"),), {"finetune_pool_size": 1000}),
    "noise10_small_finetune": ("10% wrong labels in a target pool of 450 images, fine-tuned",
                               (("fmnist_noisy", "finetune"),), {"finetune_pool_size": 500, "noise_rate": 0.1}),
}
"""Kinds no study has run (what it is, tasks, changes to the full preset), seeds 0-4."""


def parts():
    """name -> (what it is, BenchmarkConfig): the fresh kinds, then the check's seen parts."""
    fresh = {name: (text, dataclasses.replace(full_config(), tasks=tasks, seeds=SEEDS, rates=RATES,
                                              methods=BASELINES + NAMES, **changes))
             for name, (text, tasks, changes) in FRESH_KINDS.items()}
    seen = {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in disagreeing_runs_check.parts().items()}
    return {**fresh, **seen}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/uniform_fallback_study.md", known)
    fresh_run = [name for name in args.parts if name in FRESH_KINDS]
    lines = ["# Round twenty-one: no difficulty in the budgets and no cut-off where the score runs disagree", "",
             "Made by `python benchmarks/uniform_fallback_study.py`. `nucs_round20` is today's default, "
             "`nucs_round21` the candidate (`runs_disagree=\"uniform\"`). " + MARGIN_LEGEND, "",
             "## The score runs' agreement in each fresh task", "",
             *agreement_lines({name: task_agreements(known[name][1], args.cache) for name in fresh_run})]
    collected = {}
    lines += part_sections(known, args, collected)
    groups = {"the fresh kinds (decide)": tuple(FRESH_KINDS),
              "seen: the parts of disagreeing_runs_check.py (does not decide)":
                  tuple(name for name in known if name not in FRESH_KINDS)}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
