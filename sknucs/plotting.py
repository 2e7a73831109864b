"""Plots of a selection (needs the ``plot`` extra, matplotlib).

Every function draws on ``ax`` (a new figure when None) and returns it.
matplotlib is imported when a function is called, never by ``import sknucs``.
"""

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._budgets import allocate_budgets
from ._labels import encode_labels
from ._sorting import group_starts
from ._validation import check_labels, check_scores

__all__ = ["plot_budgets", "plot_class_score_distributions", "plot_window_search", "plot_windows"]


def _axes(ax):
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            "sknucs.plotting needs matplotlib: pip install 'sknucs[plot]'."
        ) from exc
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _label_classes(ax, classes):
    names = [str(c) for c in classes]
    ax.set_xticks(np.arange(len(names)))
    ax.set_xticklabels(names, rotation=45 if sum(map(len, names)) > 40 else 0,
                       ha="right" if sum(map(len, names)) > 40 else "center")


def plot_budgets(selector, ax=None):
    """Samples kept per class, beside a split proportional to class size.

    Parameters
    ----------
    selector : fitted selector
        Any :class:`~sknucs.BaseSampleSelector` (``classes_``,
        ``class_counts_``, ``selected_per_class_``, ``n_selected_``).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Two bars per class: the selector's count and the proportional one
        (``n N_j / N``, rounded by largest remainder).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from sknucs import NUCSSelector
    >>> from sknucs.plotting import plot_budgets
    >>> y = np.repeat([0, 1, 2], 100)
    >>> scores = np.random.default_rng(0).random(300) * np.repeat([0.2, 0.5, 1.0], 100)
    >>> ax = plot_budgets(NUCSSelector(rate=0.7, window=0.9).fit(scores, y))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['NUCSSelector', 'proportional to class size']
    """
    check_is_fitted(selector, "selected_per_class_")
    ax = _axes(ax)
    proportional = allocate_budgets(selector.class_counts_, None, selector.n_selected_,
                                    allocation="proportional")
    positions = np.arange(selector.classes_.size)
    width = 0.4
    ax.bar(positions - width / 2, selector.selected_per_class_, width,
           label=type(selector).__name__)
    ax.bar(positions + width / 2, proportional, width, color="0.7",
           label="proportional to class size")
    _label_classes(ax, selector.classes_)
    ax.set_xlabel("class")
    ax.set_ylabel("samples kept")
    ax.set_title(f"{selector.n_selected_} of {int(selector.class_counts_.sum())} samples kept")
    ax.legend()
    return ax


def plot_class_score_distributions(scores, y, classes=None, *, bins=40, ax=None):
    """Each class's score distribution against the global one.

    The picture behind non-uniform budgets (Figure 2 of Zhang et al.,
    2025): classes differ in how hard their samples are, so one global
    window or equal shares serve them unequally.

    Parameters
    ----------
    scores : array-like of shape (n_samples,) or (n_samples, n_runs)
        Difficulty scores; several columns are averaged.
    y : array-like of shape (n_samples,)
        Class labels.
    classes : label or sequence of labels, default=None
        Classes to draw (one label draws that class); None draws every class.
    bins : int, default=40
        Histogram bins, shared by every curve.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        A filled histogram of all scores and one outline per class,
        normalised to unit area.

    Raises
    ------
    ValueError
        If the lengths differ, the scores are not finite, or a requested
        class is absent.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from sknucs.plotting import plot_class_score_distributions
    >>> y = np.repeat(["easy", "hard"], 200)
    >>> scores = np.random.default_rng(0).beta(2, np.repeat([8, 2], 200))
    >>> ax = plot_class_score_distributions(scores, y)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['all classes', 'easy', 'hard']
    """
    y = check_labels(y)
    scores, _ = check_scores(scores, y)
    present, codes = encode_labels(y)
    if classes is None:
        classes = present
    elif np.ndim(classes) == 0:  # one class: a label such as 3 or "cat" (not its characters)
        classes = [classes]
    lookup = {c: i for i, c in enumerate(present.tolist())}
    missing = [c for c in classes if c not in lookup]
    if missing:
        raise ValueError(f"classes {missing} do not occur in y.")
    ax = _axes(ax)
    edges = np.histogram_bin_edges(scores, bins=bins)
    ax.hist(scores, bins=edges, density=True, color="0.85", label="all classes")
    for label in classes:
        ax.hist(scores[codes == lookup[label]], bins=edges, density=True,
                histtype="step", linewidth=1.5, label=str(label))
    ax.set_xlabel("difficulty score")
    ax.set_ylabel("density")
    ax.legend(fontsize="small")
    return ax


