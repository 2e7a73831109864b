"""Fine-tune vs from-scratch CNN on a random target subset, for a few learning rates.

Usage: python benchmarks/check_finetune_recipe.py [--threads 1]

Pretrains the fine-tune track's CNN on the source classes of the full preset's
first fine-tune task (Fashion-MNIST 0-4), then trains the target classes (5-9)
from that body or from scratch on random 10 %, 30 % and 100 % subsets of the
target pool, with the track's recipe (its steps or epochs), and prints test accuracy. It is the
measurement behind the fine-tune learning rate (docs/benchmark.md).
"""

import argparse

import numpy as np
import torch

from sknucs.benchmark import build_tasks, full_config
from sknucs.benchmark._models import build_model
from sknucs.benchmark._training import evaluate, to_tensor, train_model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--lrs", type=float, nargs="+", default=[3e-4, 1e-3, 2e-3])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    config = full_config()
    task = build_tasks("fmnist", "finetune", config)[0]
    pool = torch.as_tensor(task.X_pool, dtype=torch.float32) / 255
    mean, std = float(pool.mean()), float(pool.std())
    X_source, X_pool, X_test = (to_tensor(X, mean, std) for X in (task.X_source, task.X_pool, task.X_test))
    y_pool = torch.as_tensor(task.y_pool)
    pre = config.pretrain
    source = build_model(pre.model, (1, 28, 28), 5, 0)
    train_model(source, X_source, task.y_source, seed=0, **pre.train_kwargs())
    recipe = config.finetune
    print(f"{task.key}, {recipe}; test accuracy")
    print("| kept | lr | fine-tuned | from scratch |\n|---|---|---|---|")
    rng = np.random.default_rng(0)
    for fraction in (0.1, 0.3, 1.0):
        rows = torch.as_tensor(np.sort(rng.choice(len(y_pool), int(fraction * len(y_pool)), replace=False)))
        for lr in args.lrs:
            accuracy = {}
            for name, body in (("fine-tuned", source.body.state_dict()), ("scratch", None)):
                model = build_model(recipe.model, (1, 28, 28), 5, 1, body_state=body)
                train_model(model, X_pool[rows], y_pool[rows], seed=1,
                            **{**recipe.train_kwargs(), "lr": lr})
                accuracy[name] = evaluate(model, X_test, task.y_test, 5)["accuracy"]
            print(f"| {fraction:.0%} | {lr:g} | {accuracy['fine-tuned']:.4f} | {accuracy['scratch']:.4f} |", flush=True)


if __name__ == "__main__":
    main()
