import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from _score_reference import REFERENCE as PLAIN_SCORES
from sknucs.scores import (
    SCORE_DIRECTIONS,
    aum_score,
    confidence_score,
    cross_val_scores,
    el2n_score,
    entropy_score,
    forgetting_score,
    grand_score,
    loss_score,
    variability_score,
)

# Sample 0: p = (1/2, 1/2); sample 1: p = (3/4, 1/4); both with target 0.
TWO = np.array([[0.0, 0.0], [np.log(3.0), 0.0]])
Y0 = np.array([0, 0])


def test_hand_computed_single_epoch():
    np.testing.assert_allclose(el2n_score(TWO, Y0), [np.sqrt(0.5), np.sqrt(2) / 4])
    np.testing.assert_allclose(aum_score(TWO, Y0), [0.0, np.log(3.0)])
    np.testing.assert_allclose(confidence_score(TWO, Y0), [0.5, 0.75])
    np.testing.assert_allclose(loss_score(TWO, Y0), [np.log(2.0), -np.log(0.75)])
    h1 = -(0.75 * np.log(0.75) + 0.25 * np.log(0.25))
    np.testing.assert_allclose(entropy_score(TWO), [np.log(2.0), h1])
    np.testing.assert_allclose(entropy_score(TWO, Y0), [np.log(2.0), h1])
    np.testing.assert_array_equal(variability_score(TWO, Y0), [0.0, 0.0])
    # A tie (margin 0) is not correct: sample 0 was never learned -> 1 epoch.
    np.testing.assert_array_equal(forgetting_score(TWO, Y0), [1.0, 0.0])


def test_aum_uses_largest_other_logit():
    z = np.array([[3.0, 1.0, 2.0], [0.0, 5.0, 1.0]])
    np.testing.assert_allclose(aum_score(z, np.array([1, 1])), [-2.0, 4.0])


def test_epochs_axis_is_averaged():
    # Epoch 0 gives p_y = 1/2, epoch 1 gives p_y = 3/4 for the same sample.
    z = TWO[:, np.newaxis, :]
    y = np.array([0])
    np.testing.assert_allclose(confidence_score(z, y), [0.625])
    np.testing.assert_allclose(variability_score(z, y), [0.125])
    np.testing.assert_allclose(el2n_score(z, y), [(np.sqrt(0.5) + np.sqrt(2) / 4) / 2])
    np.testing.assert_allclose(aum_score(z, y), [np.log(3.0) / 2])
    np.testing.assert_allclose(loss_score(z, y), [(np.log(2.0) - np.log(0.75)) / 2])


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ([1, 0, 1, 0, 1], 2),
        ([1, 1, 1, 1, 0], 1),
        ([0, 1, 1, 1, 1], 0),
        ([0, 1, 0, 0, 1], 1),
        ([0, 0, 0, 0, 0], 5),  # never learned -> n_epochs
    ],
)
def test_forgetting_counts_transitions(pattern, expected):
    z = np.array([[[1.0, 0.0]] if ok else [[0.0, 1.0]] for ok in pattern])
    assert forgetting_score(z, np.array([0]))[0] == expected


def test_forgetting_never_learned_ranks_above_any_learned_sample():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(6, 200, 3))
    y = rng.integers(0, 3, size=200)
    z[:, 0, :] = [0.0, 9.0, 9.0]  # sample 0 never correct (y forced to 0)
    y[0] = 0
    s = forgetting_score(z, y)
    learned = (np.take_along_axis(z, y[None, :, None], 2)[..., 0] == z.max(2)).any(0)
    assert s[0] == 6 and not learned[0]
    assert learned.sum() > 150
    assert s[learned].max() <= 3
    np.testing.assert_array_equal(s[~learned], 6)