def _other_params(params):
    """``name=value`` of every parameter but ``window``, sorted by name, joined by commas."""
    return ", ".join(f"{name}={params[name]!r}" for name in sorted(params) if name != "window")


def _coreset_search_curves(search):
    """One curve per setting of the other parameters of a CoresetSearch over ``window``."""
    params = search.cv_results_["params"]
    if not all("window" in p for p in params):
        raise ValueError(
            "plot_window_search needs a CoresetSearch whose param_grid sets 'window' in every "
            f"candidate; got candidates such as {params[0]}."
        )
    words = sorted({repr(p["window"]) for p in params if isinstance(p["window"], str)})
    if words:
        raise ValueError(
            f"plot_window_search places each candidate at its window on the k axis; window={', '.join(words)} "
            "has no place there. Search numeric windows, or read each candidate's score in cv_results_."
        )
    curves = {}
    for candidate, value in zip(params, search.cv_results_["score"]):
        curves.setdefault(_other_params(candidate), []).append((float(candidate["window"]), float(value)))
    label = f"{search.scoring} score" if isinstance(search.scoring, str) else "evaluate(coreset)"
    best = search.best_params_
    others = _other_params(best)
    chosen = float(best["window"])
    return ([(name or label, *map(np.array, zip(*sorted(points)))) for name, points in curves.items()],
            chosen, label, f"chosen k = {chosen:.3g}" + (f", {others}" if others else ""))


def _search_curves(search):
    """([(curve label, grid, values)], chosen k, y label, its legend) of a search ``plot_window_search`` takes."""
    if hasattr(search, "window_search_"):
        if search.window_search_ is None:
            raise ValueError(
                "This selector ran no window search: fit it with window='auto' and "
                "features=... to get one."
            )
        search = search.window_search_
    if hasattr(search, "grid_scores_"):
        label = f"ridge {getattr(search, 'scoring', 'score')}".replace("_", " ")
        return [(label, search.grid_, search.grid_scores_)], search.window_, label, f"chosen k = {search.window_:.3g}"
    if hasattr(search, "values") and hasattr(search, "best_window"):
        return ([("evaluate(coreset)", search.grid, search.values)], search.best_window, "evaluate(coreset)",
                f"chosen k = {search.best_window:.3g}")
    if hasattr(search, "cv_results_") and hasattr(search, "best_params_"):
        return _coreset_search_curves(search)
    raise TypeError(
        "plot_window_search takes a fitted NUCSSelector, RidgeWindowPredictor or CoresetSearch, "
        f"or a WindowSearchResult, got {type(search).__name__}."
    )


def plot_window_search(search, ax=None):
    """Score of each window endpoint ``k`` tried, and the one chosen.

    Parameters
    ----------
    search : NUCSSelector, RidgeWindowPredictor, CoresetSearch or WindowSearchResult
        A selector fitted with ``window="auto"`` and features (its
        ``window_search_``), a fitted
        :class:`~sknucs.RidgeWindowPredictor` (``grid_``, ``grid_scores_``,
        ``window_``), a fitted :class:`~sknucs.CoresetSearch` whose grid
        sets ``window`` (one curve per setting of its other parameters, e.g.
        one per ``sampling``), or the result of
        :func:`~sknucs.oracle_window_search` (``grid``, ``values``,
        ``best_window``).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The curve(s) of score against ``k`` with a dotted line at the chosen
        ``k``.

    Raises
    ------
    ValueError
        If a selector ran no search, or a CoresetSearch's grid does not set
        ``window``.
    TypeError
        If ``search`` is none of the above.
    """
    curves, chosen, label, chosen_label = _search_curves(search)
    ax = _axes(ax)
    for name, grid, values in curves:
        ax.plot(grid, values, marker="o", label=name)
    ax.axvline(chosen, color="0.4", linestyle=":", label=chosen_label)
    ax.set_xlabel("window endpoint k (0 = easiest, 1 = hardest)")
    ax.set_ylabel(label)
    ax.legend()
    return ax


