"""Cheap stand-ins for training the real model: the score of a candidate coreset.

A proxy is an object with two methods, which is all the searches use:

- ``prepare(features, codes, random_state)``: once per search, on every
  training sample (standardise the features, draw the held-out part, ...);
- ``score(rows) -> float``: the score of one candidate coreset given by its
  row indices, higher is better; NaN when the held-out part leaves the
  coreset no training row.

Both proxies here train a classifier on the coreset's rows outside the
held-out part and measure it on held-out rows (or on every row, for the
ridge proxy with ``eval_size=None``).
"""

from numbers import Integral

import numpy as np
from sklearn.utils.extmath import randomized_svd

from ._blocks import feature_blocks, row_blocks
from ._ridge import ridge_classifier_loo

#: Rows on which the principal axes of the nearest-neighbour proxy are fitted.
PCA_FIT_ROWS = 10_000

#: Elements of one block of the distance matrix (float32: 32 MiB).
DISTANCE_BLOCK = 2**23


def standardize(features):
    """Centre and scale every column to unit variance (constant columns: centred).

    The scale is computed in float64: squared float32 values above about
    1.8e19 overflow to inf, which made every column zero; columns whose
    squares overflow even there (float64 values above about 1e154) are
    measured in units of their largest value. A column is constant when
    its spread is within rounding of its mean (ten units in the last place
    of the mean), so that a column of tiny values (float32 features at a
    scale of 1e-7) is not taken for a constant one. Besides the result, it
    holds the float64 squares of a block of rows at a time
    (:func:`sknucs._blocks.feature_blocks`), not of every row.
    """
    mean = features.mean(axis=0, dtype=np.float64)
    standardized = features - mean.astype(features.dtype)
    squares = np.zeros(features.shape[1])
    with np.errstate(over="ignore"):  # measured again below
        for rows in feature_blocks(*features.shape):  # float64 squares a block at a time
            squares += np.square(standardized[rows], dtype=np.float64).sum(axis=0)
    scale = np.sqrt(squares / features.shape[0])
    overflow = ~np.isfinite(scale)
    if overflow.any():
        wide = standardized[:, overflow].astype(np.float64)
        unit = np.max(np.abs(wide), axis=0)
        scale[overflow] = unit * np.sqrt(np.mean(np.square(wide / unit), axis=0))
    scale[scale <= 10 * np.finfo(features.dtype).eps * np.abs(mean)] = 1.0
    standardized /= scale.astype(features.dtype)
    return standardized


def metric_score(predicted, true, n_classes, metric):
    """Accuracy, or balanced accuracy over the classes present in ``true``."""
    correct = predicted == true
    if metric == "accuracy":
        return float(correct.mean())
    hits = np.bincount(true[correct], minlength=n_classes)
    counts = np.bincount(true, minlength=n_classes)
    present = counts > 0
    return float(np.mean(hits[present] / counts[present]))


def held_out_mask(n_samples, eval_size, random_state):
    """Boolean mask of ``eval_size`` rows drawn at random, or None when ``eval_size`` is None.

    ``eval_size`` is a fraction in (0, 1) (rounded up) or a count.
    """
    if eval_size is None:
        return None
    n_eval = (
        int(eval_size) if isinstance(eval_size, Integral)
        else int(np.ceil(eval_size * n_samples))
    )
    if not 1 <= n_eval < n_samples:
        raise ValueError(
            f"eval_size={eval_size!r} holds out {n_eval} of {n_samples} "
            "samples; it must leave at least one for training and one for scoring."
        )
    held_out = np.zeros(n_samples, dtype=bool)
    held_out[random_state.permutation(n_samples)[:n_eval]] = True
    return held_out


def stratified_subsample(rows, codes, max_rows, random_state):
    """At most ``max_rows`` of ``rows``, each class keeping its share (at least one row), ascending."""
    if max_rows is None or rows.size <= max_rows:
        return rows
    shuffled = rows[random_state.permutation(rows.size)]
    by_class = shuffled[np.argsort(codes[shuffled], kind="stable")]
    classes, starts, counts = np.unique(codes[by_class], return_index=True, return_counts=True)
    quotas = np.maximum(np.floor(counts * max_rows / rows.size), 1).astype(np.int64)
    kept = np.concatenate([by_class[s:s + q] for s, q in zip(starts, quotas)])
    return np.sort(kept)


