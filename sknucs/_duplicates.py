"""Rows whose features repeat another row of their class: copies of one image, found on the features."""

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ._blocks import feature_blocks

#: Width of the grid, in standard deviations of each feature, on which two rows count as the same:
#: copies of one image agree to about 1e-5 of a standard deviation (the frozen backbone's features
#: of the same image in two batches), two different images of the benchmark differ by more than 3
#: standard deviations in all (docs/results/duplicate_rows.md).
DUPLICATE_QUANTUM = 0.01

_HASH_SEED = 20261207


def repeated_rows(features, codes, quantum=DUPLICATE_QUANTUM):
    """The rows that repeat an earlier row of their class, up to the rounding of their features.

    Parameters
    ----------
    features : ndarray of shape (n_samples, n_features)
    codes : ndarray of int of shape (n_samples,)
        Class codes; rows of different classes are never the same.
    quantum : float, default=DUPLICATE_QUANTUM
        Grid width in standard deviations of each feature.

    Returns
    -------
    repeated : ndarray of bool of shape (n_samples,)
        True for every row of a group of copies but the first (in row order).

    Notes
    -----
    Each feature is standardised and cut into cells of ``quantum``, on two
    grids half a cell apart; rows of one class that share a cell in every
    feature, on either grid, are joined, and the groups are the connected
    components of those joins. Two rows a rounding apart share a cell
    unless they straddle a cell's edge in some feature on both grids. A
    row's cells are hashed to one 64-bit integer a block of rows at a time
    (:func:`sknucs._blocks.feature_blocks`), so that only ``n``-long arrays
    are held: ``O(n d)`` time and a sort of ``n`` keys per grid.
    """
    n_samples, n_features = features.shape
    blocks = feature_blocks(n_samples, n_features)
    # Each feature in units of its largest magnitude first, so that no sum or square overflows.
    largest = np.zeros(n_features)
    for rows in blocks:
        largest = np.maximum(largest, np.abs(features[rows]).max(axis=0, initial=0.0))
    largest[largest == 0] = 1.0
    mean = sum(np.sum(features[rows] / largest, axis=0, dtype=np.float64) for rows in blocks) / max(n_samples, 1)
    spread = np.sqrt(sum(np.square(features[rows] / largest - mean).sum(axis=0) for rows in blocks)
                     / max(n_samples, 1))
    width = np.where(spread > 0, spread, 1.0) * quantum
    weights = np.random.RandomState(_HASH_SEED).randint(1, 2**62, size=n_features, dtype=np.int64) | 1
    shifts = (0.0, 0.5)
    hashes = np.empty((len(shifts), n_samples), dtype=np.int64)
    for rows in blocks:  # one read of the rows for both grids
        standardized = (features[rows] / largest - mean) / width
        for grid, shift in enumerate(shifts):
            cells = np.floor(standardized + shift).astype(np.int64)
            with np.errstate(over="ignore"):  # the hash wraps around 2**64, as meant
                hashes[grid, rows] = (cells * weights).sum(axis=1)
    nodes = [np.arange(n_samples)]
    offset = n_samples
    for grid_hashes in hashes:
        _, cell = np.unique(np.rec.fromarrays([codes, grid_hashes]), return_inverse=True)
        nodes.append(offset + cell.ravel())
        offset += int(cell.max(initial=-1)) + 1
    edges = np.concatenate([np.stack([nodes[0], grid]) for grid in nodes[1:]], axis=1)
    graph = coo_matrix((np.ones(edges.shape[1]), (edges[0], edges[1])), shape=(offset, offset))
    _, group = connected_components(graph, directed=False)
    first = np.zeros(n_samples, dtype=bool)
    first[np.unique(group[:n_samples], return_index=True)[1]] = True
    return ~first
