"""ClassBalancedRandomSelector: uniform inside each class, proportional counts."""

from .._base import BaseSampleSelector
from .._strata import sample_within_groups
from ._groups import proportional_budgets


class ClassBalancedRandomSelector(BaseSampleSelector):
    """Random coreset with each class kept in proportion to its size.

    Class ``j`` keeps ``b_j`` samples, ``b_j`` proportional to ``N_j`` and
    rounded by the largest-remainder rule so that ``sum_j b_j = n`` with
    ``n = N - round(rate * N)``; the ``b_j`` samples are drawn uniformly
    without replacement inside the class.

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
    budgets_ : ndarray of shape (n_classes,)
        ``b_j``, samples kept per class.
    support_ : ndarray of shape (n_samples,), dtype bool
        Kept rows.
    sample_indices_ : ndarray of shape (n_selected,)
        Indices of the kept rows, ascending.
    n_selected_ : int
        Size of the coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Kept samples of each class; ``budgets_`` is the same array.
    n_features_in_ : int
        Number of score columns seen in ``fit``.

    See Also
    --------
    RandomSelector : Uniform over all rows, blind to classes.
    sknucs.allocate_budgets : The budget rule (``allocation="proportional"``).

    Notes
    -----
    The budgets are ``allocate_budgets(N_j, n, allocation="proportional")``
    with NUCS's ``min_per_class="auto"`` floor: every class keeps at least
    one sample when ``n >= C``. These are the budgets of the paper's
    "uniform" ablation [1]_, so this selector isolates the effect of the
    window from that of the allocation. The draw is one permutation and
    one stable sort by class, no loop. Scores are validated but not used.

    References
    ----------
    .. [1] H. Zhang, Z. Xing, R. He, W. Yang, C. Ma, W. Tan, B. Yan,
       "Non-Uniform Class-Wise Coreset Selection for Vision Model
       Fine-tuning", arXiv:2504.13234, 2025.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.baselines import ClassBalancedRandomSelector
    >>> y = np.repeat([0, 1, 2], [50, 30, 20])
    >>> selector = ClassBalancedRandomSelector(rate=0.9, random_state=0)
    >>> selector.fit(np.zeros(100), y).budgets_
    array([5, 3, 2])
    """

    _uses_scores = False

    def __init__(self, rate=0.5, *, random_state=None):
        self.rate = rate
        self.random_state = random_state

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        budgets = proportional_budgets(self.class_counts_, n_keep)
        return sample_within_groups(codes, n_classes, budgets, random_state)
