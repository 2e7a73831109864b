"""Fit time of every selector on synthetic scores, side by side.

Usage: python benchmarks/baselines_timing.py [--n-samples N] [--n-classes C]
       [--n-features D] [--repeats R] [--internals]

Prints the median fit time over R repeats of each selector on the same data,
and its ratio to RandomSelector. With --internals, also times ModerateSelector's
two steps against the plain numpy versions they replace.
"""

import argparse

import numpy as np

from sknucs import NUCSSelector
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)
from sknucs.baselines._moderate import class_medians, distances_to_centers

from _timing import median_time


def plain_class_medians(features, codes, n_classes):
    """numpy.median along axis 0 on each class's rows."""
    order = np.argsort(codes, kind="stable")
    starts = np.r_[0, np.cumsum(np.bincount(codes, minlength=n_classes))]
    grouped = features[order]
    return np.stack([np.median(grouped[a:b], axis=0) for a, b in zip(starts[:-1], starts[1:])])


def time_moderate_internals(features, y, repeats):
    """Print ModerateSelector's steps against the plain numpy versions."""
    centers = class_medians(features, y, y.max() + 1)
    pairs = {
        "class medians: sort per class / np.median axis 0": (
            lambda: class_medians(features, y, y.max() + 1),
            lambda: plain_class_medians(features, y, y.max() + 1),
        ),
        "distances: blocked einsum / np.linalg.norm": (
            lambda: distances_to_centers(features, y, centers),
            lambda: np.linalg.norm(features - centers[y], axis=1),
        ),
    }
    for name, (ours, plain) in pairs.items():
        ours_s, plain_s = median_time(ours, repeats)[0], median_time(plain, repeats)[0]
        print(f"{name:50s} {ours_s * 1000:8.1f} ms / {plain_s * 1000:8.1f} ms"
              f"  = {plain_s / ours_s:4.1f}x faster")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=1_000_000)
    parser.add_argument("--n-classes", type=int, default=1000)
    parser.add_argument("--n-features", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--internals", action="store_true")
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
    times = {
        name: median_time(
            lambda s=selector, f=features if "Moderate" in name else None: s.fit(
                scores, y, features=f),
            args.repeats,
        )[0]
        for name, selector in selectors.items()
    }
    base = times["RandomSelector"]
    print(f"N={args.n_samples} C={args.n_classes} d={args.n_features} "
          f"median of {args.repeats}")
    for name, seconds in times.items():
        print(f"{name:36s} {seconds * 1000:9.1f} ms  {seconds / base:6.1f} x random")
    if args.internals:
        time_moderate_internals(features, y, args.repeats)


if __name__ == "__main__":
    main()
