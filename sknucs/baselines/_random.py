"""RandomSelector: a uniform random coreset, blind to classes and scores."""

import numpy as np

from .._base import BaseSampleSelector


class RandomSelector(BaseSampleSelector):
    """Uniform random coreset, ignoring classes and scores.

    Keeps ``n = N - round(rate * N)`` rows drawn uniformly without
    replacement from all ``N`` rows. Class proportions in the coreset match
    the data's only in expectation; see
    :class:`ClassBalancedRandomSelector` for exact proportions.

    Parameters
    ----------
    rate : float, default=0.5
        Pruning rate alpha in [0, 1): the fraction of samples removed.
    random_state : int, RandomState instance or None, default=None
        Seeds the draw.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        ``N_j``.
    support_ : ndarray of shape (n_samples,), dtype bool
        Kept rows.
    sample_indices_ : ndarray of shape (n_selected,)
        Indices of the kept rows, ascending.
    n_selected_ : int
        Size of the coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Kept samples of each class.
    n_features_in_ : int
        Number of score columns seen in ``fit``.

    See Also
    --------
    ClassBalancedRandomSelector : Uniform inside each class, proportional counts.

    Notes
    -----
    The scores passed to ``fit`` are validated (one row per sample) but not
    used. Random pruning is the reference every coreset paper compares
    against; at high pruning rates it is hard to beat [1]_.

    References
    ----------
    .. [1] H. Zheng, R. Liu, F. Lai, A. Prakash, "Coverage-centric Coreset
       Selection for High Pruning Rates", ICLR 2023.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.baselines import RandomSelector
    >>> y = np.repeat([0, 1], [80, 20])
    >>> scores = np.zeros(100)
    >>> selector = RandomSelector(rate=0.9, random_state=0).fit(scores, y)
    >>> selector.n_selected_
    10
    """

    _uses_scores = False

    def __init__(self, rate=0.5, *, random_state=None):
        self.rate = rate
        self.random_state = random_state

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        support = np.zeros(scores.size, dtype=bool)
        support[random_state.permutation(scores.size)[:n_keep]] = True
        return support
