"""Where the score runs disagree: what else than the easy cut should the default give up? A check, no round.

Usage::

    python benchmarks/disagreeing_runs_check.py [--cache benchmarks/cache]
        [--out docs/results/disagreeing_runs_check.md] [--parts ft63 ft135 ...]

Since round twenty (``score_agreement_study.py``) the default drops its
easy cut where the three score runs barely agree on the order inside the
classes (``score_agreement_ < 0.3``): every fine-tuned small pool the
benchmark has. There it still missed 9 of round twenty's 30 fresh
fine-tuned cells, 22 of whose best baselines were random or class-balanced
random: with scores that are mostly noise, what the default still takes
from them (budgets that grow with a class's mean score, a searched
cut-off) may cost more than it gives. Two settings, run on the fine-tuned
small pools only (all below the threshold), seeds as their studies ran:

- ``nucs_flat``: today's default with budgets proportional to the class
  sizes (``exponent=0``);
- ``nucs_uniform``: that, and no cut-off (``window=1``): coverage over each
  class's whole range among the rows the noise filter trusts, close to
  class-balanced random without the rows whose labels the features
  contradict.

Every part here has been seen (round twenty's fresh kinds decided it, the
others led to it): this decides nothing. It says whether a later round
should try such a fallback, to be judged on kinds no study has run.

Outcome (seen, a lead): on the 60 cells ``nucs_uniform`` met 55 against
today's 46 (mean +2.14 against +2.00), 27 of round twenty's 30 fresh
fine-tuned cells against 21, but with a lower worst margin (-3.63 against
-2.75): it lost on the digits, fine-tuned at 90% (-3.63 against -0.44) and
with 20% wrong labels at 50% (-0.98 against +1.07), where the cut-off it
gives up kept out hard rows and wrong labels. ``nucs_flat`` alone changed
little (45 of 60). A later round might try giving up the easy cut and the
cut-off's search but not the noise cut, on fresh kinds.
"""

import dataclasses
import functools

from sknucs.benchmark._methods import Method, _nucs_today

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
import easy_cut_ramp_study
import score_agreement_study
import small_pretrained_check

FALLBACKS = {
    "nucs_flat": Method("nucs_flat", functools.partial(_nucs_today, exponent=0.0, runs_disagree="keep"),
                        description="check: today's default with budgets ~ N_j (exponent=0)"),
    "nucs_uniform": Method("nucs_uniform", functools.partial(_nucs_today, exponent=0.0, window=1.0),
                           description="check: today's default with budgets ~ N_j and no cut-off (window=1)"),
}
"""The two settings, for this page only."""
NAMES = ("nucs_round20",) + tuple(FALLBACKS)
"""Today's default (written out) and the two settings."""
FINE_TUNED_FRESH = ("ft63", "ft135", "tops_small_finetune", "pair20_small_finetune", "lt10_small_finetune")
"""Round twenty's fresh kinds that are fine-tuned (its pool from scratch agrees: left out)."""


def parts():
    """name -> (what it is, BenchmarkConfig): the fine-tuned small pools of rounds eighteen and twenty and the check."""
    fresh = score_agreement_study.parts()
    small = {**easy_cut_ramp_study.parts("nucs_ramp25"), **small_pretrained_check.parts()}
    chosen = {**{name: fresh[name] for name in FINE_TUNED_FRESH},
              **{name: small[name] for name in ("tiny_pool_finetune", "tiny_noise20_finetune",
                                                 "small_pool_finetune", "digits_finetune",
                                                 "digits_noise20_finetune")}}
    return {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in chosen.items()}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/disagreeing_runs_check.md", known)
    lines = ["# Where the score runs disagree: two fallbacks (a check, no round)", "",
             "Made by `python benchmarks/disagreeing_runs_check.py`. `nucs_round20` is today's default, "
             "`nucs_flat` the same with `exponent=0`, `nucs_uniform` with `exponent=0, window=1`. "
             "Every part is a fine-tuned small pool whose score runs disagree (round twenty). " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=FALLBACKS)
    groups = {"every part (seen)": tuple(known), "round twenty's fresh fine-tuned kinds": FINE_TUNED_FRESH}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
