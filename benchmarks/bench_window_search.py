"""Cost of choosing the window endpoint: the ridge search (NUCS) beside NUCS-O.

Part 1, one run on Fashion-MNIST (N = 60,000): the scoring model (MLP
784-256-10, 2 epochs) gives EL2N scores and 256-d penultimate features. On a
10-point grid of window endpoints, at pruning rate 0.5:

- the ridge search (``NUCSSelector(window="auto")`` with the features), median
  of several runs;
- the same search with scikit-learn's ``RidgeClassifierCV`` fitted on each
  window instead of sknucs's closed form (one run);
- NUCS-O: ``oracle_window_search`` whose ``evaluate`` trains the benchmark's
  model (MLP 784-256-10, Adam 1e-3, batch 128, 15 epochs) on each coreset and
  returns its test accuracy (one run).

Part 2: the ridge search alone on synthetic float32 features, d = 256,
N = 1e4, 1e5, 1e6, to show that its cost grows linearly in N.

The training recipe mirrors the benchmark's (sknucs.benchmark had not landed
on main when this was written); the model is defined here.

Usage::

    python benchmarks/bench_window_search.py            # the full run (minutes)
    python benchmarks/bench_window_search.py --quick    # 1 epoch, N up to 1e5
"""

import argparse
import gzip
import logging
import os
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.linear_model import RidgeClassifierCV
from torch import nn

from sknucs import NUCSSelector, RidgeWindowPredictor, oracle_window_search

LOGGER = logging.getLogger("bench_window_search")
RESULTS = Path(__file__).parent / "results" / "window_search_cost.md"
FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
RATE = 0.5
# Ten endpoints whose windows all differ at rate 0.5 (every k <= 0.5 would give
# the same window as k = 0.5 under proportional budgets).
GRID = np.round(np.linspace(0.55, 1.0, 10), 2)


def read_idx(path):
    """An idx file (gzip) as a numpy array."""
    with gzip.open(path, "rb") as stream:
        data = stream.read()
    n_dims = data[3]
    shape = np.frombuffer(data, dtype=">i4", count=n_dims, offset=4)
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * n_dims).reshape(shape)


def load_fashion_mnist():
    """Standardised float32 pixels (n, 784) and int64 labels, train and test."""
    parts = []
    for prefix in ("train", "t10k"):
        pixels = read_idx(FASHION_MNIST / f"{prefix}-images-idx3-ubyte.gz")
        labels = read_idx(FASHION_MNIST / f"{prefix}-labels-idx1-ubyte.gz")
        parts.append(torch.as_tensor(pixels.reshape(len(pixels), -1), dtype=torch.float32) / 255)
        parts.append(torch.as_tensor(labels.astype(np.int64)))
    X, y, X_test, y_test = parts
    mean, std = X.mean(), X.std()
    return (X - mean) / std, y, (X_test - mean) / std, y_test


def mlp(seed, n_inputs=784, hidden=256, n_classes=10):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_inputs, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))


def train(model, X, y, epochs, seed, batch_size=128, lr=1e-3, on_epoch_end=None):
    """The benchmark's recipe: Adam, cross-entropy, shuffled mini-batches."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(y), generator=generator)
        for start in range(0, len(y), batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(X[batch]), y[batch]).backward()
            optimizer.step()
        if on_epoch_end is not None:
            on_epoch_end(model)
    return model.eval()


@torch.no_grad()
def accuracy(model, X, y):
    return float((model(X).argmax(1) == y).float().mean())


def scores_and_features(X, y, epochs):
    """EL2N averaged over the scoring model's epochs, and its penultimate features."""
    el2n = []

    @torch.no_grad()
    def record(model):
        model.eval()
        probabilities = torch.softmax(model(X), dim=1)
        probabilities[torch.arange(len(y)), y] -= 1
        el2n.append(probabilities.norm(dim=1).numpy())

    model = train(mlp(seed=0), X, y, epochs, seed=0, on_epoch_end=record)
    with torch.no_grad():
        features = model[1](model[0](X)).numpy()
    return np.mean(el2n, axis=0).astype(np.float64), np.ascontiguousarray(features)


