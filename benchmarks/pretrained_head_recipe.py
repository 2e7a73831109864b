"""The frozen track's head recipe: a step budget against a fixed number of epochs, on the cached features.

Trains the linear head of ``backbone_frozen`` on the full fmnist pool and on a random 10 % of it
(seed 0) with each recipe, and prints test accuracy and seconds. Needs the features that
``python -m sknucs.benchmark --mode pretrained --tasks fmnist/backbone_frozen`` caches.

Usage::

    python benchmarks/pretrained_head_recipe.py --cache benchmarks/cache
"""

import time

import numpy as np
import torch

from sknucs.benchmark import TrainRecipe, build_tasks, pretrained_config
from sknucs.benchmark._backbone import BackboneContext
from sknucs.benchmark._runner import task_fingerprint
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._training import evaluate, train_model

from _ablation import parse_args
from _output import publish

RECIPES = {"20 epochs of 128, lr 1e-3": TrainRecipe("linear", epochs=20),
           "150 steps of 512, lr 3e-3": TrainRecipe("linear", epochs=1, batch_size=512, lr=3e-3, steps=150)}


def main():
    args = parse_args(__doc__)
    config = pretrained_config()
    (task,) = build_tasks("fmnist", "backbone_frozen", config)
    context = BackboneContext(task, config, ArrayCache(f"{args.cache}/arrays"), "cpu", task_fingerprint(task, config))
    n_pool = len(task.y_pool)
    subsets = {"full pool": np.arange(n_pool),
               "random 10 %": np.sort(np.random.default_rng(0).choice(n_pool, n_pool // 10, replace=False))}
    lines = ["| recipe | " + " | ".join(subsets) + " | seconds (full pool) |", "|---|---|---|---|"]
    for name, recipe in RECIPES.items():
        cells = []
        for rows in subsets.values():
            start = time.perf_counter()
            index = torch.as_tensor(rows)
            model = train_model(context.new_model(0), context.X_pool[index], torch.as_tensor(task.y_pool)[index],
                                seed=0, **recipe.train_kwargs())
            cells.append((evaluate(model, context.X_test, task.y_test, task.n_classes)["accuracy"],
                          time.perf_counter() - start))
        lines.append(f"| {name} | " + " | ".join(f"{acc:.4f}" for acc, _ in cells) + f" | {cells[0][1]:.1f} |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
