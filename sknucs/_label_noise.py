"""Rows whose label the features contradict: a cross-fitted probe and confident learning's thresholds."""

from typing import NamedTuple, Optional

import numpy as np

from ._blocks import row_blocks
from ._proxies import standardize
from ._ridge import ridge_classifier_loo

#: Penalties the probe chooses from by leave-one-out, relative to the number
#: of training rows (the features are standardised first).
_RELATIVE_ALPHAS = np.logspace(-4, 1, 6)

#: Rows a class needs for the probe to judge its labels; the rows of smaller
#: classes are never suspects (too few to learn the class from, out of fold).
MIN_CLASS_ROWS = 10


class LabelProbe(NamedTuple):
    """What the noise filter's probe says about the labels (:func:`probe_labels`).

    Attributes
    ----------
    suspects : ndarray of shape (n_samples,), dtype bool
        The rows whose given label the probe contradicts (confident learning's rule).
    agreement : float or None
        Cohen's kappa between the labels and the probe's most likely class, out
        of fold, over the judged rows: 0 when the probe agrees with the labels
        no more than chance does (features unrelated to the labels, or in
        another row order), 1 when it always agrees. None when no row is judged.
    """

    suspects: np.ndarray
    agreement: Optional[float]


def probe_labels(features, codes, n_classes, *, n_splits=5):
    """Flag the rows whose given label a model that never saw them contradicts, and measure its agreement.

    A one-vs-all ridge classifier on the standardised features (penalty
    chosen by leave-one-out on each training part) gives every row a
    decision value per class, out of fold: ``n_splits`` parts drawn by a
    fixed permutation (the same parts for the same number of rows, and no
    draw from the selector's random state), each scored by the probe
    fitted on the others. Then the rule of confident
    learning (Northcutt et al., 2021): class ``j``'s threshold ``t_j`` is
    the mean decision value for ``j`` over the rows labelled ``j``; a row's
    confident class is the class of largest decision value among those at
    or above their threshold; the row is a suspect when it has one and it is
    not its label. Rows of classes with fewer than :data:`MIN_CLASS_ROWS`
    rows are never suspects, and with fewer than two classes present no row
    is. Under symmetric label noise the suspects' fraction
    tracked the true rate on Fashion-MNIST (20.4% flagged at 20% noise, 42.6%
    at 40%, 67 to 92% of them wrong), and flagged 0.4 to 4.6% of clean
    pools (docs/results/noise_filter.md).

    The probe's agreement with the labels is Cohen's kappa between each
    judged row's label and the probe's class for it, the larger of two
    readings of that class: the class of largest decision value, and the
    class whose decision value lies highest above its threshold ``t_j``.
    Chance agreement (given both marginals) counts as 0, so that it reads
    alike for 2 classes and for 100. The first reading fails on heavily
    imbalanced classes: a ridge probe on +-1 targets puts a rare class's
    decision values low everywhere, and the majority's is the largest on
    every row (kappa 0.00 at 10,000 rows against 100 on features that
    separate the two; from the thresholds 0.99). The second fails where
    one class's wrong labels pull another's threshold (45% of each class
    labelled as the next: 0.23 against 0.01;
    docs/results/probe_agreement_check.md). It tells features that say
    nothing about the classes (kappa near 0 under both) from labels that
    are often wrong (many suspects, kappa well above 0).

    The ``n x C`` decision values are never held whole: they are computed a
    block of rows at a time (:func:`sknucs._blocks.row_blocks`), twice,
    since the thresholds need every row's decision for its own label
    before any row can be judged.

    Parameters
    ----------
    features : ndarray of shape (n_samples, n_features), float32 or float64
        Learned features, finite.
    codes : ndarray of shape (n_samples,), dtype int
        Class codes in ``0..n_classes-1``.
    n_classes : int
    n_splits : int, default=5
        Parts of the cross-fitting.

    Returns
    -------
    LabelProbe
        ``suspects`` and ``agreement``.
    """
    n_samples = codes.size
    counts = np.bincount(codes, minlength=n_classes)
    judged = counts >= MIN_CLASS_ROWS
    if not judged.any() or np.count_nonzero(counts) < 2:
        return LabelProbe(np.zeros(n_samples, dtype=bool), None)
    probe = _CrossFittedProbe(features, codes, n_classes, n_splits)
    own = np.empty(n_samples)
    for rows, decisions in probe.blocks():
        own[rows] = decisions[np.arange(decisions.shape[0]), codes[rows]]
    thresholds = class_thresholds(own, codes, n_classes)
    suspects = np.empty(n_samples, dtype=bool)
    largest = np.empty(n_samples, dtype=np.intp)
    highest = np.empty(n_samples, dtype=np.intp)
    for rows, decisions in probe.blocks():
        above = decisions >= thresholds
        confident = np.where(above, decisions, -np.inf).argmax(axis=1)
        suspects[rows] = above.any(axis=1) & (confident != codes[rows])
        largest[rows] = decisions.argmax(axis=1)
        highest[rows] = (decisions - thresholds).argmax(axis=1)
    suspects &= judged[codes]
    return LabelProbe(suspects, max(agreement_readings(codes, largest, highest, n_classes)))


