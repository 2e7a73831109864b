"""``score_agreement_`` and ``easy_cut_agreement``: the easy cut only where the score runs agree."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from sknucs import NUCSSelector
from sknucs._score_agreement import within_class_agreement


def _runs(noise, seed=0, sizes=(300, 200, 100), n_runs=3):
    """Scores of ``n_runs`` runs: a shared difficulty plus run noise of scale ``noise``, classes apart."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(sizes)), sizes)
    truth = rng.random(y.size)
    return y[:, None] + truth[:, None] + noise * rng.random((y.size, n_runs)), y


def _features(y, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(y.size, 6)) + 3 * np.eye(6)[y]


def test_identical_runs_agree_fully_and_reversed_ones_not_at_all():
    runs, y = _runs(0.0)
    assert within_class_agreement(runs, y, 3) == pytest.approx(1.0)
    flipped = np.c_[runs[:, 0], -runs[:, 0]]
    assert within_class_agreement(flipped, y, 3) == pytest.approx(-1.0)


def test_agreement_is_within_classes():
    """Offsets between classes, which any two runs share, do not count: only the order inside a class."""
    rng = np.random.default_rng(1)
    y = np.repeat(np.arange(4), 250)
    runs = 10.0 * y[:, None] + rng.random((y.size, 2))  # independent inside each class
    assert abs(within_class_agreement(runs, y, 4)) < 0.1
    pooled = np.corrcoef(runs.T)[0, 1]
    assert pooled > 0.9  # across classes they look alike


def test_agreement_is_a_rank_statistic_and_falls_with_run_noise():
    runs, y = _runs(0.3)
    value = within_class_agreement(runs, y, 3)
    assert within_class_agreement(np.exp(5 * runs), y, 3) == pytest.approx(value)
    assert 0 < within_class_agreement(_runs(3.0)[0], y, 3) < value < 1


def test_one_run_or_only_tiny_classes_give_nan():
    runs, y = _runs(0.1)
    assert np.isnan(within_class_agreement(runs[:, :1], y, 3))
    tiny = np.array([0, 0, 1, 1, 2])
    assert np.isnan(within_class_agreement(np.random.default_rng(0).random((5, 2)), tiny, 3))


def test_classes_below_three_rows_and_constant_runs_are_left_out_or_zero():
    runs, y = _runs(0.0, sizes=(50, 50))
    with_pair = np.r_[runs, [[5.0, 9.0, 1.0], [6.0, 0.0, 2.0]]]  # a class of two rows that disagree
    assert within_class_agreement(with_pair, np.r_[y, 2, 2], 3) == pytest.approx(1.0)
    flat = runs.copy()
    flat[y == 1, 1] = 0.5  # run 1 gives class 1 one score: no order there
    value = within_class_agreement(flat, y, 2)
    assert value == pytest.approx((1 + 0.5 + 0.5) / 3)  # pairs (0,1) and (1,2) agree on class 0 alone


def test_fit_records_the_agreement_of_the_score_columns():
    runs, y = _runs(0.3)
    selector = NUCSSelector(0.7, random_state=0).fit(runs, y)
    assert selector.score_agreement_ == pytest.approx(within_class_agreement(runs, y, 3))
    assert np.isnan(NUCSSelector(0.7, random_state=0).fit(runs.mean(axis=1), y).score_agreement_)
    labels = np.array(["c", "a", "b"])[y]  # any sortable labels
    assert NUCSSelector(0.7, random_state=0).fit(runs, labels).score_agreement_ == pytest.approx(
        within_class_agreement(runs, np.array([2, 0, 1])[y], 3))


