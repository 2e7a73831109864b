"""Fit time of every selector on synthetic scores, side by side.

Usage: python benchmarks/baselines_timing.py [--n-samples N] [--n-classes C]
       [--n-features D] [--repeats R]

Prints the median fit time over R repeats of each selector on the same data,
and its ratio to RandomSelector.
"""

import argparse
import time

import numpy as np

from sknucs import NUCSSelector
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=1_000_000)
    parser.add_argument("--n-classes", type=int, default=1000)
    parser.add_argument("--n-features", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    y = rng.integers(0, args.n_classes, args.n_samples)
    scores = rng.exponential(size=args.n_samples)
    features = rng.normal(size=(args.n_samples, args.n_features)).astype(np.float32)
    selectors = {
        "RandomSelector": RandomSelector(rate=0.7, random_state=0),
        "ClassBalancedRandomSelector": ClassBalancedRandomSelector(rate=0.7, random_state=0),
        "ScoreTopKSelector": ScoreTopKSelector(rate=0.7, random_state=0),
        "ScoreTopKSelector(class_balanced)": ScoreTopKSelector(
            rate=0.7, class_balanced=True, random_state=0),
        "CCSSelector": CCSSelector(rate=0.7, random_state=0),
        "CCSSelector(class_balanced)": CCSSelector(rate=0.7, class_balanced=True, random_state=0),
        "ModerateSelector": ModerateSelector(rate=0.7, random_state=0),
        "NUCSSelector(window=0.9)": NUCSSelector(rate=0.7, window=0.9, random_state=0),
    }
    times = {}
    for name, selector in selectors.items():
        runs = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            selector.fit(scores, y, features=features if "Moderate" in name else None)
            runs.append(time.perf_counter() - start)
        times[name] = float(np.median(runs))
    base = times["RandomSelector"]
    print(f"N={args.n_samples} C={args.n_classes} d={args.n_features} "
          f"median of {args.repeats}")
    for name, seconds in times.items():
        print(f"{name:36s} {seconds * 1000:9.1f} ms  {seconds / base:6.1f} x random")


if __name__ == "__main__":
    main()
