"""Reader for the idx file format used by MNIST and Fashion-MNIST."""

import gzip
from pathlib import Path

import numpy as np

# Type codes of the idx format (third byte of the magic number).
_IDX_DTYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def read_idx(path):
    """Read one idx file, gzip-compressed or raw, into a numpy array.

    Parameters
    ----------
    path : str or path-like
        File to read. A name ending in ``.gz`` is decompressed with gzip.

    Returns
    -------
    array : ndarray
        The array stored in the file, in native byte order, with the shape
        written in its header.

    Raises
    ------
    ValueError
        If the header is not a valid idx header or the payload size does not
        match it.

    Notes
    -----
    The idx header is two zero bytes, one type code byte, one byte with the
    number of dimensions, then one big-endian ``int32`` per dimension.
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        data = handle.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _IDX_DTYPES:
        raise ValueError(f"{path} is not an idx file (bad magic number {data[:4]!r}).")
    dtype = _IDX_DTYPES[data[2]]
    ndim = data[3]
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise ValueError(
            f"{path}: the idx header announces {ndim} dimensions ({header_size} bytes) but the file "
            f"holds {len(data)} bytes: is it truncated?"
        )
    shape = tuple(int(d) for d in np.frombuffer(data, dtype=">i4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) - header_size != expected:
        raise ValueError(
            f"{path}: header announces shape {shape} ({expected} bytes) but the file "
            f"holds {len(data) - header_size} bytes of data."
        )
    array = np.frombuffer(data, dtype=dtype, offset=header_size).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def write_idx(path, array):
    """Write an array to an idx file (gzip-compressed if the name ends in ``.gz``).

    Parameters
    ----------
    path : str or path-like
        Destination file.
    array : array-like
        Array of a dtype the idx format supports (uint8, int8, int16, int32,
        float32, float64).

    Notes
    -----
    Used to build small fixtures and to export subsets; the inverse of
    :func:`read_idx`.
    """
    array = np.asarray(array)
    codes = {dtype.newbyteorder("="): code for code, dtype in _IDX_DTYPES.items()}
    native = array.dtype.newbyteorder("=")
    if native not in codes:
        raise TypeError(f"idx cannot store dtype {array.dtype}.")
    header = bytes([0, 0, codes[native], array.ndim])
    header += np.asarray(array.shape, dtype=">i4").tobytes()
    payload = array.astype(native.newbyteorder(">")).tobytes()
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as handle:
        handle.write(header + payload)