class HeldOutProxy:
    """A classifier trained on a coreset's rows, scored on held-out rows.

    Parameters
    ----------
    metric : {"accuracy", "balanced_accuracy"}
        Score of the predictions on the evaluation rows.
    eval_size : float in (0, 1), int or None
        Rows held out: never trained on, and the only rows scored. None
        scores every row, the coreset's own included.
    max_eval : int or None
        At most this many of the held-out rows are scored, a stratified
        sample drawn once that keeps at least one row of each class (one
        per class when the classes outnumber it); None scores all.
    """

    def __init__(self, metric, eval_size, max_eval=None):
        self.metric = metric
        self.eval_size = eval_size
        self.max_eval = max_eval

    def prepare(self, features, codes, random_state):
        """Draw the held-out part, fix the evaluation rows, transform the features (once per search).

        The held-out part is drawn first, so that every proxy given the same
        ``random_state`` holds out the same rows.
        """
        self.codes = codes
        self.n_classes = int(codes.max()) + 1
        self.held_out = held_out_mask(codes.size, self.eval_size, random_state)
        eval_rows = (np.arange(codes.size) if self.held_out is None
                     else np.flatnonzero(self.held_out))
        self.eval_rows = stratified_subsample(eval_rows, codes, self.max_eval, random_state)
        self.eval_codes = codes[self.eval_rows]
        self.features = self._transform(features, random_state)
        return self

    def _transform(self, features, random_state):
        """The features as the proxy's model sees them (subclasses)."""
        raise NotImplementedError

    def training_rows(self, rows):
        """The rows of a coreset that the held-out part leaves for training."""
        return rows if self.held_out is None else rows[~self.held_out[rows]]

    def predict(self, train):
        """Class codes predicted for the evaluation rows by a model trained on ``train`` (subclasses)."""
        raise NotImplementedError

    def score(self, rows):
        """Score of the classifier trained on ``rows`` (NaN if none is left for training)."""
        train = self.training_rows(np.asarray(rows))
        if train.size == 0:
            return np.nan
        return metric_score(self.predict(train), self.eval_codes, self.n_classes, self.metric)


class RidgeProxy(HeldOutProxy):
    """One-vs-all ridge classifier, penalty chosen by exact leave-one-out.

    ``features`` are standardised once (``standardize=True``), so that the
    penalties ``alphas`` mean the same for every column. The evaluation
    rows' decision values are computed a block of rows at a time.
    """

    def __init__(self, metric, eval_size, alphas, standardize=True):
        super().__init__(metric, eval_size)
        self.alphas = alphas
        self.standardize = standardize

    def _transform(self, features, random_state):
        return standardize(features) if self.standardize else features

    def prepare(self, features, codes, random_state):
        super().prepare(features, codes, random_state)
        every_row = self.eval_rows.size == codes.size
        self.eval_features = self.features if every_row else self.features[self.eval_rows]
        return self

    def fit_score(self, rows):
        """``(score, alpha)`` of the ridge classifier trained on ``rows``; ``(nan, nan)`` if none is left."""
        train = self.training_rows(np.asarray(rows))
        if train.size == 0:
            return np.nan, np.nan
        coef, intercept, alpha, _ = ridge_classifier_loo(
            self.features, self.codes[train], self.n_classes, self.alphas, rows=train
        )
        predicted = np.concatenate([np.argmax(self.eval_features[rows] @ coef + intercept, axis=1)
                                    for rows in row_blocks(self.eval_features.shape[0], self.n_classes)])
        return metric_score(predicted, self.eval_codes, self.n_classes, self.metric), alpha

    def score(self, rows):
        return self.fit_score(rows)[0]


