"""Behaviour of NUCSSelector: sizes, budgets, windows, reproducibility, errors.

Most tests check the paper's mechanics (contiguous class-wise window, ridge-chosen k) and so
build the selector with the paper's settings (``Paper``); the default configuration has its
own tests at the end.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import rankdata
from scipy.stats.mstats import winsorize
from sklearn.exceptions import NotFittedError

from sknucs import NOISE_CUT_LIMIT, PAPER_SETTINGS, NUCSSelector, RidgeWindowPredictor, allocate_budgets, n_keep_for
from sknucs._sorting import sort_by_class_and_score
from sknucs._window import WindowPlan

from _selectors import Paper

# Hypothesis draws coresets too small for every class; the warning has its
# own tests in test_validation.py.
pytestmark = pytest.mark.filterwarnings("ignore::sknucs.EmptyClassWarning")


@st.composite
def labelled_scores(draw, min_classes=1, max_classes=8, distinct=False):
    n_classes = draw(st.integers(min_classes, max_classes))
    sizes = draw(st.lists(st.integers(1, 40), min_size=n_classes, max_size=n_classes))
    y = np.repeat(np.arange(n_classes), sizes)
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    if distinct:
        scores = rng.permutation(y.size).astype(float) / y.size + 0.01
    else:
        # Few distinct values: many ties.
        scores = rng.integers(0, 5, size=y.size) * rng.random(n_classes)[y]
    rng.shuffle(order := np.arange(y.size))
    return scores[order], y[order]


rates = st.floats(0.0, 0.99)
allocations = st.sampled_from(["difficulty", "proportional", "agnostic"])
windows = st.floats(0.0, 1.0)


@settings(max_examples=150, deadline=None)
@given(labelled_scores(), rates, allocations, windows, st.floats(0, 3))
def test_support_has_exactly_the_promised_size(data, rate, allocation, window, exponent):
    scores, y = data
    sel = Paper(rate=rate, allocation=allocation, window=window,
                       exponent=exponent, random_state=0).fit(scores, y)
    n = n_keep_for(y.size, rate)
    assert sel.get_support().sum() == n == sel.n_selected_
    assert np.array_equal(sel.get_support(indices=True), sel.sample_indices_)
    # The mask realises exactly the budgets of step 2 (a window too short
    # for its budget, or one class's rows counted in another, would not).
    kept = np.bincount(np.searchsorted(sel.classes_, y[sel.support_]), minlength=sel.classes_.size)
    if allocation == "agnostic":
        assert kept.sum() == n
    else:
        expected = allocate_budgets(sel.class_counts_, sel.class_difficulty_, n,
                                    allocation=allocation, exponent=exponent,
                                    min_per_class="auto")
        np.testing.assert_array_equal(kept, expected)


@settings(max_examples=150, deadline=None)
@given(labelled_scores(), rates, st.integers(0, 5), st.floats(0, 3))
def test_budgets_respect_floor_caps_and_total(data, rate, floor, exponent):
    scores, y = data
    n = n_keep_for(y.size, rate)
    counts = np.bincount(y)
    if np.minimum(floor, counts).sum() > n:
        with pytest.raises(ValueError, match="min_per_class"):
            Paper(rate=rate, min_per_class=floor).fit(scores, y)
        return
    sel = Paper(rate=rate, min_per_class=floor, exponent=exponent,
                       window=1.0).fit(scores, y)
    assert np.all(sel.budgets_ >= np.minimum(floor, counts))
    assert np.all(sel.budgets_ <= counts)
    assert sel.budgets_.sum() == n


@settings(max_examples=150, deadline=None)
@given(labelled_scores(), rates, st.floats(0.0, 1.0))
def test_min_share_floors_each_class_at_its_share_of_a_proportional_split(data, rate, share):
    scores, y = data
    counts = np.bincount(y)
    n = n_keep_for(y.size, rate)
    sel = Paper(rate=rate, min_share=share, min_per_class=0, window=1.0).fit(scores, y)
    assert np.all(sel.budgets_ >= np.floor(share * n * counts / counts.sum()))
    assert np.all(sel.budgets_ <= counts) and sel.budgets_.sum() == n
    plain = Paper(rate=rate, min_per_class=0, window=1.0).fit(scores, y)
    if share == 0:
        assert np.array_equal(sel.budgets_, plain.budgets_)


def test_min_share_lifts_a_starved_easy_class():
    # the spec's prototype: trousers (S = 0.006) beside shirts (S = 0.56), 6,000 each, 70% pruning
    counts, difficulty, n = np.array([6000, 6000]), np.array([0.006, 0.56]), 3600
    paper = allocate_budgets(counts, difficulty, n)
    floored = allocate_budgets(counts, difficulty, n, min_share=0.5)
    assert paper[0] < 50 and floored[0] == 900 and floored.sum() == n
    assert np.array_equal(allocate_budgets(counts, difficulty, n, min_share=1.0), [1800, 1800])
    with pytest.raises(ValueError, match="min_share"):
        allocate_budgets(counts, difficulty, 10, min_per_class=6, min_share=0.5)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0.0, 10.0), min_size=2, max_size=10),
       st.integers(1, 50), st.floats(0.0, 0.99), st.floats(0.0, 3.0))
def test_harder_class_of_same_size_never_gets_fewer(difficulty, size, rate, exponent):
    counts = np.full(len(difficulty), size)
    n = n_keep_for(counts.sum(), rate)
    if n < counts.size:
        return
    budgets = allocate_budgets(counts, np.asarray(difficulty), n,
                               exponent=exponent, min_per_class=1)
    order = np.argsort(difficulty, kind="stable")
    sorted_difficulty = np.asarray(difficulty)[order]
    sorted_budgets = budgets[order]
    for i in range(len(order) - 1):
        if sorted_difficulty[i + 1] > sorted_difficulty[i]:
            assert sorted_budgets[i + 1] >= sorted_budgets[i]


def _class_balanced_counts(counts, n):
    """Largest remainder of n * N_j / N, written independently of the package."""
    exact = n * counts / counts.sum()
    result = np.floor(exact).astype(int)
    leftover = n - result.sum()
    for j in sorted(range(counts.size), key=lambda j: (-(exact[j] - result[j]), j))[:leftover]:
        result[j] += 1
    return result


@settings(max_examples=150, deadline=None)
@given(labelled_scores(), rates)
def test_proportional_reproduces_class_balanced_counts(data, rate):
    scores, y = data
    sel = Paper(rate=rate, allocation="proportional", min_per_class=0,
                       window=0.5).fit(scores, y)
    expected = _class_balanced_counts(np.bincount(y), n_keep_for(y.size, rate))
    assert np.array_equal(sel.budgets_, expected)


@settings(max_examples=100, deadline=None)
@given(labelled_scores(distinct=True), rates)
def test_window_one_keeps_hardest_and_zero_easiest(data, rate):
    scores, y = data
    for window, pick in [(1.0, "hardest"), (0.0, "easiest")]:
        sel = Paper(rate=rate, window=window, random_state=0).fit(scores, y)
        for j, label in enumerate(sel.classes_):
            rows = np.flatnonzero(y == label)
            ranked = rows[np.argsort(scores[rows])]
            b = sel.budgets_[j]
            expected = ranked[ranked.size - b:] if pick == "hardest" else ranked[:b]
            assert set(np.flatnonzero(sel.support_ & (y == label))) == set(expected)


@settings(max_examples=100, deadline=None)
@given(labelled_scores(), rates, allocations, windows)
def test_same_random_state_same_support(data, rate, allocation, window):
    scores, y = data
    a = Paper(rate=rate, allocation=allocation, window=window, random_state=7)
    b = Paper(rate=rate, allocation=allocation, window=window, random_state=7)
    assert np.array_equal(a.fit(scores, y).support_, b.fit(scores, y).support_)


@settings(max_examples=100, deadline=None)
@given(labelled_scores(distinct=True), rates, allocations, windows, st.integers(0, 1000))
def test_shuffling_rows_permutes_support(data, rate, allocation, window, seed):
    scores, y = data
    perm = np.random.default_rng(seed).permutation(y.size)
    sel = Paper(rate=rate, allocation=allocation, window=window)
    support = sel.fit(scores, y).support_
    shuffled = sel.fit(scores[perm], y[perm]).support_
    assert np.array_equal(shuffled, support[perm])


def test_ties_are_broken_at_random_not_by_index():
    y = np.zeros(1000, dtype=int)
    scores = np.zeros(1000)
    kept = [Paper(rate=0.5, window=1.0, random_state=s).fit(scores, y).sample_indices_
            for s in range(3)]
    assert not np.array_equal(kept[0], kept[1])
    # Keeping rows 0..499 or 500..999 would mean ties were broken by index.
    assert 100 < (kept[0] < 500).sum() < 400


def test_class_difficulty_is_the_winsorized_mean():
    rng = np.random.default_rng(1)
    y = np.repeat([3, 10, 42], [50, 73, 20])
    scores = rng.exponential(size=y.size) * np.repeat([1.0, 2.0, 5.0], [50, 73, 20])
    for limits in [(0.1, 0.2), (0.0, 0.3), (0.25, 0.0)]:  # a zero tail is allowed
        sel = Paper(rate=0.5, winsorize=limits).fit(scores, y)
        for j, label in enumerate([3, 10, 42]):
            expected = winsorize(scores[y == label], limits=limits).mean()
            assert sel.class_difficulty_[j] == pytest.approx(expected, rel=1e-12)


def test_paper_budget_formula_when_no_class_saturates():
    y = np.repeat([0, 1], [100, 300])
    scores = np.where(y == 0, 0.3, 0.1) + np.linspace(0, 1e-3, y.size)
    sel = Paper(rate=0.5, winsorize=0.0, min_per_class=0, window=1.0).fit(scores, y)
    s = sel.class_difficulty_
    t = (s * sel.class_counts_).sum() / y.size
    expected = 0.5 * s * sel.class_counts_ / t
    assert np.abs(sel.budgets_ - expected).max() < 1


def test_hardest_class_saturates_and_excess_is_refilled():
    y = np.repeat([0, 1, 2], [10, 100, 100])
    scores = np.where(y == 0, 100.0, 1.0) + np.arange(y.size) * 1e-6
    sel = Paper(rate=0.5, winsorize=0.0, window=1.0).fit(scores, y)
    assert sel.budgets_[0] == 10
    assert sel.budgets_.sum() == n_keep_for(210, 0.5)
    assert abs(sel.budgets_[1] - sel.budgets_[2]) <= 1


def test_all_zero_scores_fall_back_to_proportional():
    y = np.repeat([0, 1], [30, 70])
    sel = Paper(rate=0.5, window=0.5, random_state=0).fit(np.zeros(100), y)
    assert list(sel.budgets_) == [15, 35]


def test_two_dimensional_scores_are_averaged_over_runs():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 200)
    runs = rng.random((200, 3))
    a = Paper(rate=0.6, window=0.8).fit(runs, y)
    b = Paper(rate=0.6, window=0.8).fit(runs.mean(axis=1), y)
    assert np.array_equal(a.support_, b.support_)
    assert a.n_features_in_ == 3 and a.support_.shape == (200,)


def test_easier_is_higher_scores_are_flipped():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 300)
    hardness = rng.random(300)
    a = Paper(rate=0.5, window=1.0).fit(hardness, y)
    b = Paper(rate=0.5, window=1.0, higher_is_harder=False,
                     allocation="proportional").fit(-hardness, y)
    c = Paper(rate=0.5, window=1.0, allocation="proportional").fit(hardness, y)
    assert np.array_equal(b.support_, c.support_)
    # Window 1 keeps each class's hardest: every kept sample is at least as
    # hard as every dropped one of its class, read from the flipped scores.
    for sel in (a, b):
        for j in range(3):
            kept, dropped = hardness[(y == j) & sel.support_], hardness[(y == j) & ~sel.support_]
            assert kept.min() >= dropped.max()


def test_negative_scores_raise_or_use_ranks():
    y = np.repeat([0, 1], 50)
    scores = np.linspace(-1, 1, 100)
    with pytest.raises(ValueError, match="non-negative"):
        Paper().fit(scores, y)
    ranked = Paper(negative_scores="rank", winsorize=0.0, window=0.8).fit(scores, y)
    assert np.allclose(ranked.class_difficulty_, [25.5 / 100, 75.5 / 100])
    # Ranks only set the budgets: the windows follow the scores' own order,
    # so the coreset is that of difficulty budgets computed on the ranks.
    on_ranks = Paper(winsorize=0.0, window=0.8).fit(np.arange(1, 101) / 100, y)
    np.testing.assert_array_equal(ranked.budgets_, on_ranks.budgets_)
    np.testing.assert_array_equal(ranked.support_, on_ranks.support_)
    assert ranked.budgets_[0] != ranked.budgets_[1]


def test_higher_is_easier_ranks_its_negated_scores_by_default():
    # confidence in [0, 1] is negative once negated: "auto" ranks it instead of refusing every input
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 40)
    confidence = rng.random(120) * np.array([1.0, 0.6, 0.3])[y]
    auto = NUCSSelector(rate=0.5, higher_is_harder=False, random_state=0).fit(confidence, y)
    ranked = NUCSSelector(rate=0.5, higher_is_harder=False, negative_scores="rank", random_state=0).fit(confidence, y)
    np.testing.assert_array_equal(auto.support_, ranked.support_)
    assert auto.budgets_[2] > auto.budgets_[0]  # the least confident class is the hardest: the larger budget
    with pytest.raises(ValueError, match="after negating"):
        NUCSSelector(rate=0.5, higher_is_harder=False, negative_scores="raise").fit(confidence, y)
    with pytest.raises(ValueError, match="non-negative"):  # higher = harder: a negative score is still refused
        NUCSSelector(rate=0.5).fit(confidence - 0.5, y)


@pytest.mark.parametrize("y, message", [
    (np.array([0, None] * 30, dtype=object), "missing label \\(None\\) at row 1"),
    (np.array([0.0, np.nan] * 30), "missing label \\(NaN\\) at row 1"),
    (np.array([np.float32(0), np.float32("nan")] * 30, dtype=object), "missing label \\(nan\\) at row 1"),
    (np.array([1, "a"] * 30, dtype=object), "mixes text and other labels: row 0 is 1, row 1 is 'a'"),
])
def test_missing_or_unorderable_labels_are_named_by_row(y, message):
    with pytest.raises(ValueError, match=message):
        NUCSSelector(rate=0.5).fit(np.linspace(0, 1, y.size), y)


def test_pandas_missing_text_label_is_named_as_missing():
    pd = pytest.importorskip("pandas")
    y = pd.array(["cat", "dog"] * 30, dtype="string")
    y[3] = pd.NA
    with pytest.raises(ValueError, match="missing label \\(<NA>\\) at row 3"):
        NUCSSelector(rate=0.5).fit(np.linspace(0, 1, len(y)), y)


def test_string_and_non_contiguous_labels_just_work():
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 3, 120)
    scores = rng.random(120)
    base = Paper(rate=0.5, window=0.7).fit(scores, codes)
    for labels in (np.array(["cat", "dog", "emu"])[codes], np.array([-5, 7, 1000])[codes]):
        sel = Paper(rate=0.5, window=0.7).fit(scores, labels)
        assert np.array_equal(sel.support_, base.support_)
        assert sel.classes_.size == 3


@pytest.mark.parametrize("dtype, labels", [(np.int8, [-100, 100, 0]), (np.int16, [-20000, 20000, 5])])
def test_narrow_signed_labels_spanning_more_than_their_dtype_holds(dtype, labels):
    # y - min(y) overflowed the labels' own dtype: -100 and 100 as int8 differ by 200
    n_per_class = 4000 if dtype == np.int16 else 20  # int16 takes the counting pass from ~7,700 rows
    y = np.repeat(np.array(labels, dtype=dtype), n_per_class)
    sel = Paper(rate=0.5, window=1.0, random_state=0).fit(np.linspace(0, 1, y.size), y)
    assert sel.classes_.tolist() == sorted(labels)
    assert sel.class_counts_.tolist() == [n_per_class] * 3


def test_uint64_labels_above_the_int64_range():
    y = np.array([2**64 - 1, 2**64 - 5, 2**64 - 1, 2**64 - 5], dtype=np.uint64)  # ids, hashes
    sel = Paper(rate=0.5, window=1.0, random_state=0).fit(np.arange(4.0), y)
    assert sel.classes_.dtype == np.uint64
    assert sel.classes_.tolist() == [2**64 - 5, 2**64 - 1]


@pytest.mark.parametrize("labels", [[0, 2, 0, 2], [2**64 - 1, 2**64 - 5, 2**64 - 1, 2**64 - 5]])
def test_uint64_labels_with_numpy_before_2_2(monkeypatch, labels):
    # numpy < 2.2 (pyproject admits 1.24 on) casts bincount's input to intp by the 'safe' rule:
    # any uint64 labels raised "Cannot cast array data from dtype('uint64') to dtype('int64')".
    real_bincount = np.bincount
    monkeypatch.setattr(np, "bincount", lambda x, *a, **k: real_bincount(x.astype(np.intp, casting="safe"), *a, **k))
    y = np.array(labels, dtype=np.uint64)
    sel = Paper(rate=0.5, window=1.0, random_state=0).fit(np.arange(4.0), y)
    assert sel.classes_.dtype == np.uint64 and sel.classes_.tolist() == sorted(set(labels))


def test_large_integer_labels_are_encoded_by_sorting():
    y = np.array([10**12, 5, 10**12, 5, 7])
    sel = Paper(rate=0.2, window=1.0).fit(np.arange(5.0) + 1, y)
    assert list(sel.classes_) == [5, 7, 10**12]


@pytest.mark.parametrize(
    "scores, y, params, error, match",
    [
        (np.ones(5), np.zeros(4), {}, ValueError, "scores has 5 rows but y has 4 labels"),
        (np.array([1.0, np.nan, 1.0]), np.zeros(3), {}, ValueError,
         "scores must be finite, but row 1, column 0 is nan"),
        (np.array([[1.0, 2.0], [1.0, 1.0], [1.0, -np.inf]]), np.zeros(3), {}, ValueError,
         r"scores must be finite, but row 2, column 1 is -inf \(1 non-finite"),
        (np.ones(4), np.zeros(4), {"rate": 1.0}, ValueError, "rate"),
        (np.ones(4), np.zeros(4), {"rate": -0.1}, ValueError, "rate"),
        (np.ones(4), np.zeros((4, 2)), {}, ValueError, "1-D"),
        (np.ones(0), np.zeros(0), {}, ValueError, "0 sample"),
        (np.ones(4), np.arange(4), {"rate": 0.5, "min_per_class": 1}, ValueError,
         "min_per_class"),
        (np.ones(4), np.zeros(4), {"window": 1.5}, ValueError, "window"),
        (np.ones(4), np.zeros(4), {"allocation": "greedy"}, ValueError, "allocation"),
        (np.ones(4), np.zeros(4), {"winsorize": (0.6, 0.5)}, ValueError, "winsorize"),
        (np.ones(4), np.zeros(4), {"winsorize": (0.3, 0.7)}, ValueError, "summing to less than 1"),
        (np.ones(4), np.zeros(4), {"winsorize": (-0.1, 0.1)}, ValueError, "winsorize"),
        (np.ones(4), None, {}, ValueError, "requires y"),
    ],
)
def test_bad_input_gets_a_clear_error(scores, y, params, error, match):
    with pytest.raises(error, match=match):
        Paper(**params).fit(scores, y)


def test_feature_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="features has 3 rows"):
        Paper(window=0.5).fit(np.ones(4), np.zeros(4), features=np.ones((3, 2)))


def test_unfitted_use_raises_not_fitted():
    with pytest.raises(NotFittedError):
        Paper().get_support()


def test_auto_min_per_class_allows_tiny_coresets():
    y = np.arange(10)
    sel = Paper(rate=0.5).fit(np.ones(10), y)
    assert sel.n_selected_ == 5


def test_n_keep_rounding_rule():
    assert n_keep_for(10, 0.25) == 7  # 2.5 removed rounds half up to 3
    assert n_keep_for(10, 0.0) == 10
    assert n_keep_for(3, 0.99) == 1  # never empty
    assert n_keep_for(60000, 0.7) == 18000


@settings(max_examples=100, deadline=None)
@given(labelled_scores(distinct=True), rates, windows, allocations)
def test_stratified_sampling_spreads_below_the_cutoff(data, rate, window, allocation):
    scores, y = data
    sel = Paper(rate=rate, window=window, sampling="stratified",
                       allocation=allocation, random_state=0).fit(scores, y)
    assert sel.support_.sum() == n_keep_for(y.size, rate)
    if allocation == "agnostic":
        groups = [np.arange(y.size)]
        budgets = [sel.n_selected_]
    else:
        groups = [np.flatnonzero(y == label) for label in sel.classes_]
        budgets = sel.budgets_
    for rows, b in zip(groups, budgets):
        if b == 0:
            continue
        ranks = np.argsort(np.argsort(scores[rows]))[sel.support_[rows]]
        pool = max(b, int(np.floor(window * rows.size + 0.5)))
        assert ranks.max() < pool
        # One sample per stratum [i * pool / b, (i + 1) * pool / b) of ranks.
        stride = pool / b
        i = np.arange(b)
        assert np.all(np.sort(ranks) >= np.floor(i * stride))
        assert np.all(np.sort(ranks) < (i + 1) * stride)


def test_stratified_keeps_easy_and_hard_while_window_keeps_a_band():
    y = np.zeros(1000, dtype=int)
    scores = np.arange(1000.0)
    band = Paper(rate=0.9, window=0.9, random_state=0).fit(scores, y)
    spread = Paper(rate=0.9, window=0.9, sampling="stratified",
                          random_state=0).fit(scores, y)
    assert band.sample_indices_.min() == 800 and band.sample_indices_.max() == 899
    assert spread.sample_indices_.min() < 9 and 890 <= spread.sample_indices_.max() < 900


@settings(max_examples=100, deadline=None)
@given(labelled_scores(), rates, windows, allocations)
def test_coverage_sampling_keeps_exact_size_below_the_cutoff(data, rate, window, allocation):
    scores, y = data
    sel = Paper(rate=rate, window=window, sampling="coverage",
                       allocation=allocation, random_state=0).fit(scores, y)
    assert sel.support_.sum() == n_keep_for(y.size, rate)
    if allocation != "agnostic":
        for j, label in enumerate(sel.classes_):
            rows = np.flatnonzero(y == label)
            pool = max(sel.budgets_[j], int(np.floor(window * rows.size + 0.5)))
            threshold = np.sort(scores[rows])[pool - 1] if pool else -np.inf
            assert np.all(scores[rows][sel.support_[rows]] <= threshold)


def test_coverage_sampling_reaches_every_stratum_of_each_class():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 2000)
    scores = rng.exponential(size=4000) * np.where(y == 0, 1.0, 3.0)
    sel = Paper(rate=0.9, window=0.9, sampling="coverage", random_state=0).fit(scores, y)
    band = Paper(rate=0.9, window=0.9, random_state=0).fit(scores, y)
    for label in (0, 1):
        rows = y == label
        cut = np.sort(scores[rows])[int(0.9 * rows.sum()) - 1]
        edges = np.linspace(scores[rows].min(), cut, 51)
        below = scores[rows & sel.support_]
        def stratum(values):
            return np.unique(np.clip(np.searchsorted(edges, values, side="right"), 1, 50))

        occupied = stratum(scores[rows & (scores <= cut)])
        reached = stratum(below)
        # Sparse hard strata are kept whole, so every occupied stratum is reached.
        assert set(occupied) == set(reached)
        # A contiguous band reaches only a narrow range.
        assert np.ptp(scores[rows & band.support_]) < np.ptp(below)


@settings(max_examples=100, deadline=None)
@given(labelled_scores(distinct=True), rates, windows)
def test_global_scale_with_bws_budgets_cuts_the_bws_coreset(data, rate, window):
    scores, y = data
    bws = Paper(rate=rate, allocation="agnostic", window=window, random_state=0).fit(scores, y)
    order, class_starts, sorted_scores = sort_by_class_and_score(
        np.searchsorted(bws.classes_, y), scores, bws.classes_.size, np.random.RandomState(0))
    budgets = np.bincount(np.searchsorted(bws.classes_, y[bws.support_]), minlength=bws.classes_.size)
    plan = WindowPlan(order, class_starts, budgets, sorted_scores=sorted_scores, window_scale="global")
    np.testing.assert_array_equal(plan.mask(window), bws.support_)


def test_global_scale_keeps_the_hardest_of_an_easy_class_and_the_easiest_of_a_hard_one():
    y = np.repeat([0, 1], 100)
    scores = np.concatenate([np.arange(100.0), 100 + np.arange(100.0)])  # class 1 all harder
    local = Paper(rate=0.8, allocation="proportional", window=0.5, random_state=0).fit(scores, y)
    wide = Paper(rate=0.8, allocation="proportional", window=0.5, window_scale="global",
                        random_state=0).fit(scores, y)
    np.testing.assert_array_equal(local.sample_indices_, np.r_[30:50, 130:150])
    np.testing.assert_array_equal(wide.sample_indices_, np.r_[80:100, 100:120])
    assert list(wide.budgets_) == [20, 20]


@settings(max_examples=50, deadline=None)
@given(labelled_scores(), rates, windows, st.sampled_from(["window", "stratified", "coverage"]))
def test_global_scale_keeps_exact_budgets_below_the_global_cutoff(data, rate, window, sampling):
    scores, y = data
    sel = Paper(rate=rate, window=window, sampling=sampling, window_scale="global",
                       random_state=0).fit(scores, y)
    ref = Paper(rate=rate, window=window, random_state=0).fit(scores, y)
    np.testing.assert_array_equal(sel.budgets_, ref.budgets_)
    n_below = int(np.floor(window * y.size + 0.5))
    if sampling != "window" and n_below:
        threshold = np.sort(scores)[n_below - 1]
        for j, label in enumerate(sel.classes_):
            rows = np.flatnonzero(y == label)
            below = np.sort(scores[rows])[: max(sel.budgets_[j], np.sum(scores[rows] <= threshold))]
            assert np.all(scores[rows][sel.support_[rows]] <= below.max(initial=-np.inf))


def test_global_scale_window_search_with_features():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 100)
    features = rng.normal(size=(300, 4)) + y[:, None]
    scores = rng.random(300) * (1 + y)
    sel = Paper(rate=0.7, window_scale="global", random_state=0).fit(scores, y, features=features)
    assert sel.window_ in sel.window_search_.grid_ and sel.n_selected_ == 90


@pytest.mark.parametrize("sizes, expected", [
    ([200, 200, 200], "global"),
    ([200, 150, 100], "global"),  # largest exactly twice the smallest: still balanced
    ([200, 150, 99], "class"),
    ([400, 40, 4], "class"),
])
def test_auto_window_scale_follows_the_class_sizes(sizes, expected):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), sizes)
    scores = rng.random(y.size) * (1 + y)
    features = rng.normal(size=(y.size, 3)) + 3 * y[:, None]
    auto = NUCSSelector(0.7, window_scale="auto", random_state=0).fit(scores, y, features=features)
    same = NUCSSelector(0.7, window_scale=expected, random_state=0).fit(scores, y, features=features)
    assert auto.window_scale_ == expected and same.window_scale_ == expected
    np.testing.assert_array_equal(auto.support_, same.support_)


def test_auto_window_scale_is_the_class_scale_for_a_per_class_search():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 200)
    features = rng.normal(size=(600, 3)) + y[:, None]
    search = RidgeWindowPredictor(per_class=True, grid=[0.8, 1.0], random_state=0)
    sel = NUCSSelector(0.7, window_scale="auto", window_search=search, random_state=0)
    sel.fit(rng.random(600), y, features=features)
    assert sel.window_scale_ == "class" and sel.window_search_.class_windows_.shape == (3,)


def test_unknown_window_scale_is_an_error():
    with pytest.raises(ValueError, match="window_scale"):
        Paper(window_scale="local").fit(np.ones(4), [0, 0, 1, 1])


@pytest.mark.parametrize("kwargs, match", [
    ({"n_keep": 601}, "n_keep must be an integer between 0 and the number of samples, 600"),
    ({"n_keep": -1}, "n_keep must be"),
    ({"n_keep": 2.5}, "n_keep must be"),
    ({"allocation": "agnostic"}, "allocation must be one of"),
    ({"allocation": "difficulty_typo"}, "allocation must be one of"),
    ({"class_difficulty": [-0.1, 0.5, 1.0]}, "finite and non-negative"),
    ({"class_difficulty": [np.nan, 0.5, 1.0]}, "finite and non-negative"),
    ({"class_difficulty": [np.inf, 0.5, 1.0]}, "finite and non-negative"),
    ({"class_difficulty": [0.5, 1.0]}, "one entry per class"),
    ({"class_counts": [100, -1, 300]}, "class_counts must be"),
    ({"class_counts": [[100, 200, 300]]}, "class_counts must be"),
    ({"class_counts": [100.5, 200, 300]}, "class_counts must be"),
    ({"exponent": -1.0}, "exponent"),
    ({"exponent": np.inf}, "exponent"),
    ({"min_per_class": -1}, "min_per_class"),
    ({"min_per_class": "some"}, "min_per_class"),
    ({"min_share": 1.5}, r"min_share must be in \[0, 1\]"),
])
def test_allocate_budgets_refuses_invalid_arguments(kwargs, match):
    arguments = {"class_counts": [100, 200, 300], "class_difficulty": [0.2, 0.5, 1.0],
                 "n_keep": 300, **kwargs}
    counts = np.asarray(arguments.pop("class_counts"))
    difficulty = np.asarray(arguments.pop("class_difficulty"), dtype=float)
    n_keep = arguments.pop("n_keep")
    with pytest.raises(ValueError, match=match):
        allocate_budgets(counts, difficulty, n_keep, **arguments)


def test_auto_floor_holds_when_the_coreset_has_exactly_one_sample_per_class():
    counts, difficulty = np.array([10, 10, 10]), np.array([0.0, 0.0, 1.0])
    np.testing.assert_array_equal(
        allocate_budgets(counts, difficulty, 3, min_per_class="auto"), [1, 1, 1])
    np.testing.assert_array_equal(
        allocate_budgets(counts, difficulty, 2, min_per_class="auto"), [0, 0, 2])


def test_allocate_budgets_accepts_the_full_range():
    counts = np.array([100, 200, 300])
    np.testing.assert_array_equal(allocate_budgets(counts, [0.2, 0.5, 1.0], 600), counts)
    np.testing.assert_array_equal(allocate_budgets([0, 200, 300], [0.2, 0.5, 1.0], 100,
                                                   exponent=0.0), [0, 40, 60])
    np.testing.assert_array_equal(allocate_budgets(counts, [0.2, 0.5, 1.0], 0), [0, 0, 0])
    np.testing.assert_array_equal(
        allocate_budgets(counts, None, np.int64(60), allocation="proportional"), [10, 20, 30])


@pytest.mark.parametrize("scale", [1e-170, 1e-300, 1e200, 1e300])
def test_budgets_do_not_depend_on_the_scale_of_the_scores(scale):
    counts, difficulty = np.array([100, 200, 300]), np.array([0.2, 0.5, 1.0])
    expected = allocate_budgets(counts, difficulty, 300, exponent=2.0)
    np.testing.assert_array_equal(expected, [4, 42, 254])
    np.testing.assert_array_equal(allocate_budgets(counts, difficulty * scale, 300, exponent=2.0),
                                  expected)


def _lambda_by_bisection(weights, lower, upper, total):
    """The water level: sum(clip(lam * w, lower, upper)) == total, found independently."""
    low, high = 0.0, 1.0
    while np.clip(high * weights, lower, upper).sum() < total:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if np.clip(middle * weights, lower, upper).sum() < total:
            low = middle
        else:
            high = middle
    return high


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.floats(0.0, 5.0)), min_size=1, max_size=10),
       st.floats(0.0, 0.99), st.floats(0.0, 3.0), st.integers(0, 3), st.floats(0.0, 1.0))
def test_free_classes_get_their_share_of_the_water_level(classes, rate, exponent, floor, share):
    # Every class strictly between its floor and its cap gets lam S_j^gamma N_j
    # up to rounding: refilling the capped excess in proportion to N_j
    # instead of S_j^gamma N_j breaks this.
    counts = np.array([c for c, _ in classes])
    difficulty = np.array([d for _, d in classes])
    n = n_keep_for(counts.sum(), rate)
    lower = np.maximum(np.minimum(floor, counts), np.floor(share * n * counts / counts.sum()))
    if lower.sum() > n or difficulty.max() == 0:
        return
    budgets = allocate_budgets(counts, difficulty, n, exponent=exponent,
                               min_per_class=floor, min_share=share)
    weights = (difficulty / difficulty.max()) ** exponent * counts
    if np.clip(1e300 * weights, lower, counts).sum() < n:
        return  # zero-weight classes must take the rest: no single water level
    lam = _lambda_by_bisection(weights, lower, counts, n)
    free = (budgets > lower) & (budgets < counts)
    assert np.all(np.abs(budgets[free] - lam * weights[free]) < 1 + 1e-6)
    assert budgets.sum() == n


@settings(max_examples=100, deadline=None)
@given(labelled_scores(distinct=True), rates, st.floats(0.0, 3.0), st.integers(-1000, 1000))
def test_budgets_do_not_change_when_all_scores_are_scaled(data, rate, exponent, power):
    # Scaling by a power of two is exact, so any change would be the method's.
    scores, y = data
    sel = Paper(rate=rate, exponent=exponent, window=0.7, random_state=0)
    base = sel.fit(scores, y).budgets_.copy()
    scaled = sel.fit(scores * 2.0 ** power, y)
    np.testing.assert_array_equal(scaled.budgets_, base)


@pytest.mark.parametrize("window", [0.1, 0.2, 0.3, 0.4, 0.5])
def test_window_reports_the_endpoint_really_used(window):
    # The issue: at rate 0.5 with proportional budgets, k = 0.1 ... 0.5 cut
    # the same coreset (every window shifted up to the class's easiest half).
    y = np.repeat([0, 1, 2], [100, 200, 300])
    scores = np.random.default_rng(0).random(600)
    sel = Paper(rate=0.5, allocation="proportional", window=window,
                       random_state=0).fit(scores, y)
    assert sel.window_ == 0.5
    again = Paper(rate=0.5, allocation="proportional", window=sel.window_,
                         random_state=0).fit(scores, y)
    np.testing.assert_array_equal(again.support_, sel.support_)


def test_effective_window_ends_at_the_smallest_end_of_a_class_that_keeps_samples():
    order, starts = np.arange(30), np.array([0, 10, 20, 30])
    # Ends e_j = max(round(0 N_j), b_j) = (1, 5, -): the class keeping one
    # sample holds the window at 0.1; the class keeping none does not count.
    assert WindowPlan(order, starts, [1, 5, 0]).effective_window(0.0) == 0.1
    assert WindowPlan(order, starts, [0, 5, 0]).effective_window(0.0) == 0.5
    assert WindowPlan(order, starts, [0, 0, 0]).effective_window(0.3) == 0.3


def test_window_is_unchanged_where_some_class_is_not_shifted():
    y = np.repeat([0, 1], [100, 300])
    scores = np.random.default_rng(0).random(400)
    assert Paper(rate=0.5, window=0.7, random_state=0).fit(scores, y).window_ == 0.7


@settings(max_examples=100, deadline=None)
@given(labelled_scores(), rates, allocations, windows,
       st.sampled_from(["window", "stratified", "coverage"]))
def test_refitting_at_the_reported_window_gives_the_same_coreset(data, rate, allocation,
                                                                window, sampling):
    scores, y = data
    params = dict(rate=rate, allocation=allocation, sampling=sampling, random_state=0)
    sel = Paper(window=window, **params).fit(scores, y)
    assert window <= sel.window_ <= 1
    again = Paper(window=sel.window_, **params).fit(scores, y)
    np.testing.assert_array_equal(again.support_, sel.support_)


def test_agnostic_allocation_sorts_once(monkeypatch):
    import sknucs._selector as selector_module

    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 500)
    scores = rng.integers(0, 30, 500).astype(float)
    by_class = Paper(rate=0.6, allocation="proportional").fit(scores, y)

    def no_class_sort(*args):
        raise AssertionError("allocation='agnostic' sorted by class")

    monkeypatch.setattr(selector_module, "sort_by_class_and_score", no_class_sort)
    agnostic = Paper(rate=0.6, allocation="agnostic", window=0.5,
                            random_state=0).fit(scores, y)
    np.testing.assert_allclose(agnostic.class_difficulty_, by_class.class_difficulty_)
    # One window over the pool: nothing kept above its 250th easiest score.
    assert scores[agnostic.support_].max() <= np.sort(scores)[249]


def test_default_is_the_papers_method_with_coverage_sampling_and_the_noise_filter():
    # the benchmark's choice (docs/selector.md): everything the paper sets, but sampling, the filter, the cap,
    # the noise cut, the exponent, the easy cut, the score runs' agreement it needs, the fallback, the difficulty
    # on ranks and the copies left out
    defaults = NUCSSelector().get_params()
    assert {name: defaults[name] for name in PAPER_SETTINGS} == {
        **PAPER_SETTINGS, "sampling": "coverage", "noise_filter": 0.0, "window_cap": "auto", "noise_cut": "auto",
        "exponent": "auto", "easy_cut": "auto", "easy_cut_agreement": 0.3, "runs_disagree": "uniform_ranks",
        "difficulty_on": "auto", "duplicates": "skip"}


@pytest.mark.parametrize("rate, cap", [(0.5, 1.0), (0.6, 1.0), (0.7, 0.95), (0.8, 0.95), (0.9, 0.95)])
def test_window_cap_bounds_the_searched_cut_off(rate, cap):
    # Features that only separate the classes among the hardest samples make the search want k = 1.
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 400)
    scores = rng.random(1200)
    features = rng.normal(size=(1200, 3))
    hard = scores > 0.9
    features[hard, 0] += 6 * (y[hard] - 1)
    uncapped = NUCSSelector(rate, window_cap=None, noise_filter=None, random_state=0)
    uncapped.fit(scores, y, features=features)
    capped = NUCSSelector(rate, noise_filter=None, random_state=0).fit(scores, y, features=features)
    assert uncapped.window_search_.grid_.max() == 1.0 and uncapped.window_ == 1.0
    assert capped.window_search_.grid_.max() == pytest.approx(cap)
    assert capped.window_ <= cap + 1e-9
    fixed = NUCSSelector(rate, window_cap=0.5, noise_filter=None, random_state=0).fit(scores, y, features=features)
    assert fixed.window_ <= 0.5 + 1e-9 and fixed.window_search_.grid_.max() == 0.5


def _noisy_hard_rows(noise_rate=0.2, seed=0):
    """Labels of which ``noise_rate`` are wrong, and features that separate the classes at every difficulty."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(3), 400)
    features = np.column_stack([4.0 * truth + rng.normal(size=1200), rng.normal(size=1200)])
    y = truth.copy()
    wrong = rng.random(1200) < noise_rate
    y[wrong] = (truth[wrong] + 1) % 3
    scores = rng.random(1200) + wrong  # the wrong labels are the hardest rows
    return scores, y, features


