"""Edge cases of the core that the mutation run (docs/mutation.md) found untested.

Each test names the change to the code that it catches.
"""

import warnings

import numpy as np
import pytest

from sknucs import NUCSSelector, allocate_budgets, n_keep_for
from sknucs._sorting import sort_by_class_and_score
from sknucs.baselines import CCSSelector, ModerateSelector


def _assert_sorted_by_class_then_score(codes, scores, n_classes, seed=0):
    order, class_starts, sorted_scores = sort_by_class_and_score(
        codes, scores, n_classes, np.random.RandomState(seed))
    assert np.array_equal(np.sort(order), np.arange(codes.size))
    assert np.all(np.diff(codes[order]) >= 0)  # grouped by class, in code order
    for j in range(n_classes):
        block = sorted_scores[class_starts[j]:class_starts[j + 1]]
        assert np.all(np.diff(block) >= 0)
        assert np.all(codes[order[class_starts[j]:class_starts[j + 1]]] == j)


def test_two_classes_are_regrouped():
    # the one-class shortcut (returning the score order as it is) must not take two classes
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 2, 500)
    _assert_sorted_by_class_then_score(codes, rng.random(500), 2)


def test_more_classes_than_16_bit_codes_hold():
    # the class codes are radix-sorted as uint16 only while they fit (65,536 classes)
    n_classes = 2**16 + 50
    codes = np.random.default_rng(1).permutation(np.repeat(np.arange(n_classes), 2))
    _assert_sorted_by_class_then_score(codes, np.random.default_rng(2).random(codes.size), n_classes)


@pytest.mark.parametrize("low, high", [(-100, 65_500), (30_000, 40_000), (-7, 7)])
def test_integer_scores_far_from_zero_keep_their_order(low, high):
    # integer scores take 16-bit keys relative to their minimum: keys of a range wider than
    # 2**16, or shifted the wrong way, would wrap around
    rng = np.random.default_rng(3)
    scores = rng.integers(low, high + 1, 3000).astype(float)
    scores[:2] = low, high
    _assert_sorted_by_class_then_score(rng.integers(0, 3, 3000), scores, 3)


@pytest.mark.parametrize("n_samples, rate, n_keep", [(1500, 0.009, 1486), (750, 0.018, 736), (1250, 0.102, 1122),
                                                     (1000, 0.7, 300), (5, 0.5, 2), (10, 0.25, 7)])
def test_a_removed_count_of_exactly_one_half_rounds_up(n_samples, rate, n_keep):
    # rate * N is a half in decimals but 13.499999999999998 in floats for 0.009 * 1500
    assert n_keep_for(n_samples, rate) == n_keep


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("n_samples, rate, n_keep", [(1500, 0.009, 1486), (5, 0.7, 1), (1000, 0.7, 300)])
def test_a_numpy_rate_rounds_as_the_same_rate_written_in_python(dtype, n_samples, rate, n_keep):
    # np.float32(0.7) is 0.699999988..., whose 3.4999999 removed rows would round down to 3
    assert n_keep_for(n_samples, dtype(rate)) == n_keep
    y = np.arange(n_samples) % 2
    assert NUCSSelector(rate=dtype(rate)).fit(np.linspace(0, 1, n_samples), y).n_selected_ == n_keep


def test_defaults_are_the_documented_ones():
    y = np.repeat([0, 1], 50)
    scores = np.random.default_rng(4).random(100)
    assert NUCSSelector().fit(scores, y).n_selected_ == n_keep_for(100, 0.5)  # rate=0.5
    # allocate_budgets defaults to the paper's exponent 1: budgets ~ S_j N_j
    assert allocate_budgets([100, 100], [1.0, 0.5], 90).tolist() == [60, 30]
    assert allocate_budgets([100, 100], [1.0, 0.5], 90, exponent=2.0).tolist() == [72, 18]
    assert CCSSelector().n_strata == 50  # CCS's 50 strata (Zheng et al. 2023)


