"""The label-noise filter: which rows the probe suspects, and how NUCSSelector(noise_filter=...) uses them."""

import warnings

import numpy as np
import pytest

from sknucs import MIN_LABEL_AGREEMENT, PAPER_SETTINGS, NUCSSelector, UninformativeFeaturesWarning, n_keep_for
from sknucs._label_noise import MIN_CLASS_ROWS, LabelProbe, _kappa, probe_labels, suspect_labels

N_CLASSES = 5


def _blobs(n=3000, noise=0.0, seed=0, periodic=False):
    """Well separated classes in 6 dimensions, ``noise`` of the labels moved to another class.

    ``periodic``: the rows' classes repeat 0, 1, ..., C-1, 0, 1, ... instead of at random.
    """
    rng = np.random.default_rng(seed)
    truth = np.arange(n) % N_CLASSES if periodic else rng.integers(0, N_CLASSES, size=n)
    centres = rng.normal(scale=4.0, size=(N_CLASSES, 6))
    X = centres[truth] + rng.normal(size=(n, 6))
    y = truth.copy()
    flipped = rng.random(n) < noise
    y[flipped] = (truth[flipped] + rng.integers(1, N_CLASSES, size=flipped.sum())) % N_CLASSES
    scores = rng.random(n) + flipped  # wrong labels score high, as EL2N gives them
    return X, y, truth, scores


def test_suspects_are_the_wrong_labels():
    X, y, truth, _ = _blobs(noise=0.2)
    suspects = suspect_labels(X, y, N_CLASSES)
    wrong = y != truth
    assert 0.15 < suspects.mean() < 0.25
    assert wrong[suspects].mean() > 0.9  # precision
    assert suspects[wrong].mean() > 0.8  # recall


def test_clean_labels_are_hardly_suspected():
    X, y, _, _ = _blobs(noise=0.0)
    assert suspect_labels(X, y, N_CLASSES).mean() < 0.02


def test_parts_do_not_follow_the_row_order():
    # Labels that repeat with the period of the parts must not put a class in one part alone.
    X, y, _, _ = _blobs(n=3000, periodic=True)
    assert suspect_labels(X, y, N_CLASSES).mean() < 0.02


@pytest.mark.parametrize("rate", [0.5, 0.9])
def test_filter_keeps_the_wrong_labels_out(rate):
    X, y, truth, scores = _blobs(noise=0.3)
    plain = NUCSSelector(rate, noise_filter=None, random_state=0).fit(scores, y, features=X)
    filtered = NUCSSelector(rate, noise_filter=0.1, random_state=0).fit(scores, y, features=X)
    assert filtered.n_selected_ == plain.n_selected_ == n_keep_for(y.size, rate)
    assert 0.25 < filtered.noise_rate_ < 0.35 and filtered.suspects_excluded_
    wrong = y != truth
    assert wrong[filtered.support_].mean() < 0.05
    assert not filtered.support_[filtered.suspect_labels_].any()
    assert plain.suspect_labels_ is None and plain.noise_rate_ is None and not plain.suspects_excluded_


def test_below_the_threshold_the_coreset_is_unchanged():
    X, y, _, scores = _blobs(noise=0.05)
    # easy_cut fixed: "auto" cuts only once the filter ran, and this compares the filter's threshold alone
    plain = NUCSSelector(0.7, noise_filter=None, easy_cut=0.3, random_state=0).fit(scores, y, features=X)
    filtered = NUCSSelector(0.7, noise_filter=0.1, easy_cut=0.3, random_state=0).fit(scores, y, features=X)
    assert 0 < filtered.noise_rate_ < 0.1 and not filtered.suspects_excluded_
    np.testing.assert_array_equal(filtered.sample_indices_, plain.sample_indices_)


def test_without_features_nothing_is_suspected():
    _, y, _, scores = _blobs(noise=0.3)
    filtered = NUCSSelector(0.5, noise_filter=0.0, random_state=0).fit(scores, y)
    plain = NUCSSelector(0.5, noise_filter=None, random_state=0).fit(scores, y)
    assert filtered.suspect_labels_ is None and filtered.noise_rate_ is None
    np.testing.assert_array_equal(filtered.sample_indices_, plain.sample_indices_)


