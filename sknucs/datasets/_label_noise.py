"""Label noise: labels replaced by another class, uniformly (symmetric) or by a class map (asymmetric)."""

import numpy as np
from sklearn.utils import check_random_state

from ._corruption_stream import corruption_random_state


#: Fashion-MNIST's look-alike classes, source -> the class its flipped labels take:
#: T-shirt/top -> Shirt, Pullover -> Coat, Sandal -> Sneaker, Sneaker -> Ankle boot.
FASHION_MNIST_LOOKALIKES = {0: 6, 2: 4, 5: 7, 7: 9}


def _check_labels(y):
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and y.dtype.kind not in "iu"):
        raise ValueError("y must be a 1-D array of integer labels.")
    return y


def _check_rate(noise_rate, name="noise_rate"):
    if not 0 <= noise_rate < 1:
        raise ValueError(f"{name} must be in [0, 1), got {noise_rate!r}.")


def symmetric_label_noise(y, noise_rate=0.2, n_classes=None, random_state=0):
    """Labels with a fixed fraction flipped uniformly to the other classes.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Integer labels in ``0 .. n_classes - 1``.
    noise_rate : float in [0, 1), default=0.2
        Fraction of the samples whose label is wrong afterwards: exactly
        ``round(noise_rate * n_samples)`` rows, drawn without replacement.
    n_classes : int or None, default=None
        Number of classes; None means ``y.max() + 1``. At least 2.
    random_state : int, RandomState instance or None, default=0
        Which rows are flipped, and to which class. An integer seeds a
        stream of its own, mixed with a constant by
        :class:`numpy.random.SeedSequence`: a selector
        seeded with the same integer does not draw the flipped rows.

    Returns
    -------
    noisy : ndarray of shape (n_samples,), dtype int64
        The labels, each flipped row set to a different class drawn
        uniformly from the ``n_classes - 1`` others.
    flipped : ndarray of shape (n_samples,), dtype bool
        Which rows carry a wrong label.

    Notes
    -----
    "Symmetric" (uniform) noise as in the noisy-label literature (e.g.
    Patrini et al., 2017), with the rate meaning the fraction of wrong
    labels (a flip never lands on the true class). Only the training data
    is corrupted; a test set stays clean.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import symmetric_label_noise
    >>> noisy, flipped = symmetric_label_noise(np.repeat(np.arange(5), 20), 0.2)
    >>> int(flipped.sum()), bool(np.all(noisy[flipped] != np.repeat(np.arange(5), 20)[flipped]))
    (20, True)
    """
    y = _check_labels(y)
    _check_rate(noise_rate)
    n_classes = int(y.max()) + 1 if n_classes is None else int(n_classes)
    if n_classes < 2:
        raise ValueError(f"Label noise needs at least two classes, got n_classes={n_classes}.")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"Labels must lie in [0, {n_classes - 1}].")
    rng = corruption_random_state(random_state)
    flipped = np.zeros(y.size, dtype=bool)
    flipped[rng.choice(y.size, size=int(round(noise_rate * y.size)), replace=False)] = True
    noisy = y.astype(np.int64)
    # An offset in 1 .. C-1 added modulo C lands uniformly on every other class.
    offsets = rng.randint(1, n_classes, size=int(flipped.sum()))
    noisy[flipped] = (noisy[flipped] + offsets) % n_classes
    return noisy, flipped


def asymmetric_label_noise(y, mapping, noise_rate=0.4, random_state=0):
    """Labels of some classes flipped to one fixed look-alike class each.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Integer labels.
    mapping : dict of int to int
        Source class -> the class its flipped rows are labelled. A source
        must differ from its target; classes absent from ``mapping`` keep
        every label. :data:`FASHION_MNIST_LOOKALIKES` is Fashion-MNIST's.
    noise_rate : float in [0, 1), default=0.4
        Fraction of each source class's rows flipped: exactly
        ``round(noise_rate * N_s)`` rows of source class ``s``, drawn
        without replacement. Below 0.5 the true class stays the majority
        of its look-alike's images.
    random_state : int, RandomState instance or None, default=0
        Which rows are flipped.

    Returns
    -------
    noisy : ndarray of shape (n_samples,), dtype int64
    flipped : ndarray of shape (n_samples,), dtype bool
        Which rows carry a wrong label.

    Notes
    -----
    Class-conditional ("asymmetric", or pair) noise as in Patrini et al.
    (2017), who flip e.g. CIFAR-10's truck to automobile and cat to dog: the
    mistakes a human labeller makes between classes that look alike, harder
    to detect than uniform noise because the wrong label is plausible. The
    fraction of wrong labels in the whole set is ``noise_rate`` times the
    source classes' share of the rows (16% on balanced Fashion-MNIST at 0.4
    with :data:`FASHION_MNIST_LOOKALIKES`). A target may itself be a source:
    the rows it gives away are drawn among its own true rows only.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.datasets import asymmetric_label_noise
    >>> y = np.repeat(np.arange(3), 10)
    >>> noisy, flipped = asymmetric_label_noise(y, {0: 1}, noise_rate=0.3)
    >>> int(flipped.sum()), sorted(set(noisy[flipped].tolist()))
    (3, [1])
    """
    y = _check_labels(y)
    _check_rate(noise_rate)
    pairs = {}
    for source, target in dict(mapping).items():
        if int(source) != source or int(target) != target or source == target:
            raise ValueError(f"mapping must send each class to another class; got {source!r} -> {target!r}.")
        pairs[int(source)] = int(target)
    rng = check_random_state(random_state)
    noisy = y.astype(np.int64)
    flipped = np.zeros(y.size, dtype=bool)
    for source in sorted(pairs):  # a fixed order: the same flips for the same seed
        rows = np.flatnonzero(y == source)
        chosen = rng.choice(rows, size=int(round(noise_rate * rows.size)), replace=False)
        noisy[chosen], flipped[chosen] = pairs[source], True
    return noisy, flipped
