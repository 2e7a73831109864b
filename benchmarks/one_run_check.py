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
for disagreement would do. Both see the features. This decides nothing:
a rule for one column would also need the kinds whose runs agree (from
scratch, the frozen backbone), where the easy cut won.
"""

import dataclasses

import numpy as np

from sknucs import NUCSSelector
from sknucs.benchmark._methods import Method

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
import featureless_fallback_study


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


def parts():
    """name -> (what it is, BenchmarkConfig): round twenty-three's parts."""
    return {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in featureless_fallback_study.parts().items()}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/one_run_check.md", known)
    lines = ["# With features and one score column (a check, no round)", "",
             "Made by `python benchmarks/one_run_check.py`. `nucs` is today's default fitted on three score runs, "
             "`nucs_one_run` the same on the first run alone, `one_run_ranks` the first run alone with round "
             "twenty-two's fallback written out; every one sees the features. " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=ONE_RUN)
    groups = {"every part (seen)": tuple(known),
              "with wrong labels": featureless_fallback_study.WITH_WRONG_LABELS,
              "without": tuple(name for name in known if name not in featureless_fallback_study.WITH_WRONG_LABELS)}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
