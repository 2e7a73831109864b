"""Per-sample difficulty scores computed from logged logits (numpy only).

Every function takes ``logits`` of shape ``(n_samples, n_classes)`` (one epoch)
or ``(n_epochs, n_samples, n_classes)`` and integer targets ``y`` in
``[0, n_classes)`` of shape ``(n_samples,)``, and returns a float64 array of
shape ``(n_samples,)`` in sample order. They are the reference that the torch
recorder (:class:`sknucs.extractor.DifficultyRecorder`) reproduces with O(N)
running state, and they score any scikit-learn classifier through
:func:`cross_val_scores`.

Directions differ between scores; :data:`SCORE_DIRECTIONS` says, for each
name, whether a higher value means a harder sample.
"""

from numbers import Integral

import numpy as np
from scipy.special import log_softmax
from sklearn.model_selection import StratifiedKFold, check_cv, cross_val_predict
from sklearn.preprocessing import LabelEncoder

from ._validation import check_labels

__all__ = [
    "SCORE_DIRECTIONS",
    "aum_score",
    "confidence_score",
    "cross_val_scores",
    "el2n_score",
    "entropy_score",
    "forgetting_score",
    "grand_score",
    "loss_score",
    "variability_score",
]

#: Score name -> ``True`` when a higher value means a harder sample.
SCORE_DIRECTIONS = {
    "el2n": True,
    "grand": True,
    "aum": False,
    "forgetting": True,
    "confidence": False,
    "variability": True,
    "entropy": True,
    "loss": True,
}


def _first_positions(mask, limit=5):
    """Positions (tuples) of the first ``limit`` True entries of ``mask``."""
    return [tuple(int(v) for v in pos) for pos in np.argwhere(mask)[:limit]]


def _check_finite(values, name):
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or infinite value(s), first at "
            f"position(s) {_first_positions(bad)}."
        )


def _check_logits(logits):
    """Return logits as a float64 array of shape (n_epochs, n_samples, n_classes)."""
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf":
        raise TypeError(f"logits must be a numeric array, got dtype {z.dtype}.")
    if z.ndim not in (2, 3):
        raise ValueError(
            "logits must have shape (n_samples, n_classes) or "
            f"(n_epochs, n_samples, n_classes), got shape {z.shape}."
        )
    z = z.astype(np.float64, copy=False)
    if z.ndim == 2:
        z = z[np.newaxis]
    if z.shape[0] == 0:
        raise ValueError("logits hold zero epochs.")
    if z.shape[2] < 2:
        raise ValueError(f"Scores need at least 2 classes, logits have {z.shape[2]}.")
    _check_finite(z, "logits")
    return z


def _check_targets(y, n_samples, n_classes):
    """Return integer targets as an int64 array, checked against the logits."""
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != n_samples:
        raise ValueError(
            f"y must have shape ({n_samples},) to match the logits, got shape {y.shape}."
        )
    if y.dtype.kind not in "iu":
        raise TypeError(
            f"y must hold integer class codes in [0, {n_classes}), got dtype {y.dtype}; "
            "encode other labels with sklearn.preprocessing.LabelEncoder."
        )
    bad = (y < 0) | (y >= n_classes)
    if bad.any():
        first = np.flatnonzero(bad)[:5]
        raise ValueError(
            f"y has {int(bad.sum())} target(s) outside [0, {n_classes}), first at "
            f"sample(s) {first.tolist()} with value(s) {y[first].tolist()}."
        )
    return y.astype(np.int64, copy=False)


def _prepare(logits, y):
    z = _check_logits(logits)
    return z, _check_targets(y, z.shape[1], z.shape[2])


def _target_values(values, y):
    """``values[e, i, y[i]]`` for every epoch e and sample i."""
    return np.take_along_axis(values, y[np.newaxis, :, np.newaxis], axis=2)[..., 0]


def _el2n_per_epoch(z, y):
    """||softmax(z) - onehot(y)||_2 per epoch and sample, shape (n_epochs, n_samples)."""
    diff = np.exp(log_softmax(z, axis=2))
    diff[:, np.arange(z.shape[1]), y] -= 1.0
    return np.linalg.norm(diff, axis=2)


def _margins(z, y):
    """z_y - max_{c != y} z_c per epoch and sample."""
    others = z.copy()
    others[:, np.arange(z.shape[1]), y] = -np.inf
    return _target_values(z, y) - others.max(axis=2)


