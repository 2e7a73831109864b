"""One window endpoint per class against the shared one, with the ridge proxy scored two ways.

Usage::

    python benchmarks/per_class_ablation.py [--cache benchmarks/cache] [--out docs/results/per_class.md]

Runs, through the full preset's recipe and cache (cells the full run already
finished are reused), NUCS with the shared ridge-chosen ``k`` (``nucs``), with
one ``k`` per class scored on every training sample (``nucs_perclass``, as in
the full preset) and with one ``k`` per class scored on 20% of the samples
held out of every window's training rows (``nucs_perclass_ho``,
``RidgeWindowPredictor(per_class=True, eval_size=0.2)``), on long-tailed
Fashion-MNIST fine-tuned in both directions and on both data sets from
scratch, at 50/70/90% pruning, 3 seeds. It asks whether the per-class
variant loses on the small long-tailed pools because its coordinate ascent
overfits the proxy on the samples it trains on.
"""

import argparse
import dataclasses
import logging
from pathlib import Path

import torch

from sknucs import NUCSSelector, RidgeWindowPredictor
from sknucs.benchmark import Method, full_config, run_benchmark

from _output import accuracy_table, publish

METHODS = ("nucs", "nucs_perclass", "nucs_perclass_ho")


def _per_class_held_out(rate, random_state):
    search = RidgeWindowPredictor(per_class=True, eval_size=0.2, random_state=random_state)
    return NUCSSelector(rate, window="auto", window_search=search, random_state=random_state)


EXTRA = {"nucs_perclass_ho": Method("nucs_perclass_ho", _per_class_held_out,
                                    description="one ridge-chosen k per class, scored on 20% held out")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="benchmarks/cache")
    parser.add_argument("--out", type=Path, default=Path("docs/results/per_class.md"))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(args.threads)
    config = dataclasses.replace(
        full_config(), tasks=(("fmnist_lt", "finetune"), ("fmnist", "scratch"), ("fmnist_lt", "scratch")),
        methods=METHODS, rates=(0.5, 0.7, 0.9),
    )
    rows = run_benchmark(config, cache_dir=args.cache, methods=EXTRA)
    tasks = [("fmnist_lt[0-4]", "finetune"), ("fmnist_lt[5-9]", "finetune"), *config.tasks[1:]]
    page = "\n".join(["# One window endpoint per class", "",
                      "Made by `python benchmarks/per_class_ablation.py`: test accuracy, mean ± std "
                      "over seeds " + ", ".join(map(str, config.seeds)) + ".", "",
                      *accuracy_table(rows, tasks, METHODS, config.rates), ""])
    publish(page, args.out)


if __name__ == "__main__":
    main()
