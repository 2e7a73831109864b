"""CCSSelector: Coverage-centric Coreset Selection (Zheng et al., ICLR 2023)."""

from numbers import Integral, Real

import numpy as np
from sklearn.utils._param_validation import Interval

from .._base import BaseSampleSelector
from .._sorting import sort_by_class_and_score
from .._strata import sample_within_groups, stratum_of, water_fill_strata
from .._window import WindowPlan
from ._groups import ranking_groups


class CCSSelector(BaseSampleSelector):
    """Coverage-centric Coreset Selection (CCS).

    Keeps ``n = N - round(rate * N)`` samples spread over the whole range
    of difficulty instead of its top:

    1. Hard cut-off: drop the ``floor(beta * N)`` hardest samples (likely
       mislabelled or ambiguous).
    2. Split the remaining score range ``[min, max]`` into ``n_strata``
       strata of equal width.
    3. Water-fill the budget ``n`` over the strata from the smallest up:
       each stratum, in increasing size, gets
       ``min(size, remaining budget // remaining strata)``.
    4. Draw each stratum's share uniformly without replacement.

    With ``class_balanced=True`` all four steps run inside each class, with
    the class's own ``N_j``, score range and budget ``b_j`` proportional
    to ``N_j``.

    Parameters
    ----------
    rate : float, default=0.5
        Pruning rate alpha in [0, 1): the fraction of samples removed.
    beta : float in [0, 1), default=0.1
        Hard cut-off rate: the fraction of hardest samples removed before
        stratification.
    n_strata : int, default=50
        Number of equal-width score strata (the paper's ``k``).
    class_balanced : bool, default=False
        Run CCS inside each class with proportional class budgets.
    higher_is_harder : bool, default=True
        Score direction. Set to False for scores where higher means easier
        (AUM, confidence); they are negated.
    random_state : int, RandomState instance or None, default=None
        Seeds the draws inside strata and the tie-breaking permutations.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        ``N_j``.
    budgets_ : ndarray of shape (n_classes,)
        Samples kept per class.
    n_cut_ : ndarray of shape (n_groups,)
        Samples removed by the hard cut-off: one entry (class-agnostic) or
        one per class (``class_balanced=True``).
    strata_counts_ : ndarray of shape (n_groups, n_strata)
        Samples in each stratum after the cut-off, strata ordered from
        easy to hard.
    strata_budgets_ : ndarray of shape (n_groups, n_strata)
        Samples drawn from each stratum.
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
    ScoreTopKSelector : The hardest samples only.

    Notes
    -----
    Decisions where the paper [1]_ is silent or its code differs:

    - The cut-off count is ``floor(beta * N)`` (per class:
      ``floor(beta * N_j)``). When fewer than ``n`` samples would remain it
      is reduced to ``N - n`` (per class ``N_j - b_j``), so the coreset
      always has exactly ``n`` samples; then every remaining sample is kept.
    - Strata are equal-width on ``[min, max]`` of the remaining scores, the
      last closed on the right; all equal scores make one stratum.
      Empty strata take nothing.
    - Strata of equal size are visited in random order, not by index.
    - Ties in score at the cut-off are broken at random, never by index.
    - The public CCS code cuts the hardest ``beta`` fraction by AUM (its
      mislabel filter), whatever score builds the strata. Here the cut-off
      uses the same score as the strata; to reproduce the public code, drop
      the ``floor(beta * N)`` rows of lowest AUM first and fit the rest
      with ``beta=0`` and the rate that keeps the same ``n``.
    - In class-balanced mode each class uses its *own* count ``N_j`` for
      its cut-off and its own budget ``b_j``. (A public reference code
      reuses the last class's count for every class; not copied.)
    - Class budgets use NUCS's ``min_per_class="auto"`` floor.

    Everything is vectorised: one sort by (class, score), one pass over
    the ``n_strata`` strata for all classes at once, one permutation for
    the draws.

    References
    ----------
    .. [1] H. Zheng, R. Liu, F. Lai, A. Prakash, "Coverage-centric Coreset
       Selection for High Pruning Rates", ICLR 2023.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs.baselines import CCSSelector
    >>> rng = np.random.default_rng(0)
    >>> scores = rng.exponential(size=1000)
    >>> y = rng.integers(0, 10, size=1000)
    >>> selector = CCSSelector(rate=0.9, beta=0.1, random_state=0).fit(scores, y)
    >>> selector.n_selected_, int(selector.n_cut_[0])
    (100, 100)
    >>> hardest_kept = scores[selector.support_].max()
    >>> bool(hardest_kept < np.sort(scores)[-100])
    True
    """

    _parameter_constraints = {
        **BaseSampleSelector._parameter_constraints,
        "beta": [Interval(Real, 0, 1, closed="left")],
        "n_strata": [Interval(Integral, 1, None, closed="left")],
        "class_balanced": ["boolean"],
        "higher_is_harder": ["boolean"],
    }

    def __init__(self, rate=0.5, *, beta=0.1, n_strata=50, class_balanced=False,
                 higher_is_harder=True, random_state=None):
        self.rate = rate
        self.beta = beta
        self.n_strata = n_strata
        self.class_balanced = class_balanced
        self.higher_is_harder = higher_is_harder
        self.random_state = random_state

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        groups, n_groups, budgets = ranking_groups(
            codes, n_classes, self.class_counts_, n_keep, self.class_balanced
        )
        order, starts, sorted_scores = sort_by_class_and_score(
            groups, scores, n_groups, random_state
        )
        counts = np.diff(starts)
        # Each group's own count: floor(beta * N_g), reduced to keep b_g.
        self.n_cut_ = np.minimum(np.floor(self.beta * counts).astype(np.int64),
                                 counts - budgets)
        remaining = counts - self.n_cut_
        # The easiest `remaining` of each group survive the cut-off.
        positions = WindowPlan(order, starts, remaining).positions(0.0)
        candidate_groups = np.repeat(np.arange(n_groups), remaining)
        low = sorted_scores[starts[:-1]]
        high = sorted_scores[starts[:-1] + remaining - 1]
        strata = candidate_groups * self.n_strata + stratum_of(
            sorted_scores[positions], candidate_groups, low, high, self.n_strata
        )
        n_cells = n_groups * self.n_strata
        self.strata_counts_ = np.bincount(strata, minlength=n_cells).reshape(
            n_groups, self.n_strata
        )
        self.strata_budgets_ = water_fill_strata(self.strata_counts_, budgets, random_state)
        chosen = sample_within_groups(
            strata, n_cells, self.strata_budgets_.ravel(), random_state
        )
        support = np.zeros(scores.size, dtype=bool)
        support[order[positions[chosen]]] = True
        return support
