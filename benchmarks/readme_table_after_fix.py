"""Check, no round: the README's 230 cells with the corruptions' fix, the parts the flaw touched measured again.

Usage::

    python benchmarks/readme_table_after_fix.py [--cache benchmarks/cache]
        [--out docs/results/readme_table_after_fix.md] [--parts noise40 noise20_frozen ...] [--before-only]

Until b778f95 the benchmark drew symmetric label noise, open-set outliers
and occluded images with ``RandomState(data_seed).choice``, the first rows
of the permutation that ``RandomSelector`` and ``ClassBalancedRandomSelector``
keep at the same seed: at seed 0 the two random baselines' coresets held far
more of the corrupted rows than the pool (``corruption_draw_check.py``). The
README's table of today's default, 230 cells outside the development split,
was measured before the fix.

This script measures again every part of that table (and of the
development split) whose pools the flaw touched: a task of a data set
with symmetric noise, outliers or occluded images (:data:`CORRUPTED`) run
at seed 0 (the report's parts, seeds 2-4, drew their random coresets with
other seeds and stay as they were). Each such task runs anew with the fixed
draws, the six baselines and today's default (``nucs``) only; every other
cell keeps the margin its page published (:data:`PAGES`: round
seventeen's page for the tasks whose score runs agree, where today's
default keeps round seventeen's coresets, round twenty-two's for the three
parts with a disagreeing task). The README's rows are then composed from
both, as they were before: with ``--before-only`` the script composes the
published rows alone (no cell runs), which reproduces the README's table.

Nothing is chosen here: the default is the one the README reports.
"""

import dataclasses
import logging
import re
from pathlib import Path

from sknucs.benchmark import run_benchmark

from _output import publish
from _ablation import parse_args
from _study_parts import MARGIN_LEGEND, draw_margin_pairs, figure_lines
from analyze_results import BASELINES, SHIFTED
from choose_default import margins
from easy_cut_study import README_ROWS, parts as easy_cut_parts
from uniform_fallback_study import IN_README_TABLE

LOGGER = logging.getLogger("readme_table_after_fix")
CORRUPTED = ("fmnist_noisy", "fmnist_lt_noisy", "digits_noisy", "fmnist_openset", "fmnist_occluded")
"""The benchmark's data sets whose corruption drew its rows with the random baselines' seed until b778f95."""
DEFAULT = "nucs"
"""Today's default in the benchmark's registry."""
RESULTS = Path(__file__).resolve().parent.parent / "docs" / "results"
PAGES = {"easy_cut_study.md": "nucs_easy30", "fallback_cut_study.md": "nucs_fallback_ranks"}
"""Page -> the column that holds today's default's published margins (round seventeen's and twenty-two's)."""


def page_for(part):
    """The page of :data:`PAGES` whose column holds ``part``'s published margins."""
    return "fallback_cut_study.md" if part in IN_README_TABLE else "easy_cut_study.md"


def published(part, page_text, column):
    """(task, rate) -> (best baseline, margin, met) of one part's section of a study page, ``column``'s cells.

    The section opens with ``## part: ...``; its first table has a row per task and rate.
    """
    match = re.search(rf"^## {re.escape(part)}: .*?\n\n(\|.*?)\n\n", page_text, re.MULTILINE | re.DOTALL)
    if match is None:
        raise ValueError(f"no section of part {part!r} on the page")
    header, _, *rows = match.group(1).splitlines()
    index = [cell.strip() for cell in header.strip("|").split("|")].index(column)
    cells = {}
    for row in rows:
        values = [cell.strip() for cell in row.strip("|").split("|")]
        margin = values[index].split()[0]
        cells[(values[0], values[1])] = values[2], float(margin), values[index].endswith("✓")
    return cells


def published_cells(parts):
    """part -> its published cells (:func:`published`), each part read off its page of :data:`PAGES`."""
    pages = {page: (RESULTS / page).read_text() for page in PAGES}
    return {part: published(part, pages[page_for(part)], PAGES[page_for(part)]) for part in parts}


def touched(config):
    """The tasks of a part's configuration that the flaw touched (a corrupted data set run at seed 0)."""
    if 0 not in config.seeds:
        return ()
    return tuple((dataset, track) for dataset, track in config.tasks if dataset in CORRUPTED)


def remeasure(config, tasks, cache):
    """(task, rate) -> (best baseline, margin, met) of today's default on ``tasks`` of a part, run anew."""
    config = dataclasses.replace(config, tasks=tasks, methods=BASELINES + (DEFAULT,))
    cells = margins(run_benchmark(config, cache_dir=cache), (DEFAULT,))
    return {(task, f"{rate:.0%}"): (best, per[DEFAULT][0], per[DEFAULT][0] >= -per[DEFAULT][1])
            for (task, rate), (best, per) in cells.items()}


DEV_ROW = "development split, 50 to 90%"
"""The README's row of the development split, which the table's 230 cells leave out."""
EVERY_ROW = "every cell but the development split"


def summary(values):
    """(cells, cells met, worst margin, mean margin) of (best baseline, margin, met) cells."""
    margins_ = [margin for _, margin, _ in values]
    return len(values), sum(met for _, _, met in values), min(margins_), sum(margins_) / len(margins_)


def row_summaries(cells):
    """README row -> :func:`summary` of its parts' cells (part -> cells), then the 230 under :data:`EVERY_ROW`."""
    rows = {title: [value for part in members for value in cells[part].values()]
            for title, members in README_ROWS.items()}
    every = [value for title, values in rows.items() if title != DEV_ROW for value in values]
    return {**{title: summary(values) for title, values in rows.items()}, EVERY_ROW: summary(every)}


