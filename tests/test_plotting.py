"""Plots, headless (Agg): each returns the axes it drew on, with the data."""

from types import SimpleNamespace

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from sknucs import PAPER_SETTINGS, NUCSSelector, allocate_budgets  # noqa: E402
from sknucs.plotting import (  # noqa: E402
    plot_budgets,
    plot_class_score_distributions,
    plot_window_search,
    plot_windows,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    y = np.repeat(["shirt", "trouser", "bag"], [120, 80, 40])
    scores = rng.random(y.size) * np.repeat([1.0, 0.1, 0.5], [120, 80, 40])
    return scores, y


def bar_heights(ax, label):
    container = next(c for c in ax.containers if c.get_label() == label)
    return [int(round(bar.get_height())) for bar in container]


def test_plot_budgets_draws_both_splits(data):
    scores, y = data
    selector = NUCSSelector(rate=0.7, window=0.9).fit(scores, y)
    ax = plot_budgets(selector)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["bag", "shirt", "trouser"]
    assert bar_heights(ax, "NUCSSelector") == selector.selected_per_class_.tolist()
    proportional = allocate_budgets(selector.class_counts_, None, selector.n_selected_,
                                    allocation="proportional")
    assert bar_heights(ax, "proportional to class size") == proportional.tolist()
    assert sum(bar_heights(ax, "NUCSSelector")) == selector.n_selected_ == 72
    # The hard class gets more than its proportional share, the easy one less.
    nucs = dict(zip(selector.classes_, selector.selected_per_class_))
    prop = dict(zip(selector.classes_, proportional))
    assert nucs["shirt"] > prop["shirt"] and nucs["trouser"] < prop["trouser"]


def test_plot_budgets_uses_the_given_axes_and_needs_a_fitted_selector(data):
    from sklearn.exceptions import NotFittedError

    scores, y = data
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_budgets(NUCSSelector(rate=0.5).fit(scores, y), ax=right) is right
    assert not left.containers
    with pytest.raises(NotFittedError):
        plot_budgets(NUCSSelector())


def test_class_score_distributions(data):
    scores, y = data
    ax = plot_class_score_distributions(np.c_[scores, scores], y, classes=["trouser", "shirt"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all classes", "trouser", "shirt"]
    patches = ax.patches
    # 40 filled bars for the global histogram, then one outline per class.
    assert len(patches) == 40 + 2
    heights = np.array([p.get_height() for p in patches[:40]])
    width = patches[0].get_width()
    assert np.isclose((heights * width).sum(), 1.0)
    one = plot_class_score_distributions(scores, y, classes="trouser")  # one class, not its letters
    assert [t.get_text() for t in one.get_legend().get_texts()] == ["all classes", "trouser"]
    trouser_outline = patches[40].get_xy()
    assert trouser_outline[:, 0].max() <= scores.max() + 1e-12
    # The easy class's mass sits at low scores.
    top = trouser_outline[:, 1]
    assert trouser_outline[np.argmax(top), 0] < 0.2


def test_class_score_distributions_of_one_numeric_class():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 3, 7], 50)
    scores = rng.random(y.size)
    for one in (3, np.int64(3)):
        ax = plot_class_score_distributions(scores, y, classes=one)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all classes", "3"]


def test_class_score_distributions_errors(data):
    scores, y = data
    with pytest.raises(ValueError, match="do not occur"):
        plot_class_score_distributions(scores, y, classes=["sandal"])
    with pytest.raises(ValueError, match="scores has 239 rows but y has 240 labels"):
        plot_class_score_distributions(scores[:-1], y)


def test_window_search_from_a_duck_typed_predictor():
    search = SimpleNamespace(grid_=np.array([0.5, 0.7, 0.9]),
                             grid_scores_=np.array([0.6, 0.8, 0.7]), window_=0.7,
                             scoring="balanced_accuracy")
    ax = plot_window_search(search)
    line = ax.get_lines()[0]
    assert np.array_equal(line.get_xdata(), search.grid_)
    assert np.array_equal(line.get_ydata(), search.grid_scores_)
    assert ax.get_lines()[1].get_xdata()[0] == 0.7
    assert ax.get_ylabel() == "ridge balanced accuracy"
    oracle = SimpleNamespace(grid=np.array([0.1, 0.2]), values=np.array([1.0, 2.0]),
                             best_window=0.2)
    assert plot_window_search(oracle).get_lines()[1].get_xdata()[0] == 0.2
    with pytest.raises(TypeError, match="RidgeWindowPredictor"):
        plot_window_search(object())


def test_window_search_of_a_fitted_selector():
    rng = np.random.default_rng(1)
    y = np.repeat([0, 1, 2], 60)
    features = rng.normal(size=(y.size, 5)) + y[:, None]
    scores = rng.random(y.size)
    selector = NUCSSelector(rate=0.6, window="auto", random_state=0).fit(
        scores, y, features=features)
    ax = plot_window_search(selector)
    assert np.array_equal(ax.get_lines()[0].get_xdata(), selector.window_search_.grid_)
    assert ax.get_lines()[1].get_xdata()[0] == selector.window_search_.window_  # the k the search chose
    with pytest.raises(ValueError, match="no window search"):
        plot_window_search(NUCSSelector(rate=0.6, window=0.9).fit(scores, y))


def test_window_search_of_a_coreset_search_draws_one_curve_per_other_setting():
    from sknucs import CoresetSearch

    rng = np.random.default_rng(2)
    y = np.repeat([0, 1, 2], 80)
    features = rng.normal(size=(y.size, 5)) + y[:, None]
    scores = rng.random(y.size)
    grid = {"window": [0.6, 0.8, 1.0], "sampling": ["window", "coverage"]}
    search = CoresetSearch(NUCSSelector(rate=0.6, random_state=0), grid, random_state=0)
    search.fit(scores, y, features=features)
    ax = plot_window_search(search)
    lines = {line.get_label(): line for line in ax.get_lines()}
    for sampling in ("window", "coverage"):
        line = lines[f"sampling={sampling!r}"]
        assert np.array_equal(line.get_xdata(), [0.6, 0.8, 1.0])
        by_window = {params["window"]: score for params, score in
                     zip(search.cv_results_["params"], search.cv_results_["score"])
                     if params["sampling"] == sampling}
        assert np.allclose(line.get_ydata(), [by_window[k] for k in (0.6, 0.8, 1.0)])
    best = search.best_params_
    chosen = lines[f"chosen k = {best['window']:.3g}, sampling={best['sampling']!r}"]
    assert chosen.get_xdata()[0] == best["window"]
    assert ax.get_ylabel() == "ridge score"
    searched = CoresetSearch(NUCSSelector(rate=0.6, random_state=0), {"window": ["auto", 0.8]}, random_state=0)
    with pytest.raises(ValueError, match="window='auto' has no place there"):  # was float('auto')
        plot_window_search(searched.fit(scores, y, features=features))
    no_window = CoresetSearch(NUCSSelector(rate=0.6, window=0.9), {"sampling": ["window", "coverage"]})
    with pytest.raises(ValueError, match="sets 'window'"):
        plot_window_search(no_window.fit(scores, y, features=features))


def test_a_clear_error_without_matplotlib(run_python):
    code = (
        "import sys; sys.modules['matplotlib'] = None; sys.modules['matplotlib.pyplot'] = None\n"
        "import numpy as np, sknucs, sknucs.plotting as p\n"
        "s = sknucs.NUCSSelector(rate=0.5, window=0.9).fit(np.ones(4), [0, 0, 1, 1])\n"
        "try:\n    p.plot_budgets(s)\n"
        "except ImportError as e:\n    assert \"sknucs[plot]\" in str(e), e\n"
        "else:\n    raise SystemExit('no ImportError')\n"
    )
    run_python("-c", code)


def _bars(ax):
    """(start, width) runs of each class row, from the broken_barh collections."""
    return [sorted((round(p.vertices[:, 0].min(), 6), round(np.ptp(p.vertices[:, 0]), 6))
                   for p in collection.get_paths())
            for collection in ax.collections]


def test_plot_windows_draws_one_band_per_class_for_the_paper_window():
    y = np.repeat(["a", "b"], [100, 50])
    scores = np.concatenate([np.arange(100.0), 200 + np.arange(50.0)])
    paper = {**PAPER_SETTINGS, "allocation": "proportional"}
    sel = NUCSSelector(rate=0.8, **{**paper, "window": 0.6}, random_state=0).fit(scores, y)
    ax = plot_windows(sel, scores, y)
    assert _bars(ax) == [[(0.4, 0.2)], [(0.4, 0.2)]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]


def test_plot_windows_reads_scores_in_the_selectors_direction():
    # AUM-like scores, higher = easier: the window of the easiest 30% is drawn at ranks 0.1-0.3, not 0.7-0.9
    y = np.repeat([0, 1], 100)
    aum = np.random.default_rng(0).normal(size=200)
    paper = {**PAPER_SETTINGS, "allocation": "proportional", "window": 0.3}
    sel = NUCSSelector(rate=0.8, **paper, higher_is_harder=False, random_state=0).fit(aum, y)
    assert _bars(plot_windows(sel, aum, y)) == [[(0.1, 0.2)], [(0.1, 0.2)]]


def test_plot_windows_of_a_coreset_search_reads_scores_in_its_selectors_direction():
    from sknucs import CoresetSearch

    y = np.repeat([0, 1], 100)
    aum = np.random.default_rng(0).normal(size=200)
    paper = {**PAPER_SETTINGS, "allocation": "proportional"}
    selector = NUCSSelector(rate=0.8, **paper, higher_is_harder=False, random_state=0)
    search = CoresetSearch(selector, {"window": [0.3]}, scoring=lambda rows: 1.0).fit(aum, y)
    assert _bars(plot_windows(search, aum, y)) == [[(0.1, 0.2)], [(0.1, 0.2)]]


def test_plot_windows_shows_the_global_scale_and_the_spread():
    y = np.repeat([0, 1], 100)
    scores = np.concatenate([np.arange(100.0), 100 + np.arange(100.0)])
    settings = {**PAPER_SETTINGS, "allocation": "proportional", "window": 0.5, "window_scale": "global"}
    wide = NUCSSelector(rate=0.8, **settings, random_state=0).fit(scores, y)
    assert _bars(plot_windows(wide, scores, y)) == [[(0.8, 0.2)], [(0.0, 0.2)]]
    spread = NUCSSelector(rate=0.8, window=0.9, sampling="stratified", window_scale="class",
                          random_state=0).fit(scores, y)
    assert all(len(row) > 1 for row in _bars(plot_windows(spread, scores, y)))


def test_plot_windows_errors(data):
    from sklearn.exceptions import NotFittedError

    scores, y = data
    with pytest.raises(NotFittedError):
        plot_windows(NUCSSelector(), scores, y)
    sel = NUCSSelector(rate=0.5, window=0.9).fit(scores, y)
    with pytest.raises(ValueError, match="same samples"):
        plot_windows(sel, scores[:-1], y[:-1])