def test_free_classes_of_small_total_weight_keep_the_difficulty_ratio():
    # after the hardest class is capped, the two left have weights summing to less than 1;
    # they still split the rest 4 : 1 by difficulty, not by their sizes
    assert allocate_budgets([1, 4, 4], [1.0, 0.1, 0.025], 5).tolist() == [1, 3, 1]


@pytest.mark.parametrize("params", [{"winsorize": 0.5}, {"winsorize": 0.7}])
def test_nucs_refuses_a_winsorized_half_or_more(params):
    with pytest.raises(ValueError, match="winsorize"):
        NUCSSelector(**params).fit(np.ones(4), [0, 0, 1, 1])


def test_ccs_refuses_to_cut_every_sample():
    with pytest.raises(ValueError, match="beta"):
        CCSSelector(beta=1.0).fit(np.ones(4), [0, 0, 1, 1])


def test_moderate_measures_every_row_beyond_one_block():
    # distances are computed in blocks of 8,192 rows: every block, and the first row, counts
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 20_000)
    features = rng.normal(size=(20_000, 3)) + y[:, None]
    selector = ModerateSelector(rate=0.5, random_state=0).fit(np.zeros(y.size), y, features=features)
    centers = selector.class_centers_[np.searchsorted(selector.classes_, y)]
    np.testing.assert_allclose(selector.distances_, np.linalg.norm(features - centers, axis=1), rtol=1e-6)


def test_a_class_that_keeps_nothing_does_not_move_the_others_draws():
    # Found by the hypothesis test of refitting at window_ (test_selector.py): classes 0 and 1
    # keep nothing, and their windows (round(k N_j) at k = 0.3 and at window_ = 1/3) offered
    # different numbers of candidates to coverage's random draws, so class 2's one sample changed.
    scores = np.array([2.74, 2.74, 1.93, 0.34, 0.34, 0.34, 0.57, 2.32, 0.72, 1.93, 1.59, 1.93, 2.74, 1.93,
                       1.59, 2.74, 0.92, 0.72, 0.57, 0.34, 2.32, 2.74, 0.57, 2.32, 0.72, 1.59, 0.57, 1.93,
                       1.93, 0.72, 2.32, 1.93, 0.72, 0.34, 0.92, 0.34, 0.34, 0.57, 1.59, 0.72, 0.57, 0.57,
                       1.93, 0.57, 1.93, 0.34, 0.72])
    y = np.array([0, 2, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 2, 2, 2, 2, 0, 1, 1, 2, 0, 2, 0, 2, 1, 2, 1, 1, 1, 0, 2,
                  2, 1, 1, 0, 0, 1, 0, 2, 2, 0, 2, 0, 0, 1, 1, 1])
    params = dict(rate=0.96875, sampling="coverage", random_state=0)
    first = NUCSSelector(window=0.3, **params).fit(scores, y)
    assert first.budgets_.tolist() == [0, 0, 1] and first.window_ > 0.3
    again = NUCSSelector(window=first.window_, **params).fit(scores, y)
    np.testing.assert_array_equal(again.support_, first.support_)


@pytest.mark.parametrize("sampling", ["window", "stratified", "coverage"])
def test_a_budget_of_one_sample_is_kept(sampling):
    # n = N - round(rate N) exactly, whatever the sampling: here one sample per class
    y = np.repeat([0, 1, 2], 10)
    scores = np.random.default_rng(6).random(30)
    selector = NUCSSelector(0.9, window=0.5, sampling=sampling, random_state=0).fit(scores, y)
    assert selector.n_selected_ == selector.support_.sum() == n_keep_for(30, 0.9) == 3
    assert np.bincount(y[selector.support_], minlength=3).tolist() == [1, 1, 1]


def test_stratified_spreads_a_single_sample_over_the_class():
    # with one sample per class, stratified sampling still draws its rank across the class
    # (offset times the pool), not always the easiest
    y = np.repeat(np.arange(50), 20)
    scores = np.random.default_rng(7).random(1000)
    selector = NUCSSelector(0.95, window=1.0, sampling="stratified", random_state=0).fit(scores, y)
    assert selector.budgets_.tolist() == [1] * 50
    ranks = [np.sum(scores[y == j] < scores[selector.support_ & (y == j)][0]) for j in range(50)]
    assert len(set(ranks)) > 5 and max(ranks) >= 10