def median_time(function, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def ridge_search(scores, y, features):
    search = RidgeWindowPredictor(grid=GRID)
    return NUCSSelector(rate=RATE, window_search=search, random_state=0).fit(
        scores, y, features=features
    )


def sklearn_search(scores, y, features):
    """The same grid with RidgeClassifierCV on each window (standardised features)."""
    standardized = (features - features.mean(0)) / features.std(0)
    selector = NUCSSelector(rate=RATE, random_state=0)
    values = []
    for k in GRID:
        rows = selector.set_params(window=float(k)).fit(scores, y).sample_indices_
        model = RidgeClassifierCV(alphas=RidgeWindowPredictor().alphas).fit(standardized[rows], y[rows])
        values.append(float(np.mean(model.predict(standardized) == y)))
    return np.array(values)


def part_one(epochs, repeats):
    X, y, X_test, y_test = load_fashion_mnist()
    start = time.perf_counter()
    scores, features = scores_and_features(X, y, epochs=2)
    LOGGER.info("scoring model (2 epochs) and features: %.1fs", time.perf_counter() - start)
    y_np = y.numpy()

    t_ridge, selector = median_time(lambda: ridge_search(scores, y_np, features), repeats)
    search = selector.window_search_
    LOGGER.info("ridge search: %.2fs, k=%.2f", t_ridge, selector.window_)
    t_fixed, _ = median_time(
        lambda: NUCSSelector(rate=RATE, window=0.9, random_state=0).fit(scores, y_np), repeats
    )

    start = time.perf_counter()
    sklearn_values = sklearn_search(scores, y_np, features)
    t_sklearn = time.perf_counter() - start
    LOGGER.info("same search with RidgeClassifierCV: %.2fs", t_sklearn)

    def evaluate(indices):
        index = torch.as_tensor(indices)
        model = train(mlp(seed=1), X[index], y[index], epochs, seed=1)
        return accuracy(model, X_test, y_test)

    start = time.perf_counter()
    oracle = oracle_window_search(
        NUCSSelector(rate=RATE, random_state=0), scores, y_np, evaluate, grid=GRID, n_jobs=1
    )
    t_oracle = time.perf_counter() - start
    LOGGER.info("NUCS-O: %.1fs, k=%.2f", t_oracle, oracle.best_window)
    return {
        "sklearn_difference": float(np.abs(sklearn_values - search.grid_scores_).max()),
        "t_ridge": t_ridge, "t_fixed": t_fixed, "t_sklearn": t_sklearn, "t_oracle": t_oracle,
        "search": search, "oracle": oracle, "ridge_window": selector.window_,
        "n_features": features.shape[1], "n_samples": len(y_np),
    }


def part_two(sizes, repeats, n_features=256, n_classes=10):
    rows = []
    for n_samples in sizes:
        rng = np.random.default_rng(0)
        y = rng.integers(0, n_classes, n_samples)
        centres = rng.normal(size=(n_classes, n_features)).astype(np.float32)
        features = rng.standard_normal((n_samples, n_features), dtype=np.float32)
        features += centres[y]
        scores = rng.random(n_samples)
        reps = repeats if n_samples < 10**6 else 1
        elapsed, _ = median_time(lambda: ridge_search(scores, y, features), reps)
        rows.append((n_samples, elapsed, reps))
        LOGGER.info("synthetic N=%d: ridge search %.2fs (%.2f us/sample)", n_samples, elapsed,
                    1e6 * elapsed / n_samples)
        del features
    return rows


def to_markdown(one, two, epochs, repeats, load):
    search, oracle = one["search"], one["oracle"]
    best_oracle = oracle.values.max()
    chosen = oracle.values[np.flatnonzero(oracle.grid == one["ridge_window"])[0]]
    lines = [
        f"Machine: {os.cpu_count()} CPU cores shared with other jobs (load average "
        f"{load[0]:.1f} at the start, {load[1]:.1f} at the end); torch {torch.__version__} "
        f"on CPU. Pruning rate {RATE}, grid {', '.join(f'{k:g}' for k in GRID)}.",
        "",
        f"## Fashion-MNIST, N = {one['n_samples']:,}, d = {one['n_features']}, 10-point grid",
        "",
        "| window choice | time (s) | NUCS-O time / this |",
        "|---|---|---|",
        f"| fixed k (`NUCSSelector(window=0.9)`, no search), median of {repeats} | "
        f"{one['t_fixed']:.3f} | - |",
        f"| ridge search, sknucs closed form (`window=\"auto\"`), median of {repeats} | "
        f"{one['t_ridge']:.2f} | {one['t_oracle'] / one['t_ridge']:.0f}x |",
        f"| ridge search with sklearn `RidgeClassifierCV` per window, 1 run | "
        f"{one['t_sklearn']:.2f} | {one['t_oracle'] / one['t_sklearn']:.0f}x |",
        f"| NUCS-O: MLP 784-256-10 trained {epochs} epochs per window, 1 run | "
        f"{one['t_oracle']:.1f} | 1x |",
        "",
        "The two ridge searches' per-k scores differ by at most "
        f"{one['sklearn_difference']:.5f} (float32 here, float64 in sklearn).",
        "",
        "Per endpoint (one seed; NUCS-O's value is test accuracy, the ridge's is "
        "training-set accuracy of the ridge classifier):",
        "",
        "| k | ridge score | ridge alpha | NUCS-O accuracy |",
        "|---|---|---|---|",
    ]
    for k, score, alpha, value in zip(search.grid_, search.grid_scores_, search.grid_alphas_,
                                      oracle.values):
        lines.append(f"| {k:g} | {score:.4f} | {alpha:g} | {value:.4f} |")
    lines += [
        "",
        f"Ridge-chosen k = {one['ridge_window']:g} (NUCS-O accuracy {chosen:.4f}); "
        f"NUCS-O's best k = {oracle.best_window:g} ({best_oracle:.4f}); "
        f"gap {100 * (best_oracle - chosen):.2f} points.",
        "",
        "## Ridge search alone, synthetic float32 features, d = 256, C = 10",
        "",
        "| N | time (s) | us per sample | runs (median) |",
        "|---|---|---|---|",
    ]
    for n_samples, elapsed, reps in two:
        lines.append(f"| {n_samples:.0e} | {elapsed:.2f} | {1e6 * elapsed / n_samples:.2f} | {reps} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 training epoch, N up to 1e5")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    epochs = 1 if args.quick else 15
    sizes = [10**4, 10**5] if args.quick else [10**4, 10**5, 10**6]
    load_start = os.getloadavg()[0]
    one = part_one(epochs, args.repeats)
    two = part_two(sizes, args.repeats)
    table = to_markdown(one, two, epochs, args.repeats, (load_start, os.getloadavg()[0]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table)
    print(table)
    LOGGER.info("written to %s", args.out)


if __name__ == "__main__":
    main()