def rows_table(before, after):
    """The README's rows before and after, side by side."""
    lines = ["| cells | as published | with the fix |", "|---|---|---|"]
    old, new = row_summaries(before), row_summaries(after)
    for title in old:
        lines.append(f"| {title} ({old[title][0]}) | " + " | ".join(
            f"{met}, worst {worst:+.2f}, mean {mean:+.2f}" for _, met, worst, mean in (old[title], new[title])) + " |")
    return lines


SHIFTED_ROWS = {DEV_ROW: "dev", "report, seeds 2-4": "report",
                "frozen backbone's long tail": "frozen"}
"""The README's means over the imbalanced and noisy tasks: row -> part (the frozen part's long tail only)."""


def shifted_mean(cells, part):
    """The default's mean margin over a part's imbalanced and noisy tasks (the frozen part: its long tail)."""
    prefixes = ("fmnist_lt",) if part == "frozen" else SHIFTED
    values = [margin for (task, _), (_, margin, _) in cells[part].items() if task.startswith(prefixes)]
    return sum(values) / len(values)


def shifted_table(before, after):
    """The issue's second target: the mean margin over the imbalanced and noisy tasks, before and after."""
    return ["| imbalanced and noisy tasks | as published | with the fix |", "|---|---|---|",
            *(f"| {title} | {shifted_mean(before, part):+.2f} | {shifted_mean(after, part):+.2f} |"
              for title, part in SHIFTED_ROWS.items())]


def miss_lines(after, anew):
    """Every cell of the 230 (the development split left out) the default misses, with the fix."""
    lines = ["| part | task | rate | best baseline | margin | cell |", "|---|---|---|---|---|---|"]
    for title, members in README_ROWS.items():
        if title == DEV_ROW:
            continue
        for part in members:
            for (task, rate), (best, margin, met) in after[part].items():
                if not met:
                    source = "anew" if (task, rate) in anew.get(part, {}) else "published"
                    lines.append(f"| {part} | {task} | {rate} | {best} | {margin:+.2f} | {source} |")
    return lines


def part_table(old, new):
    """One re-measured part: each cell's best baseline and the default's margin, as published and anew."""
    lines = ["| task | rate | best baseline, published | margin, published | best baseline, anew | margin, anew |",
             "|---|---|---|---|---|---|"]
    for key, (best, margin, met) in new.items():
        old_best, old_margin, old_met = old[key]
        lines.append(f"| {key[0]} | {key[1]} | {old_best} | {old_margin:+.2f}{' ✓' if old_met else ''} | {best} | "
                     f"{margin:+.2f}{' ✓' if met else ''} |")
    return lines


def draw_before_after(pairs, path):
    """The default's margin on each re-measured cell: as published against anew (part -> points)."""
    held = [point for part, points in pairs.items() if not part.startswith("dev") for point in points]
    dev = [point for part, points in pairs.items() if part.startswith("dev") for point in points]
    draw_margin_pairs([(held, "#0b6e4f", "o", "held out (of the 230)"), (dev, "#9c4f00", "^", "development split")],
                      ("margin as published (points)", "margin with the fix (points)"), path)


def main():
    known = easy_cut_parts()
    readme_parts = [part for members in README_ROWS.values() for part in members]
    to_run = [part for part in readme_parts if touched(known[part][1])]
    args = parse_args(__doc__, "docs/results/readme_table_after_fix.md", lambda parser: (
        parser.add_argument("--parts", nargs="+", choices=to_run, default=to_run),
        parser.add_argument("--before-only", action="store_true")))
    before = published_cells(readme_parts)
    after = {part: dict(cells) for part, cells in before.items()}
    ran = [] if args.before_only else args.parts
    sections, pairs, anew = [], {}, {}
    for part in ran:
        tasks = touched(known[part][1])
        LOGGER.info("%s: %s anew", part, ", ".join(f"{d}/{t}" for d, t in tasks))
        new = remeasure(known[part][1], tasks, args.cache)
        after[part].update(new)
        anew[part] = new
        pairs[part] = [(before[part][key][1], margin) for key, (_, margin, _) in new.items()]
        sections += ["", f"## {part}: {known[part][0]}", "", *part_table(before[part], new)]
    lines = ["# The README's table with the corruptions' fix", "",
             "Made by `python benchmarks/readme_table_after_fix.py" + (
                 " --before-only" if args.before_only else f" --parts {' '.join(ran)}" if ran != to_run else "")
             + "`. " + MARGIN_LEGEND
             + " Today's default (`nucs`); 'published': its cell on round seventeen's page (easy_cut_study.md, "
             "column nucs_easy30) or, for the parts with a disagreeing task, round twenty-two's "
             "(fallback_cut_study.md, nucs_fallback_ranks); 'anew': the same task run again with the fixed draws.",
             "", "Parts measured again (" + str(len(ran)) + " of the " + str(len(to_run)) + " the flaw touched, "
             + str(sum(map(len, anew.values()))) + " cells): " + (", ".join(ran) or "none") + ".", "", "## By the README's rows", "", *rows_table(before, after),
             "", *shifted_table(before, after),
             "", "## The cells missed, with the fix", "", *miss_lines(after, anew),
             *sections]
    lines += figure_lines(args.out, pairs, lambda points, path: draw_before_after(points, path),
                          "The default's margin per re-measured cell, published against anew")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
