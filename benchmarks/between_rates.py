"""A check, not a round: today's default at 60% and 80% pruning, rates no study has run.

Usage::

    python benchmarks/between_rates.py [--cache benchmarks/cache]
        [--out docs/results/between_rates.md] [--parts dev report noise40 ... frozen]

Every round so far chose and checked its rules at 50, 70 and 90% pruning,
and three of the default's rules change with the rate between them: the
cap on the searched cut-off (``featureless_window``: 1 up to 60%, 0.975 at
65%, 0.95 from 70% on), the featureless cut-off (the same function) and
the grid the search runs over (``default_window``: 1 at 50%, 0.9 at 70%,
0.8 at 90%). A user who keeps 20% or 40% of the data meets the rules at
rates they were never measured at. This script runs today's default
(``nucs``) and the paper's NUCS (``nucs_paper``) beside the six baselines
at 60 and 80% on the development split, the report's seeds, a spread of
held-out kinds (wrong labels, look-alike labels, pair flipping,
instance-dependent noise, long and step tails, the fine-grained garments,
the digits) and the frozen ImageNet backbone.

What it decides, written before any of its cells ran: nothing by itself.
The page reports the cells each method meets at each rate. If, on the
same parts, the default's share of cells met at 60 or 80% is more than 10
percentage points below its share at 50, 70 and 90%
(``docs/results/default_every_rate.md``, ``window_on_frozen.md`` for
``lt10_frozen``), the rule that changes at that rate is named as the lead
for a round of its own; otherwise the rate rules are reported as holding
between the rates they were chosen at.
"""

import dataclasses

import matplotlib

from sknucs.benchmark import run_benchmark

from _output import publish
from _study_parts import figure_lines, held_out_section, part_sections, parse_study_args, study_parts
from analyze_results import BASELINES
from choose_default import margins

NAMES = ("nucs", "nucs_paper")
"""Today's default and the paper's NUCS."""
RATES = (0.6, 0.8)
"""Between the benchmark's 50, 70 and 90%."""
NEIGHBOUR_RATES = (0.5, 0.7, 0.9)
"""The rates the rules were chosen at: the rule compares the default's share of cells met there."""
KINDS = ("noise40", "noisy_finetune", "asym40", "pair30", "confusion20", "lt10", "step20", "lt10_noise10", "tops",
         "digits", "noise20_frozen", "pair30_frozen", "tops_frozen", "lt10_frozen")
"""Held-out kinds of earlier sessions: one or two of each family, from scratch, fine-tuned and frozen."""


def parts():
    """name -> (what it is, BenchmarkConfig): the development split, the report, the kinds, the frozen track."""
    return study_parts(BASELINES + NAMES, BASELINES + NAMES, KINDS, rates=RATES)


def margins_by_rate(known, cache, collected, name="nucs"):
    """(part, task) -> rate -> (margin, tolerance) of ``name``, at 50-90%, on the parts of ``collected``.

    The 60 and 80% cells are ``collected``'s (part -> cells); the 50, 70
    and 90% ones are run for the same parts with the baselines and
    ``name`` only (cached by ``cap_at_70_study.py --every-rate`` and
    ``window_on_frozen.py``).
    """
    pairs = {}
    for part, part_cells in collected.items():
        config = dataclasses.replace(known[part][1], rates=NEIGHBOUR_RATES, methods=BASELINES + (name,))
        for (task, rate), (_, per) in {**part_cells, **margins(run_benchmark(config, cache_dir=cache), (name,))}.items():
            pairs.setdefault((part, task), {})[rate] = per[name]
    return {pair: dict(sorted(rates.items())) for pair, rates in pairs.items()}


def rate_lines(by_rate, name="nucs"):
    """Per rate: cells met, their share and the worst margin of ``name`` over the pairs of :func:`margins_by_rate`."""
    lines = [f"| rate | {name}: cells met | share | worst margin |", "|---|---|---|---|"]
    for rate in sorted(NEIGHBOUR_RATES + RATES):
        values = [rates[rate] for rates in by_rate.values() if rate in rates]
        met = sum(margin >= -tolerance for margin, tolerance in values)
        lines.append(f"| {rate:.0%} | {met}/{len(values)} | {met / len(values):.0%} | "
                     f"{min(margin for margin, _ in values):+.2f} |")
    return lines


def draw_rates(by_rate, path):
    """The default's margin against the pruning rate: one line per (part, task), missed cells marked."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for rates in by_rate.values():
        xs = [100 * rate for rate in rates]
        ax.plot(xs, [margin for margin, _ in rates.values()], color="#9e9e9e", linewidth=0.7, zorder=1)
    for met, colour, marker, label in ((True, "#00441b", "o", "met"), (False, "#d62728", "v", "missed")):
        points = [(100 * rate, margin) for rates in by_rate.values() for rate, (margin, tolerance) in rates.items()
                  if (margin >= -tolerance) == met]
        if points:
            ax.scatter(*zip(*points), color=colour, marker=marker, s=18, zorder=2,
                       label=f"{label} ({len(points)} cells)")
    ax.axhline(0, color="grey", linewidth=0.5, linestyle=":")
    ax.axvspan(55, 65, color="#fff3c4", zorder=0)
    ax.axvspan(75, 85, color="#fff3c4", zorder=0)
    ax.set_xticks([100 * rate for rate in sorted(NEIGHBOUR_RATES + RATES)])
    ax.set_xlabel("pruning rate (%); shaded: the rates this check added")
    ax.set_ylabel("today's default: margin over the best baseline (points)")
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/between_rates.md", known)
    lines = ["# Today's default between the benchmark's rates: 60% and 80% pruning", "",
             "Made by `python benchmarks/between_rates.py`: a check written before its cells ran, no round. "
             "`nucs` is today's default, `nucs_paper` the paper's NUCS. Margins over the best baseline ("
             + ", ".join(BASELINES) + ") in points of test accuracy, mean over seeds; ✓ where at least minus the "
             "larger of that baseline's std and 0.5."]
    collected = {}
    lines += part_sections(known, args, collected)
    lines += held_out_section(collected, NAMES)
    if collected:
        by_rate = margins_by_rate(known, args.cache, collected)
        lines += ["", "## Per rate, on the parts above", "",
                  "Today's default; 50, 70 and 90% are the same parts' cells at the rates the rules were chosen at "
                  "(`docs/results/default_every_rate.md` gives them part by part, `window_on_frozen.md` those of "
                  "lt10_frozen).", "", *rate_lines(by_rate)]
        lines += figure_lines(args.out, by_rate, draw_rates,
                              "Today's default's margin against the pruning rate, one line per part and task")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