def test_coverage_takes_an_empty_last_class():
    # a class with no row (all of it left out as suspects) starts past the end of the sorted
    # scores: its stratum range must not be read there (it raised IndexError)
    from sknucs._window import WindowPlan

    scores = np.linspace(0.0, 1.0, 10)
    plan = WindowPlan(np.arange(10), np.array([0, 5, 10, 10]), [2, 3, 0], "coverage",
                      sorted_scores=scores, seed=0)
    kept = plan.positions(1.0)
    assert kept.size == 5 and np.sum(kept < 5) == 2 and np.sum(kept >= 5) == 3


def test_default_with_features_survives_a_last_class_of_suspects():
    rng = np.random.default_rng(217)
    n, n_classes = int(rng.integers(10, 80)), int(rng.integers(2, 6))
    y = rng.integers(0, n_classes, n)
    scores = rng.random(n)
    features = rng.normal(size=(n, 3)) + y[:, None]
    selector = NUCSSelector(rate=0.5, random_state=0).fit(scores, y, features=features)
    assert selector.suspect_labels_[y == y.max()].all()  # the case: the last class has no trusted row
    assert selector.n_selected_ == n_keep_for(n, 0.5) == selector.get_support().sum()
    assert np.all(selector.budgets_ >= 1)


def test_float32_features_of_huge_magnitude_give_the_selection_of_the_same_features_scaled():
    # standardize squared float32 values in float32: above ~1.8e19 they overflowed to inf, every column was
    # divided by inf, the probe saw zeros and the features were dropped as uninformative (with a warning)
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 800)
    features = (rng.normal(size=(800, 8)) + y[:, None]).astype(np.float32)
    scores = rng.random(800)
    reference = NUCSSelector(0.7, random_state=0).fit(scores, y, features=features)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = NUCSSelector(0.7, random_state=0).fit(scores, y, features=features * np.float32(1e20))
    assert huge.label_agreement_ == pytest.approx(reference.label_agreement_)
    assert np.array_equal(huge.sample_indices_, reference.sample_indices_)


@pytest.mark.parametrize("dtype, factor", [(np.float32, 1e-7), (np.float64, 1e-30), (np.float64, 1e160)])
def test_features_at_a_tiny_or_vast_scale_give_the_selection_of_the_same_features_unscaled(dtype, factor):
    # Columns of tiny values were taken for constant ones (their spread compared
    # with an absolute floor), and float64 values above ~1e154 overflowed when
    # squared: either way the probe saw nothing and dropped the features.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 800)
    features = rng.normal(size=(800, 8)) + y[:, None]
    scores = rng.random(800)
    reference = NUCSSelector(0.7, random_state=0).fit(scores, y, features=features.astype(dtype))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = NUCSSelector(0.7, random_state=0).fit(scores, y, features=(features * factor).astype(dtype))
    assert scaled.label_agreement_ == pytest.approx(reference.label_agreement_, abs=0.01)
    assert np.mean(scaled.support_ == reference.support_) > 0.95


@pytest.mark.parametrize("runs", [1, 2])
def test_scores_near_the_largest_float_give_the_selection_of_the_same_scores_scaled_down(runs):
    # Their sums overflowed: the runs' mean or the class difficulty became inf and the fit failed
    # with an error about an internal value.
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 60)
    scores = rng.random((180, runs)) * (1.0 + y[:, None])
    reference = NUCSSelector(0.5, random_state=0).fit(scores, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vast = NUCSSelector(0.5, random_state=0).fit(scores * 5e307, y)
    assert np.array_equal(vast.budgets_, reference.budgets_)
    assert np.array_equal(vast.support_, reference.support_)
    assert np.allclose(vast.class_difficulty_ / 5e307, reference.class_difficulty_)
