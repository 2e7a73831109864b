"""Check, no round: the default on the README's scikit-learn path (out-of-fold scores, a linear model).

Usage::

    python benchmarks/sklearn_path_check.py [--cache benchmarks/cache]
        [--out docs/results/sklearn_path_check.md] [--kinds digits breast_cancer ...]

Every table of the benchmark trains a network and scores it with
:func:`sknucs.extractor.score_dataset`. The README's "A coreset of your
own data" takes another path that no table measured: scores from
:func:`sknucs.scores.cross_val_scores` (out-of-fold EL2N of a
scikit-learn classifier, one column), the model's inputs as ``features``,
and that classifier trained on the coreset. This check runs that path as
the README writes it (``StandardScaler`` + ``LogisticRegression``), on
the real data that installs here, clean, with symmetric label noise in
the pool (the test split stays clean) and with a long tail in the pool
(the test split keeps every class's share):

- scikit-learn's digits (1,797 images of 8x8 pixels, 10 classes) and
  breast cancer (569 rows, 30 measurements, 2 classes), 30% held out as
  the test split;
- Fashion-MNIST's 784 pixels reduced to 64 principal components
  (fitted on the pool), a pool of 6,000 training images and 2,000 test
  images (``make data``).

Methods: the benchmark's six baselines, ``nucs`` (``NUCSSelector(rate)``
fitted with ``features=X``, the README's line), ``nucs_nofeat``
(``fit(scores, y)``, the card's line) and ``nucs_paper`` (the paper's
NUCS). Seeds 0-4: the seed draws the split, the noise, the long tail, the
folds of the scores and the selectors' randomness. A cell is met as in
the benchmark: at least the best baseline minus the larger of that
baseline's std over seeds and 0.5 point. Nothing is chosen here: the
defaults were fixed before this check was written, and none of these
kinds (nor the linear model) took part in choosing them.

Every cell's accuracy is appended to ``<cache>/sklearn_path.jsonl`` as it
finishes, so an interrupted run resumes where it stopped.
"""

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from _output import publish
from _study_parts import MARGIN_LEGEND, draw_margin_pairs, group_rows, part_lines
from analyze_results import BASELINES
from choose_default import margins
from sknucs.benchmark._methods import METHODS
from sknucs.datasets import load_fashion_mnist, long_tailed_indices, symmetric_label_noise
from sknucs.scores import cross_val_scores

LOGGER = logging.getLogger("sklearn_path_check")
RATES = (0.5, 0.7, 0.9)
SEEDS = (0, 1, 2, 3, 4)
NAMES = ("nucs", "nucs_nofeat", "nucs_paper")
"""Today's default with features, the same fitted without features, the paper's NUCS."""
REGISTERED = {"nucs_nofeat": "nucs_nofeat_round23"}
"""This page's names that the benchmark's registry spells otherwise (its ``nucs_nofeat`` is round twelve's)."""
FMNIST_POOL, FMNIST_TEST, FMNIST_COMPONENTS = 6000, 2000, 64
KINDS = {
    "digits": ("scikit-learn digits", "digits", None),
    "digits_noisy": ("the digits with 20% wrong labels in the pool", "digits", ("noise", 0.2)),
    "digits_noisy40": ("the digits with 40% wrong labels in the pool", "digits", ("noise", 0.4)),
    "digits_lt": ("the digits, a long tail of ratio 10 in the pool", "digits", ("long_tail", 10.0)),
    "breast_cancer": ("scikit-learn breast cancer", "breast_cancer", None),
    "breast_cancer_noisy": ("breast cancer with 20% wrong labels in the pool", "breast_cancer", ("noise", 0.2)),
    "fmnist_pca": ("Fashion-MNIST, 64 principal components, a pool of 6,000", "fmnist", None),
    "fmnist_pca_noisy": ("the same with 20% wrong labels in the pool", "fmnist", ("noise", 0.2)),
    "fmnist_pca_lt": ("the same with a long tail of ratio 10 in the pool", "fmnist", ("long_tail", 10.0)),
}
"""name -> (what it is, data, change to the pool)."""
GROUPS = {
    "every kind": tuple(KINDS),
    "clean and balanced": ("digits", "breast_cancer", "fmnist_pca"),
    "with wrong labels": ("digits_noisy", "digits_noisy40", "breast_cancer_noisy", "fmnist_pca_noisy"),
    "long-tailed": ("digits_lt", "fmnist_pca_lt"),
}


def model():
    """The README's classifier."""
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))


def _split(data, seed):
    """(X_pool, y_pool, X_test, y_test) of one data set, drawn by ``seed``."""
    if data == "fmnist":
        X_train, y_train, X_test, y_test = load_fashion_mnist()
        pool, _ = train_test_split(np.arange(len(y_train)), train_size=FMNIST_POOL, stratify=y_train,
                                   random_state=seed)
        test, _ = train_test_split(np.arange(len(y_test)), train_size=FMNIST_TEST, stratify=y_test,
                                   random_state=seed)
        X_pool, X_test = X_train[pool].reshape(len(pool), -1) / 255.0, X_test[test].reshape(len(test), -1) / 255.0
        pca = PCA(FMNIST_COMPONENTS, random_state=seed).fit(X_pool)
        return pca.transform(X_pool), y_train[pool], pca.transform(X_test), y_test[test]
    X, y = (load_digits if data == "digits" else load_breast_cancer)(return_X_y=True)
    X_pool, X_test, y_pool, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=seed)
    return X_pool, y_pool, X_test, y_test


