"""Check, no round: a rare class whose features the guard now believes.

Usage::

    python benchmarks/rare_class_check.py [--out docs/results/rare_class_check.md]

Until ec64d24 the guard read the noise filter's probe's agreement from its
class of largest decision value, which under heavy imbalance is the
majority's on every row: the fit took separable features for unrelated
ones and selected as without them. It now reads the larger of that and
the class highest above its own threshold, so on such data the default
uses its features (the filter, the search, the easy cut) where it used
none. No task of the README's table changed (probe_agreement_check.py);
this measures what the change does where it acts, on the scikit-learn
path of sklearn_path_check.py (out-of-fold EL2N of ``StandardScaler`` +
``LogisticRegression``, 64 principal components as the features, that
classifier trained on the coreset):

- Fashion-MNIST, two classes, a pool of 3,000 rows of one and 30 of the
  other (ratio 100), drawn by the seed from the training set; the test
  set holds 1,000 of each, so its accuracy is the balanced accuracy;
  T-shirts against trousers (far apart) and T-shirts against shirts
  (look-alikes).

Methods: the six baselines, ``nucs`` (today's default, features given:
now believed) and ``nucs_nofeat`` (the same fitted without features,
what the fit did before the change where the guard read chance). Seeds
0-4, rates 50, 70 and 90%. A coreset that keeps no row of the rare class
(some baselines do at 90%) counts as predicting the other class: 50%.
The probe's two readings on each pool are
given too, to show where the change acts.

Reading, written before the table was made: the change is reported as a
loss on this kind where ``nucs`` meets fewer cells than ``nucs_nofeat``
or has a lower mean margin; nothing is chosen here.

Outcome: not a loss. On T-shirts against trousers the old reading already
believed the features (0.75 to 0.84): the change does not act there, and
the default with features met 3 of 3 (mean +1.69, without +0.81). On
T-shirts against shirts the old reading was 0.00 on all five pools and
the new one 0.09 to 0.27, believed on two; the default met 3 of 3 with a
mean of +5.50 where the fit as it was (``nucs_nofeat``) had +4.01 (worst
+2.07 against -0.80). Five seeds, two kinds: a small check.
"""

import logging

import numpy as np
from sklearn.decomposition import PCA

from sknucs import MIN_LABEL_AGREEMENT
from sknucs._labels import encode_labels
from sknucs.datasets import load_fashion_mnist

from _ablation import parse_args
from _output import publish
from _study_parts import MARGIN_LEGEND, part_lines
from analyze_results import BASELINES
from choose_default import margins
from probe_agreement_check import two_readings
from sklearn_path_check import RATES, SEEDS, model, model_scores, select

LOGGER = logging.getLogger("rare_class_check")
NAMES = ("nucs", "nucs_nofeat")
KINDS = {"tshirt_trouser": ("T-shirts (3,000) against trousers (30)", 0, 1),
         "tshirt_shirt": ("T-shirts (3,000) against shirts (30)", 0, 6)}
"""name -> (what it is, the majority's class, the rare class)."""
MAJORITY, RARE, TEST_EACH, COMPONENTS = 3000, 30, 1000, 64


def pool_and_test(majority, rare, seed):
    """(X_pool, y_pool, X_test, y_test): 64 principal components of the pixels, fitted on the pool."""
    X_train, y_train, X_test, y_test = load_fashion_mnist()
    rng = np.random.default_rng(seed)
    pool = np.r_[rng.choice(np.flatnonzero(y_train == majority), MAJORITY, replace=False),
                 rng.choice(np.flatnonzero(y_train == rare), RARE, replace=False)]
    test = np.r_[rng.choice(np.flatnonzero(y_test == majority), TEST_EACH, replace=False),
                 rng.choice(np.flatnonzero(y_test == rare), TEST_EACH, replace=False)]
    X_pool = X_train[pool].reshape(len(pool), -1) / 255.0
    pca = PCA(COMPONENTS, random_state=seed).fit(X_pool)
    return (pca.transform(X_pool), y_train[pool], pca.transform(X_test[test].reshape(len(test), -1) / 255.0),
            y_test[test])


def trained_accuracy(X, y, X_test, y_test):
    """Test accuracy of the classifier trained on ``(X, y)``; a coreset of one class predicts that class."""
    if np.unique(y).size < 2:
        return float(np.mean(y_test == y[0]))
    return float(model().fit(X, y).score(X_test, y_test))


def run_kind(kind):
    """The benchmark's rows of ``kind`` (every seed, rate and method) and the probe's readings per seed."""
    _, majority, rare = KINDS[kind]
    rows, readings = [], []
    for seed in SEEDS:
        X_pool, y_pool, X_test, y_test = pool_and_test(majority, rare, seed)
        classes, codes = encode_labels(y_pool)
        readings.append(two_readings(X_pool, codes, classes.size))
        scores = model_scores(X_pool, y_pool, seed)
        for rate in RATES:
            for method in BASELINES + NAMES:
                kept = select(method, rate, seed, scores, y_pool, X_pool)
                rows.append({"dataset": kind, "track": "logreg", "method": method, "rate": rate,
                             "accuracy": trained_accuracy(X_pool[kept], y_pool[kept], X_test, y_test)})
        LOGGER.info("%s seed %d: agreement %.2f / %.2f", kind, seed, *readings[-1])
    return rows, readings


def main():
    args = parse_args(__doc__, "docs/results/rare_class_check.md")
    lines = ["# A rare class whose features the guard now believes", "",
             "Made by `python benchmarks/rare_class_check.py`: out-of-fold EL2N of `StandardScaler` + "
             "`LogisticRegression`, that classifier trained on each coreset, accuracy on a test set of 1,000 rows "
             "of each class, seeds 0-4. `nucs`: today's default fitted with the 64 principal components as "
             "`features`; `nucs_nofeat`: the same without features (what the fit did where the guard read chance). A "
             "coreset without the rare class predicts the other: 50%. "
             + MARGIN_LEGEND]
    for kind, (text, _, _) in KINDS.items():
        rows, readings = run_kind(kind)
        was, thresholds = np.array(readings).T
        lines += ["", f"## {kind}: {text}", "",
                  f"The probe's agreement over the seeds, its largest decision: {was.min():.2f} to {was.max():.2f} "
                  f"(features used on {np.sum(was >= MIN_LABEL_AGREEMENT)} of {len(was)} pools before the change); "
                  f"highest above its threshold: {thresholds.min():.2f} to {thresholds.max():.2f}.", "",
                  *part_lines(margins(rows, NAMES), NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