def el2n_score(logits, y):
    """EL2N: mean over epochs of the L2 error of the softmax.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits (pre-softmax outputs) of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        ``mean_e ||softmax(z_e) - onehot(y)||_2``. Higher = harder; in
        ``[0, sqrt(2)]``.

    References
    ----------
    Paul, Ganguli and Dziugaite, "Deep Learning on a Data Diet", NeurIPS 2021.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.scores import el2n_score
    >>> el2n_score(np.array([[0.0, 0.0], [2.0, -2.0]]), np.array([0, 0])).round(4)
    array([0.7071, 0.0254])
    """
    z, y = _prepare(logits, y)
    return _el2n_per_epoch(z, y).mean(axis=0)


def grand_score(logits, y, features):
    """Last-layer GraNd: norm of the loss gradient w.r.t. the final linear layer.

    For a final layer ``z = W h + b`` under cross-entropy, the gradient with
    respect to ``(W, b)`` is ``((p - onehot) h^T, p - onehot)``, whose norm is
    ``||p - onehot||_2 * sqrt(1 + ||h||_2^2)``.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.
    features : array-like of shape (n_samples, n_features) or (n_epochs, n_samples, n_features)
        Inputs ``h`` of the final linear layer (penultimate embeddings). A 2-D
        array is used for every epoch.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Mean over epochs of the gradient norm. Higher = harder.

    References
    ----------
    Paul, Ganguli and Dziugaite, "Deep Learning on a Data Diet", NeurIPS 2021.
    """
    z, y = _prepare(logits, y)
    h = np.asarray(features)
    if h.dtype.kind not in "iuf":
        raise TypeError(f"features must be a numeric array, got dtype {h.dtype}.")
    h = h.astype(np.float64, copy=False)
    if h.ndim == 2:
        h = h[np.newaxis]
    if h.ndim != 3 or h.shape[1] != z.shape[1] or h.shape[0] not in (1, z.shape[0]):
        raise ValueError(
            f"features must have shape ({z.shape[1]}, n_features) or "
            f"({z.shape[0]}, {z.shape[1]}, n_features) to match the logits, "
            f"got shape {np.shape(features)}."
        )
    _check_finite(h, "features")
    scale = np.sqrt(1.0 + np.einsum("eij,eij->ei", h, h))
    return (_el2n_per_epoch(z, y) * scale).mean(axis=0)


def aum_score(logits, y):
    """Area under the margin: mean over epochs of ``z_y - max_{c != y} z_c``.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Mean margin on the logits. Higher = EASIER; negative for samples the
        model puts in another class on average.

    References
    ----------
    Pleiss, Zhang, Elenberg and Weinberger, "Identifying Mislabeled Data using
    the Area Under the Margin Ranking", NeurIPS 2020.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.scores import aum_score
    >>> aum_score(np.array([[3.0, 1.0, 2.0]]), np.array([1]))
    array([-2.])
    """
    z, y = _prepare(logits, y)
    return _margins(z, y).mean(axis=0)


def forgetting_score(logits, y):
    """Forgetting events: correct -> incorrect transitions between consecutive epochs.

    A sample is correct in an epoch when its target logit is strictly larger
    than every other logit (a tie counts as incorrect).

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per presentation, in presentation order.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Number of forgetting events. Samples never classified correctly get
        ``n_epochs``, more than any learned sample can reach (at most
        ``n_epochs // 2``), so they rank hardest. Higher = harder.

    References
    ----------
    Toneva et al., "An Empirical Study of Example Forgetting during Deep
    Neural Network Learning", ICLR 2019.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.scores import forgetting_score
    >>> z = np.array([[[1.0, 0.0]], [[0.0, 1.0]], [[1.0, 0.0]]])  # correct, wrong, correct
    >>> forgetting_score(z, np.array([0]))
    array([1.])
    """
    z, y = _prepare(logits, y)
    correct = _margins(z, y) > 0
    events = np.count_nonzero(correct[:-1] & ~correct[1:], axis=0).astype(np.float64)
    events[~correct.any(axis=0)] = z.shape[0]
    return events


def _target_probabilities(logits, y):
    z, y = _prepare(logits, y)
    return np.exp(_target_values(log_softmax(z, axis=2), y))


def confidence_score(logits, y):
    """Confidence (dataset cartography): mean over epochs of ``p_y``.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Mean softmax probability of the target. Higher = EASIER.

    References
    ----------
    Swayamdipta et al., "Dataset Cartography", EMNLP 2020.
    """
    return _target_probabilities(logits, y).mean(axis=0)


def variability_score(logits, y):
    """Variability (dataset cartography): std over epochs of ``p_y``.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Population standard deviation (``ddof=0``) of the target probability;
        zero for a single epoch. Higher = harder.

    References
    ----------
    Swayamdipta et al., "Dataset Cartography", EMNLP 2020.
    """
    return _target_probabilities(logits, y).std(axis=0)