@pytest.mark.parametrize("noise, disagree", [(0.05, False), (20.0, True)])
def test_round_twenty_keeps_round_seventeens_coreset_or_round_sixteens(noise, disagree):
    """Round twenty's default: round sixteen's coreset (easy_cut=0) below 0.3, round seventeen's above (the study
    composes its seen cells from theirs)."""
    runs, y = _runs(noise)
    features = _features(y)
    today = NUCSSelector(0.7, runs_disagree="keep", random_state=0).fit(runs, y, features=features)  # round 20
    round17 = NUCSSelector(0.7, easy_cut_agreement=None, random_state=0).fit(runs, y, features=features)
    no_cut = NUCSSelector(0.7, easy_cut=0.0, runs_disagree="keep", random_state=0).fit(runs, y, features=features)
    assert NUCSSelector().easy_cut_agreement == 0.3
    assert (today.score_agreement_ < 0.3) == disagree
    assert round17.easy_cut_ == 0.3 and today.easy_cut_ == (0.0 if disagree else 0.3)
    assert_array_equal(today.get_support(), (no_cut if disagree else round17).get_support())
    assert not np.array_equal(round17.get_support(), no_cut.get_support())


def test_one_score_column_or_an_explicit_cut_ignore_the_threshold():
    runs, y = _runs(20.0)
    features = _features(y)
    one = NUCSSelector(0.7, easy_cut_agreement=0.3, random_state=0).fit(runs[:, 0], y, features=features)
    assert np.isnan(one.score_agreement_) and one.easy_cut_ == 0.3
    explicit = NUCSSelector(0.7, easy_cut=0.2, easy_cut_agreement=0.3, random_state=0).fit(runs, y, features=features)
    assert explicit.score_agreement_ < 0.3 and explicit.easy_cut_ == 0.2


@pytest.mark.parametrize("value", [1.5, -2.0, "high"])
def test_bad_thresholds_are_refused(value):
    runs, y = _runs(0.1)
    with pytest.raises((ValueError, TypeError), match="easy_cut_agreement"):
        NUCSSelector(0.5, easy_cut_agreement=value).fit(runs, y)


@pytest.mark.parametrize("noise, disagree", [(0.05, False), (20.0, True)])
def test_uniform_fallback_gives_up_the_budgets_difficulty_and_the_cut_off_where_runs_disagree(noise, disagree):
    runs, y = _runs(noise)
    features = _features(y)
    fallback = NUCSSelector(0.7, runs_disagree="uniform", random_state=0).fit(runs, y, features=features)
    today = NUCSSelector(0.7, runs_disagree="keep", random_state=0).fit(runs, y, features=features)
    uniform = NUCSSelector(0.7, exponent=0.0, window=1.0, runs_disagree="keep", random_state=0)
    uniform.fit(runs, y, features=features)
    assert_array_equal(fallback.get_support(), (uniform if disagree else today).get_support())
    assert (fallback.exponent_, fallback.window_) == ((0.0, 1.0) if disagree else (today.exponent_, today.window_))
    assert fallback.uniform_fallback_ == disagree
    assert not np.array_equal(today.get_support(), uniform.get_support())
    without_features = NUCSSelector(0.7, runs_disagree="uniform", random_state=0).fit(runs, y)
    assert without_features.uniform_fallback_ == disagree  # since round twenty-three without features too
    kept = NUCSSelector(0.7, runs_disagree="keep", random_state=0).fit(runs, y)
    below_the_cut = NUCSSelector(0.7, exponent=0.0, window=0.95, runs_disagree="keep", random_state=0).fit(runs, y)
    assert_array_equal(without_features.get_support(), (below_the_cut if disagree else kept).get_support())
    assert without_features.window_ == kept.window_ == 0.95  # the featureless cut-off, not k = 1
    assert without_features.exponent_ == (0.0 if disagree else kept.exponent_)


def test_uniform_fallback_leaves_set_values_alone_and_refuses_unknown_words():
    runs, y = _runs(20.0)
    fitted = NUCSSelector(0.7, runs_disagree="uniform", exponent=1.0, window=0.8, random_state=0).fit(runs, y)
    assert fitted.score_agreement_ < 0.3 and fitted.exponent_ == 1.0 and fitted.window_ <= 0.8
    with pytest.raises(ValueError, match="runs_disagree"):
        NUCSSelector(0.5, runs_disagree="drop").fit(runs, y)