def test_grand_closed_form_and_feature_broadcast():
    h = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])  # 1 + ||h||^2 = 4 and 1
    np.testing.assert_allclose(grand_score(TWO, Y0, h), el2n_score(TWO, Y0) * [2.0, 1.0])
    z = np.stack([TWO, TWO[::-1]])
    y = np.array([0, 0])
    per_epoch = np.stack([h, 2 * h])
    expected = (el2n_score(TWO, y) * [2.0, 1.0] + el2n_score(TWO[::-1], y) * [np.sqrt(13), 1.0]) / 2
    np.testing.assert_allclose(grand_score(z, y, per_epoch), expected)
    # 2-D features are reused for every epoch.
    np.testing.assert_allclose(grand_score(z, y, h), el2n_score(z, y) * [2.0, 1.0])


def test_directions_rank_an_easy_sample_easier():
    # Sample 0 easy (large correct margin), sample 1 hard (always wrong, unstable).
    z = np.array([[[10.0, 0.0], [0.0, 2.0]], [[10.0, 0.0], [0.0, 1.0]]])
    y = np.array([0, 0])
    h = np.ones((2, 4))
    scores = {name: f(z, y) for name, f in PLAIN_SCORES.items()}
    scores["grand"] = grand_score(z, y, h)
    assert set(scores) == set(SCORE_DIRECTIONS)
    for name, s in scores.items():
        harder = s[1] > s[0] if SCORE_DIRECTIONS[name] else s[1] < s[0]
        assert harder, name


@pytest.mark.parametrize("name", sorted(PLAIN_SCORES))
def test_return_type_and_shape(name):
    rng = np.random.default_rng(1)
    z = rng.normal(size=(3, 7, 4)).astype(np.float32)
    y = rng.integers(0, 4, size=7).astype(np.int32)
    s = PLAIN_SCORES[name](z, y)
    assert s.dtype == np.float64 and s.shape == (7,)


logit_arrays = arrays(
    np.float64,
    st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(2, 5)),
    # Multiples of 1/8: adding a shift is exact, so ties (margin 0) stay ties.
    elements=st.integers(-160, 160).map(lambda v: v / 8),
)


@settings(max_examples=40, deadline=None)
@given(z=logit_arrays, data=st.data())
def test_property_shift_invariance_and_permutation(z, data):
    n, c = z.shape[1], z.shape[2]
    y = np.array(data.draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
    shift = data.draw(arrays(np.float64, (z.shape[0], n, 1), elements=st.integers(-40, 40).map(lambda v: v / 8)))
    perm = np.array(data.draw(st.permutations(range(n))))
    for name, f in PLAIN_SCORES.items():
        base = f(z, y)
        # Softmax scores do not change when a constant is added to a row;
        # neither do margins (hence AUM and forgetting).
        np.testing.assert_allclose(f(z + shift, y), base, rtol=1e-7, atol=1e-7, err_msg=name)
        np.testing.assert_allclose(f(z[:, perm], y[perm]), base[perm], err_msg=name)
    assert (el2n_score(z, y) <= np.sqrt(2) + 1e-12).all()
    assert (entropy_score(z) <= np.log(c) + 1e-12).all()
    forget = forgetting_score(z, y)
    assert ((forget >= 0) & (forget <= z.shape[0])).all()


@pytest.mark.parametrize(
    "z, y, error, match",
    [
        (np.zeros((3, 2)), np.array([0, 1]), ValueError, r"shape \(3,\)"),
        (np.zeros((3, 2)), np.array([0, 1, 2]), ValueError, r"outside \[0, 2\).*sample\(s\) \[2\]"),
        (np.zeros((3, 2)), np.array([0, -1, 0]), ValueError, "outside"),
        (np.zeros((3, 2)), np.array([0.0, 1.0, 0.0]), TypeError, "integer"),
        (np.array([[0.0, np.nan], [0.0, 0.0]]), np.array([0, 1]), ValueError, r"NaN.*\(0, 0, 1\)"),
        (np.array([[0.0, 0.0], [np.inf, 0.0]]), np.array([0, 1]), ValueError, "infinite"),
        (np.zeros(3), np.array([0, 1, 0]), ValueError, "shape"),
        (np.zeros((1, 2, 3, 2)), np.array([0, 1, 0]), ValueError, "shape"),
        (np.zeros((3, 1)), np.array([0, 0, 0]), ValueError, "2 classes"),
        (np.array([["a", "b"]]), np.array([0]), TypeError, "numeric"),
    ],
)
@pytest.mark.parametrize("name", sorted(PLAIN_SCORES))
def test_bad_input_raises(name, z, y, error, match):
    with pytest.raises(error, match=match):
        PLAIN_SCORES[name](z, y)


def test_grand_bad_features():
    with pytest.raises(ValueError, match="features must have shape"):
        grand_score(TWO, Y0, np.ones((3, 2)))
    with pytest.raises(ValueError, match="features must have shape"):
        grand_score(np.stack([TWO] * 3), Y0, np.ones((2, 2, 4)))
    with pytest.raises(ValueError, match="features contains 1 NaN"):
        grand_score(TWO, Y0, np.array([[1.0, np.nan], [0.0, 0.0]]))


@pytest.fixture
def one_blas_thread():
    """Small BLAS calls: threads only add waiting on a small shared machine."""
    with threadpool_limits(1):
        yield


def _digits_model():
    return make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=300))


