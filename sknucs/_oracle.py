"""NUCS-O: the window endpoint scored by training the real model."""

import logging
from dataclasses import dataclass

import numpy as np

from ._grid import check_window_grid
from ._search import CoresetSearch

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class WindowSearchResult:
    """The table of an oracle window search.

    Attributes
    ----------
    grid : ndarray of shape (n_grid,)
        Endpoints ``k`` tried, ascending.
    values : ndarray of shape (n_grid,)
        ``evaluate`` of each endpoint's coreset (higher is better).
    best_window : float
        The smallest ``k`` of highest value.
    best_indices : ndarray of shape (n_selected,)
        Rows of its coreset, ascending.
    coresets : tuple of ndarray
        Rows of every endpoint's coreset, ascending, in grid order
        (identical coresets are one array).
    """

    grid: np.ndarray
    values: np.ndarray
    best_window: float
    best_indices: np.ndarray
    coresets: tuple = ()

    def as_table(self):
        """One row per endpoint.

        Returns
        -------
        rows : list of dict
            ``{"window": k, "value": v, "best": bool}`` in grid order, ready for
            ``pandas.DataFrame(rows)`` or a CSV writer.
        """
        return [
            {"window": float(k), "value": float(v), "best": bool(k == self.best_window)}
            for k, v in zip(self.grid, self.values)
        ]


class _WindowOracle(CoresetSearch):
    """:class:`CoresetSearch` over ``window`` that names a candidate by its endpoint ``k``."""

    def _candidate_name(self, params):
        return f"the window endpoint k={params['window']:g}"


def oracle_window_search(selector, scores, y, evaluate, *, features=None, grid=None,
                         n_jobs=None, verbose=0, checkpoint=None):
    """Choose the window endpoint by evaluating each candidate coreset (NUCS-O).

    For each ``k`` on the grid, ``clone(selector).set_params(window=k)`` is
    fitted and ``evaluate(sample_indices_)`` scores its coreset, typically
    by training the downstream model on it and measuring validation
    accuracy. It is the upper bound that the ridge search of
    :class:`RidgeWindowPredictor` approximates at a fraction of the cost.

    Parameters
    ----------
    selector : estimator with a ``window`` parameter
        E.g. :class:`NUCSSelector`; not modified.
    scores : array-like of shape (n_samples,) or (n_samples, n_runs)
        Difficulty scores passed to ``selector.fit``.
    y : array-like of shape (n_samples,)
        Class labels.
    evaluate : callable
        ``evaluate(indices) -> float``, higher is better; ``indices`` are
        the coreset's rows, ascending. With ``n_jobs`` other than 1 it runs
        in worker processes (joblib's default backend), so it must be
        picklable; :func:`joblib.parallel_config` chooses another backend.
    features : array-like of shape (n_samples, n_features), default=None
        Passed to ``selector.fit``.
    grid : array-like of float in [0, 1] or None, default=None
        Endpoints to try; None means ``0.1, 0.2, ..., 1.0``.
    n_jobs : int or None, default=None
        Coresets evaluated in parallel (joblib's convention; -1 = all cores).
    verbose : int, default=0
        joblib's progress messages.
    checkpoint : str, path-like or None, default=None
        A file where each coreset's value is written as soon as it is
        measured; a search that finds it resumes where it stopped
        (:class:`CoresetSearch`'s ``checkpoint``). Delete it when
        ``evaluate`` changes.

    Returns
    -------
    result : WindowSearchResult
        The grid, the value of each endpoint, the best endpoint and its
        coreset.

    Raises
    ------
    TypeError
        If ``selector`` has no ``window`` parameter, ``evaluate`` is not
        callable, or it returns something that is not a number.
    ValueError
        If the grid is invalid or ``evaluate`` returns a non-finite value.
        An exception raised by ``evaluate`` propagates unchanged, with a
        note naming the endpoint ``k``.

    Notes
    -----
    It is :class:`CoresetSearch` over ``param_grid={"window": grid}`` with
    ``scoring=evaluate``, its table returned in the shape the benchmark
    reads. The selectors are fitted in the calling process (a fit costs a
    sort); only ``evaluate`` runs in parallel. Endpoints whose coresets are
    identical, as every ``k`` below the kept fraction is when budgets are
    proportional, are evaluated once and share the value.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs import NUCSSelector, oracle_window_search
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([0, 1], 50)
    >>> scores = rng.random(100)
    >>> def evaluate(indices):     # stands for "train, then validate"
    ...     return -abs(np.median(scores[indices]) - 0.7)
    >>> result = oracle_window_search(
    ...     NUCSSelector(rate=0.8, sampling="window", window_scale="class", random_state=0),
    ...     scores, y, evaluate,
    ...     grid=[0.2, 0.5, 0.8, 1.0])
    >>> result.best_window
    0.8
    """
    if "window" not in selector.get_params(deep=False):
        raise TypeError(
            f"{type(selector).__name__} has no 'window' parameter to search over."
        )
    if not callable(evaluate):
        raise TypeError(f"evaluate must be callable as evaluate(indices) -> float; got {evaluate!r}.")
    grid = check_window_grid(grid)
    search = _WindowOracle(
        selector, {"window": [float(k) for k in grid]}, scoring=evaluate,
        n_jobs=n_jobs, verbose=verbose, checkpoint=checkpoint,
    ).fit(scores, y, features=features)
    coresets = tuple(search.candidate_indices_)
    logger.info("oracle window search: %d endpoints, %d distinct coresets",
                grid.size, len({id(rows) for rows in coresets}))
    return WindowSearchResult(
        grid=grid, values=search.cv_results_["score"], best_window=float(grid[search.best_index_]),
        best_indices=coresets[search.best_index_], coresets=coresets,
    )
