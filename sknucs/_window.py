"""Step 3 of NUCS: a window of difficulty inside each class."""

import numpy as np

from ._global_strata import class_strata_quotas, water_level_rates
from ._strata import sample_within_groups, stratum_of, water_fill_strata

N_STRATA = 50
"""Equal-width score strata per class for ``sampling="coverage"`` (as CCS)."""


def class_window_ends(class_counts, window):
    """End rank of each class's window when ``k`` is a quantile of the class: ``round(k N_j)``, half up."""
    return np.floor(window * class_counts + 0.5).astype(np.int64)


def global_window_ends(sorted_scores, class_starts, all_sorted, window):
    """End rank of each class's window when ``k`` is a quantile of the whole training set.

    Parameters
    ----------
    sorted_scores : ndarray of shape (n_samples,)
        Scores in plan order (by class, easy to hard inside each).
    class_starts : ndarray of shape (n_classes + 1,)
        Offsets of each class in that order.
    all_sorted : ndarray of shape (n_samples,)
        Every score, ascending.
    window : float
        Window endpoint ``k`` in [0, 1].

    Returns
    -------
    ends : ndarray of shape (n_classes,)
        Number of class ``j``'s samples whose score is at most the global
        threshold, the score of global rank ``round(k N)`` (none below
        ``k = 0``; ties with the threshold count as below).
    """
    n_below = int(np.floor(window * all_sorted.size + 0.5))
    if n_below == 0:
        return np.zeros(class_starts.size - 1, dtype=np.int64)
    below = np.concatenate(([0], np.cumsum(sorted_scores <= all_sorted[n_below - 1])))
    return below[class_starts[1:]] - below[class_starts[:-1]]


def window_starts(ends, budgets):
    """Offset, inside each class's easy-to-hard order, of its window.

    Parameters
    ----------
    ends : ndarray of shape (n_classes,)
        Rank (exclusive) at which each class's window ends, at most ``N_j``.
    budgets : ndarray of shape (n_classes,)
        ``b_j <= N_j``.

    Returns
    -------
    starts : ndarray of shape (n_classes,)
        The window of class ``j`` covers ranks ``starts[j] .. starts[j] + b_j - 1``:
        it ends at ``ends[j]``, shifted right when it would start below zero.
    """
    return np.maximum(ends - budgets, 0)


def _ranges(starts, lengths):
    """``range(starts[j], starts[j] + lengths[j])`` for every ``j``, concatenated into one array."""
    ranges = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    ranges += np.arange(ranges.size)
    return ranges


