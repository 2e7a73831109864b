"""Encoding of class labels into contiguous integer codes."""

import numpy as np

# Integer labels whose range is at most this many times the number of samples
# are encoded with a counting pass (O(N)) instead of a sort.
_DENSE_RANGE_FACTOR = 4


def encode_labels(y):
    """Encode labels of any sortable type as codes ``0..C-1``.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        Class labels: integers (any range, not necessarily contiguous),
        strings or any other sortable type.

    Returns
    -------
    classes : ndarray of shape (n_classes,)
        The sorted distinct labels.
    codes : ndarray of shape (n_samples,), dtype int32
        ``classes[codes] == y``.

    Notes
    -----
    Integer labels with a small range are encoded in linear time with
    :func:`numpy.bincount`; everything else goes through :func:`numpy.unique`,
    which sorts.
    """
    if y.dtype.kind in "iu" and y.size:
        low = int(y.min())
        span = int(y.max()) - low + 1
        if span <= _DENSE_RANGE_FACTOR * y.size + 1024:
            # In int64, or uint64 for unsigned labels (y >= low): y - low overflows a narrow
            # signed dtype such as int8 when the labels span more than it holds, and low + code
            # overflows int64 for uint64 labels above 2**63.
            wide = y if y.dtype.kind == "u" else y.astype(np.int64, copy=False)
            shifted = wide - low if low else wide
            # below span, so intp holds it; numpy's bincount refuses uint64 before 2.2
            shifted = shifted.astype(np.intp, copy=False)
            present = np.bincount(shifted, minlength=span) > 0
            lookup = np.cumsum(present, dtype=np.int32) - 1
            classes = np.flatnonzero(present).astype(wide.dtype) + wide.dtype.type(low)
            classes = classes.astype(y.dtype, copy=False)
            return classes, lookup[shifted]
    classes, codes = np.unique(y, return_inverse=True)
    return classes, codes.reshape(-1).astype(np.int32, copy=False)
