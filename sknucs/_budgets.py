"""Step 2 of NUCS: how many samples each class keeps (b_j)."""

from numbers import Integral, Real

import numpy as np

ALLOCATIONS = ("difficulty", "proportional")


def _check_budget_input(counts, class_difficulty, n_keep, allocation, exponent,
                        min_per_class, min_share):
    """Raise a ValueError naming the first argument of allocate_budgets that is invalid."""
    if (counts.ndim != 1 or counts.size == 0 or counts.dtype.kind not in "iuf"
            or not np.all((counts >= 0) & (counts == np.round(counts)))):
        raise ValueError(
            "class_counts must be a non-empty 1-D array of non-negative integer "
            f"counts; got {counts!r}."
        )
    if not isinstance(n_keep, Integral) or not 0 <= n_keep <= counts.sum():
        raise ValueError(
            f"n_keep must be an integer between 0 and the number of samples, "
            f"{int(counts.sum())}; got {n_keep!r}."
        )
    if allocation not in ALLOCATIONS:
        raise ValueError(f"allocation must be one of {ALLOCATIONS}; got {allocation!r}.")
    if not isinstance(exponent, Real) or not 0 <= exponent < np.inf:
        raise ValueError(f"exponent must be a finite number >= 0; got {exponent!r}.")
    if not (min_per_class == "auto"
            or (isinstance(min_per_class, Integral) and min_per_class >= 0)):
        raise ValueError(
            f"min_per_class must be a non-negative integer or 'auto'; got {min_per_class!r}."
        )
    if not isinstance(min_share, Real) or not 0 <= min_share <= 1:
        raise ValueError(f"min_share must be in [0, 1]; got {min_share!r}.")
    if allocation == "difficulty":
        difficulty = np.asarray(class_difficulty, dtype=float)
        if difficulty.shape != counts.shape:
            raise ValueError(
                f"class_difficulty must have one entry per class, shape {counts.shape}; "
                f"got shape {difficulty.shape}."
            )
        if not np.all(np.isfinite(difficulty)) or np.any(difficulty < 0):
            raise ValueError(
                "class_difficulty must be finite and non-negative for "
                f"allocation='difficulty'; got {difficulty!r}."
            )


def _water_fill(weights, lower, upper, total):
    """Real budgets ``clip(lam * weights, lower, upper)`` that sum to ``total``.

    Classes whose share falls outside their bounds are fixed at the bound
    on the side with the larger total violation and the rest re-solved,
    until no free class violates a bound. Classes of zero weight share what
    the weighted classes cannot hold in proportion to their capacity.
    """
    n_classes = weights.size
    budgets = np.zeros(n_classes)
    fixed = np.zeros(n_classes, dtype=bool)
    for _ in range(2 * n_classes + 1):
        free = ~fixed
        remaining = total - budgets[fixed].sum()
        free_weights = weights[free]
        if free_weights.sum() <= 0:
            free_weights = upper[free].astype(float)
        budgets[free] = remaining * free_weights / free_weights.sum()
        excess = np.maximum(budgets - upper, 0) * free
        deficit = np.maximum(lower - budgets, 0) * free
        if excess.sum() == 0 and deficit.sum() == 0:
            return budgets
        if excess.sum() >= deficit.sum():
            hit = excess > 0
            budgets[hit] = upper[hit]
        else:
            hit = deficit > 0
            budgets[hit] = lower[hit]
        fixed |= hit
    raise RuntimeError("budget water-filling did not converge")  # pragma: no cover


def _largest_remainder(real_budgets, total, upper, tie_breaker):
    """Round real budgets to integers summing to ``total``.

    Each class gets the floor of its budget; the leftover units go to the
    largest fractional parts, never past a class's size. Equal fractional
    parts go to the larger ``tie_breaker`` first, then to the lower class
    index.
    """
    floors = np.floor(real_budgets).astype(np.int64)
    shortfall = int(total - floors.sum())
    if shortfall > 0:
        remainders = real_budgets - floors
        remainders[floors >= upper] = -np.inf
        winners = np.lexsort((-tie_breaker, -remainders))[:shortfall]
        floors[winners] += 1
    return floors


