"""``easy_cut``: coverage sampling that also leaves out each class's easiest samples."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from sknucs import NUCSSelector


def _data(seed=0, sizes=(300, 200, 100)):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(sizes)), sizes)
    scores = rng.random(y.size) * (1 + y)
    return scores, y


def _class_ranks(scores, y):
    """Each row's rank inside its class, easiest 0."""
    ranks = np.empty(y.size, dtype=np.int64)
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        ranks[rows[np.argsort(scores[rows], kind="stable")]] = np.arange(rows.size)
    return ranks


@pytest.mark.parametrize("easy_cut", [0.1, 0.3])
def test_easiest_ranks_are_left_out_and_sizes_kept(easy_cut):
    scores, y = _data()
    plain = NUCSSelector(0.5, window=0.9, random_state=0).fit(scores, y)
    cut = NUCSSelector(0.5, window=0.9, easy_cut=easy_cut, random_state=0).fit(scores, y)
    assert_array_equal(cut.budgets_, plain.budgets_)
    ranks, kept = _class_ranks(scores, y), cut.get_support()
    counts, budgets = np.bincount(y), cut.budgets_
    ends = np.maximum(np.floor(0.9 * counts + 0.5), budgets)
    starts = np.minimum(np.floor(easy_cut * counts + 0.5), ends - budgets)
    assert (starts[:2] > 0).all() and starts[2] < np.floor(easy_cut * counts[2] + 0.5)  # class 2 is moved down
    assert (ranks[kept] >= starts[y[kept]]).all()
    assert (ranks[kept] < ends[y[kept]]).all()
    assert (ranks[plain.get_support()] < starts[y[plain.get_support()]]).any()


@pytest.mark.parametrize("ramp", [60, 100, 400])
def test_the_ramp_shrinks_the_cut_of_classes_that_keep_fewer_rows(ramp):
    scores, y = _data()
    cut = NUCSSelector(0.5, window=0.9, easy_cut=0.3, easy_cut_ramp=ramp, random_state=0).fit(scores, y)
    whole = NUCSSelector(0.5, window=0.9, easy_cut=0.3, random_state=0).fit(scores, y)
    counts, budgets = np.bincount(y), cut.budgets_
    ends = np.maximum(np.floor(0.9 * counts + 0.5), budgets)
    share = np.minimum(budgets / ramp, 1.0)
    starts = np.minimum(np.floor(np.floor(0.3 * counts + 0.5) * share + 0.5), ends - budgets)
    ranks, kept = _class_ranks(scores, y), cut.get_support()
    lowest = np.array([ranks[kept & (y == label)].min() for label in range(3)])
    assert (lowest >= starts).all() and (lowest < starts + 5).all()  # each pool starts where the ramp says
    whole_starts = np.minimum(np.floor(0.3 * counts + 0.5), ends - budgets)
    shrunk = starts < whole_starts
    assert not shrunk[2] and shrunk.any() == (ramp > budgets[:2].min())  # class 2 is moved down anyway
    if not shrunk.any():  # every class keeps at least the ramp, or is moved down anyway: the whole cut
        assert_array_equal(kept, whole.get_support())


def test_a_zero_ramp_cuts_whole_at_every_budget():
    scores, y = _data()
    plain = NUCSSelector(0.9, window=0.9, easy_cut=0.3, random_state=0).fit(scores, y)
    ramp = NUCSSelector(0.9, window=0.9, easy_cut=0.3, easy_cut_ramp=0, random_state=0).fit(scores, y)
    assert_array_equal(plain.get_support(), ramp.get_support())


def test_a_cut_that_leaves_too_few_rows_gives_the_window_below_the_cut_off():
    scores, y = _data()
    cut = NUCSSelector(0.5, window=0.9, easy_cut=0.8, random_state=0).fit(scores, y)
    window = NUCSSelector(0.5, window=0.9, sampling="window", random_state=0).fit(scores, y)
    assert_array_equal(cut.get_support(), window.get_support())


