"""What the studies of the default share: the development split, the parts held out from it, and their pages."""

import dataclasses
from pathlib import Path

import matplotlib
import numpy as np

from sknucs.benchmark import full_config, pretrained_config, run_benchmark

from _ablation import parse_args
from analyze_results import BASELINES, SHIFTED
from choose_default import RATES, dev_config, margins
from new_kinds import kinds


MARGIN_LEGEND = ("Margins over the best baseline (" + ", ".join(BASELINES) + ") in points of test accuracy, mean "
                 "over seeds; ✓ where at least minus the larger of that baseline's std and 0.5.")
"""How a study page's margin tables read: the sentence that opens the page after what made it."""


def kind_parts(kinds, seeds, methods):
    """name -> (what it is, BenchmarkConfig) of kinds a study adds: the full preset at 50, 70 and 90%.

    ``kinds``: name -> (what it is, tasks, changes to the full preset); every part runs ``seeds`` and
    ``methods``.
    """
    return {name: (text, dataclasses.replace(full_config(), tasks=tasks, seeds=seeds, rates=RATES,
                                             methods=methods, **changes))
            for name, (text, tasks, changes) in kinds.items()}


def study_parts(dev_methods, held_out_methods, kind_names, kind_suffix="", rates=RATES):
    """name -> (what it is, BenchmarkConfig): the development split, the report's seeds, kinds, the frozen track.

    Parameters
    ----------
    dev_methods : tuple of str
        Methods run on the development split (seeds 0 and 1).
    held_out_methods : tuple of str
        Methods run on the held-out parts: the report's seeds 2-4, the
        ``new_kinds.py`` kinds ``kind_names``, the frozen ImageNet backbone.
    kind_names : tuple of str
        Names of :func:`new_kinds.kinds`.
    kind_suffix : str, default=""
        Appended to each kind's description (a page's headings).
    rates : tuple of float, default=RATES
        The pruning rates every part runs: a study whose candidates differ
        from the default at some rates only may run those.
    """
    new = kinds()
    return {
        "dev": ("the development split, seeds 0 and 1",
                dataclasses.replace(dev_config(), rates=rates, methods=dev_methods)),
        "report": ("the report's tasks, seeds 2, 3, 4",
                   dataclasses.replace(full_config(), rates=rates, methods=held_out_methods)),
        **{name: (new[name][0] + kind_suffix,
                  dataclasses.replace(new[name][1], rates=rates, methods=held_out_methods))
           for name in kind_names},
        "frozen": ("the frozen ImageNet backbone (EfficientNet-Lite0), seeds 0, 1, 2",
                   dataclasses.replace(pretrained_config(), rates=rates, methods=held_out_methods)),
    }


def parse_study_args(doc, default_out, known, default_parts=None):
    """:func:`_ablation.parse_args` with ``--parts`` (the names of ``known``; ``default_parts``, or all, by default)."""
    return parse_args(doc, default_out, lambda parser: parser.add_argument(
        "--parts", nargs="+", choices=list(known),
        default=list(known) if default_parts is None else list(default_parts)))


def part_sections(known, args, collected=None, methods=None):
    """The page's section of each part of ``args.parts``: a margin column per method of its configuration.

    The columns are the part's methods other than the baselines, in the configuration's order.
    ``collected``, a dict, receives each part's cells (part name -> :func:`choose_default.margins`);
    ``methods`` (name -> Method) adds methods to the benchmark's registry.
    """
    lines = []
    for name in args.parts:
        config = known[name][1]
        names = tuple(method for method in config.methods if method not in BASELINES)
        cells = margins(run_benchmark(config, cache_dir=args.cache, methods=methods), names)
        if collected is not None:
            collected[name] = cells
        lines += ["", f"## {name}: {known[name][0]}", "", *part_lines(cells, names)]
    return lines


def held_out_section(collected, names, note=""):
    """A page's closing section: cells met and worst margin over every part run but the development split.

    Empty when the development split alone ran; ``note`` follows the list of parts.
    """
    held = [part for part in collected if part != "dev"]
    if not held:
        return []
    return ["", "## Every part but the development split", "",
            "Cells met over the parts run (" + ", ".join(held) + ")" + (f"; {note}" if note else "") + ".", "",
            *held_out_summary(collected, names)]


