"""Window choice: the ridge search (NUCS), the oracle search (NUCS-O), BWS."""

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.linear_model import RidgeClassifierCV

from sknucs import (
    PAPER_SETTINGS,
    default_window,
    NUCSSelector,
    RidgeWindowPredictor,
    WindowSearchResult,
    oracle_window_search,
)
from sknucs._grid import DEFAULT_WINDOW_GRID, check_window_grid
from sknucs._ridge import ridge_classifier_loo
from sknucs._proxies import metric_score as _score
from sknucs._ridge_window import _per_class_ascent
from sknucs._sorting import sort_by_class_and_score
from sknucs._window import WindowPlan

from _selectors import Paper, band_data


GRID = np.round(np.arange(1, 11) / 10, 1)


def proportional_budgets(y, keep):
    return np.round(np.bincount(y) * keep).astype(int)


# --- the ridge classifier itself ---------------------------------------------

@pytest.mark.parametrize("n_samples, n_features, n_classes",
                         [(400, 12, 3), (300, 30, 2), (40, 60, 4), (600, 8, 20), (400, 30, 50)])
def test_closed_form_ridge_matches_ridge_classifier_cv(n_samples, n_features, n_classes):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n_samples, n_features)) + 0.3
    y = rng.integers(0, n_classes, n_samples)
    X[np.arange(n_samples), y % n_features] += 1.0
    alphas = np.array([0.1, 1.0, 10.0, 100.0])
    coef, intercept, alpha, loo_errors = ridge_classifier_loo(X, y, n_classes, alphas)
    reference = RidgeClassifierCV(alphas=alphas, store_cv_results=True).fit(X, y)
    assert alpha == reference.alpha_
    reference_coef = reference.coef_.T if n_classes > 2 else reference.coef_.reshape(-1, 1) * [-1, 1]
    assert_allclose(coef, reference_coef, atol=1e-10)
    assert_array_equal(np.argmax(X @ coef + intercept, axis=1), reference.predict(X))
    # sklearn keeps one target column for two classes; the errors are the same.
    assert_allclose(loo_errors, reference.cv_results_.mean(axis=(0, 1)), rtol=1e-8)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_closed_form_ridge_on_wide_rows_matches_the_gram_matrix_path(dtype):
    # Fewer rows than features, some rows repeated (a kernel matrix with
    # zero eigenvalues beside the centring's): the axes from the kernel
    # matrix give the fit and the leave-one-out errors of the d x d path.
    from sknucs import _ridge

    rng = np.random.default_rng(3)
    y = rng.integers(0, 3, 30)
    X = rng.normal(size=(30, 200))
    X[np.arange(30), y] += 2.0
    X, y = np.vstack([X, X[:6]]).astype(dtype), np.r_[y, y[:6]]
    alphas = np.array([0.1, 1.0, 10.0])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ridge, "_principal_axes", _ridge.gram_axes)
        expected = ridge_classifier_loo(X, y, 3, alphas)
    got = ridge_classifier_loo(X, y, 3, alphas)
    tolerance = 1e-8 if dtype == np.float64 else 1e-3
    for value, reference in zip(got, expected):
        assert_allclose(value, reference, rtol=tolerance, atol=tolerance)
    values, axes = _ridge.kernel_axes(X - X.mean(axis=0))
    assert axes.shape == (200, 36)
    assert np.count_nonzero(np.linalg.norm(axes, axis=0)) == 29  # 30 distinct rows span 29 after centring


