"""Check: do the random baselines' coresets hold the pool's share of the corrupted rows?

Usage::

    python benchmarks/corruption_draw_check.py [--out docs/results/corruption_draw_check.md]

For the benchmark's tasks whose corruption picks rows across the pool
(symmetric label noise, on the full preset's digits and Fashion-MNIST, from
scratch and fine-tuned), the share of wrong labels in the coresets of
``random`` and ``balanced_random`` at 50 and 90% pruning, per seed 0-4, beside
the pool's. No training: the coresets alone. Written when
``sklearn_path_check.py`` found that ``symmetric_label_noise`` and
``RandomSelector`` seeded with one integer draw the same rows; run before
and after the fix (``sknucs/datasets/_corruption_stream.py``), the page
keeps both runs' tables (docs/benchmark.md, "What makes the comparison
fair").
"""

import argparse

import numpy as np

from _output import publish
from sknucs.baselines import ClassBalancedRandomSelector, RandomSelector
from sknucs.benchmark import full_config
from sknucs.benchmark._tasks import build_tasks

PAIRS = (("digits_noisy", "digits"), ("fmnist_noisy", "fmnist"))
"""(noisy data set, its clean source): the tasks whose noise is drawn across the pool."""
SELECTORS = {"random": RandomSelector, "balanced_random": ClassBalancedRandomSelector}
RATES = (0.5, 0.9)
SEEDS = (0, 1, 2, 3, 4)


def wrong_shares(noisy, clean):
    """name -> rate -> the share of wrong labels in each seed's coreset of ``noisy``'s pool."""
    wrong = noisy.y_pool != clean.y_pool
    return wrong.mean(), {name: {rate: [wrong[selector(rate, random_state=seed).fit(
        np.zeros(wrong.size), noisy.y_pool).sample_indices_].mean() for seed in SEEDS] for rate in RATES}
        for name, selector in SELECTORS.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    config = full_config()
    lines = [f"Made by `python benchmarks/corruption_draw_check.py` (the full preset, data_seed={config.data_seed}, "
             f"noise_rate={config.noise_rate}): the share of wrong labels in the random baselines' coresets, "
             "seeds " + ", ".join(map(str, SEEDS)) + ".", "",
             "| task | pool | method | rate | " + " | ".join(f"seed {seed}" for seed in SEEDS) + " |",
             "|---|---|---|---|" + "---|" * len(SEEDS)]
    for noisy_name, clean_name in PAIRS:
        for track in ("scratch", "finetune"):
            for noisy, clean in zip(build_tasks(noisy_name, track, config), build_tasks(clean_name, track, config)):
                pool, shares = wrong_shares(noisy, clean)
                lines += [f"| {noisy.key} | {pool:.2f} | {name} | {rate:.0%} | "
                          + " | ".join(f"{share:.2f}" for share in shares[name][rate]) + " |"
                          for name in SELECTORS for rate in RATES]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
