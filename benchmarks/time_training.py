"""Time one training run per track of a benchmark preset and estimate the whole run.

Usage: python benchmarks/time_training.py --mode full [--threads 1] [--repeats 3]

For each (dataset, track) of the preset it trains the track's recipe once on the
whole pool (the full-data cell, the largest training of the track), and for the
fine-tune track also the source pretraining; then it multiplies the measured
seconds per sample pass (one sample through one training step) by the training work of every cell of the preset
(selection, scoring and ridge-window time are not included; see docs/benchmark.md).
"""

import argparse
import logging
import statistics
import time

import torch

from sknucs.benchmark import METHODS, PRESETS, Method, build_tasks
from sknucs.benchmark._config import track_recipe
from sknucs.benchmark._models import build_model
from sknucs.benchmark._runner import _plan
from sknucs.benchmark._training import to_tensor, train_model

logger = logging.getLogger("time_training")


def _time_training(recipe, X, y, n_classes, repeats):
    times = []
    for seed in range(repeats):
        model = build_model(recipe.model, tuple(X.shape[1:]), n_classes, seed)
        start = time.perf_counter()
        train_model(model, X, y, seed=seed, **recipe.train_kwargs())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(PRESETS), default="full")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(args.threads)
    config = PRESETS[args.mode]()
    per_sample_pass = {}
    tasks = []
    for dataset, track in config.tasks:
        pair = build_tasks(dataset, track, config)
        tasks += pair
        task = pair[0]
        X = to_tensor(task.X_pool, 0.5, 0.25)
        recipe = track_recipe(config, track)
        seconds = _time_training(recipe, X, torch.as_tensor(task.y_pool), task.n_classes, args.repeats)
        per_sample_pass.update({t.key: seconds / recipe.sample_passes(len(X)) for t in pair})
        logger.info("%s: one training run (%s, %d samples, %s): %.1f s",
                    task.key, recipe.model, len(X), recipe, seconds)
        if track == "finetune":
            pre = config.pretrain
            Xs = to_tensor(task.X_source, 0.5, 0.25)
            seconds = _time_training(pre, Xs, torch.as_tensor(task.y_source), int(task.y_source.max()) + 1, 1)
            logger.info("%s: source pretraining (%d samples x %d epochs): %.1f s",
                        task.key, len(Xs), pre.epochs, seconds)
    # every method builds a placeholder: only the plan's training work is needed here
    registry = {name: Method(name, lambda rate, random_state: None, m.oracle) for name, m in METHODS.items()}
    total = 0.0
    for task in tasks:
        work = sum(c.sample_passes for c in _plan([task], config, registry))
        seconds = work * per_sample_pass[task.key]
        scoring = len(task.y_pool) * config.scoring.epochs * len(config.scoring.seeds) * per_sample_pass[task.key]
        logger.info("%s: %.2e sample passes of training -> %.0f s, scoring ~%.0f s", task.key, work, seconds, scoring)
        total += seconds + scoring
    logger.info("Estimated training + scoring time of mode %r on %d threads: %.0f s (%.1f min)",
                config.mode, args.threads, total, total / 60)


if __name__ == "__main__":
    main()
