"""The base class shared by NUCS and every baseline: a selector of rows."""

import warnings
from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.feature_selection import SelectorMixin
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from ._labels import encode_labels
from ._resample import ResampleMixin
from ._rounding import n_keep_for
from ._validation import check_features, check_labels, check_scores

#: Classes named in a warning before "and N more".
_NAMED_CLASSES = 5


def name_classes(classes, indices):
    """The classes at ``indices``, the first few by ``repr``, then "and N more"."""
    named = ", ".join(repr(c) for c in classes[indices[:_NAMED_CLASSES]].tolist())
    return named + (f" and {indices.size - _NAMED_CLASSES} more" if indices.size > _NAMED_CLASSES else "")


class EmptyClassWarning(UserWarning):
    """A class present in ``y`` got no sample in the coreset.

    A model trained on the coreset cannot predict that class. Issued by the
    ``fit`` of every selector; silence it with
    ``warnings.simplefilter("ignore", sknucs.EmptyClassWarning)``.
    """


def _warn_empty_classes(classes, selected_per_class, n_selected):
    """Issue an EmptyClassWarning naming the classes that kept no sample, if any."""
    empty = np.flatnonzero(selected_per_class == 0)
    if empty.size == 0:
        return
    if n_selected < classes.size:
        advice = (f"A coreset of {n_selected} rows cannot hold one of each of the {classes.size} classes: lower "
                  f"the pruning rate to keep at least {classes.size} rows.")
    else:
        advice = ("Lower the pruning rate, or use a class-wise selector with a floor (NUCSSelector's "
                  "min_per_class, one sample per class when the coreset has room for it).")
    warnings.warn(
        f"{empty.size} of {classes.size} classes get no sample in the coreset of "
        f"{n_selected} ({name_classes(classes, empty)}): a model trained on it cannot predict them. " + advice,
        EmptyClassWarning, stacklevel=4,
    )


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

    ``fit`` refuses a score matrix of more than
    :data:`~sknucs._validation.MAX_SCORE_RUNS` (32) columns, which is
    almost surely a feature matrix passed as scores, and warns with an
    :class:`EmptyClassWarning` when a class gets no sample.

    Subclasses without a ``higher_is_harder`` or ``score_estimator``
    parameter inherit the class defaults below: scores read higher = harder,
    and :meth:`fit_resample` scores with :func:`~sknucs.default_score_estimator`.

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
    budgets_ : ndarray of shape (n_classes,)
        ``b_j``, the paper's name for ``selected_per_class_`` (the same
        array, a read-only property).
    """

    _parameter_constraints = {
        "rate": [Interval(Real, 0, 1, closed="left")],
        "random_state": ["random_state"],
    }

    #: Score direction of selectors without the parameter: higher = harder.
    higher_is_harder = True
    #: Scoring model of :meth:`fit_resample` for selectors without the
    #: parameter: None means :func:`~sknucs.default_score_estimator`.
    score_estimator = None

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        """Return a boolean mask of ``n_keep`` rows (implemented by subclasses)."""
        raise NotImplementedError

    @property
    def budgets_(self):
        """``b_j``, samples kept per class: ``selected_per_class_`` under the paper's name."""
        return self.selected_per_class_

    def _validate_fit_input(self, scores, y, features):
        y = check_labels(y) if y is not None else y
        combined, y = check_scores(scores, y, estimator=self)
        if not self.higher_is_harder:
            combined = -combined
        features = check_features(features, y.shape[0])
        return combined, y, features

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, features=None):
        """Select the coreset.

        Parameters
        ----------
        X : array-like of shape (n_samples,) or (n_samples, n_runs)
            Per-sample difficulty scores, finite. Several columns (runs,
            seeds or epochs; at most
            :data:`~sknucs._validation.MAX_SCORE_RUNS`) are averaged into
            one score per sample. Not a feature matrix: pass features as
            ``features``.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type.
        features : array-like of shape (n_samples, n_features), default=None
            Learned features, for selectors that use them.

        Returns
        -------
        self : object
            The fitted selector.

        Raises
        ------
        ValueError
            If the scores are not finite (the message names the first bad
            row and column) or have more columns than
            :data:`~sknucs._validation.MAX_SCORE_RUNS`.

        Warns
        -----
        EmptyClassWarning
            When a class of ``y`` gets no sample in the coreset.
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
        _warn_empty_classes(self.classes_, self.selected_per_class_, self.n_selected_)
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