def test_too_few_trusted_rows_are_topped_up_with_the_easiest_suspects_of_the_class():
    X, y, _, scores = _blobs(noise=0.3)
    selector = NUCSSelector(0.1, noise_filter=0.0, random_state=0).fit(scores, y, features=X)
    suspects = selector.suspect_labels_
    assert selector.n_selected_ == n_keep_for(y.size, 0.1)
    assert selector.support_[~suspects].all()
    for label in range(N_CLASSES):
        mine = y == label
        kept = scores[mine & suspects & selector.support_]
        dropped = scores[mine & suspects & ~selector.support_]
        assert kept.max() <= dropped.min()


def test_budgets_come_from_every_row():
    # A class whose hard rows are suspects keeps the budget of its whole difficulty and size.
    X, y, _, scores = _blobs(noise=0.2)
    plain = NUCSSelector(0.7, noise_filter=None, random_state=0).fit(scores, y, features=X)
    filtered = NUCSSelector(0.7, random_state=0).fit(scores, y, features=X)
    assert filtered.suspects_excluded_
    np.testing.assert_array_equal(filtered.budgets_, plain.budgets_)
    np.testing.assert_allclose(filtered.class_difficulty_, plain.class_difficulty_)
    np.testing.assert_array_equal(np.bincount(y[filtered.support_], minlength=N_CLASSES), plain.budgets_)


def test_a_class_of_suspects_is_not_emptied(monkeypatch):
    X, y, _, scores = _blobs(noise=0.0)
    monkeypatch.setattr("sknucs._selector.probe_labels", lambda features, codes, n_classes: LabelProbe(codes < 2, 0.9))
    selector = NUCSSelector(0.5, noise_filter=0.0, random_state=0).fit(scores, y, features=X)
    assert selector.suspect_labels_[y < 2].all()
    assert selector.selected_per_class_[0] > 0 and selector.selected_per_class_[1] > 0
    assert selector.n_selected_ == n_keep_for(y.size, 0.5)


def test_the_default_filters_and_the_paper_settings_never_do():
    X, y, truth, scores = _blobs(noise=0.3)
    default = NUCSSelector(0.5, random_state=0).fit(scores, y, features=X)
    assert default.noise_filter == 0.0 and default.suspects_excluded_
    assert not default.support_[default.suspect_labels_].any()
    assert PAPER_SETTINGS["noise_filter"] is None
    paper = NUCSSelector(0.5, random_state=0, **PAPER_SETTINGS).fit(scores, y, features=X)
    assert paper.suspect_labels_ is None and not paper.suspects_excluded_


@pytest.mark.parametrize("rate", [0.5, 0.9])
def test_features_unrelated_to_the_labels_are_not_used(rate):
    # A probe that agrees with the labels by chance alone is not believed, nor a search on those features:
    # the fit warns and selects as without features (features in another row order do this).
    _, y, _, scores = _blobs(noise=0.0)
    X = np.random.default_rng(1).normal(size=(y.size, 6))
    without = NUCSSelector(rate, random_state=0).fit(scores, y)
    with pytest.warns(UninformativeFeaturesWarning, match="row order|in the order"):
        default = NUCSSelector(rate, random_state=0).fit(scores, y, features=X)
    assert abs(default.label_agreement_) < 0.05 < MIN_LABEL_AGREEMENT and not default.suspects_excluded_
    assert default.window_search_ is None and default.window_ == without.window_
    np.testing.assert_array_equal(default.sample_indices_, without.sample_indices_)
    informative = _blobs(noise=0.0)[0]
    with pytest.warns(UninformativeFeaturesWarning):
        NUCSSelector(rate, random_state=0).fit(scores, y, features=informative[::-1])  # rows reversed
    with warnings.catch_warnings():
        warnings.simplefilter("error", UninformativeFeaturesWarning)
        assert NUCSSelector(rate, random_state=0).fit(scores, y, features=informative).window_search_ is not None


