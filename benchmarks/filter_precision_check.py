"""Where the noise filter gains and where it costs: its probe's precision beside its effect on accuracy.

Usage::

    python benchmarks/filter_precision_check.py [--cache benchmarks/cache]
        [--out docs/results/filter_precision_check.md]

On the forty classes with 20% wrong labels the default met its cells from
scratch, where its noise filter gained 4 to 5 points, and missed them on
the frozen backbone, where the default without the filter did better
(``forty_classes_noisy.md``). For those two kinds and the frozen
backbone's ten-class kinds with wrong labels (and the forty classes
without them, where every suspect is a right label), from the benchmark's cache
(every cell has run in ``new_kinds.py``; nothing is trained here unless a
cell is missing): the probe's share of rows suspected, the share really
wrong, its precision and recall and its agreement with the labels
(:func:`probe_recall.probe_rows`, as the default's ``fit`` runs it), and
the filter's effect, the default's accuracy minus the default's without
the filter (``nucs_unfiltered``), in points, mean over seeds 0-2, at 50,
70 and 90% pruning. A check of a mechanism, no round: a rule would need a
statistic that ``fit`` can compute and that tells the kinds where the
filter costs from those where it gains.
"""

import numpy as np

from sknucs.benchmark import run_benchmark

from _ablation import parse_args
from _output import publish
from new_kinds import kinds, later_kinds
from probe_recall import probe_rows

KINDS = ("rot40", "rot40_frozen", "rot40_noise20", "rot40_noise20_frozen", "noise10_frozen", "noise20_frozen",
         "noise40_frozen", "lt10_noise10_frozen", "pair30_frozen", "asym20_frozen", "asym40_frozen",
         "confusion20_frozen")
"""The forty classes without and with wrong labels, then the frozen backbone's ten-class kinds with wrong labels."""


def filter_effect(rows, rate):
    """Mean accuracy of ``nucs`` minus ``nucs_unfiltered`` at ``rate``, in points (NaN when a method is missing)."""
    means = [np.mean([row["accuracy"] for row in rows if row["method"] == method and row["rate"] == rate] or [np.nan])
             for method in ("nucs", "nucs_unfiltered")]
    return 100 * (means[0] - means[1])


def main():
    args = parse_args(__doc__, "docs/results/filter_precision_check.md")
    known = {**kinds(), **later_kinds()}
    lines = ["# The noise filter's precision and what it does to accuracy", "",
             "Made by `python benchmarks/filter_precision_check.py` from the benchmark's cache. Suspected, wrong, "
             "precision, recall and agreement (Cohen's kappa) of the filter's probe on the pool, as "
             "`probe_recall.py` gives them; the filter's effect: the default's test accuracy minus the default's "
             "without the filter (`nucs_unfiltered`), points, mean over seeds 0-2.", "",
             "| kind | task | suspected | wrong | precision | recall | agreement | effect at 50% | at 70% | at 90% |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name in KINDS:
        _, config, extra = known[name]
        rows = run_benchmark(config, cache_dir=args.cache, methods={m.name: m for m in extra.values()})
        for key, suspected, wrong, precision, recall, kappa, _ in probe_rows(config, args.cache):
            effects = " | ".join(f"{filter_effect(rows, rate):+.2f}" for rate in config.rates)
            truth = " | ".join("" if value is None else f"{value:.{digits}%}"
                               for value, digits in ((wrong, 1), (precision, 0), (recall, 0)))
            lines.append(f"| {name} | {key} | {suspected:.1%} | {truth} | {kappa:.2f} | {effects} |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
