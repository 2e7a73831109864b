"""Copies of one image found on the features, and left out of the draw with duplicates="skip"."""

import warnings

import numpy as np
import pytest

from sknucs import NUCSSelector
from sknucs._duplicates import repeated_rows


def _pool_with_copies(n=2000, n_copies=600, n_classes=4, seed=0):
    """Features that tell the classes apart, and ``n_copies`` rows at the end copying earlier rows up to float noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    features = (rng.normal(size=(n, 12)) + 4.0 * np.eye(n_classes, 12)[y]).astype(np.float32)
    originals = rng.choice(n - n_copies, n_copies, replace=False)
    features[n - n_copies:] = features[originals] * (1 + 1e-6 * rng.normal(size=(n_copies, 12))).astype(np.float32)
    y[n - n_copies:] = y[originals]
    scores = rng.random((n, 3))
    return scores, y, features, originals


def test_repeated_rows_are_the_copies_after_their_original():
    _, y, features, originals = _pool_with_copies()
    repeated = repeated_rows(features, y)
    assert repeated[1400:].all() and not repeated[:1400].any()


def test_repeated_rows_never_join_two_classes_or_two_images():
    _, y, features, _ = _pool_with_copies()
    other_class = y.copy()
    other_class[1400:] = (other_class[1400:] + 1) % 4  # the same image under another label: not a copy
    assert not repeated_rows(features, other_class).any()
    moved = features.copy()
    moved[1400:, 3] += 0.05 * features[:, 3].std()  # five grid cells off in one feature: another image
    assert not repeated_rows(moved, y).any()


def test_repeated_rows_on_edge_shapes():
    assert repeated_rows(np.zeros((0, 3)), np.zeros(0, dtype=int)).shape == (0,)
    constant = np.ones((5, 2))  # no spread: every row the same
    np.testing.assert_array_equal(repeated_rows(constant, np.zeros(5, dtype=int)), [False, True, True, True, True])
    huge = np.array([[1e30, 1.0], [1e30, 1.0], [-1e30, 2.0]])
    np.testing.assert_array_equal(repeated_rows(huge, np.zeros(3, dtype=int)), [False, True, False])


def _fit(rate, duplicates, scores, y, features, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return NUCSSelector(rate, random_state=0, duplicates=duplicates, **params).fit(scores, y, features=features)


@pytest.mark.parametrize("rate", [0.5, 0.7, 0.9])
def test_skip_keeps_no_copy_while_other_rows_remain(rate):
    scores, y, features, _ = _pool_with_copies()
    kept = _fit(rate, "keep", scores, y, features, noise_filter=None)
    skipped = _fit(rate, "skip", scores, y, features, noise_filter=None)
    assert kept.repeated_rows_ is None and skipped.repeated_rows_[1400:].all()
    assert kept.get_support()[1400:].any() and not skipped.get_support()[1400:].any()
    assert skipped.get_support().sum() == kept.get_support().sum()
    np.testing.assert_array_equal(skipped.selected_per_class_, kept.selected_per_class_)


def test_skip_tops_up_from_the_copies_before_the_suspects():
    scores, y, features, originals = _pool_with_copies()
    flipped = np.setdiff1d(np.arange(1400), originals)[:200]  # wrong labels on rows no copy repeats
    y[flipped] = (y[flipped] + 1) % 4
    for rate, suspects_kept in ((0.2, False), (0.05, True)):  # 1,600 kept, then 1,900: more than the rows drawn from
        skipped = _fit(rate, "skip", scores, y, features)
        support, suspects, copies = skipped.get_support(), skipped.suspect_labels_, skipped.repeated_rows_
        assert skipped.suspects_excluded_ and suspects[flipped].mean() > 0.5
        assert support[~suspects & ~copies].all() and support[copies & ~suspects].any()
        assert support[suspects].any() == suspects_kept
        for j in range(4):  # a class that kept a suspect kept every one of its copies first
            if (support & suspects & (y == j)).any():
                assert support[copies & ~suspects & (y == j)].all()


def test_skip_changes_nothing_without_copies_or_features():
    scores, y, features, _ = _pool_with_copies()
    scores, y, features = scores[:1400], y[:1400], features[:1400]
    for rate in (0.5, 0.9):
        skipped, kept = _fit(rate, "skip", scores, y, features), _fit(rate, "keep", scores, y, features)
        assert not skipped.repeated_rows_.any()
        np.testing.assert_array_equal(skipped.get_support(), kept.get_support())
    assert _fit(0.5, "skip", scores, y, None).repeated_rows_ is None


def test_skip_warns_when_most_rows_look_like_copies():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 200)
    saturated = np.eye(3)[y]  # probabilities at 0 and 1: distinct samples, the same features
    saturated[::4] = rng.dirichlet(np.ones(3), size=150)
    with pytest.warns(UserWarning, match="duplicates='keep'"):
        fitted = NUCSSelector(0.5, random_state=0).fit(rng.random(600), y, features=saturated)
    assert fitted.repeated_rows_.mean() > 0.5
    scores, y, features, _ = _pool_with_copies()  # 30% copies: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        NUCSSelector(0.5, random_state=0, noise_filter=None).fit(scores, y, features=features)
