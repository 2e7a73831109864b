"""Class-wise or global window scale, each with the ridge-chosen and the oracle k.

Usage::

    python benchmarks/window_scale_ablation.py [--cache benchmarks/cache] [--out docs/results/window_scale.md]

Runs, through the full preset's recipe and cache (cells the full run already
finished are reused), NUCS with ``window_scale="class"`` (the paper) and
``window_scale="global"``, each with the ridge search and with NUCS-O's
oracle search, and BWS for reference, on Fashion-MNIST and long-tailed
Fashion-MNIST from scratch at 50/70/90% pruning, 3 seeds. It separates the
two questions behind the variant: is the global scale better, and is that
only because the ridge search picks a better ``k`` for it? The oracle rows
answer the second.
"""

import argparse
import dataclasses
import logging
from pathlib import Path

import torch

from sknucs.benchmark import full_config, run_benchmark
from sknucs.benchmark._methods import Method, _nucs
from sknucs.benchmark._report import summarize

METHODS = ("bws", "nucs", "nucs_o", "nucs_global", "nucs_global_o")
EXTRA = {"nucs_global_o": Method("nucs_global_o", _nucs("difficulty", window_scale="global"), oracle=True,
                                 description="NUCS-O with window_scale='global'")}


def table(rows, config):
    """Markdown: one line per task and method, test accuracy mean ± std per rate."""
    stats = summarize(rows, "accuracy")
    lines = ["| task | method | " + " | ".join(f"{r:.0%}" for r in config.rates) + " |",
             "|---|---|" + "---|" * len(config.rates)]
    for dataset, track in config.tasks:
        for method in METHODS:
            cells = [stats.get((dataset, track, method, rate)) for rate in config.rates]
            lines.append(f"| {dataset} / {track} | {method} | "
                         + " | ".join(f"{m:.4f} ± {s:.4f}" for m, s, _ in cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="benchmarks/cache")
    parser.add_argument("--out", type=Path, default=Path("docs/results/window_scale.md"))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(args.threads)
    config = dataclasses.replace(full_config(), tasks=(("fmnist", "scratch"), ("fmnist_lt", "scratch")),
                                 methods=METHODS, rates=(0.5, 0.7, 0.9))
    rows = run_benchmark(config, cache_dir=args.cache, methods=EXTRA)
    page = "\n".join(["# Window scale: class-wise against global", "",
                      "Made by `python benchmarks/window_scale_ablation.py`: test accuracy, mean ± std "
                      "over seeds " + ", ".join(map(str, config.seeds)) + ".", "",
                      *table(rows, config), ""])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page)
    print(page)


if __name__ == "__main__":
    main()