def allocate_budgets(class_counts, class_difficulty, n_keep, *,
                     allocation="difficulty", exponent=1.0, min_per_class=0, min_share=0.0):
    """Split a coreset of ``n_keep`` samples across classes.

    Parameters
    ----------
    class_counts : ndarray of shape (n_classes,)
        ``N_j``, samples in each class.
    class_difficulty : ndarray of shape (n_classes,)
        ``S_j``, non-negative class difficulty (ignored for ``"proportional"``).
    n_keep : int
        Total budget ``n = sum_j b_j``.
    allocation : {"difficulty", "proportional"}, default="difficulty"
        ``"difficulty"``: ``b_j ~ S_j**exponent * N_j`` (the paper with
        ``exponent=1``). ``"proportional"``: ``b_j ~ N_j``.
    exponent : float, default=1.0
        Softening exponent gamma on the class difficulty.
    min_per_class : int or "auto", default=0
        Floor on every class's budget (capped at its size). ``"auto"`` is 1
        when ``n_keep`` can hold one sample of every class, else 0; when
        that floor and ``min_share``'s cannot both hold, the share floors
        are taken of what the per-class floor leaves, ``n_keep - C``.
    min_share : float in [0, 1], default=0.0
        Floor on every class's budget as a fraction of its proportional
        share ``n_keep N_j / N``, rounded down: 0 is no floor (the paper),
        1 gives proportional budgets, 0.5 keeps at least half of what a
        class-blind split would give each class.

    Returns
    -------
    budgets : ndarray of shape (n_classes,), dtype int64
        ``0 <= b_j <= N_j``, ``b_j >= min(min_per_class, N_j)`` and
        ``b_j >= floor(min_share n_keep N_j / N)``, summing to ``n_keep``
        exactly.

    Raises
    ------
    ValueError
        If an argument is invalid: ``class_counts`` not 1-D non-negative,
        ``n_keep`` not an integer in ``[0, sum(class_counts)]``, an unknown
        ``allocation``, a negative or infinite ``exponent``, a
        ``class_difficulty`` of the wrong length or not finite and
        non-negative (``"difficulty"``), ``min_per_class`` or ``min_share``
        out of range; or if the floors alone exceed ``n_keep``.

    Notes
    -----
    The paper's ``b_j = (1 - alpha) S_j N_j / T`` can exceed ``N_j`` for a
    hard class. Such budgets are capped at ``N_j`` and the excess is
    re-spread over the other classes in proportion to their weights
    (water-filling), until no class is over. If every weight is zero (all
    ``S_j`` zero) the split is proportional to ``N_j``. Real budgets are
    rounded by the largest-remainder rule; between equal remainders the
    harder class wins (``"difficulty"``), then the lower class index.

    The budgets depend on the class difficulties only through their ratios:
    ``S_j`` is divided by its largest value before the power, so scores of
    any scale (1e-170 or 1e200) give the same budgets, with no underflow or
    overflow.
    """
    counts = np.asarray(class_counts)
    _check_budget_input(counts, class_difficulty, n_keep, allocation, exponent,
                        min_per_class, min_share)
    counts = counts.astype(np.int64)
    auto = min_per_class == "auto"
    if auto:
        min_per_class = 1 if n_keep >= counts.size else 0
    upper = counts.astype(float)
    share_floor = np.floor(min_share * n_keep * counts / max(counts.sum(), 1))
    lower = np.maximum(np.minimum(min_per_class, counts), share_floor)
    if auto and lower.sum() > n_keep:
        # one sample per class and the share floors collide (many small classes): the share
        # floors take what the per-class floor leaves, so that both hold
        per_class = np.minimum(min_per_class, counts)
        share_floor = np.floor(min_share * (n_keep - per_class.sum()) * counts / max(counts.sum(), 1))
        lower = np.maximum(per_class, share_floor)
    if lower.sum() > n_keep:
        raise ValueError(
            f"The coreset keeps {n_keep} samples, fewer than the floors of the "
            f"{counts.size} classes (min_per_class={min_per_class}, "
            f"min_share={min_share}: {int(lower.sum())} needed). Lower "
            "min_per_class, min_share or the pruning rate."
        )
    if allocation == "proportional":
        weights = upper.copy()
        tie_breaker = np.zeros(counts.size)
    else:
        tie_breaker = np.asarray(class_difficulty, dtype=float)
        largest = tie_breaker.max()
        relative = tie_breaker / largest if largest > 0 else tie_breaker
        weights = np.power(relative, exponent) * counts
    real = _water_fill(weights, lower, upper, float(n_keep))
    return _largest_remainder(real, n_keep, counts, tie_breaker)
