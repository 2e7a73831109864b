"""Which coreset each proxy of CoresetSearch picks when labels are wrong, and how a trained MLP fares on it.

scikit-learn's digits (8x8 images, 10 classes), a stratified 75/25 split per
seed; 20% of the training labels are flipped to another class at random
(symmetric noise), the test labels stay clean. Difficulty scores: EL2N of
cross-validated logistic regression on the noisy labels
(``sknucs.scores.cross_val_scores``), so wrong labels score as hard. Features:
the standardised pixels.

Candidates: ``NUCSSelector(rate)`` over ``window`` in 0.5 ... 1.0 and
``sampling`` in window / stratified / coverage (18 candidates). Each proxy
picks one:

- ``ridge, training labels``: the ridge classifier scored by accuracy on
  every training sample, its own rows included (``RidgeWindowPredictor``'s
  default);
- ``ridge, held out``: the same scored by balanced accuracy on 20% held out;
- ``knn, held out``: the 1-nearest-neighbour proxy, balanced accuracy on 20%
  held out.

Every candidate's coreset then trains scikit-learn's ``MLPClassifier`` (one
hidden layer of 256, Adam, up to 300 iterations: it fits the wrong labels),
whose clean test accuracy is the truth the proxies should follow.

Usage::

    python benchmarks/proxy_under_noise.py             # 3 seeds x 3 rates (minutes)
    python benchmarks/proxy_under_noise.py --seeds 1 --rates 0.5
"""

import argparse
import logging
import os
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from sknucs import CoresetSearch, NUCSSelector
from sknucs.datasets import load_digits_split
from sknucs.scores import cross_val_scores

from _output import publish

LOGGER = logging.getLogger("proxy_under_noise")
RESULTS = Path(__file__).parent / "results" / "proxy_under_noise.md"
NOISE = 0.2
GRID = {"window": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0], "sampling": ["window", "stratified", "coverage"]}
PROXIES = {
    "ridge, training labels": dict(scoring="ridge", eval_size=None, metric="accuracy"),
    "ridge, held out": dict(scoring="ridge", eval_size=0.2, metric="balanced_accuracy"),
    "knn, held out": dict(scoring="knn", eval_size=0.2, metric="balanced_accuracy"),
}


def noisy_digits(seed):
    """Standardised training pixels, noisy and true training labels, clean test set, flip mask."""
    X_train, y_train, X_test, y_test = load_digits_split(random_state=seed)
    scaler = StandardScaler().fit(X_train.reshape(len(X_train), -1))
    X_train = scaler.transform(X_train.reshape(len(X_train), -1))
    X_test = scaler.transform(X_test.reshape(len(X_test), -1))
    rng = np.random.default_rng(seed)
    flipped = rng.random(y_train.size) < NOISE
    noisy = y_train.copy()
    noisy[flipped] = (noisy[flipped] + rng.integers(1, 10, flipped.sum())) % 10
    return X_train, noisy, X_test, y_test, flipped


def mlp_accuracy(X, y, X_test, y_test, seeds):
    """Clean test accuracy of the MLP trained on (X, y), mean over seeds."""
    accuracies = []
    for seed in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = MLPClassifier(hidden_layer_sizes=(256,), max_iter=300, random_state=seed)
            accuracies.append(model.fit(X, y).score(X_test, y_test))
    return float(np.mean(accuracies))


def run_cell(seed, rate, mlp_seeds):
    X, y, X_test, y_test, flipped = noisy_digits(seed)
    scores = cross_val_scores(LogisticRegression(max_iter=1000), X, y, score="el2n", random_state=seed)
    selector = NUCSSelector(rate=rate, random_state=seed)
    searches = {name: CoresetSearch(selector, GRID, random_state=seed, **params).fit(scores, y, features=X)
                for name, params in PROXIES.items()}
    coresets = next(iter(searches.values())).candidate_indices_
    truth, done = [], {}
    for rows in coresets:
        if id(rows) not in done:
            done[id(rows)] = mlp_accuracy(X[rows], y[rows], X_test, y_test, mlp_seeds)
        truth.append(done[id(rows)])
    truth = np.array(truth)
    cell = {"best": truth.max(), "mean": truth.mean(),
            "full": mlp_accuracy(X, y, X_test, y_test, mlp_seeds)}
    for name, search in searches.items():
        pick = search.best_index_
        cell[name] = {
            "accuracy": truth[pick], "params": search.best_params_,
            "flipped": float(flipped[coresets[pick]].mean()),
            "spearman": float(spearmanr(search.cv_results_["score"], truth).statistic),
        }
        LOGGER.info("seed %d rate %.1f %-24s picks %s: MLP %.4f (best %.4f), %.0f%% flipped",
                    seed, rate, name, search.best_params_, truth[pick], truth.max(),
                    100 * cell[name]["flipped"])
    return cell


def to_markdown(cells, settings):
    lines = [
        f"Command: `{settings['command']}`. {os.cpu_count()} CPU cores shared with other jobs.",
        "",
        f"Digits, {NOISE:.0%} symmetric label noise in the training part, clean test labels; "
        f"18 candidates ({GRID}); MLP test accuracy, mean over {settings['mlp_seeds']} MLP seeds, "
        f"then over {settings['seeds']} data seeds (split and noise).",
        "",
        "| rate | picked by | MLP test accuracy of the pick | below the best candidate (points) "
        "| wrong labels in the pick | Spearman(proxy score, MLP accuracy) over candidates |",
        "|---|---|---|---|---|---|",
    ]
    for rate in settings["rates"]:
        group = [cells[(seed, rate)] for seed in range(settings["seeds"])]
        best = np.mean([c["best"] for c in group])
        for name in PROXIES:
            picks = [c[name] for c in group]
            accuracy = np.mean([p["accuracy"] for p in picks])
            lines.append(
                f"| {rate:.0%} | {name} | {accuracy:.4f} | {100 * (best - accuracy):.2f} "
                f"| {100 * np.mean([p['flipped'] for p in picks]):.1f}% "
                f"| {np.mean([p['spearman'] for p in picks]):.2f} |"
            )
        lines.append(f"| {rate:.0%} | best candidate (hindsight) | {best:.4f} | 0 | | |")
        lines.append(f"| {rate:.0%} | mean over candidates | {np.mean([c['mean'] for c in group]):.4f} "
                     f"| {100 * (best - np.mean([c['mean'] for c in group])):.2f} | | |")
    lines += ["", "Picks (data seed: parameters):", ""]
    for (seed, rate), cell in sorted(cells.items()):
        picks = "; ".join(f"{name}: {cell[name]['params']}" for name in PROXIES)
        lines.append(f"- rate {rate:.0%}, seed {seed}: {picks}")
    lines += ["", "Full noisy training set, MLP test accuracy: "
              f"{np.mean([c['full'] for c in cells.values()]):.4f}."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rates", type=float, nargs="+", default=[0.3, 0.5, 0.7])
    parser.add_argument("--mlp-seeds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cells = {(seed, rate): run_cell(seed, rate, range(args.mlp_seeds))
             for seed in range(args.seeds) for rate in args.rates}
    settings = {"command": "python " + " ".join(["benchmarks/proxy_under_noise.py", *sys.argv[1:]]),
                "seeds": args.seeds, "rates": args.rates, "mlp_seeds": args.mlp_seeds}
    publish(to_markdown(cells, settings), args.out)


if __name__ == "__main__":
    main()
