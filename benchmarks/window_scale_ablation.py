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

It also draws ``windows.png`` next to the table: where each class's kept
samples sit in its difficulty order at 90% pruning, k = 0.8 (the ridge search's
choice there for both scales on Fashion-MNIST), class-wise against global, on
both data sets (:func:`sknucs.plotting.plot_windows`).
"""

import dataclasses
from pathlib import Path

import matplotlib

from sknucs import NUCSSelector
from sknucs.benchmark import build_tasks, full_config, run_benchmark
from sknucs.benchmark._context import TaskContext
from sknucs.benchmark._methods import Method, _nucs
from sknucs.benchmark._runner import task_fingerprint
from sknucs.benchmark._store import ArrayCache
from sknucs.plotting import plot_windows

from _ablation import parse_args, publish_page

METHODS = ("bws", "nucs", "nucs_o", "nucs_global", "nucs_global_o")
EXTRA = {"nucs_global_o": Method("nucs_global_o", _nucs("difficulty", window_scale="global"), oracle=True,
                                 description="NUCS-O with window_scale='global'")}


def draw_windows(config, cache, path, rate=0.9, window=0.8):
    """Class-wise against global windows on each task's cached scores, one row per task."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(config.tasks), 2, figsize=(10, 3.6 * len(config.tasks)), squeeze=False)
    for row, (dataset, track) in zip(axes, config.tasks):
        task = build_tasks(dataset, track, config)[0]
        context = TaskContext(task, config, ArrayCache(Path(cache) / "arrays"), "cpu",
                              task_fingerprint(task, config))
        for ax, scale in zip(row, ("class", "global")):
            selector = NUCSSelector(rate, window=window, window_scale=scale, random_state=0)
            plot_windows(selector.fit(context.scores, task.y_pool), context.scores, task.y_pool, ax=ax)
            ax.set_title(f"{task.key}, {rate:.0%} pruning, k = {window}: window_scale='{scale}'", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    args = parse_args(__doc__, "docs/results/window_scale.md")
    config = dataclasses.replace(full_config(), tasks=(("fmnist", "scratch"), ("fmnist_lt", "scratch")),
                                 methods=METHODS, rates=(0.5, 0.7, 0.9))
    rows = run_benchmark(config, cache_dir=args.cache, methods=EXTRA)
    publish_page("Window scale: class-wise against global", "window_scale_ablation.py", rows, config,
                 config.tasks, METHODS, args.out)
    draw_windows(config, args.cache, args.out.with_name("windows.png"))


if __name__ == "__main__":
    main()
