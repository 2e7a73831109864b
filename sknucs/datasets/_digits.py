"""scikit-learn's 8x8 digits as a tiny image data set for smoke runs."""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def load_digits_split(test_size=0.25, random_state=0):
    """Stratified train/test split of scikit-learn's digits as 8x8 images.

    Parameters
    ----------
    test_size : float or int, default=0.25
        Passed to :func:`sklearn.model_selection.train_test_split`.
    random_state : int, RandomState instance or None, default=0
        Seed of the split.

    Returns
    -------
    X_train : ndarray of shape (n_train, 8, 8), dtype uint8
        Pixel intensities 0..16 scaled to 0..255 (rounded), so that every
        image loader of this package returns uint8 images.
    y_train : ndarray of shape (n_train,), dtype int64
    X_test : ndarray of shape (n_test, 8, 8), dtype uint8
    y_test : ndarray of shape (n_test,), dtype int64

    Examples
    --------
    >>> from sknucs.datasets import load_digits_split
    >>> X_train, y_train, X_test, y_test = load_digits_split()
    >>> X_train.shape, X_test.shape
    ((1347, 8, 8), (450, 8, 8))
    """
    digits = load_digits()
    images = np.rint(digits.images * (255.0 / 16.0)).astype(np.uint8)
    X_train, X_test, y_train, y_test = train_test_split(
        images,
        digits.target.astype(np.int64),
        test_size=test_size,
        random_state=random_state,
        stratify=digits.target,
    )
    return X_train, y_train, X_test, y_test