def pool_and_test(kind, seed):
    """(X_pool, y_pool, X_test, y_test) of ``kind``: the split, then the pool's change."""
    X_pool, y_pool, X_test, y_test = _split(KINDS[kind][1], seed)
    change = KINDS[kind][2]
    if change is not None and change[0] == "noise":
        y_pool = symmetric_label_noise(y_pool, change[1], int(y_pool.max()) + 1, random_state=seed)[0]
    elif change is not None:
        keep = long_tailed_indices(y_pool, change[1], seed)
        X_pool, y_pool = X_pool[keep], y_pool[keep]
    return X_pool, y_pool, X_test, y_test


def select(method, rate, seed, scores, y, X):
    """The rows ``method`` keeps at ``rate``: the benchmark's method of that name (:data:`REGISTERED`)."""
    return METHODS[REGISTERED.get(method, method)].build(rate, random_state=seed).fit(
        scores, y, features=X).sample_indices_


def run_kind(kind, seeds, store, done):
    """Rows (as the benchmark's ``margins`` reads them) of ``kind``; new cells appended to ``store``."""
    rows = []
    for seed in seeds:
        todo = [(rate, method) for rate in RATES for method in BASELINES + NAMES
                if (kind, seed, rate, method) not in done]
        if todo:
            X_pool, y_pool, X_test, y_test = pool_and_test(kind, seed)
            scores = model_scores(X_pool, y_pool, seed)
            for rate, method in todo:
                kept = select(method, rate, seed, scores, y_pool, X_pool)
                accuracy = float(model().fit(X_pool[kept], y_pool[kept]).score(X_test, y_test))
                done[(kind, seed, rate, method)] = accuracy
                with open(store, "a") as handle:
                    handle.write(json.dumps({"kind": kind, "seed": seed, "rate": rate, "method": method,
                                             "accuracy": accuracy, "n_selected": int(len(kept))}) + "\n")
            LOGGER.info("%s seed %d: %d cells", kind, seed, len(todo))
        rows += [{"dataset": kind, "track": "logreg", "method": method, "rate": rate,
                  "accuracy": done[(kind, seed, rate, method)]} for rate in RATES for method in BASELINES + NAMES]
    return rows


def model_scores(X, y, seed):
    """Out-of-fold EL2N of the README's classifier: one column."""
    return cross_val_scores(model(), X, y, random_state=seed)


def read_store(store):
    """(kind, seed, rate, method) -> accuracy of the cells already run."""
    if not store.is_file():
        return {}
    done = {}
    for line in store.read_text().splitlines():
        row = json.loads(line)
        done[(row["kind"], row["seed"], row["rate"], row["method"])] = row["accuracy"]
    return done


def draw_with_against_without(collected, path):
    """The default fitted with features against the same fitted without, one point per cell, by group."""
    styles = (("clean and balanced", "#1b9e77", "o"), ("with wrong labels", "#b8441c", "^"),
              ("long-tailed", "#7570b3", "s"))
    draw_margin_pairs([([(per["nucs_nofeat"][0], per["nucs"][0]) for kind in GROUPS[title] if kind in collected
                         for _, per in collected[kind].values()], colour, marker, title)
                       for title, colour, marker in styles],
                      ("the default without features (nucs_nofeat): margin (points)",
                       "the default with features (nucs): margin (points)"), path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", default="benchmarks/cache")
    parser.add_argument("--out", default="docs/results/sklearn_path_check.md")
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    store = Path(args.cache) / "sklearn_path.jsonl"
    store.parent.mkdir(parents=True, exist_ok=True)
    done = read_store(store)
    lines = ["# The default on the README's scikit-learn path", "",
             "Made by `python benchmarks/sklearn_path_check.py`: out-of-fold EL2N of `StandardScaler` + "
             "`LogisticRegression` (`cross_val_scores`, one column), that classifier trained on each coreset, "
             "test accuracy on a clean split, seeds 0-4. `nucs` is `NUCSSelector(rate)` fitted with "
             "`features=X`, `nucs_nofeat` the same fitted without features, `nucs_paper` the paper's NUCS. "
             + MARGIN_LEGEND]
    collected = {}
    for kind in args.kinds:
        collected[kind] = margins(run_kind(kind, SEEDS, store, done), NAMES)
        lines += ["", f"## {kind}: {KINDS[kind][0]}", "", *part_lines(collected[kind], NAMES)]
    lines += ["", "## Every kind run", "", *group_rows(collected, GROUPS, NAMES)]
    figure = Path(args.out).with_suffix(".png")
    draw_with_against_without(collected, figure)
    lines += ["", f"![The default with features against without, one point per cell]({figure.name})"]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