def _assert_default_where_runs_agree(value, rate):
    """``runs_disagree=value`` keeps the default's coreset where the score runs agree."""
    runs, y = _runs(0.05)
    features = _features(y)
    fitted = NUCSSelector(rate, runs_disagree=value, random_state=0).fit(runs, y, features=features)
    assert not fitted.uniform_fallback_ and fitted.sampling_ == "coverage"
    assert_array_equal(fitted.get_support(),
                       NUCSSelector(rate, random_state=0).fit(runs, y, features=features).get_support())


@pytest.mark.parametrize("rate, cut", [(0.5, 1.0), (0.9, 0.95)])
def test_uniform_cut_fallback_cuts_at_the_searchs_cap(rate, cut):
    """``"uniform_cut"``: round twenty-one's budgets, the cut-off at ``window_cap`` (the featureless window)."""
    runs, y = _runs(20.0)
    features = _features(y)
    capped = NUCSSelector(rate, runs_disagree="uniform_cut", random_state=0).fit(runs, y, features=features)
    fixed = NUCSSelector(rate, exponent=0.0, window=cut, runs_disagree="keep", random_state=0)
    fixed.fit(runs, y, features=features)
    assert capped.uniform_fallback_ and capped.window_search_ is None
    assert (capped.exponent_, capped.window_) == (0.0, cut)
    assert_array_equal(capped.get_support(), fixed.get_support())
    uncapped = NUCSSelector(rate, runs_disagree="uniform_cut", window_cap=None, random_state=0)
    assert uncapped.fit(runs, y, features=features).window_ == 1.0  # no cap: round twenty-one's k = 1
    _assert_default_where_runs_agree("uniform_cut", rate)


def test_uniform_cut_fallback_keeps_the_noise_cuts_bound():
    """With suspects left out, the fallback's cut-off is also at most ``1 - min(noise_rate_ / 4, 0.05)``."""
    runs, y = _runs(20.0)
    features = _features(y)
    wrong = np.random.default_rng(3).random(y.size) < 0.2
    noisy = np.where(wrong, (y + 1) % 3, y)
    capped = NUCSSelector(0.5, runs_disagree="uniform_cut", random_state=0).fit(runs, noisy, features=features)
    assert capped.uniform_fallback_ and capped.suspects_excluded_
    assert capped.window_ == pytest.approx(1 - min(capped.noise_rate_ / 4, 0.05)) and capped.window_ < 1


def test_uniform_ranks_fallback_spreads_the_budget_over_the_ranks():
    """``"uniform_ranks"``: round twenty-one's budgets and k = 1, drawn as ``sampling="stratified"`` draws."""
    runs, y = _runs(20.0)
    features = _features(y)
    ranks = NUCSSelector(0.9, random_state=0).fit(runs, y, features=features)  # the default since round 22
    assert NUCSSelector().runs_disagree == "uniform_ranks"
    stratified = NUCSSelector(0.9, exponent=0.0, window=1.0, sampling="stratified", random_state=0)
    assert ranks.uniform_fallback_ and (ranks.exponent_, ranks.window_) == (0.0, 1.0)
    assert (ranks.sampling, ranks.sampling_) == ("coverage", "stratified")  # the draw it really used
    assert_array_equal(ranks.get_support(), stratified.fit(runs, y, features=features).get_support())
    coverage = NUCSSelector(0.9, runs_disagree="uniform", random_state=0).fit(runs, y, features=features)
    assert not np.array_equal(ranks.get_support(), coverage.get_support())  # round twenty-one's draw
    assert coverage.sampling_ == "coverage"
    _assert_default_where_runs_agree("uniform_ranks", 0.9)
