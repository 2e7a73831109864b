"""Step 4 of NUCS: choose the window endpoint k with a ridge classifier."""

import logging
from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, RealNotInt, StrOptions

from ._grid import check_window_grid
from ._labels import encode_labels
from ._proxies import RidgeProxy
from ._sorting import sort_as_one_pool, sort_by_class_and_score
from ._validation import check_features, check_labels, check_scores
from ._window import WindowPlan

logger = logging.getLogger(__name__)


def _check_budgets(budgets, class_counts):
    """Budgets: an int (one class-agnostic window) or one int per class."""
    values = np.asarray(budgets)
    if values.dtype.kind not in "iu" and not (
        values.dtype.kind == "f" and np.all(np.isfinite(values)) and np.all(values == np.round(values))
    ):
        raise ValueError(f"budgets must be integers; got {budgets!r}.")
    values = values.astype(np.int64)
    if values.ndim == 0:
        total = class_counts.sum()
        if not 1 <= values <= total:
            raise ValueError(
                f"A class-agnostic budget must be in [1, {total}] (the number of "
                f"samples); got {int(values)}."
            )
        return values.reshape(1)
    if values.shape != class_counts.shape:
        raise ValueError(
            f"budgets has shape {values.shape}, but y has {class_counts.size} classes: "
            "give one budget per class (in sorted class order) or one int."
        )
    if np.any(values < 0) or np.any(values > class_counts) or values.sum() < 1:
        raise ValueError(
            "Each class's budget must lie in [0, N_j] and they must keep at least one "
            f"sample; got budgets {values.tolist()} for class sizes {class_counts.tolist()}."
        )
    return values


class _PlanScores:
    """Proxy score of the window of each endpoint on one plan, each distinct coreset fitted once.

    Called with one endpoint ``k`` or one per class; returns ``(score,
    alpha)``, ``(nan, nan)`` when the held-out part leaves the window no
    training row.
    """

    def __init__(self, plan, proxy):
        self.plan, self.proxy = plan, proxy
        self.done = {}

    def __call__(self, window):
        positions = self.plan.positions(window)
        key = positions.tobytes()
        if key not in self.done:
            self.done[key] = score, alpha = self.proxy.fit_score(self.plan.order[positions])
            logger.debug("window k=%s: %d rows, alpha=%g, %s=%.4f",
                         window, positions.size, alpha, self.proxy.metric, score)
        return self.done[key]


def _per_class_ascent(score, grid, windows, best, max_passes=3):
    """Coordinate ascent over one endpoint per class, from the shared best ``k``.

    Each pass tries every grid endpoint for one class at a time, the others
    fixed, and keeps a change only if it raises the score; it stops after a
    pass without change or ``max_passes``.
    """
    for n_pass in range(max_passes):
        improved = False
        for j in range(windows.size):
            for k in grid:
                if k == windows[j]:
                    continue
                trial = windows.copy()
                trial[j] = k
                value = score(trial)[0]
                if value > best:
                    best, windows, improved = float(value), trial, True
        logger.info("per-class windows, pass %d: score %.4f, endpoints %s",
                    n_pass + 1, best, np.round(windows, 3).tolist())
        if not improved:
            break
    return windows, best


