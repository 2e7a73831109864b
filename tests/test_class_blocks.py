"""The n x C buffers of the ridge fits, the probe and the proxy held a block of rows at a time."""

import tracemalloc

import numpy as np
import pytest

import sknucs._blocks
from sknucs import NUCSSelector
from sknucs._blocks import row_blocks
from sknucs._label_noise import out_of_fold_decisions, probe_labels
from sknucs._proxies import RidgeProxy
from sknucs._ridge import ridge_classifier_loo


def noisy_pool(n_samples, n_classes, n_features, seed=0):
    """Features that separate the classes, labels with 20% redrawn, and three score runs that agree."""
    rng = np.random.default_rng(seed)
    true = rng.integers(n_classes, size=n_samples)
    features = 3.0 * rng.normal(size=(n_classes, n_features))[true] + rng.normal(size=(n_samples, n_features))
    labels = np.where(rng.random(n_samples) < 0.2, rng.integers(n_classes, size=n_samples), true)
    difficulty = rng.random(n_samples) + (labels != true)
    scores = difficulty[:, None] + 0.05 * rng.random((n_samples, 3))
    return scores, labels, features


def fit_peak(scores, labels, features):
    """A default ``NUCSSelector(rate=0.7)`` fitted with ``features``, and the most bytes numpy allocated meanwhile."""
    tracemalloc.start()
    try:
        selector = NUCSSelector(rate=0.7, random_state=0).fit(scores, labels, features=features)
        return selector, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 100 values: a few rows each, where the tests' matrices hold thousands."""
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)


@pytest.mark.parametrize("n_rows, n_columns", [(0, 5), (1, 5), (20, 5), (21, 5), (7, 1000), (1000, 3)])
def test_row_blocks_cover_the_rows_in_order_within_the_bound(monkeypatch, n_rows, n_columns):
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)
    blocks = row_blocks(n_rows, n_columns)
    rows = np.concatenate([np.arange(n_rows)[block] for block in blocks])
    np.testing.assert_array_equal(rows, np.arange(n_rows))
    sizes = [np.arange(n_rows)[block].size for block in blocks]
    assert all(size * n_columns <= 100 or size == 1 for size in sizes)
    assert all(size >= 1 for size in sizes) or n_rows == 0


def test_a_matrix_within_one_block_is_one_block():
    assert row_blocks(60_000, 10) == [slice(0, sknucs._blocks.BLOCK_ELEMENTS // 10)]


def test_the_ridge_fit_is_the_same_in_blocks(monkeypatch):
    _, labels, features = noisy_pool(600, 12, 9)
    alphas = np.logspace(-2, 3, 6)
    whole = ridge_classifier_loo(features, labels, 12, alphas)
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)
    blocks = ridge_classifier_loo(features, labels, 12, alphas)
    assert len(row_blocks(600, 12)) == 75
    np.testing.assert_allclose(blocks[0], whole[0], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(blocks[1], whole[1], rtol=1e-10, atol=1e-12)
    assert blocks[2] == whole[2]
    np.testing.assert_allclose(blocks[3], whole[3], rtol=1e-10)


def test_the_probe_says_the_same_in_blocks(monkeypatch):
    _, labels, features = noisy_pool(600, 12, 9)
    whole, decisions = probe_labels(features, labels, 12), out_of_fold_decisions(features, labels, 12)
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)
    blocks = probe_labels(features, labels, 12)
    assert 0.05 < whole.suspects.mean() < 0.4
    np.testing.assert_array_equal(blocks.suspects, whole.suspects)
    assert blocks.agreement == pytest.approx(whole.agreement, abs=1e-12)
    np.testing.assert_allclose(out_of_fold_decisions(features, labels, 12), decisions, rtol=1e-10, atol=1e-12)


def test_the_ridge_proxy_scores_the_same_in_blocks(monkeypatch):
    _, labels, features = noisy_pool(600, 12, 9)
    rows = np.arange(0, 600, 2)
    whole = RidgeProxy("accuracy", 0.5, np.logspace(-2, 3, 6)).prepare(features, labels, np.random.RandomState(0)).fit_score(rows)
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)
    blocks = RidgeProxy("accuracy", 0.5, np.logspace(-2, 3, 6)).prepare(features, labels, np.random.RandomState(0)).fit_score(rows)
    assert blocks == whole


@pytest.mark.parametrize("rate", [0.5, 0.9])
def test_the_default_keeps_the_same_rows_in_blocks(monkeypatch, rate):
    scores, labels, features = noisy_pool(1500, 15, 10)
    whole = NUCSSelector(rate=rate, random_state=0).fit(scores, labels, features=features)
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 100)
    blocks = NUCSSelector(rate=rate, random_state=0).fit(scores, labels, features=features)
    assert whole.window_search_ is not None and whole.suspects_excluded_
    np.testing.assert_array_equal(blocks.sample_indices_, whole.sample_indices_)


def test_many_classes_do_not_multiply_the_fits_memory(monkeypatch):
    """Peak allocation well below one n x C float64 matrix, when that matrix is 32 blocks."""
    monkeypatch.setattr(sknucs._blocks, "BLOCK_ELEMENTS", 2**16)
    scores, labels, features = noisy_pool(10_000, 200, 8)
    one_matrix = labels.size * 200 * 8
    selector, peak = fit_peak(scores, labels, features)
    assert selector.window_search_ is not None and selector.suspects_excluded_
    assert peak < one_matrix / 2