def test_cross_val_scores_el2n_higher_for_misclassified_digits(one_blas_thread):
    X, y = load_digits(return_X_y=True)
    s = cross_val_scores(_digits_model(), X, y, score="el2n", cv=5, random_state=0)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    wrong = cross_val_predict(_digits_model(), X, y, cv=folds) != y
    assert 10 < wrong.sum() < 0.2 * len(y)
    assert s[wrong].mean() > 3 * s[~wrong].mean()
    # AUM and confidence point the other way.
    aum = cross_val_scores(_digits_model(), X, y, score="aum", cv=5, random_state=0)
    assert aum[wrong].mean() < 0 < aum[~wrong].mean()


def test_cross_val_scores_any_label_type(one_blas_thread):
    X, y = load_digits(return_X_y=True)
    X, y = X[:400], y[:400]
    names = np.array(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    a = cross_val_scores(_digits_model(), X, y, score="loss", cv=3, random_state=1)
    b = cross_val_scores(_digits_model(), X, names[y], score="loss", cv=3, random_state=1)
    # LabelEncoder sorts the names, so the class codes differ but per-sample scores agree.
    np.testing.assert_allclose(a, b, rtol=1e-6)
    # Probabilities as logits: confidence is the out-of-fold predicted probability.
    conf = cross_val_scores(_digits_model(), X, y, score="confidence", cv=3, random_state=1)
    np.testing.assert_allclose(conf, np.exp(-a), rtol=1e-10)


def test_cross_val_scores_shuffles_numpy_integer_folds(one_blas_thread):
    # a fold count read from a config or an array is a numpy integer: random_state must still shuffle
    X, y = load_digits(return_X_y=True)
    X, y = X[:300], y[:300]
    python_int = cross_val_scores(_digits_model(), X, y, cv=3, random_state=0)
    numpy_int = cross_val_scores(_digits_model(), X, y, cv=np.int64(3), random_state=0)
    np.testing.assert_array_equal(numpy_int, python_int)


def test_cross_val_scores_bad_arguments():
    X, y = load_digits(return_X_y=True)
    with pytest.raises(ValueError, match="'grand' needs features"):
        cross_val_scores(_digits_model(), X, y, score="grand")
    with pytest.raises(ValueError, match="must be one of"):
        cross_val_scores(_digits_model(), X, y, score="variability")
    with pytest.raises(TypeError, match="no predict_proba"):
        cross_val_scores(RidgeClassifier(), X, y)


@pytest.mark.parametrize("missing, shown", [(np.nan, "NaN"), (None, "None")])
def test_cross_val_scores_refuses_a_missing_label_as_the_selectors_do(missing, shown):
    # LabelEncoder made NaN (or None) one more class and scored its rows against it, without a word
    X, y = load_digits(return_X_y=True)
    y = y[:200].astype(float if missing is not None else object)
    y[7] = missing
    with pytest.raises(ValueError, match=rf"y has a missing label \({shown}\) at row 7"):
        cross_val_scores(_digits_model(), X[:200], y, cv=3)
