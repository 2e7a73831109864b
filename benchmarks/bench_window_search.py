"""Cost of choosing the window endpoint: the ridge search (NUCS) beside NUCS-O.

Part 1, one run on Fashion-MNIST (N = 60,000): the scoring model (MLP
784-256-10, 2 epochs) gives EL2N scores and 256-d penultimate features. On a
10-point grid of window endpoints, evenly spaced from the kept fraction
``1 - rate`` to 1 (at rate 0.9: 0.1, 0.2, ..., 1.0, the default grid, ten
distinct windows):

- the ridge search (``NUCSSelector(window="auto")`` with the features), median
  of several runs;
- the same search with scikit-learn's ``RidgeClassifierCV`` fitted on each
  window instead of sknucs's closed form (one run);
- NUCS-O: ``oracle_window_search`` whose ``evaluate`` trains the benchmark's
  model (MLP 784-256-10, Adam 1e-3, batch 128, 15 epochs) on each coreset and
  returns its test accuracy (one run).

Part 2: the ridge search alone on synthetic float32 features, d = 256,
N = 1e4, 1e5, 1e6, at rate 0.5 (the largest coresets the grid meets), to show
that its cost grows linearly in N.

Part 3 (``--coreset-search``, run alone): ``CoresetSearch`` over 30
candidates, the 10 endpoints of part 1 times ``sampling`` in window /
stratified / coverage, on the Fashion-MNIST scores and features of part 1,
scored by the ``"ridge"`` and by the ``"knn"`` proxy (20% held out), wall
and CPU time, median of ``--repeats``. Beside it, the training-based search
over the same candidates is estimated as 30 trainings: one training of the
benchmark's recipe (15 epochs, batch 128) on a coreset of the size the
candidates have (30,000 rows at rate 0.5) is timed, once for the MLP
784-256-10 on the pixels and once for an MLP 256-256-10 on the features, and
multiplied by the number of distinct candidate coresets.

Both sides run on ``--threads`` threads (torch and BLAS); on a machine whose
cores are shared with other jobs one thread was about 3x faster than two for
both. The ridge search is also timed with BLAS threads left alone.

The training recipe mirrors the benchmark's (sknucs.benchmark had not landed
on main when this was written); the model is defined here.

Usage::

    python benchmarks/bench_window_search.py            # the full run (minutes)
    python benchmarks/bench_window_search.py --quick    # 1 epoch, N up to 1e5
    python benchmarks/bench_window_search.py --rate 0.5 --sizes    # no scaling runs
    python benchmarks/bench_window_search.py --coreset-search --rate 0.5 \
        --out benchmarks/results/window_search_cost_grid.md
"""

import argparse
import logging
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
from scipy.stats import spearmanr
from sklearn.linear_model import RidgeClassifierCV
from threadpoolctl import threadpool_limits
from torch import nn

from sknucs import CoresetSearch, NUCSSelector, RidgeWindowPredictor, oracle_window_search
from sknucs.datasets import load_fashion_mnist

from _output import publish
from _timing import median_time

LOGGER = logging.getLogger("bench_window_search")
RESULTS = Path(__file__).parent / "results" / "window_search_cost.md"
SCALING_RATE = 0.5


def grid_for(rate):
    """Ten endpoints from the kept fraction to 1: below it every window is the same."""
    return np.round(np.linspace(1 - rate, 1.0, 10), 3)


def load_standardised_fashion_mnist():
    """Standardised float32 pixels (n, 784) and int64 labels, train and test."""
    X_train, y_train, X_test, y_test = load_fashion_mnist()
    parts = []
    for pixels, labels in ((X_train, y_train), (X_test, y_test)):
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


def ridge_search(scores, y, features, rate, **params):
    search = RidgeWindowPredictor(grid=grid_for(rate), **params)
    return NUCSSelector(rate=rate, window_search=search, random_state=0).fit(
        scores, y, features=features
    )


def sklearn_search(scores, y, features, rate):
    """The same grid with RidgeClassifierCV on each window (standardised features)."""
    standardized = (features - features.mean(0)) / features.std(0)
    selector = NUCSSelector(rate=rate, random_state=0)
    values = []
    for k in grid_for(rate):
        rows = selector.set_params(window=float(k)).fit(scores, y).sample_indices_
        model = RidgeClassifierCV(alphas=RidgeWindowPredictor().alphas).fit(standardized[rows], y[rows])
        values.append(float(np.mean(model.predict(standardized) == y)))
    return np.array(values)


