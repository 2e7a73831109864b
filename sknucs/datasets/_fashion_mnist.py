"""Fashion-MNIST from local idx files (no download)."""

import logging
import os
from pathlib import Path

from ._idx import read_idx

logger = logging.getLogger(__name__)

#: Directories searched, in order, when ``load_fashion_mnist`` gets no ``root``.
#: ``$SKNUCS_DATA`` (if set) is searched before them.
DEFAULT_SEARCH_PATHS = ("/usr/share/datasets/fashion-mnist",)

_FILES = {
    "X_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "X_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}

#: Class names of Fashion-MNIST, indexed by label.
FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)


def _candidate_dirs(root):
    """Directories that may hold the four idx files, in search order."""
    if root is not None:
        roots = [Path(root)]
    else:
        env = os.environ.get("SKNUCS_DATA")
        roots = ([Path(env)] if env else []) + [Path(p) for p in DEFAULT_SEARCH_PATHS]
    dirs = []
    for base in roots:
        dirs += [base / "FashionMNIST" / "raw", base / "fashion-mnist", base]
    return dirs


def _find_file(directory, stem):
    for name in (stem + ".gz", stem):
        if (directory / name).is_file():
            return directory / name
    return None


def load_fashion_mnist(root=None):
    """Load Fashion-MNIST from idx files on disk.

    Parameters
    ----------
    root : str or path-like, default=None
        Directory to search. The files may be in ``root/FashionMNIST/raw/``
        (torchvision's layout), ``root/fashion-mnist/`` or ``root`` itself,
        gzip-compressed (``.gz``) or raw. When None, ``$SKNUCS_DATA`` (if set)
        and then :data:`DEFAULT_SEARCH_PATHS` (the Debian package
        ``dataset-fashion-mnist`` installs into
        ``/usr/share/datasets/fashion-mnist``) are searched the same way.

    Returns
    -------
    X_train : ndarray of shape (60000, 28, 28), dtype uint8
    y_train : ndarray of shape (60000,), dtype int64
    X_test : ndarray of shape (10000, 28, 28), dtype uint8
    y_test : ndarray of shape (10000,), dtype int64

    Raises
    ------
    FileNotFoundError
        If no searched directory holds all four files; the message lists
        the directories searched and how to obtain the data.

    Notes
    -----
    Nothing is downloaded. Label names are in :data:`FASHION_MNIST_CLASSES`.

    Examples
    --------
    >>> from sknucs.datasets import load_fashion_mnist
    >>> X_train, y_train, X_test, y_test = load_fashion_mnist()  # doctest: +SKIP
    >>> X_train.shape  # doctest: +SKIP
    (60000, 28, 28)
    """
    searched = _candidate_dirs(root)
    for directory in searched:
        paths = {key: _find_file(directory, stem) for key, stem in _FILES.items()}
        if all(p is not None for p in paths.values()):
            logger.info("Loading Fashion-MNIST from %s", directory)
            arrays = {key: read_idx(p) for key, p in paths.items()}
            return (
                arrays["X_train"],
                arrays["y_train"].astype("int64"),
                arrays["X_test"],
                arrays["y_test"].astype("int64"),
            )
    listing = "\n  ".join(str(d) for d in searched)
    raise FileNotFoundError(
        "Fashion-MNIST idx files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
        "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]) were not found in:\n  "
        f"{listing}\n"
        "Get them with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu; installs into "
        "/usr/share/datasets/fashion-mnist), or on a machine with internet access with "
        "`torchvision.datasets.FashionMNIST(ROOT, download=True)` and pass root=ROOT "
        "(or set SKNUCS_DATA=ROOT)."
    )