@pytest.mark.parametrize("noise_cut", [0.25, 0.5, 1.0])
def test_noise_cut_bounds_the_search_by_the_estimated_noise_rate(noise_cut):
    scores, y, features = _noisy_hard_rows()
    plain = NUCSSelector(0.5, noise_cut=0.0, random_state=0).fit(scores, y, features=features)
    cut = NUCSSelector(0.5, noise_cut=noise_cut, random_state=0).fit(scores, y, features=features)
    assert plain.suspects_excluded_ and 0.1 < cut.noise_rate_ < 0.3
    assert plain.window_search_.grid_.max() == 1.0
    bound = 1.0 - noise_cut * cut.noise_rate_
    # the searched endpoint; window_ may round up to the end of the classes' windows (round(k N_j) / N_j)
    assert cut.window_search_.grid_.max() == pytest.approx(bound) and cut.window_search_.window_ <= bound + 1e-9
    # it only lowers the cap: window_cap's own bound still holds at 90% pruning
    heavy = NUCSSelector(0.9, noise_cut=0.25, random_state=0).fit(scores, y, features=features)
    assert heavy.window_search_.grid_.max() == pytest.approx(min(0.95, 1.0 - 0.25 * heavy.noise_rate_))


def test_noise_cut_does_nothing_without_the_filter_or_with_a_fixed_window():
    scores, y, features = _noisy_hard_rows()
    for params in ({"noise_filter": None}, {"window": 0.8}):
        with_cut = NUCSSelector(0.5, noise_cut=1.0, random_state=0, **params).fit(scores, y, features=features)
        without = NUCSSelector(0.5, noise_cut=0.0, random_state=0, **params).fit(scores, y, features=features)
        np.testing.assert_array_equal(with_cut.support_, without.support_)
    unfiltered = NUCSSelector(0.5, noise_cut=1.0, noise_filter=None, random_state=0).fit(scores, y, features=features)
    assert unfiltered.window_search_.grid_.max() == 1.0