class RidgeWindowPredictor(BaseEstimator):
    """Choose the window endpoint ``k`` with a ridge classifier on features.

    For each candidate ``k`` on a grid, the window coreset of NUCS (step 3)
    is cut, a ridge classifier is fitted on the coreset's features with its
    regularisation chosen by exact leave-one-out, and its accuracy is
    measured on all training samples (or on a held-out part). The ``k`` of
    highest accuracy wins. This is NUCS's practical window choice, in the
    reading of Best Window Selection (Choi et al., 2024); with one
    class-agnostic budget it *is* Best Window Selection.

    Parameters
    ----------
    grid : array-like of float in [0, 1] or None, default=None
        Candidate endpoints ``k``. None means ``0.1, 0.2, ..., 1.0``. Sorted
        and deduplicated into ``grid_``.
    alphas : array-like of float, default=(0.1, 1.0, 10.0, 100.0, 1000.0)
        Positive ridge penalties; for each ``k`` the one of smallest
        leave-one-out squared error on the coreset is used.
    eval_size : float in (0, 1), int or None, default=None
        None: each classifier is scored on every training sample, the
        coreset's own included (as in Best Window Selection). A fraction or
        a count: that many samples, drawn at random with ``random_state``,
        are removed from every window's training rows and the classifier is
        scored on them only.
    scoring : {"accuracy", "balanced_accuracy"}, default="accuracy"
        Score of a window. ``"balanced_accuracy"`` averages the per-class
        recall, so that a window that starves a small class is penalised.
    standardize : bool, default=True
        Centre the features and scale each column to unit variance once,
        before the search, so that the penalties mean the same for every
        column. Constant columns are left at zero.
    per_class : bool, default=False
        After the grid search for one shared ``k``, give each class its own
        endpoint (our variant): coordinate ascent from the shared ``k``,
        trying every grid endpoint for one class at a time with the others
        fixed and keeping a change only if the score rises, until a pass
        over all classes changes nothing (at most 3 passes). Costs up to
        ``3 C (n_grid - 1)`` more ridge fits. Needs ``window_scale="class"``.
    random_state : int, RandomState instance or None, default=None
        Draws the held-out samples (``eval_size``) and breaks ties between
        equal scores when :meth:`fit` sorts them.

    Attributes
    ----------
    grid_ : ndarray of shape (n_grid,)
        The endpoints tried, ascending.
    grid_scores_ : ndarray of shape (n_grid,)
        Score of the ridge classifier trained on each window (NaN for a
        window left with no training sample by ``eval_size``).
    grid_alphas_ : ndarray of shape (n_grid,)
        Penalty chosen by leave-one-out for each window.
    window_ : float
        The chosen shared endpoint: the smallest ``k`` of highest score.
    class_windows_ : ndarray of shape (n_classes,)
        The endpoint of each class (of the plan's groups: one for a
        class-agnostic budget): all ``window_`` unless ``per_class``.
    best_score_ : float
        The score of ``class_windows_``.
    n_features_in_ : int
        Number of feature columns.

    See Also
    --------
    sknucs.NUCSSelector : Uses this search for ``window="auto"`` when ``fit``
        receives features.
    sknucs.oracle_window_search : The same grid scored by training the real
        model (NUCS-O).
    sknucs.CoresetSearch : A search over any selector parameter, scored by
        this ridge proxy, a nearest-neighbour proxy or training.

    Notes
    -----
    The features are standardised once. For each ``k`` the coreset rows are
    gathered, their ``d x d`` Gram matrix eigendecomposed, and every alpha's
    fit and leave-one-out residuals read off the eigenbasis (the method of
    :class:`~sklearn.linear_model.RidgeClassifierCV`, written for this
    search; see :func:`~sknucs._ridge.ridge_classifier_loo`). Scoring all
    ``N`` samples is one ``N x d x C`` product. A search costs
    ``O(n_grid * (n_keep d^2 + N d C))``, linear in ``N``. Endpoints that
    give the same coreset (for instance every ``k`` below the kept fraction
    when budgets are proportional) are scored once. The search works for
    any plan of the selector, the ``sampling="stratified"`` one included.

    References
    ----------
    .. [1] W. Choi, et al., "BWS: Best Window Selection Based on Sample
       Scores for Data Pruning across Broad Ranges", ICML 2024.
    .. [2] H. Zhang, et al., "Non-Uniform Class-Wise Coreset Selection for
       Vision Model Fine-tuning", arXiv:2504.13234, 2025.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs import RidgeWindowPredictor
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([0, 1], 500)
    >>> scores = rng.random(1000)
    >>> features = rng.normal(size=(1000, 5))
    >>> band = (scores > 0.6) & (scores <= 0.8)   # only these carry the label
    >>> features[band, 0] += 4 * (2 * y[band] - 1)
    >>> search = RidgeWindowPredictor(grid=[0.2, 0.4, 0.6, 0.8, 1.0])
    >>> search.fit(features, y, scores, budgets=[100, 100]).window_
    0.8
    """

    _parameter_constraints = {
        "grid": ["array-like", None],
        "alphas": ["array-like"],
        "eval_size": [
            Interval(RealNotInt, 0, 1, closed="neither"),
            Interval(Integral, 1, None, closed="left"),
            None,
        ],
        "scoring": [StrOptions({"accuracy", "balanced_accuracy"})],
        "standardize": ["boolean"],
        "per_class": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, grid=None, *, alphas=(0.1, 1.0, 10.0, 100.0, 1000.0),
                 eval_size=None, scoring="accuracy", standardize=True, per_class=False,
                 random_state=None):
        self.grid = grid
        self.alphas = alphas
        self.eval_size = eval_size
        self.scoring = scoring
        self.standardize = standardize
        self.per_class = per_class
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, scores, budgets):
        """Search the grid for the window that trains the best classifier.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Learned features (e.g. penultimate-layer embeddings), any
            numeric dtype; float32 stays float32.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type.
        scores : array-like of shape (n_samples,) or (n_samples, n_runs)
            Difficulty scores, higher = harder; several columns are averaged.
        budgets : int or array-like of shape (n_classes,)
            Samples to keep: one int for one class-agnostic window over all
            samples (Best Window Selection), or one int per class, in sorted
            class order (NUCS; see :attr:`NUCSSelector.budgets_`).

        Returns
        -------
        self : object
            The fitted search.
        """
        y = check_labels(y)
        scores, _ = check_scores(scores, y)
        classes, codes = encode_labels(y)
        class_counts = np.bincount(codes, minlength=classes.size)
        budgets = _check_budgets(budgets, class_counts)
        random_state = check_random_state(self.random_state)
        if budgets.size == 1 and classes.size > 1:
            order, class_starts, _ = sort_as_one_pool(scores, random_state)
        else:
            order, class_starts, _ = sort_by_class_and_score(
                codes, scores, classes.size, random_state
            )
        return self._search(WindowPlan(order, class_starts, budgets), X, codes, random_state)

    def _fit_plan(self, plan, X, codes):
        """Search the grid on a window plan already built by a selector.

        The protocol of a selector's ``window_search`` (how
        :class:`NUCSSelector` calls it: the sort and the budgets are its
        own). Private, because the plan is.

        Parameters
        ----------
        plan : WindowPlan
            Sorted order, class offsets and budgets (``sknucs._window``);
            its "classes" may be one class-agnostic pool.
        X : array-like of shape (n_samples, n_features)
            Learned features.
        codes : ndarray of shape (n_samples,), dtype int
            Class codes ``0..C-1`` that the ridge classifier learns.

        Returns
        -------
        windows : float or ndarray of shape (n_classes,)
            The endpoints that cut the coreset: ``window_``, or
            ``class_windows_`` with ``per_class=True``.
        """
        self._validate_params()
        self._search(plan, X, codes, check_random_state(self.random_state))
        return self.class_windows_ if self.per_class else self.window_

    def _search(self, plan, features, codes, random_state):
        codes = np.asarray(codes)
        features = check_features(
            features, codes.shape[0], required=True, owner="RidgeWindowPredictor"
        )
        grid = check_window_grid(self.grid)
        alphas = np.asarray(self.alphas, dtype=np.float64).reshape(-1)
        if alphas.size == 0 or not np.all(np.isfinite(alphas) & (alphas > 0)):
            raise ValueError(f"alphas must be positive finite numbers; got {self.alphas!r}.")
        if self.per_class and plan.window_scale != "class":
            raise ValueError(
                "per_class=True searches one endpoint per class, which needs "
                f"window_scale='class'; the plan has window_scale={plan.window_scale!r}."
            )
        self.n_features_in_ = features.shape[1]
        proxy = RidgeProxy(self.scoring, self.eval_size, alphas, self.standardize)
        score = _PlanScores(plan, proxy.prepare(features, codes, random_state))

        self.grid_ = grid
        results = np.array([score(window) for window in grid])
        self.grid_scores_, self.grid_alphas_ = results[:, 0], results[:, 1]
        if np.all(np.isnan(self.grid_scores_)):
            raise ValueError(
                "Every window lost all its training rows to eval_size; lower "
                "eval_size or the pruning rate."
            )
        best = int(np.nanargmax(self.grid_scores_))
        self.window_ = float(grid[best])
        self.best_score_ = float(self.grid_scores_[best])
        self.class_windows_ = np.full(plan.budgets.size, self.window_)
        if self.per_class:
            self.class_windows_, self.best_score_ = _per_class_ascent(
                score, grid, self.class_windows_, self.best_score_
            )
        return self