def plot_windows(selector, scores, y, ax=None):
    """Where each class's kept samples sit in its own difficulty order.

    One row per class: the class's samples sorted easy to hard span 0 to
    1, and a bar covers every run of consecutive kept ranks. The paper's
    window is one bar ending at ``k`` in every class; with
    ``window_scale="global"`` the bars move right in easy classes and left
    in hard ones; ``sampling="stratified"`` or ``"coverage"`` break them
    into many.

    Parameters
    ----------
    selector : fitted selector
        Any selector with ``support_`` and ``classes_``, fitted on
        ``scores`` and ``y``; a fitted :class:`~sknucs.CoresetSearch`
        draws its best coreset, read in its best selector's direction.
    scores : array-like of shape (n_samples,) or (n_samples, n_runs)
        The scores it was fitted on, as it was fitted (higher = harder, or
        higher = easier for a selector with ``higher_is_harder=False``);
        several columns are averaged. Rank ties inside a class are ordered by row, so the bars
        can differ from the selector's own random tie-breaking where scores
        are equal.
    y : array-like of shape (n_samples,)
        The labels it was fitted on.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        One ``broken_barh`` collection per class, in ``classes_`` order.

    Raises
    ------
    ValueError
        If ``scores``, ``y`` and the selector's support differ in length.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from sknucs import NUCSSelector
    >>> from sknucs.plotting import plot_windows
    >>> y = np.repeat([0, 1], 100)
    >>> scores = np.random.default_rng(0).random(200) * np.repeat([0.2, 1.0], 100)
    >>> selector = NUCSSelector(rate=0.8, window=0.9, random_state=0).fit(scores, y)
    >>> ax = plot_windows(selector, scores, y)
    >>> len(ax.collections)
    2
    """
    check_is_fitted(selector, "support_")
    y = check_labels(y)
    support = np.asarray(selector.support_)
    if y.shape[0] != support.shape[0]:
        raise ValueError(
            f"y ({y.shape[0]}) and the selector's support ({support.shape[0]}) must "
            "describe the same samples."
        )
    scores, _ = check_scores(scores, y)
    # AUM, confidence: the selector's own direction; a CoresetSearch's is the selector it searched
    reader = getattr(selector, "best_estimator_", selector)
    if not getattr(reader, "higher_is_harder", True):
        scores = -scores
    ax = _axes(ax)
    classes, codes = encode_labels(y)
    order = np.lexsort((scores, codes))  # ties by row
    kept_sorted = support[order]
    starts = group_starts(np.bincount(codes, minlength=classes.size))
    for j in range(classes.size):
        kept = kept_sorted[starts[j]:starts[j + 1]]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], kept.astype(np.int8), [0]))))
        runs = [(lo / kept.size, (hi - lo) / kept.size) for lo, hi in zip(edges[::2], edges[1::2])]
        ax.broken_barh(runs, (j - 0.3, 0.6), color="C0")
    ax.set_yticks(np.arange(classes.size))
    ax.set_yticklabels([str(c) for c in classes])
    ax.set_ylim(-0.6, classes.size - 0.4)
    ax.set_xlim(0, 1)
    ax.set_xlabel("rank inside the class, easy (0) to hard (1)")
    ax.set_ylabel("class")
    ax.set_title(f"{int(support.sum())} of {support.size} samples kept")
    return ax