def part_one(rate, epochs, repeats, threads):
    X, y, X_test, y_test = load_standardised_fashion_mnist()
    start = time.perf_counter()
    scores, features = scores_and_features(X, y, epochs=2)
    LOGGER.info("scoring model (2 epochs) and features: %.1fs", time.perf_counter() - start)
    y_np = y.numpy()
    result = {"n_samples": len(y_np), "n_features": features.shape[1]}

    with threadpool_limits(threads, user_api="blas"):
        result["t_fixed"], _ = median_time(
            lambda: NUCSSelector(rate=rate, window=0.9, random_state=0).fit(scores, y_np), repeats
        )
        result["t_ridge"], selector = median_time(
            lambda: ridge_search(scores, y_np, features, rate), repeats
        )
        held_out = ridge_search(scores, y_np, features, rate, eval_size=0.2, random_state=0)
        knn = CoresetSearch(NUCSSelector(rate=rate, random_state=0),
                            {"window": [float(k) for k in grid_for(rate)]}, "knn", random_state=0)
        knn.fit(scores, y_np, features=features)
        start = time.perf_counter()
        sklearn_values = sklearn_search(scores, y_np, features, rate)
        result["t_sklearn"] = time.perf_counter() - start
    result["t_ridge_free"], _ = median_time(
        lambda: ridge_search(scores, y_np, features, rate), repeats
    )
    result.update(search=selector.window_search_, held_out=held_out.window_search_, knn=knn,
                  ridge_window=selector.window_)
    result["sklearn_difference"] = float(np.abs(sklearn_values - selector.window_search_.grid_scores_).max())
    LOGGER.info("ridge search %.2fs (k=%.3g), RidgeClassifierCV %.2fs",
                result["t_ridge"], selector.window_, result["t_sklearn"])

    def evaluate(indices):
        index = torch.as_tensor(indices)
        model = train(mlp(seed=1), X[index], y[index], epochs, seed=1)
        return accuracy(model, X_test, y_test)

    start = time.perf_counter()
    result["oracle"] = oracle_window_search(
        NUCSSelector(rate=rate, random_state=0), scores, y_np, evaluate, grid=grid_for(rate),
        n_jobs=1,
    )
    result["t_oracle"] = time.perf_counter() - start
    LOGGER.info("NUCS-O: %.1fs, k=%.3g", result["t_oracle"], result["oracle"].best_window)
    return result


def _synthetic_search_seconds(n_samples, repeats, threads, n_features, n_classes):
    """Median time of the ridge search on N synthetic samples (features freed on return)."""
    rng = np.random.default_rng(0)
    y = rng.integers(0, n_classes, n_samples)
    centres = rng.normal(size=(n_classes, n_features)).astype(np.float32)
    features = rng.standard_normal((n_samples, n_features), dtype=np.float32)
    features += centres[y]
    scores = rng.random(n_samples)
    with threadpool_limits(threads, user_api="blas"):
        elapsed, _ = median_time(lambda: ridge_search(scores, y, features, SCALING_RATE), repeats)
    return elapsed


def part_two(sizes, repeats, threads, n_features=256, n_classes=10):
    rows = []
    for n_samples in sizes:
        reps = repeats if n_samples < 10**6 else 1
        elapsed = _synthetic_search_seconds(n_samples, reps, threads, n_features, n_classes)
        rows.append((n_samples, elapsed, reps))
        LOGGER.info("synthetic N=%d: ridge search %.2fs (%.2f us/sample)", n_samples, elapsed,
                    1e6 * elapsed / n_samples)
    return rows


SAMPLINGS = ("window", "stratified", "coverage")


