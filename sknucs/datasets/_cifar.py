"""CIFAR-10 / CIFAR-100 from the python-pickle batches (no download)."""

import pickle
from pathlib import Path

import numpy as np

_LAYOUT = {
    10: ("cifar-10-batches-py", [f"data_batch_{i}" for i in range(1, 6)], ["test_batch"], b"labels"),
    100: ("cifar-100-python", ["train"], ["test"], b"fine_labels"),
}


def _read_batches(directory, names, label_key):
    images, labels = [], []
    for name in names:
        with open(directory / name, "rb") as handle:
            batch = pickle.load(handle, encoding="bytes")
        images.append(np.asarray(batch[b"data"], dtype=np.uint8))
        labels.append(np.asarray(batch[label_key], dtype=np.int64))
    X = np.concatenate(images).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(X), np.concatenate(labels)


def load_cifar(root, n_classes=10):
    """Load CIFAR-10 or CIFAR-100 from the original python-pickle batches.

    Parameters
    ----------
    root : str or path-like
        Directory holding ``cifar-10-batches-py/`` (``data_batch_1`` ..
        ``data_batch_5``, ``test_batch``) or ``cifar-100-python/`` (``train``,
        ``test``), as torchvision extracts them; or that directory itself.
    n_classes : {10, 100}, default=10
        Which of the two data sets.

    Returns
    -------
    X_train : ndarray of shape (n_train, 32, 32, 3), dtype uint8
        Images in height, width, channel order (as ``torchvision`` stores them).
    y_train : ndarray of shape (n_train,), dtype int64
        Labels (the fine labels for CIFAR-100).
    X_test : ndarray of shape (n_test, 32, 32, 3), dtype uint8
    y_test : ndarray of shape (n_test,), dtype int64

    Raises
    ------
    ValueError
        If ``n_classes`` is not 10 or 100.
    FileNotFoundError
        If the batch files are not there.

    Notes
    -----
    Only files you already have are read: nothing is downloaded. The pickles
    are trusted input (``pickle`` can run code); load only the official files.
    """
    if n_classes not in _LAYOUT:
        raise ValueError(f"n_classes must be 10 or 100, got {n_classes!r}.")
    subdir, train_names, test_names, label_key = _LAYOUT[n_classes]
    root = Path(root)
    directory = root / subdir if (root / subdir).is_dir() else root
    missing = [n for n in train_names + test_names if not (directory / n).is_file()]
    if missing:
        raise FileNotFoundError(
            f"CIFAR-{n_classes} batches {missing} not found in {directory}. Extract the "
            f"official python archive there (torchvision.datasets.CIFAR{n_classes}(root, "
            "download=True) on a connected machine does it)."
        )
    X_train, y_train = _read_batches(directory, train_names, label_key)
    X_test, y_test = _read_batches(directory, test_names, label_key)
    return X_train, y_train, X_test, y_test
