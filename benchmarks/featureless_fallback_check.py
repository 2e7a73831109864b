"""Without features, where the score runs disagree: would round twenty-two's fallback help? A check, no round.

Usage::

    python benchmarks/featureless_fallback_check.py [--cache benchmarks/cache]
        [--out docs/results/featureless_fallback_check.md] [--parts digits_finetune ...]

Round twenty-two's fallback (where the score runs disagree: budgets ``~
N_j``, no cut-off, each class's budget spread evenly over its ranks) acts
only when ``fit`` gets features, as the rounds that chose it measured it.
Fitted without features (``fit(scores, y)``, the card's first usage line)
the default keeps its budgets' difficulty and its cut-off
(``featureless_window``) however little the runs agree. Without a noise
filter the fallback's draw is close to class-balanced random, the baseline
that wins most cells of the fine-tuned small pools.

On round twenty-two's parts (every one has a task whose runs disagree;
seeds as they ran), beside today's default fitted without features
(``nucs_nofeat_95``, the same coresets) and with them
(``nucs_fallback_ranks``): ``nofeat_fallback``, today's default fitted
without features with the fallback acting wherever the runs disagree. Every
part has been seen by the rounds with features: this decides nothing.
"""

import dataclasses

from sknucs import NUCSSelector
from sknucs.benchmark._methods import Method

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
import fallback_cut_study


class FallbackWithoutFeatures(NUCSSelector):
    """Today's default fitted without features, its fallback acting where the score runs disagree."""

    def fit(self, X, y, features=None):
        return super().fit(X, y)

    def _fallback_acts(self, features):
        return self.runs_disagree != "keep" and self.sampling == "coverage" and self._runs_disagree()


FALLBACK = {"nofeat_fallback": Method(
    "nofeat_fallback", lambda rate, random_state: FallbackWithoutFeatures(rate, random_state=random_state),
    description="check: today's default fitted without features, round twenty-two's fallback acting where the "
                "score runs disagree")}
"""The setting, for this page only."""
NAMES = ("nucs_nofeat_95", "nofeat_fallback", "nucs_fallback_ranks")
"""Today's default without features, the setting, today's default with features."""


def parts():
    """name -> (what it is, BenchmarkConfig): round twenty-two's parts, fresh and seen."""
    return {name: (text, dataclasses.replace(config, methods=BASELINES + NAMES))
            for name, (text, config) in fallback_cut_study.parts().items()}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/featureless_fallback_check.md", known)
    lines = ["# Without features, where the score runs disagree: the fallback (a check, no round)", "",
             "Made by `python benchmarks/featureless_fallback_check.py`. `nucs_nofeat_95` is today's default "
             "fitted without features, `nofeat_fallback` the same with round twenty-two's fallback where the score "
             "runs disagree, `nucs_fallback_ranks` today's default fitted with features. " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=FALLBACK)
    groups = {"every part (seen)": tuple(known), "round twenty-two's fresh kinds": tuple(fallback_cut_study.FRESH_KINDS)}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