def timed(function):
    """Wall and CPU seconds of one call, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def part_three(rate, epochs, repeats, threads):
    """CoresetSearch over 30 candidates by each proxy, beside one timed training times the candidates."""
    X, y, _, _ = load_standardised_fashion_mnist()
    scores, features = scores_and_features(X, y, epochs=2)
    y_np = y.numpy()
    grid = {"window": [float(k) for k in grid_for(rate)], "sampling": list(SAMPLINGS)}
    selector = NUCSSelector(rate=rate, random_state=0)
    result = {"n_samples": len(y_np), "n_features": features.shape[1], "proxies": {}}
    with threadpool_limits(threads, user_api="blas"):
        for scoring in ("ridge", "knn"):
            runs = [timed(lambda: CoresetSearch(selector, grid, scoring, random_state=0).fit(
                scores, y_np, features=features)) for _ in range(repeats)]
            wall, cpu = np.median([r[0] for r in runs]), np.median([r[1] for r in runs])
            search = runs[-1][2]
            result["proxies"][scoring] = {"wall": wall, "cpu": cpu, "search": search}
            LOGGER.info("CoresetSearch(%r), %d candidates: %.1fs wall, %.1fs CPU, picks %s",
                        scoring, len(search.cv_results_["params"]), wall, cpu, search.best_params_)
    result["n_candidates"] = len(search.cv_results_["params"])
    result["n_distinct"] = len({id(rows) for rows in search.candidate_indices_})
    rows = torch.as_tensor(search.sample_indices_)
    result["n_train"] = len(rows)
    features_t = torch.as_tensor(features)
    result["training"] = {
        "MLP 784-256-10 on the pixels": timed(
            lambda: train(mlp(seed=1), X[rows], y[rows], epochs, seed=1))[:2],
        "MLP 256-256-10 on the features": timed(
            lambda: train(mlp(seed=1, n_inputs=features.shape[1]), features_t[rows], y[rows],
                          epochs, seed=1))[:2],
    }
    for name, (wall, cpu) in result["training"].items():
        LOGGER.info("one training, %s, %d rows: %.1fs wall, %.1fs CPU", name, len(rows), wall, cpu)
    return result


def part_three_markdown(three, settings):
    n_distinct, n_train = three["n_distinct"], three["n_train"]
    lines = [
        f"Command: `{settings['command']}`. Machine: {os.cpu_count()} CPU cores shared with "
        f"other jobs (load average {settings['load'][0]:.1f} at the start, "
        f"{settings['load'][1]:.1f} at the end), the run niced; torch {torch.__version__} on CPU; "
        f"{settings['threads']} thread(s) for torch and BLAS. Wall time counts the waits for a "
        "core on this busy machine; CPU time is what the process used.",
        "",
        f"## CoresetSearch, Fashion-MNIST, N = {three['n_samples']:,}, d = {three['n_features']}, "
        f"rate {settings['rate']}, {three['n_candidates']} candidates",
        "",
        f"Candidates: 10 endpoints `k` ({', '.join(f'{k:g}' for k in grid_for(settings['rate']))}) "
        f"x `sampling` in {', '.join(SAMPLINGS)}; {n_distinct} distinct coresets of "
        f"{n_train:,} rows. Proxies scored on 20% held out (balanced accuracy); the knn proxy "
        "on 2,000 of those rows, 64 principal axes. The training-based search is estimated as "
        f"{n_distinct} trainings of the benchmark's recipe ({settings['epochs']} epochs, batch "
        f"128, Adam) on {n_train:,} rows: one timed, times {n_distinct}.",
        "",
        "| search | wall (s) | CPU (s) | training-based / this, wall | training-based / this, CPU |",
        "|---|---|---|---|---|",
    ]
    estimates = {name: (n_distinct * wall, n_distinct * cpu)
                 for name, (wall, cpu) in three["training"].items()}
    cheapest = min(estimates, key=lambda name: estimates[name][1])
    for scoring, proxy in three["proxies"].items():
        lines.append(
            f"| `CoresetSearch(scoring=\"{scoring}\")`, median of {settings['repeats']} "
            f"| {proxy['wall']:.1f} | {proxy['cpu']:.1f} "
            f"| {estimates[cheapest][0] / proxy['wall']:.0f}x | {estimates[cheapest][1] / proxy['cpu']:.0f}x |"
        )
    for name, (wall, cpu) in three["training"].items():
        lines.append(f"| one training, {name}, {n_train:,} rows | {wall:.1f} | {cpu:.1f} | | |")
    for name, (wall, cpu) in estimates.items():
        lines.append(f"| training-based search, {name}: {n_distinct} x one training "
                     f"| {wall:.0f} | {cpu:.0f} | | |")
    lines += [
        "",
        f"The ratios use the cheaper training ({cheapest}).",
        "",
        "Picks: " + "; ".join(f"{scoring}: {proxy['search'].best_params_}"
                              for scoring, proxy in three["proxies"].items()) + ".",
    ]
    return "\n".join(lines) + "\n"


def to_markdown(one, two, settings):
    search, held_out, oracle = one["search"], one["held_out"], one["oracle"]
    chosen = oracle.values[np.flatnonzero(oracle.grid == one["ridge_window"])[0]]
    held_out_chosen = oracle.values[np.flatnonzero(oracle.grid == held_out.window_)[0]]
    knn = one["knn"]
    knn_chosen = oracle.values[knn.best_index_]
    agreement = {name: spearmanr(values, oracle.values).statistic for name, values in (
        ("ridge", search.grid_scores_), ("ridge, 20% held out", held_out.grid_scores_),
        ("knn, 20% held out", knn.cv_results_["score"]))}
    best = oracle.values.max()
    repeats, threads = settings["repeats"], settings["threads"]
    lines = [
        f"Command: `{settings['command']}`. Machine: {os.cpu_count()} CPU cores shared with "
        f"other jobs (load average {settings['load'][0]:.1f} at the start, "
        f"{settings['load'][1]:.1f} at the end); torch {torch.__version__} on CPU; "
        f"{threads} thread(s) for torch and BLAS unless said.",
        "",
        f"## Fashion-MNIST, N = {one['n_samples']:,}, d = {one['n_features']}, "
        f"rate {settings['rate']}, 10-point grid",
        "",
        "| window choice | time (s) | NUCS-O time / this |",
        "|---|---|---|",
        f"| fixed k, no search (`NUCSSelector(window=0.9)`), median of {repeats} "
        f"| {one['t_fixed']:.3f} | - |",
        f"| ridge search, sknucs closed form (`window=\"auto\"` + features), median of {repeats} "
        f"| {one['t_ridge']:.2f} | {one['t_oracle'] / one['t_ridge']:.0f}x |",
        f"| same, BLAS threads left alone, median of {repeats} "
        f"| {one['t_ridge_free']:.2f} | {one['t_oracle'] / one['t_ridge_free']:.0f}x |",
        f"| ridge search with sklearn `RidgeClassifierCV` on each window, 1 run "
        f"| {one['t_sklearn']:.2f} | {one['t_oracle'] / one['t_sklearn']:.0f}x |",
        f"| NUCS-O: MLP 784-256-10 trained {settings['epochs']} epochs on each window, 1 run "
        f"| {one['t_oracle']:.1f} | 1x |",
        "",
        "The closed form's per-k scores and RidgeClassifierCV's differ by at most "
        f"{one['sklearn_difference']:.5f} (float32 features here, float64 in sklearn).",
        "",
        "Per endpoint, one seed. Ridge: accuracy of the ridge classifier on all "
        "training samples (default) or on 20% held out (`eval_size=0.2`). NUCS-O: "
        "test accuracy of the MLP trained on the window.",
        "",
        "| k | ridge score | ridge alpha | ridge score, 20% held out | knn score, 20% held out "
        "| NUCS-O accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for k, score, alpha, score_held, score_knn, value in zip(
        search.grid_, search.grid_scores_, search.grid_alphas_, held_out.grid_scores_,
        knn.cv_results_["score"], oracle.values,
    ):
        lines.append(f"| {k:g} | {score:.4f} | {alpha:g} | {score_held:.4f} | {score_knn:.4f} "
                     f"| {value:.4f} |")
    lines += [
        "",
        f"NUCS-O's best k = {oracle.best_window:g} ({best:.4f}). Ridge-chosen k = "
        f"{one['ridge_window']:g}: NUCS-O accuracy {chosen:.4f}, "
        f"{100 * (best - chosen):.2f} points below the best. With 20% held out: k = "
        f"{held_out.window_:g}, {100 * (best - held_out_chosen):.2f} points below. knn proxy "
        f"(`CoresetSearch(scoring=\"knn\")`, balanced accuracy on 20% held out): k = "
        f"{knn.best_params_['window']:g}, {100 * (best - knn_chosen):.2f} points below.",
        "",
        "Spearman correlation of each proxy's scores with NUCS-O's accuracies over the grid: "
        + ", ".join(f"{name} {value:.2f}" for name, value in agreement.items()) + ".",
    ]
    if not two:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        f"## Ridge search alone, synthetic float32 features, d = 256, C = 10, rate {SCALING_RATE}",
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
    parser.add_argument("--rate", type=float, default=0.9)
    parser.add_argument("--epochs", type=int, default=15, help="NUCS-O training epochs")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=float, nargs="*", default=[1e4, 1e5, 1e6],
                        help="N of the synthetic scaling runs (none: skip them)")
    parser.add_argument("--coreset-search", action="store_true",
                        help="only part 3: CoresetSearch's proxies beside the training-based search")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(args.threads)
    epochs = 1 if args.quick else args.epochs
    sizes = [int(n) for n in args.sizes if not (args.quick and n > 1e5)]
    load_start = os.getloadavg()[0]
    command = "python " + " ".join(["benchmarks/bench_window_search.py", *sys.argv[1:]])
    if args.coreset_search:
        three = part_three(args.rate, epochs, args.repeats, args.threads)
        settings = {"command": command, "load": (load_start, os.getloadavg()[0]), "rate": args.rate,
                    "epochs": epochs, "repeats": args.repeats, "threads": args.threads}
        publish(part_three_markdown(three, settings), args.out)
        return
    one = part_one(args.rate, epochs, args.repeats, args.threads)
    two = part_two(sizes, args.repeats, args.threads)
    settings = {
        "command": command,
        "load": (load_start, os.getloadavg()[0]), "rate": args.rate, "epochs": epochs,
        "repeats": args.repeats, "threads": args.threads,
    }
    publish(to_markdown(one, two, settings), args.out)


if __name__ == "__main__":
    main()
