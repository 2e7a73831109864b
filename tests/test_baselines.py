"""Behaviour of the baseline selectors against brute-force references."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import coo_array, csr_array
from sklearn.datasets import make_blobs

from sknucs import PAPER_SETTINGS, NUCSSelector, allocate_budgets, n_keep_for
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)
from sknucs.baselines._ccs import water_fill_strata
from sknucs.baselines._moderate import class_medians

# Class-agnostic baselines and tiny draws leave classes empty on purpose;
# the warning has its own tests in test_validation.py.
pytestmark = pytest.mark.filterwarnings("ignore::sknucs.EmptyClassWarning")


def all_selectors(random_state=0):
    """One instance of every selector and mode, NUCS included."""
    return [
        RandomSelector(random_state=random_state),
        ClassBalancedRandomSelector(random_state=random_state),
        ScoreTopKSelector(random_state=random_state),
        ScoreTopKSelector(hardest=False, class_balanced=True, random_state=random_state),
        CCSSelector(random_state=random_state),
        CCSSelector(beta=0.3, n_strata=7, class_balanced=True, random_state=random_state),
        ModerateSelector(random_state=random_state),
        NUCSSelector(window=0.9, negative_scores="rank", random_state=random_state),
    ]


def fit(selector, scores, y, features=None):
    """Fit, giving features to the selectors that need them."""
    if features is None and isinstance(selector, ModerateSelector):
        features = np.column_stack([scores, np.arange(len(y)) % 3])
    return selector.fit(scores, y, features=features)


def proportional(y, n_keep):
    counts = np.unique(y, return_counts=True)[1]
    floor = 1 if n_keep >= counts.size else 0
    return allocate_budgets(counts, None, n_keep, allocation="proportional",
                            min_per_class=floor)


@st.composite
def problems(draw):
    n_samples = draw(st.integers(1, 150))
    n_classes = draw(st.integers(1, min(6, n_samples)))
    rate = draw(st.floats(0, 0.99))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    # Every class present, sizes uneven.
    y = np.concatenate([np.arange(n_classes), rng.integers(0, n_classes, n_samples - n_classes)])
    rng.shuffle(y)
    tied = draw(st.booleans())
    scores = rng.integers(0, 4, n_samples).astype(float) if tied else rng.exponential(size=n_samples)
    return scores, y, rate, seed


@settings(max_examples=60, deadline=None)
@given(problem=problems())
def test_exact_size_and_consistent_attributes(problem):
    scores, y, rate, seed = problem
    n_keep = n_keep_for(y.size, rate)
    for selector in all_selectors(seed):
        selector.set_params(rate=rate)
        fit(selector, scores, y)
        support = selector.get_support()
        assert support.dtype == bool and support.shape == y.shape, selector
        assert support.sum() == n_keep == selector.n_selected_, selector
        np.testing.assert_array_equal(selector.sample_indices_, np.flatnonzero(support))
        np.testing.assert_array_equal(
            selector.selected_per_class_, np.bincount(np.searchsorted(selector.classes_, y[support]),
                                                      minlength=selector.classes_.size)
        )


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_class_balanced_counts_are_proportional(problem):
    scores, y, rate, seed = problem
    expected = proportional(y, n_keep_for(y.size, rate))
    for selector in (
        ClassBalancedRandomSelector(rate=rate, random_state=seed),
        ScoreTopKSelector(rate=rate, class_balanced=True, random_state=seed),
        ScoreTopKSelector(rate=rate, class_balanced=True, hardest=False, random_state=seed),
        CCSSelector(rate=rate, class_balanced=True, random_state=seed),
    ):
        selector.fit(scores, y)
        np.testing.assert_array_equal(selector.selected_per_class_, expected)
        np.testing.assert_array_equal(selector.budgets_, expected)


@pytest.mark.filterwarnings("ignore::sknucs.UninformativeFeaturesWarning")  # features meaningless on purpose
def test_random_state_reproduces_and_varies():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 5, 500)
    # Tied scores and tied distances: the seed matters for every selector.
    scores = rng.integers(0, 3, 500).astype(float)
    features = rng.normal(size=(500, 4)).round()
    for first, again, other in zip(all_selectors(7), all_selectors(7), all_selectors(8)):
        masks = [fit(s, scores, y, features).get_support() for s in (first, again, other)]
        np.testing.assert_array_equal(masks[0], masks[1], err_msg=repr(first))
        assert not np.array_equal(masks[0], masks[2]), first


# --- ScoreTopKSelector ---------------------------------------------------------

@pytest.mark.parametrize("hardest", [True, False])
@pytest.mark.parametrize("higher_is_harder", [True, False])
@pytest.mark.parametrize("rate", [0.0, 0.3, 0.77, 0.95])
def test_top_k_matches_brute_force_sort(hardest, higher_is_harder, rate):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 4, 300)
    scores = rng.permutation(300) / 7.0  # distinct
    n_keep = n_keep_for(300, rate)
    harder_first = np.argsort(-scores if higher_is_harder else scores)
    ranked = harder_first if hardest else harder_first[::-1]

    selector = ScoreTopKSelector(rate=rate, hardest=hardest,
                                 higher_is_harder=higher_is_harder).fit(scores, y)
    np.testing.assert_array_equal(selector.sample_indices_, np.sort(ranked[:n_keep]))

    balanced = ScoreTopKSelector(rate=rate, hardest=hardest, class_balanced=True,
                                 higher_is_harder=higher_is_harder).fit(scores, y)
    budgets = proportional(y, n_keep)
    expected = np.concatenate([ranked[y[ranked] == j][:budgets[j]] for j in range(4)])
    np.testing.assert_array_equal(balanced.sample_indices_, np.sort(expected))


@pytest.mark.parametrize("class_balanced, allocation", [(True, "proportional"),
                                                         (False, "agnostic")])
def test_top_k_is_the_nucs_window_at_its_end(class_balanced, allocation):
    rng = np.random.default_rng(5)
    y = rng.integers(0, 6, 400)
    scores = rng.exponential(size=400)
    top_k = ScoreTopKSelector(rate=0.8, class_balanced=class_balanced).fit(scores, y)
    window = NUCSSelector(rate=0.8, **{**PAPER_SETTINGS, "allocation": allocation, "window": 1.0}).fit(scores, y)
    np.testing.assert_array_equal(top_k.support_, window.support_)


def test_top_k_breaks_ties_at_random_not_by_index():
    scores = np.zeros(1000)
    y = np.zeros(1000, dtype=int)
    kept = [ScoreTopKSelector(rate=0.5, random_state=seed).fit(scores, y).sample_indices_
            for seed in range(3)]
    for indices in kept:
        # Index order would keep exactly the first or the last 500 rows.
        assert 200 < np.mean(indices < 500) * 500 < 300
    assert not np.array_equal(kept[0], kept[1])


def test_top_k_ranks_the_mean_of_several_runs():
    runs = np.array([[0.0, 1.0], [0.9, 0.9], [0.2, 0.3], [1.0, 0.0]])  # means .5 .9 .25 .5
    selector = ScoreTopKSelector(rate=0.75).fit(runs, np.zeros(4, dtype=int))
    np.testing.assert_array_equal(selector.sample_indices_, [1])


# --- CCSSelector ----------------------------------------------------------------

def reference_strata_budgets(sizes, budget):
    """CCS Algorithm 1, literally: visit strata by increasing size."""
    sizes = list(sizes)
    remaining_strata = list(range(len(sizes)))
    result = [0] * len(sizes)
    while remaining_strata:
        smallest = min(remaining_strata, key=lambda s: sizes[s])
        share = min(sizes[smallest], budget // len(remaining_strata))
        result[smallest] = share
        budget -= share
        remaining_strata.remove(smallest)
    return result


def test_ccs_strata_budgets_on_a_hand_built_example():
    # 4 strata of width 1 on [0, 4]: sizes 10, 1, 5, 2.
    scores = np.concatenate([
        np.linspace(0.0, 0.9, 10), [1.5], np.linspace(2.1, 2.9, 5), [3.5, 4.0],
    ])
    stratum = np.repeat([0, 1, 2, 3], [10, 1, 5, 2])
    y = np.zeros(18, dtype=int)
    # n = 8. Visit 1 (size 1): min(1, 8 // 4) = 1, 7 left; size 2: min(2, 7 // 3) = 2,
    # 5 left; size 5: min(5, 5 // 2) = 2, 3 left; size 10: min(10, 3 // 1) = 3.
    expected = [3, 1, 2, 2]
    rate = 10 / 18
    assert n_keep_for(18, rate) == 8
    for seed in range(5):
        selector = CCSSelector(rate=rate, beta=0.0, n_strata=4, random_state=seed).fit(scores, y)
        np.testing.assert_array_equal(selector.strata_counts_, [[10, 1, 5, 2]])
        np.testing.assert_array_equal(selector.strata_budgets_, [expected])
        np.testing.assert_array_equal(np.bincount(stratum[selector.support_], minlength=4),
                                      expected)


@settings(max_examples=200, deadline=None)
@given(sizes=st.lists(st.integers(0, 30), min_size=1, max_size=12), data=st.data())
def test_ccs_water_filling_matches_algorithm_1(sizes, data):
    budget = data.draw(st.integers(0, sum(sizes)))
    got = water_fill_strata(np.array([sizes]), np.array([budget]), np.random.RandomState(0))[0]
    assert got.sum() == budget
    assert np.all(got <= sizes)
    # Strata of equal size may be visited in any order, so compare as multisets
    # per size.
    expected = reference_strata_budgets(sizes, budget)
    for size in set(sizes):
        same = np.array(sizes) == size
        assert sorted(got[same]) == sorted(np.array(expected)[same])


@pytest.mark.parametrize("higher_is_harder", [True, False])
def test_ccs_hard_cutoff_removes_the_hardest_beta_fraction(higher_is_harder):
    rng = np.random.default_rng(2)
    scores = rng.permutation(1000).astype(float)
    y = rng.integers(0, 3, 1000)
    hardest_first = np.argsort(-scores if higher_is_harder else scores)
    selector = CCSSelector(rate=0.5, beta=0.2, higher_is_harder=higher_is_harder,
                           random_state=0).fit(scores, y)
    np.testing.assert_array_equal(selector.n_cut_, [200])
    assert not selector.support_[hardest_first[:200]].any()
    # Stratified, not top-k: it reaches the easiest part of the range.
    assert selector.support_[hardest_first[-100:]].any()


def test_ccs_cutoff_shrinks_to_keep_exactly_n():
    scores = np.arange(100.0)
    y = np.zeros(100, dtype=int)
    # beta * N = 30 would leave 70 < n = 90: only the 10 hardest go.
    selector = CCSSelector(rate=0.1, beta=0.3, random_state=0).fit(scores, y)
    np.testing.assert_array_equal(selector.n_cut_, [10])
    np.testing.assert_array_equal(selector.sample_indices_, np.arange(90))


def test_class_balanced_ccs_uses_each_class_own_count():
    # The public reference code uses the last class's count for every class;
    # here the last class is the smallest, so that bug cuts 2 per class.
    rng = np.random.default_rng(3)
    sizes = [300, 60, 20]
    y = np.repeat([0, 1, 2], sizes)
    scores = rng.permutation(y.size).astype(float)
    selector = CCSSelector(rate=0.1, beta=0.1, class_balanced=True,
                           random_state=0).fit(scores, y)
    np.testing.assert_array_equal(selector.n_cut_, [30, 6, 2])
    np.testing.assert_array_equal(selector.budgets_, [270, 54, 18])
    # b_j = N_j - floor(beta N_j): each class keeps all but its own hardest 10%.
    expected = np.ones(y.size, dtype=bool)
    for j, size in enumerate(sizes):
        rows = np.flatnonzero(y == j)
        expected[rows[np.argsort(scores[rows])[size - size // 10:]]] = False
    np.testing.assert_array_equal(selector.support_, expected)


def test_class_balanced_ccs_stratifies_each_class_on_its_own_range():
    # Class 1's scores are 100x class 0's: one global range would put all of
    # class 0 in the first stratum.
    y = np.repeat([0, 1], 100)
    scores = np.concatenate([np.linspace(0, 1, 100), np.linspace(0, 100, 100)])
    selector = CCSSelector(rate=0.5, beta=0.0, n_strata=10, class_balanced=True,
                           random_state=0).fit(scores, y)
    np.testing.assert_array_equal(selector.strata_counts_, np.full((2, 10), 10))
    np.testing.assert_array_equal(selector.strata_budgets_, np.full((2, 10), 5))


def test_ccs_equal_scores_form_one_stratum():
    selector = CCSSelector(rate=0.5, beta=0.0, n_strata=5, random_state=0).fit(
        np.ones(40), np.zeros(40, dtype=int)
    )
    np.testing.assert_array_equal(selector.strata_counts_, [[40, 0, 0, 0, 0]])
    assert selector.n_selected_ == 20


# --- ModerateSelector -----------------------------------------------------------

def brute_force_moderate(features, y, n_keep):
    labels = np.unique(y)
    distances = np.empty(len(y))
    for label in labels:
        rows = np.flatnonzero(y == label)
        center = np.median(features[rows], axis=0)
        for row in rows:
            distances[row] = np.sqrt(np.sum((features[row] - center) ** 2))
    start = (len(y) - n_keep) // 2
    return np.sort(np.argsort(distances)[start:start + n_keep]), distances


@pytest.mark.parametrize("rate", [0.0, 0.25, 0.5, 0.83, 0.99])
def test_moderate_keeps_the_band_around_the_median_distance(rate):
    features, y = make_blobs(n_samples=301, centers=4, n_features=6, random_state=0)
    y = np.array(["cat", "dog", "eel", "fox"])[y]
    n_keep = n_keep_for(301, rate)
    expected, distances = brute_force_moderate(features, y, n_keep)
    selector = ModerateSelector(rate=rate, random_state=0).fit(np.zeros(301), y, features=features)
    np.testing.assert_array_equal(selector.sample_indices_, expected)
    np.testing.assert_allclose(selector.distances_, distances)
    kept = distances[selector.support_]
    assert kept.min() <= np.median(distances) <= kept.max()


def test_moderate_centers_are_coordinate_wise_class_medians():
    features = np.array([[0.0, 10.0], [1.0, 0.0], [5.0, 1.0], [100.0, 7.0], [3.0, 3.0]])
    y = np.array([1, 1, 1, 2, 2])
    selector = ModerateSelector(rate=0.2).fit(np.zeros(5), y, features=features)
    np.testing.assert_array_equal(selector.class_centers_, [[1.0, 1.0], [51.5, 5.0]])


def test_moderate_ignores_scores():
    features, y = make_blobs(n_samples=100, centers=3, random_state=1)
    masks = [ModerateSelector(rate=0.6, random_state=0).fit(scores, y, features=features).support_
             for scores in (np.zeros(100), np.random.default_rng(0).normal(size=(100, 3)))]
    np.testing.assert_array_equal(masks[0], masks[1])


def test_moderate_without_features_says_so():
    with pytest.raises(ValueError, match="ModerateSelector needs features"):
        ModerateSelector().fit(np.zeros(10), np.zeros(10, dtype=int))


def test_moderate_rejects_features_of_the_wrong_length():
    with pytest.raises(ValueError, match="features has 9 rows"):
        ModerateSelector().fit(np.zeros(10), np.zeros(10, dtype=int), features=np.ones((9, 2)))


# --- Shared API ----------------------------------------------------------------

@pytest.mark.parametrize("selector", all_selectors(), ids=lambda s: type(s).__name__)
def test_column_methods_are_hidden(selector):
    for name in ("transform", "fit_transform", "inverse_transform",
                 "get_feature_names_out", "set_output"):
        assert not hasattr(selector, name), name


@pytest.mark.filterwarnings("ignore::sknucs.UninformativeFeaturesWarning")  # features meaningless on purpose
@pytest.mark.parametrize("selector", all_selectors(), ids=lambda s: type(s).__name__)
@pytest.mark.parametrize("n_runs", [None, 3])
def test_support_has_one_entry_per_row(selector, n_runs):
    rng = np.random.default_rng(4)
    shape = (57,) if n_runs is None else (57, n_runs)
    scores = rng.random(shape)
    y = rng.integers(0, 3, 57)
    fit(selector, scores, y, rng.normal(size=(57, 5)))
    assert selector.get_support().shape == (57,)
    assert selector.get_support(indices=True).max() < 57
    assert selector.n_features_in_ == (1 if n_runs is None else n_runs)


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 9), min_size=1, max_size=5),
       n_features=st.integers(1, 4), single=st.booleans(), seed=st.integers(0, 1000))
def test_class_medians_equal_numpy_median(sizes, n_features, single, seed):
    rng = np.random.default_rng(seed)
    codes = rng.permutation(np.repeat(np.arange(len(sizes)), sizes))
    features = rng.normal(size=(codes.size, n_features)).round(1)
    features = features.astype(np.float32 if single else np.float64)
    expected = [np.median(features[codes == j].astype(np.float64), axis=0)
                for j in range(len(sizes))]
    np.testing.assert_array_equal(class_medians(features, codes, len(sizes)), expected)


def test_sparse_scores_are_refused_clearly():
    for scores in (coo_array(np.arange(4.0)), csr_array(np.ones((4, 2)))):
        with pytest.raises(TypeError, match="Sparse data was passed for scores"):
            RandomSelector().fit(scores, [0, 0, 1, 1])


@pytest.mark.parametrize("selector", [
    RandomSelector(rate=0.5, random_state=0),
    ClassBalancedRandomSelector(rate=0.5, random_state=0),
    ModerateSelector(rate=0.5, random_state=0),
], ids=lambda s: type(s).__name__)
def test_selectors_that_ignore_scores_do_not_score_in_fit_resample(selector, monkeypatch):
    from sknucs import _resample

    def no_scoring(*args, **kwargs):
        raise AssertionError("a selector that ignores scores trained a scoring model")

    monkeypatch.setattr(_resample, "cross_val_scores", no_scoring)
    X = np.random.default_rng(0).normal(size=(40, 3))
    X_kept, _ = selector.fit_resample(X, np.repeat([0, 1], 20))
    assert X_kept.shape == (20, 3)


def test_ccs_with_one_stratum_draws_uniformly_below_the_cutoff():
    scores = np.arange(100, dtype=float)
    selector = CCSSelector(rate=0.5, beta=0.2, n_strata=1, random_state=0)
    selector.fit(scores, np.zeros(100, dtype=int))
    np.testing.assert_array_equal(selector.strata_counts_, [[80]])
    assert selector.n_selected_ == 50 and scores[selector.support_].max() < 80