def test_global_scale_cuts_below_the_whole_sets_quantile():
    scores, y = _data(sizes=(300, 300, 300))
    cut = NUCSSelector(0.6, window=0.95, window_scale="global", easy_cut=0.2, random_state=0).fit(scores, y)
    threshold = np.sort(scores)[int(np.floor(0.2 * scores.size + 0.5)) - 1]
    assert cut.get_support().sum() == 360
    assert (scores[cut.get_support()] > threshold).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**16), st.floats(0.0, 0.95), st.floats(0.05, 0.95), st.sampled_from([0.3, 0.5, 0.9]))
def test_size_and_budgets_whatever_the_cut(seed, easy_cut, window, rate):
    scores, y = _data(seed, sizes=(40, 25, 7))
    plain = NUCSSelector(rate, window=window, random_state=seed).fit(scores, y)
    cut = NUCSSelector(rate, window=window, easy_cut=easy_cut, random_state=seed).fit(scores, y)
    assert_array_equal(np.bincount(y[cut.get_support()], minlength=3), plain.budgets_)


def test_search_and_features_run_with_the_cut():
    scores, y = _data()
    features = np.random.default_rng(1).normal(size=(y.size, 4)) + y[:, None]
    cut = NUCSSelector(0.7, easy_cut=0.2, random_state=0).fit(scores, y, features=features)
    assert cut.window_search_ is not None
    assert cut.get_support().sum() == cut.n_selected_


@pytest.mark.parametrize("sampling", ["window", "stratified"])
def test_other_samplings_refuse_an_easy_cut(sampling):
    scores, y = _data()
    with pytest.raises(ValueError, match="easy_cut=0.2 needs sampling='coverage'"):
        NUCSSelector(0.5, sampling=sampling, easy_cut=0.2).fit(scores, y)


@pytest.mark.parametrize("options", [{"easy_cut": 1.0}, {"easy_cut_ramp": -1}, {"easy_cut_ramp": 2.5}])
def test_easy_cut_out_of_range_is_refused(options):
    scores, y = _data()
    with pytest.raises(ValueError, match=next(iter(options))):
        NUCSSelector(0.5, **options).fit(scores, y)


def _features(y, seed=1):
    return np.random.default_rng(seed).normal(size=(y.size, 4)) + 3 * y[:, None]


def test_auto_cuts_with_features_the_filter_believes():
    from sknucs import AUTO_EASY_CUT

    scores, y = _data()
    auto = NUCSSelector(0.5, easy_cut="auto", random_state=0).fit(scores, y, features=_features(y))
    fixed = NUCSSelector(0.5, easy_cut=AUTO_EASY_CUT, random_state=0).fit(scores, y, features=_features(y))
    assert auto.easy_cut_ == AUTO_EASY_CUT == 0.3
    assert_array_equal(auto.get_support(), fixed.get_support())


@pytest.mark.parametrize("options, with_features", [
    ({}, False),                                      # nothing to filter with
    ({"noise_filter": None}, True),                   # no filter ran
    ({"sampling": "window"}, True),                   # another sampling keeps its own ranks
])
def test_auto_does_not_cut_without_a_filter_on_believed_features(options, with_features):
    scores, y = _data()
    features = _features(y) if with_features else None
    auto = NUCSSelector(0.5, easy_cut="auto", random_state=0, **options).fit(scores, y, features=features)
    plain = NUCSSelector(0.5, easy_cut=0.0, random_state=0, **options).fit(scores, y, features=features)
    assert auto.easy_cut_ == 0.0
    assert_array_equal(auto.get_support(), plain.get_support())


def test_auto_does_not_cut_with_features_that_agree_by_chance():
    from sknucs import UninformativeFeaturesWarning

    scores, y = _data()
    noise = np.random.default_rng(3).normal(size=(y.size, 4))
    with pytest.warns(UninformativeFeaturesWarning):
        auto = NUCSSelector(0.5, easy_cut="auto", random_state=0).fit(scores, y, features=noise)
    assert auto.easy_cut_ == 0.0