def held_out_summary(collected, names, excluded=("dev",)):
    """One row per method of ``names``: cells met and worst margin over every part but ``excluded``."""
    lines = ["| method | cells met | worst margin |", "|---|---|---|"]
    for name in names:
        values = [per[name] for part, cells in collected.items() if part not in excluded
                  for _, per in cells.values()]
        if values:
            lines.append(f"| {name} | {sum(m >= -t for m, t in values)}/{len(values)} | "
                         f"{min(m for m, _ in values):+.2f} |")
    return lines


def group_sections(collected, groups, names):
    """A section per group (title -> parts) of which a part ran: :func:`held_out_summary` over its parts alone."""
    lines = []
    for title, members in groups.items():
        if any(part in members for part in collected):
            lines += ["", f"## {title}", "", *held_out_summary(
                collected, names, excluded=tuple(part for part in collected if part not in members))]
    return lines


def group_rows(collected, groups, names):
    """A table row per group (title -> parts) of which a part ran: cells met, worst and mean margin per method."""
    lines = ["| cells | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for title, members in groups.items():
        values = {name: [per[name] for part in members if part in collected
                         for _, per in collected[part].values()] for name in names}
        if values[names[0]]:
            lines.append(f"| {title} ({len(values[names[0]])}) | " + " | ".join(
                f"{sum(m >= -t for m, t in v)}, worst {min(m for m, _ in v):+.2f}, mean "
                f"{sum(m for m, _ in v) / len(v):+.2f}" for v in values.values()) + " |")
    return lines


def part_lines(cells, names):
    """A part's margin table (one row per task and rate) and its summary (one row per method of ``names``)."""
    lines = ["| task | rate | best baseline | " + " | ".join(names) + " |", "|---|---|---|" + "---|" * len(names)]
    for (task, rate), (best, per) in cells.items():
        lines.append(f"| {task} | {rate:.0%} | {best} | " + " | ".join(
            f"{per[name][0]:+.2f}" + (" ✓" if per[name][0] >= -per[name][1] else "") for name in names) + " |")
    lines += ["", "| method | cells met | worst margin | mean margin | mean margin, imbalanced and noisy |",
              "|---|---|---|---|---|"]
    for name in names:
        values = [per[name] for _, per in cells.values()]
        margins_ = [m for m, _ in values]
        shifted = [per[name][0] for (task, _), (_, per) in cells.items() if task.startswith(SHIFTED)]
        lines.append(f"| {name} | {sum(m >= -t for m, t in values)}/{len(values)} | {min(margins_):+.2f} | "
                     f"{np.mean(margins_):+.2f} | " + (f"{np.mean(shifted):+.2f}" if shifted else "") + " |")
    return lines


def draw_margin_pairs(groups, labels, path):
    """One point per cell, a candidate's margin against a reference's, on the diagonal where the two agree.

    Parameters
    ----------
    groups : list of (points, colour, marker, label)
        ``points``: (reference margin, candidate margin) pairs in points; a
        group without points is left out of the legend.
    labels : tuple of (str, str)
        The x and y axis labels.
    path : path-like
        Where the figure is saved (PNG).
    """
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    values = [v for points, *_ in groups for point in points for v in point]
    low, high = min(values + [-1.0]) - 0.3, max(values + [1.0]) + 0.3
    ax.plot([low, high], [low, high], color="grey", linewidth=0.8)
    ax.axhline(0, color="grey", linewidth=0.5, linestyle=":")
    ax.axvline(0, color="grey", linewidth=0.5, linestyle=":")
    for points, colour, marker, label in groups:
        if points:
            ax.scatter(*zip(*points), color=colour, marker=marker, s=22, label=f"{label} ({len(points)} cells)")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def figure_lines(out, collected, draw, caption):
    """Draw a page's figure beside the page and return the lines that show it.

    ``draw(collected, path)`` saves it to ``out`` with the suffix ``.png``;
    nothing is drawn, and no line returned, without ``out`` or cells.
    """
    if out is None or not collected:
        return []
    figure = Path(out).with_suffix(".png")
    draw(collected, figure)
    return ["", f"![{caption}]({figure.name})"]