class WindowPlan:
    """Everything needed to cut a window for any endpoint ``k`` cheaply.

    The sort and the budgets are computed once; :meth:`mask` then costs
    O(n_keep) per endpoint, which is what a search over a grid of ``k``
    needs.

    Parameters
    ----------
    order : ndarray of shape (n_samples,)
        Rows sorted by class, then easy to hard.
    class_starts : ndarray of shape (n_classes + 1,)
        Offsets of each class in ``order``.
    budgets : ndarray of shape (n_classes,)
        Samples to keep per class.
    sampling : {"window", "stratified", "coverage"}, default="window"
        ``"window"``: each class keeps the contiguous band of ``b_j`` ranks
        ending at ``round(k N_j)`` (the paper). ``"stratified"``: the ranks
        above ``max(b_j, round(k N_j))`` are cut off (the hardest
        ``1 - k``) and the ``b_j`` samples are spread evenly over the ranks
        below, one per stratum of equal rank width, at a random offset.
        ``"coverage"``: the same cut-off, then CCS inside each class: the
        class's remaining score range is split into :data:`N_STRATA`
        equal-width strata, the budget water-filled from the smallest
        stratum up, and each stratum sampled uniformly.
    offsets : ndarray of shape (n_classes,), default=None
        Offset in [0, 1) of each class's first stratum (``"stratified"``
        only); drawn once so that every ``k`` uses the same ones.
    sorted_scores : ndarray of shape (n_samples,), default=None
        ``scores[order]`` (``"coverage"`` only).
    seed : int, default=None
        Seed of the draws inside strata (``"coverage"`` only); fixed so
        that every ``k`` of a search draws the same way.
    window_scale : {"class", "global"}, default="class"
        What ``k`` is a quantile of. ``"class"``: of each class's own
        difficulty, so every window ends at rank ``round(k N_j)`` (the
        paper). ``"global"``: of the whole training set's difficulty; each
        class's window ends at its last sample below the global ``k``
        quantile (:func:`global_window_ends`; needs ``sorted_scores``).
        The same cut-off bounds the ``"stratified"`` and ``"coverage"``
        pools.
    easy_cut : float in [0, 1), default=0.0
        ``"coverage"`` only: the pool of each class also starts above its
        easiest samples, at the rank where a window ending at ``easy_cut``
        would end (:meth:`ends`, on the same scale), moved down when fewer
        than ``b_j`` samples would remain below the cut-off.
    easy_cut_ramp : int, default=0
        Class budget from which the easy cut is whole: a class that keeps
        ``b_j < easy_cut_ramp`` samples leaves out ``b_j / easy_cut_ramp``
        of the samples the cut would (rounded). 0: the whole cut whatever
        the budget.
    """

    def __init__(self, order, class_starts, budgets, sampling="window", offsets=None,
                 sorted_scores=None, seed=None, window_scale="class", easy_cut=0.0, easy_cut_ramp=0):
        self.order = order
        self.class_starts = class_starts
        self.budgets = np.asarray(budgets, dtype=np.int64)
        self.sampling = sampling
        self.offsets = offsets
        self.sorted_scores = sorted_scores
        self.seed = seed
        self.window_scale = window_scale
        self.easy_cut = easy_cut
        self.easy_cut_ramp = easy_cut_ramp
        self._all_sorted = np.sort(sorted_scores) if window_scale == "global" else None
        # where each class's pool starts at the latest: the same for every endpoint of a search
        self._easy_ends = self._easy_cut_ends() if easy_cut > 0 else None

    def _easy_cut_ends(self):
        """Rank of each class below which the easy cut leaves samples out, before the ``b_j`` floor."""
        ends = self.ends(self.easy_cut)
        if self.easy_cut_ramp > 0:  # small budgets keep a proportional part of their easiest samples
            ramp = np.minimum(self.budgets / self.easy_cut_ramp, 1.0)
            ends = np.floor(ends * ramp + 0.5).astype(np.int64)
        return ends

    @property
    def class_counts(self):
        """``N_j`` of each class in the plan."""
        return np.diff(self.class_starts)

    def ends(self, window):
        """Rank (exclusive) inside each class at which the window ends.

        ``window`` is one endpoint ``k``, or one per class (``window_scale="class"`` only).
        """
        if self.window_scale == "global":
            if np.ndim(window):
                raise ValueError("Per-class window endpoints need window_scale='class'.")
            return global_window_ends(self.sorted_scores, self.class_starts, self._all_sorted, window)
        return class_window_ends(self.class_counts, window)

    def effective_window(self, window):
        """The largest simple endpoint that cuts the same coreset as ``window``.

        A class whose window would start below rank 0 is shifted right, so
        its samples end at ``e_j = max(round(k N_j), b_j)``, not at
        ``round(k N_j)``; when every class is shifted, a range of ``k`` cuts
        the same coreset. This returns ``max(k, min_j e_j / N_j)``, the
        minimum over the classes that keep samples (``b_j > 0``): for
        every ``k'`` between the two, ``round(k' N_j)`` stays between
        ``round(k N_j)`` and ``e_j``, so the coreset (which depends only on
        the ``e_j`` of those classes, for every ``sampling``) is unchanged.

        Parameters
        ----------
        window : float
            A shared endpoint ``k`` in [0, 1].

        Returns
        -------
        window : float
            ``k`` itself unless every class's window was shifted, never
            less than ``k``. With ``window_scale="global"``, ``k`` itself.
        """
        counts = self.class_counts
        kept = self.budgets > 0  # a class that keeps nothing has no window to end
        if self.window_scale == "global" or not kept.any():
            return float(window)
        ends = np.maximum(class_window_ends(counts, window), self.budgets)
        return max(float(window), float(np.min(ends[kept] / counts[kept])))

    def positions(self, window):
        """Positions in ``order`` of the kept samples for endpoint ``window``."""
        ends = self.ends(window)
        if self.sampling == "stratified":
            return self._stratified_positions(ends)
        if self.sampling == "coverage":
            return self._coverage_positions(ends)
        return _ranges(self.class_starts[:-1] + window_starts(ends, self.budgets), self.budgets)

    def _stratified_positions(self, ends):
        budgets = self.budgets
        kept_before = np.cumsum(budgets) - budgets
        pools = np.maximum(ends, budgets)
        stride = np.divide(pools, budgets, out=np.ones(budgets.size), where=budgets > 0)
        within = np.arange(budgets.sum()) - np.repeat(kept_before, budgets)
        ranks = np.floor((within + np.repeat(self.offsets, budgets)) * np.repeat(stride, budgets))
        return np.repeat(self.class_starts[:-1], budgets) + ranks.astype(np.int64)

    def _coverage_positions(self, ends):
        budgets = self.budgets
        n_classes = budgets.size
        pools = np.maximum(ends, budgets)
        if self.window_scale != "global":
            # A class that keeps nothing offers no candidates: its window must not move the
            # random draws of the others (refitting at effective_window gives the same coreset).
            # On the global scale its samples count in the strata's keep rates.
            pools = np.where(budgets > 0, pools, 0)
        first = self.class_starts[:-1]
        if self._easy_ends is not None:  # the pool starts above the easiest rows, never leaving fewer than b_j
            skipped = np.minimum(self._easy_ends, np.maximum(pools - budgets, 0))
            first, pools = first + skipped, pools - skipped
        candidates = _ranges(first, pools)
        classes = np.repeat(np.arange(n_classes), pools)
        scores = self.sorted_scores[candidates]
        random_state = np.random.RandomState(self.seed)
        if self.window_scale == "global":  # strata and their keep rates over the whole pool
            within = stratum_of(scores, np.zeros(scores.size, np.intp), scores.min(keepdims=True),
                                scores.max(keepdims=True), N_STRATA)
        else:  # strata over each class's own range; a class with no candidates has none
            offered = pools > 0  # (an empty last class starts past the end of the array)
            low, high = np.zeros(n_classes), np.zeros(n_classes)
            low[offered] = self.sorted_scores[first[offered]]
            high[offered] = self.sorted_scores[first[offered] + pools[offered] - 1]
            within = stratum_of(scores, classes, low, high, N_STRATA)
        strata = classes * N_STRATA + within
        strata_counts = np.bincount(strata, minlength=n_classes * N_STRATA).reshape(n_classes, N_STRATA)
        if self.window_scale == "global":
            rates = water_level_rates(strata_counts.sum(axis=0), budgets.sum())
            strata_budgets = class_strata_quotas(strata_counts, rates, budgets)
        else:
            strata_budgets = water_fill_strata(strata_counts, budgets, random_state)
        chosen = sample_within_groups(
            strata, n_classes * N_STRATA, strata_budgets.ravel(), random_state
        )
        return candidates[chosen]

    def mask(self, window):
        """Boolean mask over rows of the samples kept for endpoint ``window``."""
        support = np.zeros(self.order.size, dtype=bool)
        support[self.order[self.positions(window)]] = True
        return support
