"""CoresetSearch: a grid search over any selector parameter, scored by a proxy or by training."""

import logging
import math
import os
import time
from numbers import Integral

import numpy as np
from joblib import Parallel, delayed
from scipy.stats import rankdata
from sklearn.base import _fit_context, clone
from sklearn.model_selection import ParameterGrid
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, RealNotInt, StrOptions

from ._base import BaseSampleSelector
from ._checkpoint import ScoreCheckpoint, coreset_key
from ._labels import encode_labels
from ._proxies import NearestNeighborProxy, RidgeProxy
from ._validation import check_features

logger = logging.getLogger(__name__)

#: Ridge penalties of the ``"ridge"`` proxy, as :class:`RidgeWindowPredictor`'s default.
RIDGE_ALPHAS = (0.1, 1.0, 10.0, 100.0, 1000.0)


def evaluate_coreset(evaluate, indices, name):
    """Run the user's ``evaluate`` on one coreset; name the candidate in any error.

    Returns
    -------
    value : float
        What ``evaluate`` returned, checked to be a finite number.
    seconds : float
        Wall time of the call.
    """
    message = f"evaluate(indices) failed for {name}"
    start = time.perf_counter()
    try:
        value = evaluate(indices)
    except Exception as exc:
        if not hasattr(exc, "add_note"):  # Python < 3.11
            raise RuntimeError(f"{message}: {exc!r}") from exc
        exc.add_note(message)
        raise
    try:
        value = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{message}: it returned {value!r}, not a number.") from exc
    if not math.isfinite(value):
        raise ValueError(f"{message}: it returned {value}, not a finite number.")
    return value, time.perf_counter() - start


def _ranks(values):
    """Rank 1 for the highest value, ties sharing the smallest rank, NaN last."""
    filled = np.where(np.isnan(values), -np.inf, values)
    return rankdata(-filled, method="min").astype(np.int64)


