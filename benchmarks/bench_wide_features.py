"""The ridge fits on wide features: the kernel matrix's axes beside the Gram matrix's.

Usage::

    python benchmarks/bench_wide_features.py [--repeats 3] [--out docs/results/wide_features.md]

A user's embeddings are often wider than the pool is long (2,048 or 4,096
features of a few hundred images). Every ridge fit of the noise filter's
probe (five) and of the window search (one per grid point) decomposes the
``d x d`` Gram matrix of its rows (:func:`sknucs._ridge.gram_axes`,
``O(n d^2 + d^3)``); with fewer rows than features the same axes come from
the ``n x n`` kernel matrix (:func:`sknucs._ridge.kernel_axes`,
``O(n^2 d + n^3)``), which the fit now takes. This times both on the same
centred rows (synthetic float32 features of 10 classes, median of
``--repeats`` calls, side by side in one run), measures how far each
path's leave-one-out errors lie from the same fit in float64 (where the
two agree to 1e-12), and times a whole ``NUCSSelector(rate=0.5)``
fit with the features today.
"""

import logging

import numpy as np

from sknucs import _ridge

from _output import publish
from _timing import default_fit_time, median_time, parse_timing_args

SHAPES = ((300, 512), (300, 2048), (300, 4096), (1000, 2048), (1000, 4096))
"""(rows, features) of each line: wider than long, as embeddings of a small pool are."""
ALPHAS = np.logspace(-4, 1, 6)


def wide_rows(n_samples, n_features, seed=0):
    """Float32 features of 10 classes (random class means, noise of unit variance), labels and scores.

    The means lie about ``0.2 sqrt(2 d)`` apart: a ridge probe tells the
    classes apart, so the fit believes the features and runs its search.
    """
    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % 10
    means = 0.2 * rng.normal(size=(10, n_features))
    X = (means[y] + rng.normal(size=(n_samples, n_features))).astype(np.float32)
    return X, y, rng.uniform(size=n_samples)


def loo_errors(axes_function, X, y):
    """The leave-one-out errors of :func:`sknucs._ridge.ridge_classifier_loo` with the axes of ``axes_function``."""
    original = _ridge._principal_axes
    _ridge._principal_axes = axes_function
    try:
        return _ridge.ridge_classifier_loo(X, y, 10, ALPHAS * X.shape[0])[3]
    finally:
        _ridge._principal_axes = original


def main():
    args = parse_timing_args(__doc__)
    lines = ["# Ridge fits on wide features", "",
             "Made by `python benchmarks/bench_wide_features.py`: seconds, median of "
             f"{args.repeats}, float32 features of 10 classes, on this machine; the two axes side by side in one "
             "run. 'fit' is a whole `NUCSSelector(rate=0.5)` fit with the features (the probe's five ridge fits "
             "and the window search's), with the kernel matrix's axes; its probe's agreement with the labels "
             "(`label_agreement_`) shows that it believed the features.", "",
             "| rows | features | Gram matrix's axes (s) | kernel matrix's axes (s) | ratio | LOO errors off "
             "float64's, Gram / kernel | fit (s) | agreement |", "|---|---|---|---|---|---|---|---|"]
    for n_samples, n_features in SHAPES:
        X, y, scores = wide_rows(n_samples, n_features)
        centred = X - X.mean(axis=0)
        gram, _ = median_time(lambda: _ridge.gram_axes(centred), args.repeats)
        kernel, _ = median_time(lambda: _ridge.kernel_axes(centred), args.repeats)
        exact = loo_errors(_ridge.gram_axes, X.astype(np.float64), y)
        off = [np.max(np.abs(loo_errors(axes, X, y) / exact - 1)) for axes in (_ridge.gram_axes, _ridge.kernel_axes)]
        fit, selector = default_fit_time(scores, y, X, args.repeats)
        lines.append(f"| {n_samples} | {n_features} | {gram:.2f} | {kernel:.3f} | {gram / kernel:.0f}x | "
                     f"{off[0]:.1e} / {off[1]:.1e} | {fit:.2f} | {selector.label_agreement_:.2f} |")
        logging.info(lines[-1])
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
