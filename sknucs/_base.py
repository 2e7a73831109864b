"""The base class shared by NUCS and every baseline: a selector of rows."""

from numbers import Real

import numpy as np
from scipy.sparse import issparse
from sklearn.base import BaseEstimator, _fit_context
from sklearn.feature_selection import SelectorMixin
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, validate_data

from ._labels import encode_labels
from ._resample import ResampleMixin
from ._rounding import n_keep_for
from ._validation import check_features, check_labels


def _row_selector_has_no_column_methods(_):
    """Column methods of SelectorMixin never apply to a selector of rows."""
    return False


_hidden = available_if(_row_selector_has_no_column_methods)


class BaseSampleSelector(ResampleMixin, SelectorMixin, BaseEstimator,
                         auto_wrap_output_keys=None):
    """Base class of coreset selectors: choose rows, never columns.

    Subclasses implement ``_select``. ``fit(scores, y, features=None)``
    validates the input, encodes the labels, fixes the coreset size with
    :func:`~sknucs.n_keep_for`, and stores the kept rows.

    ``get_support`` comes from :class:`~sklearn.feature_selection.SelectorMixin`
    but returns a mask over the *rows* passed to ``fit``. The column methods
    that SelectorMixin would add (``transform``, ``fit_transform``,
    ``inverse_transform``, ``get_feature_names_out``, ``set_output``) are
    hidden: ``hasattr(selector, "transform")`` is False, so no pipeline can
    mistake a sample selector for a feature selector and drop columns.
    ``fit_resample`` (imbalanced-learn's sampler protocol) is how rows are
    dropped inside a pipeline.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        Samples of each class, ``N_j``.
    n_features_in_ : int
        Number of score columns (runs) seen in ``fit``.
    support_ : ndarray of shape (n_samples,), dtype bool
        Kept rows.
    sample_indices_ : ndarray of shape (n_selected,)
        Indices of the kept rows, ascending.
    n_selected_ : int
        Size of the coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Kept samples of each class.
    """

    _parameter_constraints = {
        "rate": [Interval(Real, 0, 1, closed="left")],
        "random_state": ["random_state"],
    }

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        """Return a boolean mask of ``n_keep`` rows (implemented by subclasses)."""
        raise NotImplementedError

    def _validate_fit_input(self, scores, y, features):
        y = check_labels(y) if y is not None else y
        if not issparse(scores) and np.ndim(scores) == 1:
            scores = np.asarray(scores).reshape(-1, 1)
        scores, y = validate_data(
            self, X=scores, y=y, dtype=np.float64, y_numeric=False,
            ensure_min_samples=1,
        )
        combined = scores[:, 0] if scores.shape[1] == 1 else scores.mean(axis=1)
        if not getattr(self, "higher_is_harder", True):
            combined = -combined
        features = check_features(features, y.shape[0])
        return combined, y, features

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, features=None):
        """Select the coreset.

        Parameters
        ----------
        X : array-like of shape (n_samples,) or (n_samples, n_runs)
            Per-sample difficulty scores. Several columns (runs, seeds or
            epochs) are averaged into one score per sample.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type.
        features : array-like of shape (n_samples, n_features), default=None
            Learned features, for selectors that use them.

        Returns
        -------
        self : object
            The fitted selector.
        """
        scores, y, features = self._validate_fit_input(X, y, features)
        self.classes_, codes = encode_labels(y)
        n_classes = self.classes_.size
        self.class_counts_ = np.bincount(codes, minlength=n_classes)
        n_keep = n_keep_for(y.shape[0], self.rate)
        random_state = check_random_state(self.random_state)
        support = self._select(scores, codes, n_classes, features, n_keep, random_state)
        self.support_ = support
        self.sample_indices_ = np.flatnonzero(support)
        self.n_selected_ = int(self.sample_indices_.size)
        self.selected_per_class_ = np.bincount(codes[support], minlength=n_classes)
        return self

    def _get_support_mask(self):
        check_is_fitted(self, "support_")
        return self.support_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags = None
        tags.target_tags.required = True
        return tags

    transform = _hidden(SelectorMixin.transform)
    fit_transform = _hidden(SelectorMixin.fit_transform)
    inverse_transform = _hidden(SelectorMixin.inverse_transform)
    get_feature_names_out = _hidden(SelectorMixin.get_feature_names_out)
