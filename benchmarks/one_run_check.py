"""With features and one score column: what the default loses without the runs' agreement. A check, no round.

Usage::

    python benchmarks/one_run_check.py [--cache benchmarks/cache]
        [--out docs/results/one_run_check.md] [--parts digits_split2_finetune ...]

Since round twenty the default reads how far the score runs (the columns
of ``scores``) agree on the order inside each class: where they disagree
(``score_agreement_ < 0.3``, fine-tuned pools of a few hundred images) it
gives up the easy cut and, since round twenty-two, draws each class's
budget evenly over its ranks. With one column the agreement is unknown
(NaN) and the default keeps round seventeen's easy cut, the setting that
lost on those pools. The card's usage line passes one column; the
benchmark scores with three runs.

On round twenty-three's parts (seen; fine-tuned, most of their tasks'
runs disagree), beside today's default fitted on the three runs
(``nucs``): ``nucs_one_run``, today's default fitted on the first run's
column alone, and ``one_run_ranks``, the same fitted with round
twenty-two's fallback written out (``exponent=0, window=1,
sampling="stratified"``), what a default that took an unknown agreement
for disagreement would do. Both see the features. This decides nothing.
A rule for one column would also need the kinds whose runs agree, where
the easy cut won: added after the fine-tuned parts ran, six seen kinds
that are cheap here (:data:`AGREEING`: the digits from scratch with and
without 20% wrong labels and on the frozen backbone, pools of 900 and
2,250 images from scratch, 900 with 20% wrong labels).

Outcome (no round): neither choice for one column serves both. On round
twenty-three's fine-tuned kinds (30 cells; eight of ten tasks' runs
disagree) the default on one run met 24 against 27 on three (6 of the 12
clean-label cells against 10, worst -3.45, the fine-tuned digits at
70%), and the fallback written out on one run 27 (worst -1.50). On the
kinds whose runs agree (18 cells) the default on one run met all 18
(worst -1.24), on three runs 16, and the fallback 14 (worst -1.91, the
digits on the frozen backbone at 70%). These are the numbers after the
corruptions' fix (docs/benchmark.md, "What makes the comparison fair"),
which drew the four symmetric-noise kinds anew; before it: 28 on three
runs, 24 and 27 on the fine-tuned kinds, 17, 18 and 15 on the agreeing
ones. The runs' agreement is what tells the two apart:
score with several runs. The digits on the frozen backbone at 90%, the
README's worst cell (-3.11 on three runs, reproduced here with every
cell fresh), was -0.22 on the first run alone: the same rule, another
mean of the scores.
"""

import dataclasses

import numpy as np

from sknucs import NUCSSelector
from sknucs.benchmark._methods import Method

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, kind_parts, part_sections, parse_study_args
from analyze_results import BASELINES
import easy_cut_ramp_study
import featureless_fallback_study
from new_kinds import kinds


class FirstRunOnly(NUCSSelector):
    """A selector fitted on the first score column alone, as a user with one scoring run fits it."""

    def fit(self, X, y, features=None):
        scores = np.asarray(X)
        return super().fit(scores[:, :1] if scores.ndim == 2 else scores, y, features=features)


ONE_RUN = {
    "nucs_one_run": Method(
        "nucs_one_run", lambda rate, random_state: FirstRunOnly(rate, random_state=random_state),
        description="check: today's default fitted on the first score run alone (the agreement unknown)"),
    "one_run_ranks": Method(
        "one_run_ranks", lambda rate, random_state: FirstRunOnly(
            rate, exponent=0.0, window=1.0, sampling="stratified", random_state=random_state),
        description="check: the first score run alone, round twenty-two's fallback written out"),
}
"""The settings, for this page only."""
NAMES = ("nucs", "nucs_one_run", "one_run_ranks")
"""Today's default on three runs, on the first alone, and the fallback on the first alone."""
AGREEING = ("digits", "digits_noise20", "digits_frozen", "small_pool", "tiny_pool", "tiny_noise20")
"""Seen kinds whose score runs agree (from scratch, the frozen backbone): ``new_kinds.py``'s and round eighteen's."""


def parts():
    """name -> (what it is, BenchmarkConfig): round twenty-three's parts, then :data:`AGREEING`."""
    new = kinds()
    small = kind_parts(easy_cut_ramp_study.SMALL_KINDS, (0, 1, 2), BASELINES + NAMES)
    seen = {name: new[name][:2] if name in new else small[name] for name in AGREEING}
    return {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in {**featureless_fallback_study.parts(), **seen}.items()}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/one_run_check.md", known)
    lines = ["# With features and one score column (a check, no round)", "",
             "Made by `python benchmarks/one_run_check.py`. `nucs` is today's default fitted on three score runs, "
             "`nucs_one_run` the same on the first run alone, `one_run_ranks` the first run alone with round "
             "twenty-two's fallback written out; every one sees the features. " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=ONE_RUN)
    fine_tuned = tuple(featureless_fallback_study.FRESH_KINDS)
    groups = {"every part (seen)": tuple(known),
              "round twenty-three's fine-tuned kinds": fine_tuned,
              "their kinds with wrong labels": featureless_fallback_study.WITH_WRONG_LABELS,
              "their kinds without": tuple(name for name in fine_tuned
                                           if name not in featureless_fallback_study.WITH_WRONG_LABELS),
              "kinds whose runs agree: from scratch, the frozen backbone": AGREEING}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