@pytest.mark.parametrize("noise_rate, heavy", [(0.1, False), (0.45, True)])
def test_auto_noise_cut_is_a_quarter_of_the_noise_rate_up_to_its_limit(noise_rate, heavy):
    # Below 20% suspects "auto" is noise_cut=0.25; above, it cuts no deeper than NOISE_CUT_LIMIT.
    scores, y, features = _noisy_hard_rows(noise_rate)
    auto = NUCSSelector(0.5, random_state=0).fit(scores, y, features=features)
    assert auto.noise_cut == "auto" and (auto.noise_rate_ > 0.2) == heavy
    expected = 1.0 - min(0.25 * auto.noise_rate_, NOISE_CUT_LIMIT)
    assert auto.window_search_.grid_.max() == pytest.approx(expected)
    linear = NUCSSelector(0.5, noise_cut=0.25, random_state=0).fit(scores, y, features=features)
    assert linear.window_search_.grid_.max() == pytest.approx(1.0 - 0.25 * auto.noise_rate_)
    assert (linear.window_search_.grid_.max() < expected - 1e-6) == heavy


@pytest.mark.parametrize("noise_cut", [-0.1, 1.5, "half"])
def test_noise_cut_out_of_range_is_rejected(noise_cut):
    scores, y, features = _noisy_hard_rows()
    with pytest.raises(ValueError, match="noise_cut"):
        NUCSSelector(0.5, noise_cut=noise_cut).fit(scores, y, features=features)


