"""How much the ImageNet backbone transfers: full-data accuracy on the fine-tune track's pool and test set.

On the ``backbone_finetune`` task of ``--mode pretrained_finetune`` (the same pool, validation split
and test subsample), trains with all of the pool: a linear head on the frozen backbone's features at
the track's input size (the frozen track's head recipe), and the scratch track's MLP on the raw
pixels (its recipe). The fully fine-tuned network's full-data cells are read from the cache. Needs
the cache that ``--mode pretrained_finetune`` filled (features and full-data cells).

Usage::

    python benchmarks/pretrained_transfer.py --cache benchmarks/cache --seeds 0 1
"""

import json
from pathlib import Path

import numpy as np
import torch

from sknucs.benchmark import build_tasks, pretrained_finetune_config
from sknucs.benchmark._backbone import BackboneContext
from sknucs.benchmark._models import build_model, seeded
from sknucs.benchmark._runner import task_fingerprint
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._training import evaluate, to_tensor, train_model

from _ablation import parse_args
from _output import publish


def main():
    args = parse_args(__doc__, add_arguments=lambda parser: parser.add_argument(
        "--seeds", type=int, nargs="+", default=[0, 1]))
    config = pretrained_finetune_config()
    (task,) = build_tasks("fmnist", "backbone_finetune", config)
    fingerprint = task_fingerprint(task, config)
    context = BackboneContext(task, config, ArrayCache(Path(args.cache, "arrays")), "cpu", fingerprint)
    head, scratch = config.backbone.head, config.scratch
    y_pool = torch.as_tensor(task.y_pool)
    X_pool, X_test = (to_tensor(X, 0.0, 1.0) for X in (task.X_pool, task.X_test))
    mean, std = float(X_pool.mean()), float(X_pool.std())
    frozen = context.frozen_features
    results = {"linear head on the frozen backbone": [], "MLP from scratch": [], "whole network fine-tuned": []}
    for seed in args.seeds:
        linear = seeded(seed, torch.nn.Linear, frozen["pool"].shape[1], task.n_classes)
        model = train_model(linear, frozen["pool"], y_pool, seed=seed, **head.train_kwargs())
        results["linear head on the frozen backbone"].append(
            evaluate(model, frozen["test"], task.y_test, task.n_classes)["accuracy"])
        mlp = train_model(build_model(scratch.model, (1, 28, 28), task.n_classes, seed), (X_pool - mean) / std,
                          y_pool, seed=seed, **scratch.train_kwargs())
        results["MLP from scratch"].append(evaluate(mlp, (X_test - mean) / std, task.y_test, task.n_classes)["accuracy"])
    for line in Path(args.cache, "cells.jsonl").read_text().splitlines():
        row = json.loads(line)
        if row["fingerprint"] == fingerprint and row["method"] == "full" and row["dataset"] == "fmnist":
            results["whole network fine-tuned"].append(row["accuracy"])
    lines = [f"Fashion-MNIST, the fine-tune track's pool ({len(task.y_pool)} images) and test subsample "
             f"({len(task.y_test)}), {config.backbone.finetune_size} x {config.backbone.finetune_size}; "
             "test accuracy, one value per seed.", "", "| model | test accuracy |", "|---|---|"]
    lines += [f"| {name} | " + ", ".join(f"{v:.4f}" for v in values) + (f" (mean {np.mean(values):.4f})" if values else "")
              + " |" for name, values in results.items()]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