def class_thresholds(own, codes, n_classes):
    """Confident learning's ``t_j``: class ``j``'s mean decision value over the rows labelled ``j`` (inf if none).

    ``own`` holds each row's decision value for its own label.
    """
    counts = np.bincount(codes, minlength=n_classes)
    total = np.bincount(codes, weights=own, minlength=n_classes)
    return np.where(counts > 0, total / np.maximum(counts, 1), np.inf)


def agreement_readings(codes, largest, highest, n_classes):
    """Cohen's kappa of the labels and the probe's class, read two ways, over the judged rows.

    ``largest`` is each row's class of largest decision value, ``highest``
    its class highest above its threshold (:func:`class_thresholds`):
    :func:`probe_labels`'s agreement is the larger of the two kappas. The
    rows of classes with fewer than :data:`MIN_CLASS_ROWS` rows are not
    judged.
    """
    rows = (np.bincount(codes, minlength=n_classes) >= MIN_CLASS_ROWS)[codes]
    return _kappa(codes[rows], largest[rows], n_classes), _kappa(codes[rows], highest[rows], n_classes)


class _CrossFittedProbe:
    """The probe's ``n_splits`` fits, each on the rows outside one part, and their decisions on that part.

    A one-vs-all ridge classifier on the standardised features, its penalty
    chosen by leave-one-out on each training part; the parts are drawn by a
    fixed permutation.
    """

    def __init__(self, features, codes, n_classes, n_splits):
        self.features = standardize(features)
        self.part = np.random.RandomState(0).permutation(codes.size) % n_splits
        self.fits = []
        for k in range(n_splits):
            train = self.part != k
            alphas = _RELATIVE_ALPHAS * train.sum()
            coef, intercept, _, _ = ridge_classifier_loo(self.features, codes[train], n_classes, alphas,
                                                          rows=np.flatnonzero(train))
            self.fits.append((coef, intercept))

    def blocks(self):
        """Yield ``(rows, decisions)``: every row's decision value per class, a block of one part's rows at a time.

        ``rows`` are row indices; at most :data:`sknucs._blocks.BLOCK_ELEMENTS`
        decision values at once.
        """
        for k, (coef, intercept) in enumerate(self.fits):
            held = np.flatnonzero(self.part == k)
            for block in row_blocks(held.size, intercept.size):
                rows = held[block]
                yield rows, self.features[rows] @ coef + intercept


def out_of_fold_decisions(features, codes, n_classes, *, n_splits=5):
    """The probe's decision value of every row for every class, each from a fit that did not see the row.

    The cross-fitting of :func:`probe_labels`, whose rows' decisions it
    holds whole (``n x C`` float64); :func:`probe_labels` holds them a
    block at a time.

    Parameters
    ----------
    features : ndarray of shape (n_samples, n_features)
    codes : ndarray of shape (n_samples,), dtype int
    n_classes : int
    n_splits : int, default=5

    Returns
    -------
    decisions : ndarray of shape (n_samples, n_classes)
    """
    decisions = np.empty((codes.size, n_classes))
    for rows, block in _CrossFittedProbe(features, codes, n_classes, n_splits).blocks():
        decisions[rows] = block
    return decisions


def suspect_labels(features, codes, n_classes, *, n_splits=5):
    """The rows whose given label the probe contradicts: :func:`probe_labels`'s ``suspects``.

    Returns
    -------
    suspects : ndarray of shape (n_samples,), dtype bool
    """
    return probe_labels(features, codes, n_classes, n_splits=n_splits).suspects


def _kappa(labels, predicted, n_classes):
    """Cohen's kappa of two labelings of the same rows (1 when both are one and the same class)."""
    observed = np.mean(labels == predicted)
    chance = np.dot(np.bincount(labels, minlength=n_classes), np.bincount(predicted, minlength=n_classes))
    chance /= labels.size ** 2
    return 1.0 if chance >= 1 else float((observed - chance) / (1 - chance))