def test_closed_form_ridge_with_more_classes_than_features_and_some_absent_matches_the_classes_present():
    # More classes than features, some absent: an absent class has a zero column and an intercept
    # of -1, and adds no leave-one-out error (its centred targets are 0).
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 6))
    y = rng.choice([0, 2, 3, 5, 7, 8, 9, 11], 300)            # 8 of 12 classes present
    X[:, :3] += 0.5 * rng.normal(size=(12, 3))[y]
    alphas = np.array([0.1, 1.0, 10.0])
    coef, intercept, alpha, loo_errors = ridge_classifier_loo(X, y, 12, alphas)
    present = np.unique(y)
    reference = RidgeClassifierCV(alphas=alphas, store_cv_results=True).fit(X, y)
    assert alpha == reference.alpha_
    assert_allclose(coef[:, present], reference.coef_.T, atol=1e-10)
    absent = np.setdiff1d(np.arange(12), present)
    assert_allclose(coef[:, absent], 0.0, atol=1e-12)
    assert_allclose(intercept[absent], -1.0)
    # sklearn averages over the 8 present classes; the absent ones add zero error here
    assert_allclose(loo_errors * 12 / 8, reference.cv_results_.mean(axis=(0, 1)), rtol=1e-8)


def test_closed_form_ridge_never_predicts_an_absent_class():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(50, 4))
    y = rng.integers(0, 2, 50)                       # classes 0 and 1 of 4
    coef, intercept, _, _ = ridge_classifier_loo(X, y, 4, np.array([1.0]))
    predicted = np.argmax(rng.normal(size=(500, 4)) @ coef + intercept, axis=1)
    assert set(predicted) <= {0, 1}


def test_score_accuracy_and_balanced_accuracy():
    true = np.array([0, 0, 0, 0, 1, 1])
    predicted = np.array([0, 0, 0, 0, 0, 1])
    assert _score(predicted, true, 3, "accuracy") == pytest.approx(5 / 6)
    assert _score(predicted, true, 3, "balanced_accuracy") == pytest.approx(0.75)


# --- the predictor finds the window that is best by construction -------------

@pytest.mark.parametrize("band_end", [0.3, 0.7, 1.0])
def test_predictor_finds_the_informative_band(band_end):
    features, y, scores = band_data(band_end)
    search = RidgeWindowPredictor().fit(features, y, scores, proportional_budgets(y, 0.1))
    assert search.window_ == band_end
    assert_array_equal(search.grid_, GRID)
    assert search.grid_scores_.shape == search.grid_alphas_.shape == (10,)
    assert search.best_score_ == search.grid_scores_.max()
    # The winner trained on the signal; every other window on noise.
    others = np.delete(search.grid_scores_, np.flatnonzero(search.grid_ == band_end))
    assert search.best_score_ > others.max() + 0.02


def test_predictor_with_held_out_part_finds_the_band():
    features, y, scores = band_data(0.4, n_per_class=400)
    search = RidgeWindowPredictor(eval_size=0.3, random_state=0)
    search.fit(features, y, scores, proportional_budgets(y, 0.1))
    assert search.window_ == 0.4
    # Scores are accuracies on the 1200 held-out rows.
    assert np.all(np.isclose(search.grid_scores_ * 1200, np.round(search.grid_scores_ * 1200)))


def test_balanced_accuracy_search_finds_the_band():
    features, y, scores = band_data(0.6)
    search = RidgeWindowPredictor(scoring="balanced_accuracy")
    assert search.fit(features, y, scores, proportional_budgets(y, 0.1)).window_ == 0.6


def test_equal_windows_are_scored_once_and_share_the_score():
    # At rate 0.5 with proportional budgets every k <= 0.5 gives the window [0, 0.5).
    features, y, scores = band_data(0.7)
    search = RidgeWindowPredictor().fit(features, y, scores, proportional_budgets(y, 0.5))
    low = search.grid_ <= 0.5
    assert np.all(search.grid_scores_[low] == search.grid_scores_[low][0])
    assert search.window_ >= 0.7                   # the windows that hold the band


# --- NUCSSelector(window="auto") and Best Window Selection ------------

def test_selector_auto_window_uses_the_ridge_search():
    features, y, scores = band_data(0.7)
    selector = Paper(rate=0.9, window="auto", random_state=0).fit(scores, y, features=features)
    assert selector.window_ == 0.7
    assert isinstance(selector.window_search_, RidgeWindowPredictor)
    assert selector.window_search_.window_ == selector.window_
    # The same search run standalone on the selector's budgets agrees score for score.
    standalone = RidgeWindowPredictor().fit(features, y, scores, selector.budgets_)
    assert_array_equal(standalone.grid_scores_, selector.window_search_.grid_scores_)
    fixed = Paper(rate=0.9, window=0.7, random_state=0).fit(scores, y)
    assert_array_equal(selector.support_, fixed.support_)