def test_coverage_draws_across_each_class_below_the_searched_cut_off():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 400)
    scores = rng.random(1200) * np.repeat([0.3, 0.6, 1.0], 400)
    features = np.column_stack([y + rng.normal(scale=2.0, size=1200), rng.normal(size=1200)])
    # every row (noise_filter=None): the features are weak, and a rank is then a rank in the whole class
    default = NUCSSelector(0.8, noise_filter=None, exponent=1.0, random_state=0).fit(scores, y, features=features)
    paper = NUCSSelector(0.8, random_state=0, **PAPER_SETTINGS).fit(scores, y, features=features)
    np.testing.assert_array_equal(default.budgets_, paper.budgets_)  # the paper's budgets (exponent 1)
    assert default.window_search_ is not None
    for label in range(3):
        members = np.flatnonzero(y == label)
        ranks = np.argsort(np.argsort(scores[members])) / members.size  # rank within the class, in [0, 1)
        kept = ranks[default.support_[members]]
        # below the cut-off, and spread over its range rather than one band of b_j ranks
        assert kept.max() < default.window_ + 1e-9
        assert kept.max() - kept.min() > 0.5 * default.window_
        assert kept.max() - kept.min() > default.budgets_[label] / members.size + 0.1  # a band spans b_j / N_j