class CoresetSearch(BaseSampleSelector):
    """Search a grid of selector parameters for the coreset that trains best.

    The coreset counterpart of :class:`~sklearn.model_selection.GridSearchCV`:
    every combination of ``param_grid`` is a candidate,
    ``clone(selector).set_params(**params)`` is fitted, and its coreset is
    scored, either by a cheap proxy model trained on the coreset's features
    or by ``scoring(indices)``, a callable that trains the real model
    (NUCS-O). The best candidate's selector is kept, and the search is a
    sample selector itself: ``get_support``, ``sample_indices_`` and
    ``fit_resample`` give the best coreset.

    Parameters
    ----------
    selector : estimator
        A sample selector such as :class:`NUCSSelector`, any estimator whose
        ``fit(scores, y, features=...)`` sets ``sample_indices_``; not
        modified.
    param_grid : dict or list of dict
        Parameter names of ``selector`` mapped to the values to try, as
        :class:`~sklearn.model_selection.ParameterGrid` reads it: every
        combination is a candidate (``window``, ``sampling``,
        ``exponent``, ``min_share``, ``allocation``, ...).
    scoring : {"ridge", "knn"} or callable, default="ridge"
        How a candidate coreset is scored (higher is better).
        ``"ridge"``: a one-vs-all ridge classifier on the standardised
        features, penalty chosen by exact leave-one-out, as
        :class:`RidgeWindowPredictor`. ``"knn"``: a ``n_neighbors``-nearest
        neighbour classifier on the standardised features projected on
        their first ``n_components`` principal axes; it memorises wrong
        labels as a trained network does (see Notes). A callable:
        ``scoring(indices) -> float`` receives the coreset's rows,
        ascending, and typically trains the downstream model and returns
        its validation score; ``eval_size`` and the proxy options are then
        unused, and ``features`` are only passed on to the selector.
    eval_size : float in (0, 1), int or None, default=0.2
        Proxies only. The held-out part, drawn once with ``random_state``:
        a fraction or a count of the samples, removed from every coreset's
        training rows, on which the proxy is scored. None scores the ridge
        proxy on every sample, the coreset's own included (not allowed for
        ``"knn"``).
    metric : {"accuracy", "balanced_accuracy"}, default="balanced_accuracy"
        Proxies only. ``"balanced_accuracy"`` averages the per-class recall,
        so that a coreset that starves a small class is penalised.
    n_neighbors : int, default=1
        ``"knn"`` only. Neighbours that vote; ties go to the nearest's class.
    n_components : int or None, default=64
        ``"knn"`` only. Principal axes kept (fitted once by a randomized SVD);
        None keeps every standardised feature.
    max_eval : int or None, default=2000
        ``"knn"`` only. At most this many held-out rows are scored, a
        sample stratified by class that keeps at least one row of each
        class (so one per class when the classes outnumber it); None
        scores all.
    n_jobs : int or None, default=None
        Callable scoring only: coresets evaluated in parallel (joblib's
        convention; -1 = all cores). With other than 1 it runs in worker
        processes, so it must be picklable.
    verbose : int, default=0
        joblib's progress messages (callable scoring).
    checkpoint : str, path-like or None, default=None
        Callable scoring only: a file (JSON lines) where each coreset's
        score is written as soon as it is measured. A search that finds the
        file reads the scores of the coresets it holds instead of training
        on them again, so an interrupted search resumes where it stopped.
        A coreset is known by its rows and the number of samples: delete
        the file when ``scoring`` changes.
    random_state : int, RandomState instance or None, default=None
        Draws the held-out part and the proxy's evaluation rows. The
        selector's own ``random_state`` seeds the candidates.

    Attributes
    ----------
    cv_results_ : dict of ndarray
        One entry per candidate, in grid order, ready for
        ``pandas.DataFrame``: ``params`` (list of dict), ``param_<name>``
        (masked object arrays, as scikit-learn's), ``score`` (NaN for a
        coreset left with no training row by ``eval_size``),
        ``rank_score`` (1 = best), ``n_selected``, ``fit_time`` and
        ``score_time`` (seconds; 0 for a coreset identical to an earlier
        candidate's, which is scored once; for a score read from
        ``checkpoint``, the seconds it took when it was measured).
    best_index_ : int
        Index of the best candidate: the first in grid order of highest
        score.
    best_params_ : dict
        Its parameters.
    best_score_ : float
        Its score.
    best_estimator_ : estimator
        The selector fitted with ``best_params_``.
    candidate_indices_ : list of ndarray
        Each candidate's coreset rows, ascending (identical coresets are one
        array).
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        Samples of each class.
    support_ : ndarray of shape (n_samples,), dtype bool
        Rows of the best coreset.
    sample_indices_ : ndarray of shape (n_selected,)
        Their indices, ascending.
    n_selected_ : int
        Size of the best coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Its samples of each class.
    n_features_in_ : int
        Number of score columns (runs) seen in ``fit``; several are averaged.

    See Also
    --------
    sknucs.RidgeWindowPredictor : The search of the window endpoint alone
        behind ``NUCSSelector(window="auto")``; it cuts every window from one
        sort.
    sknucs.oracle_window_search : NUCS-O, this search over ``window`` with
        a training callable.

    Notes
    -----
    Each candidate costs one selector fit and one proxy fit; identical
    coresets (as every ``k`` below the kept fraction is, with proportional
    budgets) are scored once, and ties keep the first candidate in grid
    order. One INFO line is logged per candidate (logger
    ``sknucs._search``).

    Why a held-out part: a proxy scored on the training labels rewards a
    coreset whose labels it can fit, and a linear ridge classifier tolerates
    wrong labels by averaging them away, so it does not see that the
    hardest window is full of them, where a trained network memorises them.
    The ``"knn"`` proxy memorises them too: a held-out sample near a
    mislabeled coreset sample takes its wrong label, so a coreset rich in
    wrong labels scores low. The design and measurements are in the
    window page of the documentation.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs import CoresetSearch, NUCSSelector
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([0, 1], 500)
    >>> scores = rng.random(1000)
    >>> features = rng.normal(size=(1000, 5))
    >>> band = (scores > 0.6) & (scores <= 0.8)   # only these carry the label
    >>> features[band, 0] += 4 * (2 * y[band] - 1)
    >>> search = CoresetSearch(
    ...     NUCSSelector(rate=0.8, window_scale="class", noise_filter=None, random_state=0),
    ...     {"window": [0.2, 0.5, 0.8], "sampling": ["window", "stratified"]},
    ...     random_state=0,
    ... ).fit(scores, y, features=features)
    >>> search.best_params_
    {'sampling': 'window', 'window': 0.8}
    >>> search.n_selected_
    200
    """

    _parameter_constraints = {
        "selector": [HasMethods(["fit", "get_params", "set_params"])],
        "param_grid": [dict, list],
        "scoring": [StrOptions({"ridge", "knn"}), callable],
        "eval_size": [
            Interval(RealNotInt, 0, 1, closed="neither"),
            Interval(Integral, 1, None, closed="left"),
            None,
        ],
        "metric": [StrOptions({"accuracy", "balanced_accuracy"})],
        "n_neighbors": [Interval(Integral, 1, None, closed="left")],
        "n_components": [Interval(Integral, 1, None, closed="left"), None],
        "max_eval": [Interval(Integral, 1, None, closed="left"), None],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
        "checkpoint": [str, os.PathLike, None],
        "random_state": ["random_state"],
    }

    def __init__(self, selector, param_grid, scoring="ridge", *, eval_size=0.2,
                 metric="balanced_accuracy", n_neighbors=1, n_components=64, max_eval=2000,
                 n_jobs=None, verbose=0, checkpoint=None, random_state=None):
        self.selector = selector
        self.param_grid = param_grid
        self.scoring = scoring
        self.eval_size = eval_size
        self.metric = metric
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.max_eval = max_eval
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.checkpoint = checkpoint
        self.random_state = random_state

    def _proxy(self):
        """The proxy that scores candidates, or None for a callable ``scoring``."""
        if self.scoring == "ridge":
            return RidgeProxy(self.metric, self.eval_size, np.asarray(RIDGE_ALPHAS))
        if self.scoring == "knn":
            return NearestNeighborProxy(self.metric, self.eval_size, self.max_eval,
                                        self.n_neighbors, self.n_components)
        return None

    def _candidate_name(self, params):
        """How errors and the log name a candidate."""
        return "the candidate " + ", ".join(f"{name}={value!r}" for name, value in params.items())

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, features=None):
        """Fit every candidate selector, score its coreset, keep the best.

        Parameters
        ----------
        X : array-like of shape (n_samples,) or (n_samples, n_runs)
            Per-sample difficulty scores, as the selector reads them;
            several columns are averaged.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type.
        features : array-like of shape (n_samples, n_features), default=None
            Learned features: what the proxies train on (required for
            them), and passed to every ``selector.fit``.

        Returns
        -------
        self : object
            The fitted search.
        """
        scores, y, features = self._validate_fit_input(X, y, features)
        self.classes_, codes = encode_labels(y)
        candidates = list(ParameterGrid(self.param_grid))
        if not candidates:
            raise ValueError(f"param_grid={self.param_grid!r} holds no candidate: give a dict of parameter "
                             "lists, e.g. {'window': [0.8, 0.9, 1.0]}, or a list of such dicts.")
        proxy = self._proxy()
        if proxy is not None and self.checkpoint is not None:
            raise ValueError(f"checkpoint is for a search that trains on each coreset (a callable scoring); "
                             f"scoring={self.scoring!r} scores them in seconds and keeps nothing to resume.")
        if proxy is not None:
            features = check_features(features, y.shape[0], required=True,
                                      owner=f"CoresetSearch(scoring={self.scoring!r})")
            proxy.prepare(features, codes, check_random_state(self.random_state))

        fitted, coresets, fit_times = [], [], []
        for params in candidates:
            start = time.perf_counter()
            try:
                selector = clone(self.selector).set_params(**params).fit(scores, y, features=features)
            except Exception as exc:  # name the candidate, as evaluate's errors do
                if hasattr(exc, "add_note"):  # Python >= 3.11
                    exc.add_note(f"fitting the selector failed for {self._candidate_name(params)}")
                raise
            fit_times.append(time.perf_counter() - start)
            fitted.append(selector)
            coresets.append(np.asarray(selector.sample_indices_))
        first_of = {}
        for i, rows in enumerate(coresets):
            first_of.setdefault(rows.tobytes(), i)
        first = [first_of[rows.tobytes()] for rows in coresets]
        values, score_times = self._score(proxy, candidates, coresets, sorted(set(first)), y.shape[0])
        values = np.array([values[j] for j in first])
        score_times = np.array([score_times[i] if j == i else 0.0 for i, j in enumerate(first)])
        for i, params in enumerate(candidates):
            logger.info("candidate %d/%d %s: score %.4f, %d rows (fit %.2fs, score %.2fs)",
                        i + 1, len(candidates), params, values[i], coresets[i].size,
                        fit_times[i], score_times[i])
        if np.all(np.isnan(values)):
            raise ValueError(
                "Every candidate's coreset lost all its training rows to eval_size; "
                "lower eval_size or the pruning rate."
            )

        self.best_index_ = int(np.nanargmax(values))
        self.best_params_ = candidates[self.best_index_]
        self.best_score_ = float(values[self.best_index_])
        self.best_estimator_ = fitted[self.best_index_]
        self.candidate_indices_ = [coresets[j] for j in first]
        self.cv_results_ = self._results(candidates, values, coresets, fit_times, score_times)
        self.class_counts_ = np.bincount(codes, minlength=self.classes_.size)
        self.sample_indices_ = self.candidate_indices_[self.best_index_]
        self.support_ = np.zeros(y.shape[0], dtype=bool)
        self.support_[self.sample_indices_] = True
        self.n_selected_ = int(self.sample_indices_.size)
        self.selected_per_class_ = np.bincount(codes[self.support_], minlength=self.classes_.size)
        return self

    def _score(self, proxy, candidates, coresets, distinct, n_samples):
        """Score and time of each distinct coreset, keyed by its first candidate."""
        values, seconds = {}, {}
        if proxy is not None:
            for i in distinct:
                start = time.perf_counter()
                values[i] = proxy.score(coresets[i])
                seconds[i] = time.perf_counter() - start
            return values, seconds
        checkpoint = None if self.checkpoint is None else ScoreCheckpoint(self.checkpoint)
        keys = {i: coreset_key(coresets[i], n_samples) for i in distinct}
        todo = []
        for i in distinct:
            if checkpoint is not None and keys[i] in checkpoint.known:
                values[i], seconds[i] = checkpoint.known[keys[i]]
            else:
                todo.append(i)
        if checkpoint is not None:
            logger.info("checkpoint %s: %d of %d coresets already scored", checkpoint.path,
                        len(distinct) - len(todo), len(distinct))
        # A copy each: evaluate may shuffle or shift its rows in place (a training loop's
        # epoch order), which would otherwise reorder the search's own coresets
        # (sample_indices_, best_estimator_) when it runs in this process.
        results = Parallel(n_jobs=self.n_jobs, verbose=self.verbose, return_as="generator")(
            delayed(evaluate_coreset)(self.scoring, coresets[i].copy(), self._candidate_name(candidates[i]))
            for i in todo
        )
        for i, (value, elapsed) in zip(todo, results):  # each score on disk as soon as it is known
            values[i], seconds[i] = value, elapsed
            if checkpoint is not None:
                checkpoint.add(keys[i], value, elapsed)
        return values, seconds

    @staticmethod
    def _results(candidates, values, coresets, fit_times, score_times):
        results = {"params": candidates}
        names = sorted({name for params in candidates for name in params})
        for name in names:
            column = np.ma.MaskedArray(np.empty(len(candidates), dtype=object),
                                       mask=[name not in params for params in candidates])
            for i, params in enumerate(candidates):
                if name in params:
                    column[i] = params[name]
            results[f"param_{name}"] = column
        results.update(
            score=values, rank_score=_ranks(values),
            n_selected=np.array([rows.size for rows in coresets]),
            fit_time=np.asarray(fit_times), score_time=score_times,
        )
        return results

    def _score_samples(self, X, y):
        """Scores for ``fit_resample`` without scores: the selector's own way, if it has one."""
        selector = clone(self.selector)
        if isinstance(selector, BaseSampleSelector):
            selector._validate_params()  # its own error for a bad score_estimator, as fit_resample alone gives
            return selector._score_samples(X, y)
        return super()._score_samples(X, y)