def test_best_window_selection_is_the_agnostic_allocation():
    features, y, scores = band_data(0.7)
    bws = Paper(rate=0.9, allocation="agnostic", window="auto", random_state=0)
    bws.fit(scores, y, features=features)
    assert bws.window_ == 0.7
    standalone = RidgeWindowPredictor().fit(features, y, scores, budgets=bws.n_selected_)
    assert_array_equal(standalone.grid_scores_, bws.window_search_.grid_scores_)


def test_search_serves_the_stratified_sampling_plan():
    features, y, scores = band_data(0.7)
    selector = Paper(rate=0.8, sampling="stratified", random_state=0)
    selector.fit(scores, y, features=features)
    assert selector.window_search_.window_ == selector.window_
    fixed = clone(selector).set_params(window=selector.window_).fit(scores, y)
    assert_array_equal(selector.support_, fixed.support_)
    # Only the cut-offs at or above the band keep some of it.
    assert selector.window_ >= 0.7
    below = selector.window_search_.grid_ < 0.7
    assert selector.window_search_.best_score_ > selector.window_search_.grid_scores_[below].max() + 0.02


def test_selector_uses_a_clone_of_its_window_search():
    features, y, scores = band_data(0.7)
    search = RidgeWindowPredictor(grid=[0.5, 0.7, 0.9])
    selector = Paper(rate=0.9, window_search=search, random_state=0)
    selector.fit(scores, y, features=features)
    assert_array_equal(selector.window_search_.grid_, [0.5, 0.7, 0.9])
    assert selector.window_search_ is not search
    assert not hasattr(search, "grid_")
    assert selector.get_params()["window_search__grid"] == [0.5, 0.7, 0.9]


def test_selector_without_search():
    features, y, scores = band_data(0.7)
    no_features = Paper(rate=0.9, window="auto").fit(scores, y)
    assert no_features.window_ == default_window(no_features.rate) and no_features.window_search_ is None
    fixed = Paper(rate=0.9, window=0.3).fit(scores, y, features=features)
    assert fixed.window_ == 0.3 and fixed.window_search_ is None
    # Coverage's cut-off without features: 1 up to 60% pruning, 0.95 from 70% on (round fourteen);
    # a cap the user sets is the cut-off; no cap, the paper's rule.
    for rate, cut_off in ((0.5, 1.0), (0.6, 1.0), (0.65, 0.975), (0.7, 0.95), (0.8, 0.95), (0.9, 0.95)):
        default = NUCSSelector(rate=rate).fit(scores, y)
        assert default.window_ == pytest.approx(cut_off) and default.window_search_ is None
    assert NUCSSelector(rate=0.9, window_cap=0.85).fit(scores, y).window_ == 0.85
    assert NUCSSelector(rate=0.9, window_cap=None).fit(scores, y).window_ == default_window(0.9) == 0.8
    stratified = NUCSSelector(rate=0.9, sampling="stratified").fit(scores, y)  # not measured: the paper's rule
    assert stratified.window_ == default_window(0.9)


def test_selector_validates_its_window_search_parameters():
    # The selector's fit skips nested validation; the search must not be run unchecked.
    features, y, scores = band_data(0.7)
    selector = Paper(rate=0.9, window_search=RidgeWindowPredictor(scoring="f1"))
    with pytest.raises(ValueError, match="'scoring' parameter of RidgeWindowPredictor"):
        selector.fit(scores, y, features=features)


def test_selector_rejects_a_window_search_without_fit_plan():
    features, y, scores = band_data(0.7)
    with pytest.raises(ValueError, match="window_search"):
        Paper(window_search="ridge").fit(scores, y, features=features)


# --- reproducibility and input handling --------------------------------------