def test_global_coverage_option_cuts_at_the_whole_sets_quantile_and_ignores_features():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(4), 250)
    scores = rng.random(1000) * np.repeat([0.1, 0.4, 0.7, 1.0], 250)
    wide = NUCSSelector(0.7, sampling="coverage", window_scale="global", window=0.9, noise_filter=None,
                        random_state=0)
    wide.fit(scores, y, features=rng.normal(size=(1000, 5)))
    assert wide.window_search_ is None and wide.window_ == 0.9
    assert np.all(scores[wide.support_] <= np.quantile(scores, 0.9))
    np.testing.assert_array_equal(np.bincount(y[wide.support_]), wide.budgets_)


def test_paper_settings_give_the_papers_window():
    rng = np.random.default_rng(1)
    y = np.repeat(np.arange(3), 100)
    scores = rng.random(300)
    paper = NUCSSelector(0.5, random_state=0, **PAPER_SETTINGS).fit(scores, y)
    # no features: k = default_window(0.5) = 1, each class keeps its hardest half
    assert paper.window_ == 1.0
    for label in range(3):
        members = np.flatnonzero(y == label)
        hardest = members[np.argsort(scores[members])[-paper.budgets_[label]:]]
        assert set(np.flatnonzero(paper.support_ & (y == label))) == set(hardest)


