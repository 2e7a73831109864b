"""The input checks and warnings that every selector shares through BaseSampleSelector.fit."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

from sknucs import EmptyClassWarning, NUCSSelector
from sknucs._validation import MAX_SCORE_RUNS, check_scores
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)

SELECTORS = {
    "nucs": lambda rate: NUCSSelector(rate=rate, random_state=0),
    "nucs_agnostic": lambda rate: NUCSSelector(rate=rate, allocation="agnostic", random_state=0),
    "random": lambda rate: RandomSelector(rate=rate, random_state=0),
    "balanced": lambda rate: ClassBalancedRandomSelector(rate=rate, random_state=0),
    "top_k": lambda rate: ScoreTopKSelector(rate=rate, random_state=0),
    "ccs": lambda rate: CCSSelector(rate=rate, random_state=0),
    "moderate": lambda rate: ModerateSelector(rate=rate, random_state=0),
}


def _fit(name, rate, scores, y):
    # features that separate the classes, so that NUCS's filter and search run on them
    codes = np.unique(y, return_inverse=True)[1]
    features = np.random.default_rng(1).normal(size=(len(y), 3)) + 3 * codes[:, None]
    return SELECTORS[name](rate).fit(scores, y, features=features)


@pytest.fixture(scope="module")
def digits():
    return load_digits(return_X_y=True)


@pytest.mark.parametrize("name", SELECTORS)
def test_a_feature_matrix_passed_as_scores_is_refused(name, digits):
    X, y = digits
    with pytest.raises(ValueError, match="64 columns.*looks like a feature matrix"):
        _fit(name, 0.5, X, y)


@pytest.mark.parametrize("name", SELECTORS)
def test_a_selector_as_the_last_step_of_a_sklearn_pipeline_is_refused(name, digits):
    X, y = digits
    pipe = make_pipeline(MinMaxScaler(), SELECTORS[name](0.5))
    with pytest.raises(ValueError, match="imblearn.pipeline.Pipeline"):
        pipe.fit(X, y)


def test_up_to_max_score_runs_columns_are_averaged():
    rng = np.random.default_rng(0)
    runs = rng.random((100, MAX_SCORE_RUNS))
    y = np.repeat([0, 1], 50)
    a = NUCSSelector(rate=0.5, window=0.5, random_state=0).fit(runs, y)
    b = NUCSSelector(rate=0.5, window=0.5, random_state=0).fit(runs.mean(axis=1), y)
    np.testing.assert_array_equal(a.support_, b.support_)
    with pytest.raises(ValueError, match="scores.mean"):
        NUCSSelector(rate=0.5).fit(rng.random((100, MAX_SCORE_RUNS + 1)), y)


@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_scores_are_named_with_their_row_and_column(name, bad):
    scores = np.ones((30, 2))
    scores[17, 1] = bad
    y = np.repeat([0, 1, 2], 10)
    with pytest.raises(ValueError, match=rf"scores must be finite, but row 17, column 1 is {bad}") as info:
        _fit(name, 0.5, scores, y)
    assert "Input X" not in str(info.value) and "HistGradientBoosting" not in str(info.value)


@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize("bad", [np.nan, -np.inf])
def test_non_finite_features_are_named_with_their_row_and_column(name, bad):
    y = np.repeat([0, 1, 2], 10)
    features = np.random.default_rng(1).normal(size=(30, 3)).astype(np.float32)
    features[[12, 20], 2] = bad
    with pytest.raises(ValueError, match=rf"^features must be finite, but row 12, column 2 is {bad} \(2 NaN or inf "
                       r"value\(s\) in all\)\. Recompute them, or drop those samples"):
        SELECTORS[name](0.5).fit(np.ones(30), y, features=features)


def test_check_scores_averages_and_checks_length():
    scores, y = check_scores([[1.0, 3.0], [2.0, 2.0]], np.array([0, 1]))
    np.testing.assert_array_equal(scores, [2.0, 2.0])
    with pytest.raises(ValueError, match="scores has 2 rows but y has 3 labels"):
        check_scores(np.ones(2), np.zeros(3))


@pytest.mark.parametrize("name", SELECTORS)
def test_scores_of_another_length_than_y_are_named(name):
    y = np.repeat([0, 1, 2], 10)
    with pytest.raises(ValueError, match=r"^scores has 29 rows but y has 30 labels: they must describe the same "
                       r"samples, one score \(or one row of runs\) per label\.$"):
        _fit(name, 0.5, np.ones(29), y)


@pytest.mark.parametrize("name", SELECTORS)
def test_score_runs_passed_as_rows_are_told_to_be_transposed(name):
    y = np.repeat([0, 1, 2], 10)
    runs = np.random.default_rng(0).random((3, 30))  # np.stack(runs): one row per run
    with pytest.raises(ValueError, match=r"scores has 3 rows but y has 30 labels.*One row per run\? Pass scores\.T, "
                       r"of shape \(30, 3\)\."):
        _fit(name, 0.5, runs, y)


@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize("scores", [None, 0.5])
def test_scores_that_are_not_an_array_are_named(name, scores):
    with pytest.raises(ValueError, match=rf"^scores must hold one difficulty score per sample, .*got {scores}\.$"):
        _fit(name, 0.5, scores, np.repeat([0, 1, 2], 10))


@pytest.mark.parametrize("name", SELECTORS)
def test_a_class_left_without_samples_warns(name):
    y = np.repeat([0, 1, 2], 20)
    scores = np.random.default_rng(0).random(60)
    with pytest.warns(EmptyClassWarning, match=r"of 3 classes get no sample in the coreset of 1.*cannot hold one of "
                      r"each of the 3 classes: lower the pruning rate to keep at least 3 rows\.$"):
        selector = _fit(name, 0.99, scores, y)
    assert np.count_nonzero(selector.selected_per_class_) == 1


def test_the_issue_example_names_the_empty_classes():
    y = np.repeat(["a", "b", "c"], 20)
    scores = np.random.default_rng(0).random(60)
    with pytest.warns(EmptyClassWarning, match=r"2 of 3 classes .*\('a', 'c'\)"):
        selector = NUCSSelector(rate=0.99, random_state=0).fit(scores, y)
    np.testing.assert_array_equal(selector.budgets_, [0, 1, 0])


def test_many_empty_classes_are_counted_not_all_named(digits):
    _, y = digits
    scores = np.random.default_rng(0).random(y.size)
    with pytest.warns(EmptyClassWarning, match=r"of 10 classes .* and \d+ more\)"):
        NUCSSelector(rate=0.999, random_state=0).fit(scores, y)


@pytest.mark.parametrize("name", SELECTORS)
def test_no_warning_when_every_class_is_kept(name):
    y = np.repeat([0, 1, 2], 20)
    scores = np.random.default_rng(0).random(60)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EmptyClassWarning)
        selector = _fit(name, 0.5, scores, y)
    assert np.all(selector.selected_per_class_ > 0)


def test_the_warning_can_be_filtered():
    y = np.repeat([0, 1, 2], 20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", EmptyClassWarning)
        NUCSSelector(rate=0.99).fit(np.ones(60), y)


def test_budgets_is_the_same_array_as_selected_per_class():
    y = np.repeat([0, 1, 2], 20)
    for name in SELECTORS:
        selector = _fit(name, 0.5, np.random.default_rng(0).random(60), y)
        assert selector.budgets_ is selector.selected_per_class_
    with pytest.raises(AttributeError):
        NUCSSelector().budgets_