def test_scores_are_reproducible():
    features, y, scores = band_data(0.5, seed=3)
    budgets = proportional_budgets(y, 0.2)
    first = RidgeWindowPredictor(eval_size=0.25, random_state=7).fit(features, y, scores, budgets)
    second = clone(first).fit(features, y, scores, budgets)
    assert_array_equal(first.grid_scores_, second.grid_scores_)
    assert_array_equal(first.grid_alphas_, second.grid_alphas_)
    other_split = clone(first).set_params(random_state=8).fit(features, y, scores, budgets)
    assert not np.array_equal(first.grid_scores_, other_split.grid_scores_)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int8])
def test_features_of_any_numeric_dtype(dtype):
    features, y, scores = band_data(0.7)
    if np.dtype(dtype).kind == "i":
        features = np.round(features * 10)
    search = RidgeWindowPredictor().fit(features.astype(dtype), y, scores, proportional_budgets(y, 0.1))
    assert search.window_ == 0.7
    reference = RidgeWindowPredictor().fit(features, y, scores, proportional_budgets(y, 0.1))
    assert_allclose(search.grid_scores_, reference.grid_scores_, atol=2 / y.size)


def test_constant_columns_change_nothing():
    features, y, scores = band_data(0.7)
    padded = np.column_stack([np.zeros(y.size), features, np.full(y.size, 1e6)])
    budgets = proportional_budgets(y, 0.1)
    reference = RidgeWindowPredictor().fit(features, y, scores, budgets)
    for standardize in (True, False):
        search = RidgeWindowPredictor(standardize=standardize).fit(padded, y, scores, budgets)
        assert search.n_features_in_ == features.shape[1] + 2
        assert search.window_ == 0.7
        if standardize:
            assert_array_equal(search.grid_scores_, reference.grid_scores_)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    scale=st.floats(0.01, 100.0),
    shift=st.floats(-100.0, 100.0),
)
def test_standardized_search_ignores_column_scale_and_shift(seed, scale, shift):
    features, y, scores = band_data(0.5, n_per_class=150, n_classes=3, n_features=4, seed=seed)
    budgets = proportional_budgets(y, 0.2)
    scales = scale * np.array([1.0, 3.0, 0.5, 2.0])
    moved = RidgeWindowPredictor().fit(features * scales + shift, y, scores, budgets)
    reference = RidgeWindowPredictor().fit(features, y, scores, budgets)
    assert moved.window_ in moved.grid_
    assert_allclose(moved.grid_scores_, reference.grid_scores_, atol=2.5 / y.size)


def test_labels_of_any_type_and_two_dimensional_scores():
    features, y, scores = band_data(0.7)
    names = np.char.add("class ", y.astype(str))
    search = RidgeWindowPredictor().fit(
        features, names, np.column_stack([scores, scores]), proportional_budgets(y, 0.1)
    )
    assert search.window_ == 0.7


# --- errors -------------------------------------------------------------------

@pytest.fixture
def data():
    features, y, scores = band_data(0.7, n_per_class=50, n_classes=3, n_features=4)
    return features, y, scores, proportional_budgets(y, 0.2)


@pytest.mark.parametrize("shape, hint", [((150,), "reshape"), ((150, 2, 2), "3 dimension")])
def test_features_that_are_not_a_matrix_are_one_short_error(data, shape, hint):
    _, y, scores, budgets = data
    with pytest.raises(ValueError, match=r"features must be a 2-D array") as info:
        NUCSSelector(0.7).fit(scores, y, features=np.zeros(shape))
    assert hint in str(info.value) and len(str(info.value)) < 200  # not sklearn's dump of the values


def test_mismatched_lengths_are_errors(data):
    features, y, scores, budgets = data
    with pytest.raises(ValueError, match="features has 149 rows but scores and y have 150"):
        RidgeWindowPredictor().fit(features[:-1], y, scores, budgets)
    with pytest.raises(ValueError, match="scores has 149 rows but y has 150 labels"):
        RidgeWindowPredictor().fit(features, y, scores[:-1], budgets)
    # the selectors' one check of scores: non-finite scores are named with their row
    bad = scores.copy()
    bad[7] = np.nan
    with pytest.raises(ValueError, match="scores.*row 7"):
        RidgeWindowPredictor().fit(features, y, bad, budgets)
    with pytest.raises(ValueError, match="features has 149 rows"):
        Paper(window="auto").fit(scores, y, features=features[:-1])


