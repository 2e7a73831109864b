"""ScoreTopKSelector: the hardest (or easiest) samples by score."""

from .._base import BaseSampleSelector
from .._sorting import sort_by_class_and_score
from .._window import WindowPlan
from ._groups import ranking_groups


class ScoreTopKSelector(BaseSampleSelector):
    """Keep the samples with the highest (or lowest) difficulty scores.

    Keeps ``n = N - round(rate * N)`` samples: the ``n`` hardest of the
    whole data set, or, with ``class_balanced=True``, the ``b_j`` hardest of
    each class with ``b_j`` proportional to ``N_j``. ``hardest=False`` keeps
    the easiest instead.

    Parameters
    ----------
    rate : float, default=0.5
        Pruning rate alpha in [0, 1): the fraction of samples removed.
    hardest : bool, default=True
        Keep the hardest samples (highest scores after orientation); False
        keeps the easiest.
    class_balanced : bool, default=False
        Rank inside each class with proportional class budgets instead of
        over the whole data set.
    higher_is_harder : bool, default=True
        Score direction. Set to False for scores where higher means easier
        (AUM, confidence); they are negated.
    random_state : int, RandomState instance or None, default=None
        Seeds the permutation that breaks ties between equal scores.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        ``N_j``.
    budgets_ : ndarray of shape (n_classes,)
        Samples kept per class: the proportional budgets when
        ``class_balanced=True``, else whatever the global ranking gave.
    support_ : ndarray of shape (n_samples,), dtype bool
        Kept rows.
    sample_indices_ : ndarray of shape (n_selected,)
        Indices of the kept rows, ascending.
    n_selected_ : int
        Size of the coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Kept samples of each class; ``budgets_`` is the same array.
    n_features_in_ : int
        Number of score columns (runs) averaged.

    See Also
    --------
    CCSSelector : Stratified sampling over the score range.
    sknucs.NUCSSelector : ``sampling="window", window=1.0`` with
        ``allocation="proportional"`` is the class-balanced hardest
        selection; ``allocation="agnostic"`` the global one (the default
        ``sampling="coverage"`` draws across the difficulty range instead).

    Notes
    -----
    Keeping the highest-scoring samples is how the score papers prune:
    forgetting events [1]_, EL2N and GraNd [2]_. It is strong at low pruning
    rates and collapses at high ones, where the hardest samples alone
    cover the distribution badly [3]_; the easiest samples are the
    recommended choice for small data [4]_.

    Ties between equal scores are broken by a random permutation drawn from
    ``random_state``, never by row index, so that equal scores (e.g.
    forgetting counts) do not favour the start of the data set. The
    class-balanced budgets use NUCS's ``min_per_class="auto"`` floor.

    References
    ----------
    .. [1] M. Toneva, A. Sordoni, R. Tachet des Combes, A. Trischler,
       Y. Bengio, G. J. Gordon, "An Empirical Study of Example Forgetting
       during Deep Neural Network Learning", ICLR 2019.
    .. [2] M. Paul, S. Ganguli, G. K. Dziugaite, "Deep Learning on a Data
       Diet: Finding Important Examples Early in Training", NeurIPS 2021.
    .. [3] H. Zheng, R. Liu, F. Lai, A. Prakash, "Coverage-centric Coreset
       Selection for High Pruning Rates", ICLR 2023.
    .. [4] B. Sorscher, R. Geirhos, S. Shekhar, S. Ganguli, A. S. Morcos,
       "Beyond neural scaling laws: beating power law scaling via data
       pruning", NeurIPS 2022.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.baselines import ScoreTopKSelector
    >>> scores = np.array([0.1, 0.9, 0.4, 0.8, 0.2, 0.7])
    >>> y = np.array([0, 0, 0, 1, 1, 1])
    >>> ScoreTopKSelector(rate=0.5).fit(scores, y).sample_indices_
    array([1, 3, 5])
    >>> ScoreTopKSelector(rate=0.5, hardest=False).fit(scores, y).sample_indices_
    array([0, 2, 4])
    """

    _parameter_constraints = {
        **BaseSampleSelector._parameter_constraints,
        "hardest": ["boolean"],
        "class_balanced": ["boolean"],
        "higher_is_harder": ["boolean"],
    }

    def __init__(self, rate=0.5, *, hardest=True, class_balanced=False,
                 higher_is_harder=True, random_state=None):
        self.rate = rate
        self.hardest = hardest
        self.class_balanced = class_balanced
        self.higher_is_harder = higher_is_harder
        self.random_state = random_state

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        groups, n_groups, budgets = ranking_groups(
            codes, n_classes, self.class_counts_, n_keep, self.class_balanced
        )
        order, starts, _ = sort_by_class_and_score(groups, scores, n_groups, random_state)
        # Endpoint 1 of the easy-to-hard order keeps each group's last b_j.
        support = WindowPlan(order, starts, budgets).mask(1.0 if self.hardest else 0.0)
        return support