def test_kappa_counts_chance_agreement_as_zero():
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    assert _kappa(labels, labels, 2) == 1.0
    assert _kappa(labels, 1 - labels, 2) == -1.0
    # Observed 7/8, chance (4*5 + 4*3) / 64 = 0.5: kappa (0.875 - 0.5) / 0.5.
    assert _kappa(labels, np.array([0, 0, 0, 0, 0, 1, 1, 1]), 2) == 0.75
    assert _kappa(np.zeros(4, dtype=int), np.zeros(4, dtype=int), 3) == 1.0  # one class: chance is certain


def test_agreement_tells_unrelated_features_from_wrong_labels():
    X, y, _, _ = _blobs(noise=0.0)
    assert probe_labels(X, y, N_CLASSES).agreement > 0.95
    shuffled = np.random.default_rng(2).permutation(y.size)
    assert abs(probe_labels(X[shuffled], y, N_CLASSES).agreement) < 0.05
    X, y, _, _ = _blobs(noise=0.55)  # most labels wrong, the true class still the commonest of each
    probe = probe_labels(X, y, N_CLASSES)
    assert probe.suspects.mean() > 0.5 and probe.agreement > MIN_LABEL_AGREEMENT


@pytest.mark.parametrize("n_rare", [10, 100])
def test_features_that_separate_heavily_imbalanced_classes_are_believed(n_rare):
    # 10,000 rows against a rare class that sits 8 sd away: a ridge probe's
    # largest raw decision value is the majority's on every row (kappa 0);
    # measured from each class's threshold the probe finds the rare class.
    rng = np.random.default_rng(0)
    y = np.r_[np.zeros(10_000, dtype=int), np.ones(n_rare, dtype=int)]
    X = rng.normal(size=(y.size, 2))
    X[:, 0] += 8.0 * y
    probe = probe_labels(X, y, 2)
    assert probe.agreement > 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error", UninformativeFeaturesWarning)
        selector = NUCSSelector(0.5, random_state=0).fit(rng.uniform(size=y.size), y, features=X)
    assert selector.label_agreement_ > MIN_LABEL_AGREEMENT and selector.window_search_ is not None
    shuffled = probe_labels(X[rng.permutation(y.size)], y, 2)
    assert abs(shuffled.agreement) < 0.05


@pytest.mark.parametrize("rate", [0.5, 0.9])
def test_most_labels_wrong_are_still_filtered(rate):
    # Half of the labels wrong or more: the probe contradicts most of them and is right to.
    X, y, truth, scores = _blobs(noise=0.55)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UninformativeFeaturesWarning)
        default = NUCSSelector(rate, random_state=0).fit(scores, y, features=X)
    assert default.noise_rate_ > 0.5 and default.suspects_excluded_ and default.window_search_ is not None
    wrong = y != truth
    without = NUCSSelector(rate, random_state=0).fit(scores, y)  # what the features were worth before
    assert wrong[default.support_].mean() < wrong.mean() / 3 < wrong[without.support_].mean()


def test_a_small_class_is_not_judged():
    X, y, truth, _ = _blobs(noise=0.3)
    small = np.flatnonzero(y == 0)[MIN_CLASS_ROWS - 1:]
    keep = np.setdiff1d(np.arange(y.size), small)  # class 0 keeps MIN_CLASS_ROWS - 1 rows
    X, y, truth = X[keep], y[keep], truth[keep]
    suspects = suspect_labels(X, y, N_CLASSES)
    assert not suspects[y == 0].any()
    assert suspects[(y != 0) & (y != truth)].mean() > 0.8


@pytest.mark.filterwarnings("ignore::sknucs.EmptyClassWarning")  # a coreset of 1 from 2 classes
@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_tiny_pools_fit_with_the_default(n):
    rng = np.random.default_rng(n)
    X, y, scores = rng.normal(size=(n, 3)), np.arange(n) % 2, rng.random(n)
    selector = NUCSSelector(0.5, random_state=0).fit(scores, y, features=X)
    assert selector.n_selected_ == n_keep_for(n, 0.5)
    assert not selector.suspect_labels_.any()  # no class has MIN_CLASS_ROWS rows


@pytest.mark.parametrize("value", [-0.1, 1.5, "auto"])
def test_invalid_threshold_is_refused(value):
    X, y, _, scores = _blobs(n=200)
    with pytest.raises(ValueError, match="noise_filter"):
        NUCSSelector(0.5, noise_filter=value).fit(scores, y, features=X)