def test_nan_features_are_an_error(data):
    features, y, scores, budgets = data
    features[3, 2] = np.nan
    with pytest.raises(ValueError, match="features must be finite, but row 3, column 2 is nan"):
        RidgeWindowPredictor().fit(features, y, scores, budgets)
    with pytest.raises(ValueError, match="features must be finite, but row 3, column 2 is nan"):
        Paper(window="auto").fit(scores, y, features=features)


@pytest.mark.parametrize(
    "grid, message",
    [([], "empty"), ([0.5, 1.2], r"\[0, 1\]; the grid has \[1.2\]"),
     ([-0.1], r"\[0, 1\]"), ([np.nan], r"\[0, 1\]"), ([[0.5]], "one-dimensional"),
     (["a"], "numbers")],
)
def test_bad_grids_are_errors(data, grid, message):
    features, y, scores, budgets = data
    with pytest.raises(ValueError, match=message):
        RidgeWindowPredictor(grid=grid).fit(features, y, scores, budgets)
    with pytest.raises(ValueError, match=message):
        oracle_window_search(Paper(), scores, y, len, grid=grid)


def test_grid_is_sorted_and_deduplicated():
    assert_array_equal(check_window_grid([0.9, 0.5, 0.9, 1]), [0.5, 0.9, 1.0])
    assert_array_equal(check_window_grid(None), DEFAULT_WINDOW_GRID)
    assert_array_equal(check_window_grid(0.5), [0.5])


@pytest.mark.parametrize("alphas", [[], [0.0, 1.0], [-1.0], [np.inf]])
def test_bad_alphas_are_errors(data, alphas):
    features, y, scores, budgets = data
    with pytest.raises(ValueError, match="alphas must be positive"):
        RidgeWindowPredictor(alphas=alphas).fit(features, y, scores, budgets)


@pytest.mark.parametrize(
    "budgets, message",
    [([10, 10], "one budget per class"), ([10, 10, 51], r"\[0, N_j\]"), ([0, 0, 0], "at least one"),
     (151, r"\[1, 150\]"), (0, r"\[1, 150\]"), ([1.5, 2, 2], "integers")],
)
def test_bad_budgets_are_errors(data, budgets, message):
    features, y, scores, _ = data
    with pytest.raises(ValueError, match=message):
        RidgeWindowPredictor().fit(features, y, scores, budgets)


@pytest.mark.parametrize("eval_size", [150, 0.9999])
def test_eval_size_must_leave_training_rows(data, eval_size):
    features, y, scores, budgets = data
    with pytest.raises(ValueError, match="eval_size"):
        RidgeWindowPredictor(eval_size=eval_size).fit(features, y, scores, budgets)


def test_windows_left_without_training_rows():
    # One sample kept out of ten; held out 9: the window's only row may be held out.
    rng = np.random.default_rng(0)
    features, y, scores = rng.normal(size=(10, 2)), np.arange(10) % 2, rng.random(10)
    window_row = {k: np.argsort(scores)[int(np.floor(k * 10 + 0.5)) - 1] for k in (0.3, 0.7)}
    seeds = [s for s in range(100) if np.random.RandomState(s).permutation(10)[9] == window_row[0.7]]
    search = RidgeWindowPredictor(grid=[0.3, 0.7], eval_size=9, random_state=seeds[0])
    search.fit(features, y, scores, budgets=1)
    assert np.isnan(search.grid_scores_[0]) and np.isnan(search.grid_alphas_[0])
    assert search.window_ == 0.7
    with pytest.raises(ValueError, match="Every window lost all its training rows"):
        search.set_params(grid=[0.3]).fit(features, y, scores, budgets=1)


