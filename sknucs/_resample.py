"""imbalanced-learn's sampler protocol for every selector: ``fit_resample``.

Nothing here imports imbalanced-learn: a pipeline only needs the method.
"""

import numpy as np
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils import _safe_indexing

from ._validation import check_labels
from .scores import cross_val_scores

#: Folds of the cross-validation that scores samples when ``fit_resample``
#: receives no scores (fewer when the smallest class is smaller).
SCORE_CV_FOLDS = 5

#: Iterations of the default scoring model,
#: :class:`~sklearn.linear_model.LogisticRegression`.
SCORE_MAX_ITER = 1000


def default_score_estimator():
    """The classifier that scores samples when none is given.

    Returns
    -------
    estimator : LogisticRegression
        Unfitted, ``max_iter=SCORE_MAX_ITER``.
    """
    return LogisticRegression(max_iter=SCORE_MAX_ITER)


def _n_folds(y):
    smallest = int(np.unique(y, return_counts=True)[1].min())
    if smallest < 2:
        raise ValueError(
            "fit_resample without scores cross-validates a classifier to score the "
            "samples, which needs at least 2 samples in every class; the smallest "
            f"class has {smallest}. Pass scores=... (e.g. computed on more data)."
        )
    return min(SCORE_CV_FOLDS, smallest)


class ResampleMixin:
    """``fit_resample(X, y, *, scores=None)``: keep the coreset's rows of X.

    Mixed into :class:`~sknucs.BaseSampleSelector`, so that every selector
    is an imbalanced-learn sampler: in an ``imblearn.pipeline.Pipeline`` it
    drops rows during ``fit`` only, and the later steps predict on every
    row.

    ``scores`` is requested for ``fit_resample`` by default under
    scikit-learn's metadata routing, so with
    ``sklearn.set_config(enable_metadata_routing=True)`` a pipeline routes
    ``pipe.fit(X, y, scores=s)`` to the selector.

    It relies on the selector's ``fit``, ``random_state``,
    ``higher_is_harder``, ``score_estimator`` and ``sample_indices_``,
    which :class:`~sknucs.BaseSampleSelector` defines for every selector.
    """

    __metadata_request__fit_resample = {"scores": True}

    #: Whether ``_select`` looks at the scores. Selectors that do not
    #: (random ones) set it to False and skip the scoring model.
    _uses_scores = True

    def fit_resample(self, X, y, *, scores=None):
        """Select the coreset of ``(X, y)`` and return its rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data to resample, dense and numeric. It is also passed to
            ``fit`` as ``features`` (used by ``window="auto"`` and by
            selectors that need features) and, when ``scores`` is None, to
            the scoring model.
        y : array-like of shape (n_samples,)
            Class labels.
        scores : array-like of shape (n_samples,) or (n_samples, n_runs), default=None
            Per-sample difficulty scores, oriented as the selector's
            ``higher_is_harder`` says. When None, the selector scores the
            samples itself: EL2N (``higher = harder``) of out-of-fold
            predicted probabilities of ``score_estimator`` (a parameter of
            :class:`~sknucs.NUCSSelector`; other selectors use
            :func:`default_score_estimator`), see
            :func:`sknucs.scores.cross_val_scores`.

        Returns
        -------
        X_resampled : array-like of shape (n_selected, n_features)
            The kept rows of ``X``, in their original order and container
            type (a DataFrame stays a DataFrame).
        y_resampled : array-like of shape (n_selected,)
            Their labels.
        """
        if scores is None:
            self._validate_params()
            scores = self._score_samples(X, y)
        self.fit(scores, y, features=X)
        return (_safe_indexing(X, self.sample_indices_),
                _safe_indexing(y, self.sample_indices_))

    def _score_samples(self, X, y):
        """EL2N of cross-validated probabilities, in the selector's orientation."""
        y_array = check_labels(y)
        if not self._uses_scores:
            return np.zeros(y_array.shape[0])
        estimator = (default_score_estimator() if self.score_estimator is None
                     else clone(self.score_estimator))
        scores = cross_val_scores(
            estimator, X, y_array, score="el2n", cv=_n_folds(y_array),
            random_state=self.random_state,
        )
        # EL2N is higher = harder; a selector set to read higher = easier
        # negates what it gets, so hand it the negation.
        return scores if self.higher_is_harder else -scores
