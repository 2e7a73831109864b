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

Outcome (a lead): over the 120 cells the fallback without features met 98
against today's featureless default's 93, but its worst cell fell from
-10.62 to -13.84 (the fine-tuned digits with 20% wrong labels). On the
parts without wrong labels (78 cells) it met 72 against 70, worst -1.74
against -2.38, mean +0.08 against -0.11; on those with wrong labels (42)
26 against 23 but worst -13.84 against -10.62, mean -1.66 against -1.50:
without the noise filter, ``k = 1`` lets the wrong labels at the top of
each class in, where the featureless cut-off (0.95 from 70%) kept some
out. The second setting, ``nofeat_fallback_cut``, keeps that cut-off
inside the fallback (added after the first ran): 98 of the 120 cells,
worst -10.07, mean -0.43 against the featureless default's 93, -10.62 and
-0.60; with wrong labels 27 of 42 (worst -10.07), without 71 of 78 (worst
-1.74); on round twenty-two's fresh kinds alone 25 of 30 as the default,
worst -4.46 against -4.02. A lead for a round on fresh kinds: round
twenty-three (``featureless_fallback_study.py``) ran it on five and did
not take it (19 of 30 cells against 20).
"""

import dataclasses

from sknucs import NUCSSelector
from sknucs.benchmark._methods import Method

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, group_sections, part_sections, parse_study_args
from analyze_results import BASELINES
import fallback_cut_study


class CutFallbackWithoutFeatures(NUCSSelector):
    """The default fitted without features, its fallback acting where the score runs disagree, the featureless
    cut-off (``featureless_window``) kept: the setting round twenty-three made the default's."""

    def fit(self, X, y, features=None):
        return super().fit(X, y)


class FallbackWithoutFeatures(CutFallbackWithoutFeatures):
    """:class:`CutFallbackWithoutFeatures` with ``k = 1`` where the fallback acts, as it has with features."""

    def _resolve_window(self, plan, codes, features):
        if self.uniform_fallback_ and self.window == "auto":
            self.window_search_ = None
            return 1.0, 1.0
        return super()._resolve_window(plan, codes, features)


FALLBACK = {
    "nofeat_fallback": Method(
        "nofeat_fallback", lambda rate, random_state: FallbackWithoutFeatures(rate, random_state=random_state),
        description="check: today's default fitted without features, round twenty-two's fallback acting where the "
                    "score runs disagree"),
    "nofeat_fallback_cut": Method(
        "nofeat_fallback_cut", lambda rate, random_state: CutFallbackWithoutFeatures(rate, random_state=random_state),
        description="check: nofeat_fallback with the featureless cut-off kept (0.95 from 70% pruning)"),
}
"""The settings, for this page only."""
NAMES = ("nucs_nofeat_95", "nofeat_fallback", "nofeat_fallback_cut", "nucs_fallback_ranks")
"""Today's default without features, the two settings, today's default with features."""
WITH_WRONG_LABELS = ("digits_noise", "confusion20", "noise10", "tiny_noise20", "pair")
"""The beginnings of the names of the parts whose labels are made wrong (symmetric, confusion, pair noise)."""


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
             "runs disagree, `nofeat_fallback_cut` that with the featureless cut-off (0.95 from 70%) kept, "
             "`nucs_fallback_ranks` today's default fitted with features. " + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=FALLBACK)
    noisy = tuple(name for name in known if name.startswith(WITH_WRONG_LABELS))
    groups = {"every part (seen)": tuple(known),
              "round twenty-two's fresh kinds": tuple(fallback_cut_study.FRESH_KINDS),
              "the parts with wrong labels": noisy,
              "the parts without": tuple(name for name in known if name not in noisy)}
    lines += group_sections(collected, groups, NAMES)
    lines += ["", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