def test_class_scale_coverage_water_fills_each_class_on_its_own_strata():
    # CCS inside each class: a stratum smaller than the level is taken whole, the others
    # take the level (within one); the strata are the class's own 50 of its score range.
    # Classes shaped in opposite ways tell this from keep rates shared across classes.
    rng = np.random.default_rng(3)
    y = np.repeat([0, 1], 2000)
    scores = np.concatenate([rng.beta(1, 5, 2000), rng.beta(5, 1, 2000)])
    selector = NUCSSelector(0.8, sampling="coverage", window=1.0, allocation="proportional",
                            random_state=0).fit(scores, y)
    for label in (0, 1):
        members = scores[y == label]
        low, high = members.min(), members.max()
        strata = np.minimum(np.floor((members - low) / ((high - low) / 50)), 49).astype(int)
        counts = np.bincount(strata, minlength=50)
        kept = np.bincount(strata[selector.support_[y == label]], minlength=50)
        assert kept.sum() == selector.budgets_[label]
        partial = kept < counts
        assert partial.any() and np.ptp(kept[partial]) <= 1
        assert np.all(counts[~partial] <= kept[partial].max())


def test_min_share_with_the_automatic_floor_holds_on_many_small_classes():
    # one sample per class and the share floors collided: 1 + 1 + 2 > 3 raised, blaming a
    # min_per_class the user never set
    y, scores = [0, 1, 2, 2, 2, 2], np.linspace(0.1, 0.6, 6)
    shared = NUCSSelector(rate=0.5, window=0.9, min_share=1.0).fit(scores, y)
    np.testing.assert_array_equal(shared.budgets_, [1, 1, 1])
    with pytest.raises(ValueError, match="min_per_class=1"):  # a floor the user set still raises
        NUCSSelector(rate=0.5, window=0.9, min_share=1.0, min_per_class=1).fit(scores, y)


