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

import dataclasses

from sknucs import NUCSSelector, RidgeWindowPredictor
from sknucs.benchmark import Method, full_config, run_benchmark

from _ablation import parse_args, publish_page

METHODS = ("nucs", "nucs_perclass", "nucs_perclass_ho")


def _per_class_held_out(rate, random_state):
    search = RidgeWindowPredictor(per_class=True, eval_size=0.2, random_state=random_state)
    return NUCSSelector(rate, window="auto", window_search=search, random_state=random_state)


EXTRA = {"nucs_perclass_ho": Method("nucs_perclass_ho", _per_class_held_out,
                                    description="one ridge-chosen k per class, scored on 20% held out")}


def main():
    args = parse_args(__doc__, "docs/results/per_class.md")
    config = dataclasses.replace(
        full_config(), tasks=(("fmnist_lt", "finetune"), ("fmnist", "scratch"), ("fmnist_lt", "scratch")),
        methods=METHODS, rates=(0.5, 0.7, 0.9),
    )
    rows = run_benchmark(config, cache_dir=args.cache, methods=EXTRA)
    tasks = [("fmnist_lt[0-4]", "finetune"), ("fmnist_lt[5-9]", "finetune"), *config.tasks[1:]]
    publish_page("One window endpoint per class", "per_class_ablation.py", rows, config, tasks, METHODS, args.out)


if __name__ == "__main__":
    main()