def entropy_score(logits, y=None):
    """Mean over epochs of the entropy of the softmax, in nats.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,), default=None
        Ignored apart from validation; accepted so that every score has the
        same signature.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Mean entropy, in ``[0, log(n_classes)]``. Higher = harder.
    """
    z = _check_logits(logits)
    if y is not None:
        _check_targets(y, z.shape[1], z.shape[2])
    logp = log_softmax(z, axis=2)
    return -(np.exp(logp) * logp).sum(axis=2).mean(axis=0)


def loss_score(logits, y):
    """Mean over epochs of the cross-entropy loss ``-log p_y``.

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes) or (n_epochs, n_samples, n_classes)
        Logits of each sample, one slice per recorded epoch.
    y : array-like of int of shape (n_samples,)
        Targets in ``[0, n_classes)``.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Mean cross-entropy in nats. Higher = harder.
    """
    z, y = _prepare(logits, y)
    return -_target_values(log_softmax(z, axis=2), y).mean(axis=0)


_SCORE_FUNCTIONS = {
    "el2n": el2n_score,
    "aum": aum_score,
    "forgetting": forgetting_score,
    "confidence": confidence_score,
    "entropy": entropy_score,
    "loss": loss_score,
}


def cross_val_scores(estimator, X, y, *, score="el2n", cv=5, random_state=None):
    """Score every sample with a scikit-learn classifier, out of fold.

    Each sample's class probabilities come from
    :func:`sklearn.model_selection.cross_val_predict` with
    ``method="predict_proba"``, i.e. from a model that did not see it. Their
    logarithms (clipped below at machine epsilon) are used as logits, so the
    softmax of the logits is the predicted distribution itself.

    Parameters
    ----------
    estimator : classifier
        Unfitted scikit-learn classifier with ``predict_proba``; it is cloned
        for every fold.
    X : array-like of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Labels of any sortable type; encoded with
        :class:`~sklearn.preprocessing.LabelEncoder`. A missing label (NaN,
        None) is refused, as :meth:`NUCSSelector.fit <sknucs.NUCSSelector.fit>`
        refuses it, rather than scored as one more class.
    score : {"el2n", "aum", "forgetting", "confidence", "entropy", "loss"}, default="el2n"
        Which score. ``"grand"`` needs features and ``"variability"`` needs
        several epochs, so neither is available here. With one "epoch",
        ``"forgetting"`` is 1 for misclassified samples and 0 otherwise.
    cv : int, cross-validation generator or iterable, default=5
        As in scikit-learn. An int means stratified K folds.
    random_state : int, RandomState instance or None, default=None
        With an int ``cv``, shuffles the samples before splitting them into
        folds (``None`` keeps scikit-learn's unshuffled folds). Ignored when
        ``cv`` is a splitter or an iterable. Set the estimator's own
        ``random_state`` separately.

    Returns
    -------
    scores : ndarray of shape (n_samples,), float64
        Oriented as :data:`SCORE_DIRECTIONS` says (not flipped): higher is
        harder except for ``"aum"`` and ``"confidence"``.

    Notes
    -----
    AUM computed here is the margin of log-probabilities,
    ``log p_y - max_{c != y} log p_c``, not of the network logits the original
    method uses; it orders samples by the ratio between the target's
    probability and the strongest competitor's.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sknucs.scores import cross_val_scores
    >>> X, y = load_iris(return_X_y=True)
    >>> s = cross_val_scores(LogisticRegression(max_iter=500), X, y, random_state=0)
    >>> s.shape
    (150,)
    """
    if score not in _SCORE_FUNCTIONS:
        raise ValueError(
            f"score must be one of {sorted(_SCORE_FUNCTIONS)} for cross_val_scores, got "
            f"{score!r} ('grand' needs features, 'variability' several epochs)."
        )
    if not hasattr(estimator, "predict_proba"):
        raise TypeError(
            f"{type(estimator).__name__} has no predict_proba; cross_val_scores needs "
            "a probabilistic classifier."
        )
    codes = LabelEncoder().fit_transform(check_labels(y))
    if isinstance(cv, Integral) and not isinstance(cv, bool) and random_state is not None:  # np.int64 too
        cv = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    cv = check_cv(cv, codes, classifier=True)
    proba = cross_val_predict(estimator, X, codes, cv=cv, method="predict_proba")
    logits = np.log(np.clip(proba, np.finfo(np.float64).eps, None))
    return _SCORE_FUNCTIONS[score](logits, codes)