def test_bad_parameters_are_errors(data):
    features, y, scores, budgets = data
    with pytest.raises(ValueError, match="scoring"):
        RidgeWindowPredictor(scoring="f1").fit(features, y, scores, budgets)
    with pytest.raises(ValueError, match="eval_size"):
        RidgeWindowPredictor(eval_size=1.5).fit(features, y, scores, budgets)


# --- one endpoint per class ----------------------------------------------------

def test_per_class_ascent_reaches_a_separable_optimum_and_stops():
    target = np.array([0.3, 1.0, 0.7, 0.5])
    calls = []

    def score(windows):
        calls.append(np.array(windows, dtype=float))
        return -float(np.sum((np.asarray(windows) - target) ** 2)), 1.0

    start = np.full(4, 0.7)
    windows, best = _per_class_ascent(score, GRID, start.copy(), score(start)[0])
    assert_allclose(windows, target)
    assert best == pytest.approx(0.0)
    # an improving pass, then one that changes nothing and stops: 2 x 4 classes x 10 endpoints at most
    assert 1 + 4 * 9 < len(calls) <= 1 + 2 * 4 * 10


def test_per_class_ascent_never_lowers_the_score_and_keeps_ties_at_the_start():
    def score(windows):  # classes interact: only the mean endpoint matters
        return -abs(float(np.mean(windows)) - 0.55), 1.0

    start = np.full(3, 0.5)
    windows, best = _per_class_ascent(score, GRID, start.copy(), score(start)[0])
    assert best >= score(start)[0] and best == score(windows)[0]
    flat = lambda w: (0.0, 1.0)  # noqa: E731 - nothing is better than the start
    assert_array_equal(_per_class_ascent(flat, GRID, start.copy(), 0.0)[0], start)


def test_per_class_search_keeps_the_grid_search_and_cuts_its_own_windows():
    features, y, scores = band_data(0.7, n_classes=4)
    shared = RidgeWindowPredictor(grid=GRID).fit(features, y, scores, budgets=[20] * 4)
    assert_array_equal(shared.class_windows_, np.full(4, shared.window_))
    search = RidgeWindowPredictor(grid=GRID, per_class=True).fit(features, y, scores, budgets=[20] * 4)
    assert search.window_ == shared.window_
    assert_array_equal(search.grid_scores_, shared.grid_scores_)
    assert search.best_score_ >= shared.best_score_
    assert np.isin(search.class_windows_, GRID).all()

    selector = Paper(rate=0.9, allocation="proportional", random_state=0,
                            window_search=RidgeWindowPredictor(grid=GRID, per_class=True))
    selector.fit(scores, y, features=features)
    windows = selector.window_search_.class_windows_
    order, starts, _ = sort_by_class_and_score(y, scores, 4, np.random.RandomState(0))
    assert_array_equal(selector.get_support(), WindowPlan(order, starts, selector.budgets_).mask(windows))


def test_per_class_search_needs_the_class_scale():
    features, y, scores = band_data(0.7, n_classes=2)
    selector = Paper(rate=0.9, window_scale="global",
                            window_search=RidgeWindowPredictor(per_class=True))
    with pytest.raises(ValueError, match="window_scale='class'"):
        selector.fit(scores, y, features=features)


# --- the oracle search (NUCS-O) ------------------------------------------------

def band_fraction(indices, band):
    """Stand-in for "train the model, return validation accuracy"."""
    return float(np.mean(band[indices]))


def diverge_above(indices, scores, limit):
    """An evaluate that fails on the harder windows."""
    if scores[indices].mean() > limit:
        raise ArithmeticError("training diverged")
    return 0.5