def test_min_share_is_ignored_outside_the_difficulty_allocation():
    y, scores = [0, 1, 2, 2, 2, 2], np.linspace(0.1, 0.6, 6)
    proportional = NUCSSelector(rate=0.5, window=0.9, allocation="proportional").fit(scores, y)
    shared = NUCSSelector(rate=0.5, window=0.9, allocation="proportional", min_share=1.0).fit(scores, y)
    np.testing.assert_array_equal(shared.budgets_, proportional.budgets_)


def test_a_class_of_difficulty_zero_is_named_in_a_warning():
    rng = np.random.default_rng(0)
    counts = np.r_[rng.poisson(0.03, 1000), rng.poisson(0.5, 1000)]  # forgetting counts, mostly 0
    y = np.repeat(["shoe", "shirt"], 1000)
    with pytest.warns(UserWarning, match=r"1 of 2 classes have difficulty 0 \('shoe'\).*give them 1 of their 1000 "
                      r"rows where a class-blind share would keep 500.*min_share") as caught:
        starved = NUCSSelector(rate=0.5, window=0.9, difficulty_on="scores").fit(counts, y)
    assert caught[0].filename == __file__  # at the caller's line
    np.testing.assert_array_equal(starved.budgets_, [999, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a floor of a share, or proportional budgets: no warning
        assert NUCSSelector(rate=0.5, window=0.9, difficulty_on="scores",
                            min_share=0.5).fit(counts, y).budgets_.min() >= 250
        NUCSSelector(rate=0.5, window=0.9, allocation="proportional").fit(counts, y)
        NUCSSelector(rate=0.5, window=0.9, difficulty_on="scores").fit(counts + 1, y)
        assert NUCSSelector(rate=0.5, window=0.9).fit(counts, y).budgets_.min() >= 250   # the default: ranks


def test_the_difficulty_zero_warning_says_what_the_class_kept():
    # The other classes are capped at their size and their excess spills onto
    # the class of difficulty 0: the warning gives what it kept, not "the floor",
    # and with every row kept there is nothing to warn about.
    y = np.repeat([0, 1, 2], 100)
    scores = np.where(y == 0, 0.0, np.random.default_rng(0).random(300))
    with pytest.warns(UserWarning, match=r"give them 70 of their 100 rows where a class-blind share would keep 90"):
        assert NUCSSelector(rate=0.1, difficulty_on="scores", random_state=0).fit(scores, y).budgets_[0] == 70
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        NUCSSelector(rate=0.0, random_state=0).fit(scores, y)


@pytest.mark.parametrize("counts, expected", [((300, 300, 300), 0.75), ((400, 300, 200), 0.75),
                                               ((401, 300, 200), 1.0), ((600, 60, 6), 1.0)])
def test_automatic_exponent_is_softer_on_balanced_classes(counts, expected):
    # balanced: the largest class has at most twice the rows of the smallest (as window_scale="auto")
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), counts)
    scores = rng.random(y.size) * np.array([0.2, 0.5, 1.0])[y]
    auto = NUCSSelector(0.7, window=0.9, random_state=0).fit(scores, y)
    fixed = NUCSSelector(0.7, window=0.9, exponent=expected, random_state=0).fit(scores, y)
    assert auto.exponent_ == expected
    np.testing.assert_array_equal(auto.sample_indices_, fixed.sample_indices_)
    assert NUCSSelector(0.7, window=0.9, exponent=0.3).fit(scores, y).exponent_ == 0.3


