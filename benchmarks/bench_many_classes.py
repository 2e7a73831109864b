"""The ridge fits' leave-one-out errors with many classes: row by row beside class by class. Not taken.

Usage::

    python benchmarks/bench_many_classes.py [--repeats 3] [--out docs/results/many_classes.md]

Every ridge fit with features (the noise filter's probe, five of them, and
one per point of the window search's grid) scores its penalties by their
leave-one-out errors, from the ``n x C`` fitted values: ``O(n d C)`` per
penalty (:func:`sknucs._ridge._loo_errors_by_classes`). With more classes
than features each row's squared residual could come from ``d x d``
products instead (``O(n d^2)``, no ``n x C`` matrix: :func:`loo_errors_by_rows`
below, the candidate). This times both on the same rotated rows of
synthetic float32 features (20,000 rows of 256 features, 10 to 1,000
classes; median of ``--repeats`` calls, side by side in one run), checks
that they give the same errors, and times the probe
(:func:`sknucs._label_noise.probe_labels`) and a whole
``NUCSSelector(rate=0.5)`` fit with the features as the library does them.

Outcome: row by row was 2.0x faster at 1,000 classes and slower at 300
(the class-by-class products run in float32, the row sums need float64
against cancellation): a second path for about ``C > 2 d`` was not worth
keeping in the library.
"""

import logging

import numpy as np

from sknucs import _ridge
from sknucs._label_noise import probe_labels

from _output import publish
from _timing import default_fit_time, median_time, parse_timing_args

N_SAMPLES, N_FEATURES = 20_000, 256
CLASSES = (10, 100, 300, 1000)
ALPHAS = np.logspace(-4, 1, 6) * N_SAMPLES


def labelled_rows(n_classes, seed=0):
    """Float32 features (random class means, unit noise), labels and uniform scores."""
    rng = np.random.default_rng(seed)
    codes = np.arange(N_SAMPLES) % n_classes
    X = (0.3 * rng.normal(size=(n_classes, N_FEATURES))[codes] + rng.normal(size=(N_SAMPLES, N_FEATURES)))
    return X.astype(np.float32), codes, rng.uniform(size=N_SAMPLES)


def loo_errors_by_rows(rotated, codes, target_mean, projected_targets, shrink, leverages):
    """The candidate: mean squared leave-one-out error of each alpha, row by row, ``O(n d^2)`` each.

    Each row's squared residual over the classes is
    ``|Y_i|^2 - 2 Y_i . F_i + |F_i|^2`` with ``F_i = A_i P``, ``A = Z diag(g)``
    and ``Y_i = 2 e_{c_i} - 1 - m``: ``|F_i|^2 = A_i (P P^T) A_i^T`` and
    ``Y_i . F_i = A_i (2 P[:, c_i] - P (1 + m))``.
    """
    rows = rotated.astype(np.float64)
    shifted = 1.0 + target_mean
    target_norms = np.dot(shifted, shifted) - 4.0 * target_mean[codes]
    along_targets = 2.0 * projected_targets.T[codes] - projected_targets @ shifted
    gram = projected_targets @ projected_targets.T
    loo_errors = np.empty(shrink.shape[1])
    for i in range(shrink.shape[1]):
        weighted = rows * shrink[:, i]
        squares = (target_norms - 2.0 * np.einsum("ij,ij->i", weighted, along_targets)
                   + np.einsum("ij,ij->i", weighted @ gram, weighted))
        loo_errors[i] = np.mean(squares / np.maximum(1.0 - leverages[:, i], 1e-12) ** 2) / target_mean.size
    return loo_errors


def both_ways(X, codes, n_classes):
    """What the two ways share (rotated rows, the targets' column means, projections, shrinkage, leverages)."""
    centred = X - X.mean(axis=0)
    eigenvalues, axes = _ridge._principal_axes(centred, np.arange(codes.size), None)
    rotated = centred @ axes.astype(X.dtype)
    target_mean = (2.0 * np.bincount(codes, minlength=n_classes) - codes.size) / codes.size
    projected = (rotated.T @ _ridge._centred_targets(codes, target_mean, X.dtype)).astype(np.float64)
    shrink = 1.0 / (eigenvalues[:, None] + ALPHAS[None, :])
    leverages = np.square(rotated) @ shrink.astype(X.dtype) + 1.0 / codes.size
    return rotated, target_mean, projected, shrink, leverages


def main():
    args = parse_timing_args(__doc__)
    lines = ["# Leave-one-out errors with many classes", "",
             "Made by `python benchmarks/bench_many_classes.py`: seconds, median of "
             f"{args.repeats}, {N_SAMPLES:,} rows of {N_FEATURES} float32 features, six penalties, on this machine; "
             "the two ways side by side in one run on the same rotated rows. 'probe' and 'fit' as the library "
             "does them (class by class). Row by row is a candidate, not taken.", "",
             "| classes | class by class (s) | row by row (s) | ratio | errors apart (relative) | probe (s) | "
             "fit (s) |", "|---|---|---|---|---|---|---|"]
    for n_classes in CLASSES:
        X, codes, scores = labelled_rows(n_classes)
        rotated, target_mean, projected, shrink, leverages = both_ways(X, codes, n_classes)
        by_classes, errors = median_time(lambda: _ridge._loo_errors_by_classes(
            rotated, codes, target_mean, projected, shrink, leverages), args.repeats)
        by_rows, row_errors = median_time(lambda: loo_errors_by_rows(
            rotated, codes, target_mean, projected, shrink, leverages), args.repeats)
        apart = np.max(np.abs(row_errors / errors - 1))
        probe, _ = median_time(lambda: probe_labels(X, codes, n_classes), args.repeats)
        fit, _ = default_fit_time(scores, codes, X, args.repeats)
        lines.append(f"| {n_classes} | {by_classes:.2f} | {by_rows:.2f} | {by_classes / by_rows:.1f}x | "
                     f"{apart:.1e} | {probe:.2f} | {fit:.2f} |")
        logging.info(lines[-1])
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
