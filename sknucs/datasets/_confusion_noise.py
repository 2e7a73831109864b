"""Instance-dependent label noise: the rows a reference classifier finds most ambiguous take the class it confuses them with."""

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_random_state

from ._label_noise import _check_labels, _check_rate

#: Principal components of the images the reference classifier sees.
REFERENCE_COMPONENTS = 50


def confusion_label_noise(X, y, noise_rate=0.2, n_classes=None, random_state=0):
    """Labels of the most ambiguous rows replaced by the class a reference classifier confuses them with.

    A multinomial logistic regression on the first
    :data:`REFERENCE_COMPONENTS` principal components of the standardised
    images (themselves standardised) gives every row class probabilities out of fold (two stratified
    parts, each predicted by the model fitted on the other). The
    ``round(noise_rate * n_samples)`` rows of smallest margin (probability
    of the label minus the largest other probability) are relabelled as
    their most probable other class.

    Parameters
    ----------
    X : array-like of shape (n_samples, ...)
        Images (or any rows), flattened to one vector each.
    y : array-like of shape (n_samples,)
        Integer labels in ``0 .. n_classes - 1``; every class needs at
        least two rows.
    noise_rate : float in [0, 1), default=0.2
        Fraction of the rows whose label is wrong afterwards.
    n_classes : int or None, default=None
        Number of classes; None means ``y.max() + 1``. At least 2.
    random_state : int, RandomState instance or None, default=0
        The two parts, the randomized PCA, and the order among rows of
        equal margin.

    Returns
    -------
    noisy : ndarray of shape (n_samples,), dtype int64
    flipped : ndarray of shape (n_samples,), dtype bool
        Which rows carry a wrong label.

    Notes
    -----
    Instance-dependent noise: a human labeller's mistakes fall on the
    ambiguous images, and the wrong label is the class they resemble
    (CIFAR-10N's human labels, Wei et al., 2022, err that way). Unlike
    symmetric or class-pair noise, the wrong labels sit where the classes
    overlap, so a model of the features often agrees with them, and their
    difficulty scores are high but not apart from the clean hard rows.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import confusion_label_noise
    >>> rng = np.random.RandomState(0)
    >>> y = np.repeat(np.arange(3), 40)
    >>> X = rng.normal(size=(120, 5)) + y[:, None]
    >>> noisy, flipped = confusion_label_noise(X, y, 0.1)
    >>> int(flipped.sum()), bool(np.all(noisy[flipped] != y[flipped]))
    (12, True)
    """
    y = _check_labels(y)
    _check_rate(noise_rate)
    X = np.asarray(X, dtype=np.float64).reshape(len(y), -1)
    n_classes = int(y.max()) + 1 if n_classes is None else int(n_classes)
    if n_classes < 2 or np.count_nonzero(np.bincount(y, minlength=n_classes)) < 2:
        raise ValueError("Label noise needs at least two classes present in y.")
    if np.bincount(y, minlength=n_classes)[np.unique(y)].min() < 2:
        raise ValueError("confusion_label_noise needs at least two rows of every class present in y.")
    rng = check_random_state(random_state)
    seed = rng.randint(2**31 - 1)
    n_components = min(REFERENCE_COMPONENTS, X.shape[1], len(y) // 2 - 1)
    reference = make_pipeline(StandardScaler(), PCA(n_components, svd_solver="randomized", random_state=seed),
                              StandardScaler(), LogisticRegression(max_iter=1000))
    parts = StratifiedKFold(2, shuffle=True, random_state=seed)
    present = np.unique(y)
    proba = np.zeros((len(y), n_classes))
    proba[:, present] = cross_val_predict(reference, X, y, cv=parts, method="predict_proba")
    rows = np.arange(len(y))
    own = proba[rows, y]
    others = proba.copy()
    others[rows, y] = -np.inf
    others[:, np.setdiff1d(np.arange(n_classes), present)] = -np.inf
    confused = others.argmax(axis=1)
    margin = own - others[rows, confused]
    shuffled = rng.permutation(len(y))  # equal margins in a seeded order
    chosen = shuffled[np.argsort(margin[shuffled], kind="stable")[: int(round(noise_rate * len(y)))]]
    noisy = y.astype(np.int64)
    flipped = np.zeros(len(y), dtype=bool)
    noisy[chosen], flipped[chosen] = confused[chosen], True
    return noisy, flipped
