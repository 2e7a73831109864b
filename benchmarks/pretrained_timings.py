"""Where the time of the pretrained-backbone tracks went: feature extraction and cells, from a run's outputs.

Reads the cached backbone features (each ``.npz`` stores its extraction time) and the
``seconds`` column of results.csv files; writes a markdown table.

Usage::

    python benchmarks/pretrained_timings.py docs/results/pretrained/results.csv \
        docs/results/pretrained_finetune/results.csv --cache benchmarks/cache
"""

import argparse
import csv
import logging
from collections import defaultdict
from pathlib import Path

import numpy as np

from _output import publish

RIDGE_METHODS = ("bws", "nucs", "nucs_paper", "nucs_proportional")
"""Methods whose cell includes a ridge window search (the NUCS variants too, matched by prefix)."""


def _kind(method):
    if method == "full":
        return "full data"
    if method == "nucs_o":
        return "nucs_o (trains every grid point)"
    if method in RIDGE_METHODS or method.startswith("nucs_"):
        return "ridge window search + training"
    return "selection + training"


def cell_lines(paths):
    """Markdown rows: per task and kind of cell, the number of cells, median and total seconds."""
    seconds = defaultdict(list)
    for path in paths:
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                seconds[(f"{row['dataset']} / {row['track']}", _kind(row["method"]))].append(float(row["seconds"]))
    lines = ["| task | cell | cells | median s | total min |", "|---|---|---|---|---|"]
    for (task, kind), values in sorted(seconds.items()):
        lines.append(f"| {task} | {kind} | {len(values)} | {np.median(values):.1f} | {sum(values) / 60:.1f} |")
    return lines


def feature_lines(cache):
    """Markdown rows: one per cached backbone feature array, its size and extraction time."""
    lines = ["| features file | images | dimensions | seconds | images/s |", "|---|---|---|---|---|"]
    for path in sorted(Path(cache, "arrays").glob("backbone-features-*.npz")):
        with np.load(path) as data:
            n, d = data["features"].shape
            seconds = float(data["seconds"])
        lines.append(f"| {path.stem[-16:]} | {n} | {d} | {seconds:.0f} | {n / seconds:.0f} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, nargs="+")
    parser.add_argument("--cache", type=Path, default=Path("benchmarks/cache"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    page = "\n".join(["Backbone features, extracted once per image array (one thread):", "",
                      *feature_lines(args.cache), "", "Cells (selection, training and evaluation):", "",
                      *cell_lines(args.csv), ""])
    publish(page, args.out)


if __name__ == "__main__":
    main()
