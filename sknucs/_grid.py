"""The grid of window endpoints ``k`` that the window searches try."""

import numpy as np

DEFAULT_WINDOW_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
"""Endpoints tried when no grid is given.

At a pruning rate of 90% the ten windows tile each class's difficulty range;
at lower rates the endpoints below the kept fraction give the same window
(it is shifted right to start at the easiest sample), and the searches
score each distinct window once.
"""


def check_window_grid(grid):
    """Validate a grid of window endpoints.

    Parameters
    ----------
    grid : array-like of float or None
        Candidate endpoints ``k`` in [0, 1]; None means
        :data:`DEFAULT_WINDOW_GRID`.

    Returns
    -------
    grid : ndarray of shape (n_grid,), dtype float64
        Sorted, without duplicates.

    Raises
    ------
    ValueError
        If the grid is empty, not one-dimensional, not numeric, or has a
        value that is not finite or lies outside [0, 1].
    """
    if grid is None:
        return np.asarray(DEFAULT_WINDOW_GRID, dtype=np.float64)
    try:
        values = np.asarray(grid, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"The window grid must be numbers in [0, 1]; got {grid!r}.") from exc
    if values.ndim == 0:
        values = values.reshape(1)
    if values.ndim != 1:
        raise ValueError(f"The window grid must be one-dimensional; got shape {values.shape}.")
    if values.size == 0:
        raise ValueError("The window grid is empty: give at least one endpoint k in [0, 1].")
    outside = ~np.isfinite(values) | (values < 0) | (values > 1)
    if outside.any():
        raise ValueError(
            "Window endpoints k must lie in [0, 1]; the grid has "
            f"{values[outside].tolist()}."
        )
    return np.unique(values)