class NearestNeighborProxy(HeldOutProxy):
    """A ``k``-nearest-neighbour classifier: it memorises the coreset, wrong labels included.

    A network trained to zero training error predicts, near a mislabeled
    training sample, that sample's wrong label; a nearest-neighbour rule
    does the same, where a linear model averages the wrong labels away. The
    features are standardised and projected once on their first
    ``n_components`` principal axes (fitted on at most
    :data:`PCA_FIT_ROWS` rows by a randomized SVD); the distances from the
    evaluation rows to a coreset are float32 matrix products, in blocks of
    :data:`DISTANCE_BLOCK` elements.

    Parameters
    ----------
    metric, eval_size, max_eval
        As :class:`HeldOutProxy`; ``eval_size`` must not be None (every
        row would be its own nearest neighbour).
    n_neighbors : int
        Neighbours that vote; ties go to the class of the nearest.
    n_components : int or None
        Dimensions kept; None keeps all.
    """

    def __init__(self, metric, eval_size, max_eval, n_neighbors=1, n_components=64):
        super().__init__(metric, eval_size, max_eval)
        self.n_neighbors = n_neighbors
        self.n_components = n_components

    def _transform(self, features, random_state):
        features = standardize(features.astype(np.float32))
        if self.n_components is None or self.n_components >= features.shape[1]:
            return features
        fit_rows = features
        if features.shape[0] > PCA_FIT_ROWS:
            fit_rows = features[np.sort(random_state.choice(features.shape[0], PCA_FIT_ROWS, replace=False))]
        _, _, axes = randomized_svd(fit_rows, self.n_components, random_state=random_state)
        return np.ascontiguousarray(features @ axes.T.astype(np.float32))

    def prepare(self, features, codes, random_state):
        if self.eval_size is None:
            raise ValueError(
                "The nearest-neighbour proxy needs a held-out part (eval_size): "
                "scored on its own training rows it is always right."
            )
        super().prepare(features, codes, random_state)
        # |e - t|^2 - |e|^2 = [e, 1] . [-2 t, |t|^2]: one matrix product gives,
        # for each evaluation row e, distances in the same order as the true ones.
        norms = np.einsum("ij,ij->i", self.features, self.features)
        self.features = np.column_stack([-2.0 * self.features, norms]).astype(np.float32)
        self.eval_features = np.column_stack(
            [self.features[self.eval_rows, :-1] / -2.0, np.ones(self.eval_rows.size)]
        ).astype(np.float32)
        return self

    def predict(self, train):
        """Majority class of each evaluation row's nearest training rows."""
        n_neighbors = min(self.n_neighbors, train.size)
        distances, neighbors = self._nearest(train, n_neighbors)
        labels = self.codes[train][neighbors]
        if n_neighbors == 1:
            return labels[:, 0]
        nearest_first = np.take_along_axis(labels, np.argsort(distances, axis=1), axis=1)
        n_eval = labels.shape[0]
        votes = np.zeros((n_eval, self.n_classes))
        np.add.at(votes, (np.repeat(np.arange(n_eval), n_neighbors), nearest_first.ravel()), 1.0)
        votes[np.arange(n_eval), nearest_first[:, 0]] += 0.5
        return np.argmax(votes, axis=1)

    def _nearest(self, train, n_neighbors):
        """Squared distances (up to a per-row constant) and positions in ``train`` of the nearest rows."""
        n_eval = self.eval_rows.size
        block = max(n_neighbors, DISTANCE_BLOCK // max(n_eval, 1))
        best_distances = np.full((n_eval, 0), np.inf, dtype=np.float32)
        best_neighbors = np.zeros((n_eval, 0), dtype=np.int64)
        for start in range(0, train.size, block):
            rows = train[start:start + block]
            distances = self.eval_features @ self.features[rows].T
            if n_neighbors == 1:
                nearest = np.argmin(distances, axis=1)[:, None]
            else:  # the last block may hold fewer rows than n_neighbors
                k = min(n_neighbors, rows.size)
                nearest = np.argpartition(distances, k - 1, axis=1)[:, :k]
            best_distances = np.concatenate(
                [best_distances, np.take_along_axis(distances, nearest, axis=1)], axis=1
            )
            best_neighbors = np.concatenate([best_neighbors, nearest + start], axis=1)
            if best_distances.shape[1] > n_neighbors:
                keep = np.argpartition(best_distances, n_neighbors - 1, axis=1)[:, :n_neighbors]
                best_distances = np.take_along_axis(best_distances, keep, axis=1)
                best_neighbors = np.take_along_axis(best_neighbors, keep, axis=1)
        return best_distances, best_neighbors