def test_oracle_returns_the_full_table_and_the_best_coreset():
    features, y, scores = band_data(0.7)
    band = (scores >= 0.6) & (scores < 0.7)
    selector = Paper(rate=0.9, window=0.2, random_state=0)
    result = oracle_window_search(selector, scores, y, functools.partial(band_fraction, band=band))
    assert isinstance(result, WindowSearchResult)
    assert_array_equal(result.grid, GRID)
    assert result.values.shape == (10,)
    assert result.best_window == 0.7 and result.values.max() > 0.9
    best = clone(selector).set_params(window=0.7).fit(scores, y)
    assert_array_equal(result.best_indices, best.sample_indices_)
    assert selector.window == 0.2 and not hasattr(selector, "support_")
    table = result.as_table()
    assert [row["window"] for row in table] == GRID.tolist()
    assert [row["value"] for row in table] == result.values.tolist()
    assert [row["best"] for row in table] == (GRID == 0.7).tolist()
    assert len(result.coresets) == GRID.size
    for k, kept in zip(GRID, result.coresets):
        assert_array_equal(kept, clone(selector).set_params(window=float(k)).fit(scores, y).sample_indices_)
    assert result.coresets[GRID.tolist().index(0.7)] is result.best_indices


def test_oracle_in_parallel_equals_sequential():
    features, y, scores = band_data(0.4, n_per_class=200)
    band = (scores >= 0.3) & (scores < 0.4)
    evaluate = functools.partial(band_fraction, band=band)
    selector = Paper(rate=0.8, allocation="agnostic", random_state=0)
    sequential = oracle_window_search(selector, scores, y, evaluate, features=features, n_jobs=1)
    parallel = oracle_window_search(selector, scores, y, evaluate, features=features, n_jobs=2)
    assert_array_equal(sequential.values, parallel.values)
    assert sequential.best_window == parallel.best_window
    assert_array_equal(sequential.best_indices, parallel.best_indices)
    # An error raised in a worker process keeps its type and names the window.
    failing = functools.partial(diverge_above, scores=scores, limit=0.6)
    with pytest.raises(ArithmeticError, match="training diverged") as info:
        oracle_window_search(selector, scores, y, failing, grid=[0.3, 0.8], n_jobs=2)
    assert "k=0.8" in "".join(info.value.__notes__)


def test_oracle_evaluates_each_distinct_coreset_once():
    _, y, scores = band_data(0.7, n_per_class=100)
    seen = []

    def evaluate(indices):
        seen.append(indices.copy())
        return float(scores[indices].mean())

    result = oracle_window_search(Paper(rate=0.5, allocation="proportional"), scores, y, evaluate)
    assert len(seen) == 6                           # k = 0.1 .. 0.5 share one window
    assert np.all(result.values[:5] == result.values[0])
    assert result.best_window == 1.0


def test_oracle_errors_name_the_window():
    _, y, scores = band_data(0.7, n_per_class=50)
    failing = functools.partial(diverge_above, scores=scores, limit=0.6)
    with pytest.raises(ArithmeticError, match="training diverged") as info:
        oracle_window_search(Paper(rate=0.9), scores, y, failing, grid=[0.3, 0.8])
    assert "k=0.8" in "".join(info.value.__notes__)
    with pytest.raises(ValueError, match="k=0.5.*not a finite number"):
        oracle_window_search(Paper(), scores, y, lambda i: np.nan, grid=[0.5])
    with pytest.raises(TypeError, match="k=0.5.*not a number"):
        oracle_window_search(Paper(), scores, y, lambda i: "good", grid=[0.5])
    with pytest.raises(TypeError, match="callable"):
        oracle_window_search(Paper(), scores, y, 0.5)
    with pytest.raises(TypeError, match="no 'window' parameter"):
        oracle_window_search(RidgeWindowPredictor(), scores, y, len)


def test_oracle_error_names_k_without_add_note():
    """Python 3.10 has no BaseException.add_note: the error is wrapped instead."""

    class OldStyleError(Exception):
        def __getattribute__(self, name):
            if name == "add_note":
                raise AttributeError(name)
            return super().__getattribute__(name)

    def evaluate(indices):
        raise OldStyleError("boom")

    y = np.repeat([0, 1], 20)
    with pytest.raises(RuntimeError, match=r"k=0\.5.*boom") as info:
        oracle_window_search(Paper(rate=0.5), np.arange(40.0), y, evaluate, grid=[0.5])
    assert isinstance(info.value.__cause__, OldStyleError)
