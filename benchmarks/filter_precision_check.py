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

One such statistic, written after the first table was read (so a lead,
not a test): the share of the probe's suspects that lie in the easier
half of their class by the mean score. A wrong label is hard for the
network that scored it, so a probe whose suspects sit where the network
found the rows easy contradicts labels that are right. The second table
gives its spread over the README table's 60 tasks (``_readme_tasks``),
where a rule on it would have to change nothing it need not.
"""

import numpy as np

from sknucs._label_noise import probe_labels
from sknucs._labels import encode_labels
from sknucs.benchmark import run_benchmark
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from _readme_tasks import readme_tasks
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


def easy_half_share(scores, codes, suspects):
    """Share of the suspects that lie in the easier half of their class by ``scores`` (NaN without suspects)."""
    easier = np.zeros(codes.size, dtype=bool)
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        easier[rows[np.argsort(scores[rows], kind="stable")[:rows.size // 2]]] = True
    return easier[suspects].mean() if suspects.any() else np.nan


def task_easy_half_share(task, context):
    """:func:`easy_half_share` of the default's probe on a task's cached mean scores and features."""
    classes, codes = encode_labels(task.y_pool)
    suspects = probe_labels(context.features, codes, classes.size).suspects
    return easy_half_share(context.scores.mean(axis=1), codes, suspects)


def main():
    args = parse_args(__doc__, "docs/results/filter_precision_check.md")
    known = {**kinds(), **later_kinds()}
    lines = ["# The noise filter's precision and what it does to accuracy", "",
             "Made by `python benchmarks/filter_precision_check.py` from the benchmark's cache. Suspected, wrong, "
             "precision, recall and agreement (Cohen's kappa) of the filter's probe on the pool, as "
             "`probe_recall.py` gives them; the filter's effect: the default's test accuracy minus the default's "
             "without the filter (`nucs_unfiltered`), points, mean over seeds 0-2.", "",
             "Suspects in the easier half: the share of the suspects that lie in the easier half of their class by "
             "the mean score (written after the rest of the table was read).", "",
             "| kind | task | suspected | wrong | precision | recall | agreement | suspects in the easier half "
             "| effect at 50% | at 70% | at 90% |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    arrays = ArrayCache(f"{args.cache}/arrays")
    for name in KINDS:
        _, config, extra = known[name]
        rows = run_benchmark(config, cache_dir=args.cache, methods={m.name: m for m in extra.values()})
        probes = probe_rows(config, args.cache)
        tasks = build_tasks(*config.tasks[0], config)
        for (key, suspected, wrong, precision, recall, kappa, _), task in zip(probes, tasks):
            effects = " | ".join(f"{filter_effect(rows, rate):+.2f}" for rate in config.rates)
            truth = " | ".join("" if value is None else f"{value:.{digits}%}"
                               for value, digits in ((wrong, 1), (precision, 0), (recall, 0)))
            easy = task_easy_half_share(task, task_context(task, config, arrays))
            lines.append(f"| {name} | {key} | {suspected:.1%} | {truth} | {kappa:.2f} | {easy:.0%} | {effects} |")
    readme = [(part, task.key, task_easy_half_share(task, context)) for part, task, context in readme_tasks(args.cache)]
    shares = np.array([share for _, _, share in readme if not np.isnan(share)])
    above = [f"{part} {key} ({share:.0%})" for part, key, share in readme if share > 0.2]
    lines += ["", "## The README table's tasks", "",
              f"Suspects in the easier half on the {shares.size} tasks of the README's table with suspects: "
              f"min {shares.min():.0%}, median {np.median(shares):.0%}, max {shares.max():.0%}; above 30% on "
              f"{int((shares > 0.3).sum())}, above 20% on {len(above)}: {', '.join(above)}."]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