def test_automatic_exponent_counts_every_row_and_softens_the_easy_classes_starvation():
    rng = np.random.default_rng(1)
    y = np.repeat(np.arange(3), 300)
    scores = rng.random(900) * np.array([0.05, 0.5, 1.0])[y]
    features = np.eye(3)[y] * 5 + rng.normal(size=(900, 3))
    features[:250, :] = features[::-1][:250]  # 250 rows of class 0 look like class 2: left out as suspects
    auto = NUCSSelector(0.7, random_state=0).fit(scores, y, features=features)
    assert auto.suspects_excluded_ and auto.exponent_ == 0.75  # the classes' sizes, not the trusted rows'
    paper_budgets = NUCSSelector(0.7, exponent=1.0, random_state=0).fit(scores, y, features=features).budgets_
    assert auto.budgets_[0] > paper_budgets[0] and auto.budgets_[2] < paper_budgets[2]


def test_a_fit_with_features_logs_its_stages_and_their_time(caplog):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 40)
    features = rng.normal(size=(120, 4)) + 3.0 * y[:, None]
    with caplog.at_level("INFO", logger="sknucs"):
        NUCSSelector(rate=0.7, random_state=0).fit(rng.random(120), y, features=features)
    messages = [record.getMessage() for record in caplog.records if record.name == "sknucs._selector"]
    assert len(messages) == 3
    assert messages[0].startswith("noise filter: a ridge probe on 120 rows x 4 features, 3 classes")
    assert messages[1].startswith("duplicates: 0 rows repeat an earlier row of their class, in ")
    assert messages[2].startswith("window search: k = ")


def _zero_inflated(seed=0):
    """Counts like forgetting events: class 0's rows nearly all 0, class 3's rarely."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(4), 500)
    zero = rng.random(2000) < np.array([0.97, 0.6, 0.3, 0.2])[y]
    return np.where(zero, 0, rng.integers(1, 5, 2000)).astype(float), y


def test_difficulty_on_ranks_where_the_lowest_score_holds_half_a_class():
    scores, y = _zero_inflated()
    with pytest.warns(UserWarning, match="difficulty 0"):
        on_scores = NUCSSelector(rate=0.7, difficulty_on="scores", random_state=0).fit(scores, y)
    auto = NUCSSelector(rate=0.7, random_state=0).fit(scores, y)            # the default
    assert on_scores.difficulty_on_ == "scores" and auto.difficulty_on_ == "ranks"
    assert on_scores.budgets_[0] < 15 and auto.budgets_[0] > 80   # a class of zeros all but starved on the scores
    ranks = rankdata(scores) / scores.size          # a class of zeros sits at the zeros' mean rank, not at 0
    assert np.all(np.diff(auto.class_difficulty_) > 0) and auto.class_difficulty_[0] >= ranks.min() > 0.25
    assert auto.n_selected_ == on_scores.n_selected_ == 600


def test_difficulty_on_auto_keeps_the_scores_where_they_seldom_tie():
    rng = np.random.default_rng(1)
    y = np.repeat(np.arange(4), 300)
    scores = rng.gamma(2.0, 0.1, size=(1200, 3)) * (1 + y[:, None])
    auto = NUCSSelector(rate=0.7, random_state=0).fit(scores, y)
    on_scores = NUCSSelector(rate=0.7, difficulty_on="scores", random_state=0).fit(scores, y)
    assert auto.difficulty_on_ == "scores"
    np.testing.assert_array_equal(auto.sample_indices_, on_scores.sample_indices_)
    forced = NUCSSelector(rate=0.7, difficulty_on="ranks", random_state=0).fit(scores, y)
    assert forced.difficulty_on_ == "ranks" and forced.class_difficulty_.max() <= 1


def test_negative_scores_as_ranks_say_so():
    scores, y = _zero_inflated()
    selector = NUCSSelector(rate=0.5, negative_scores="rank", random_state=0).fit(scores - 1.0, y)
    assert selector.difficulty_on_ == "ranks"
