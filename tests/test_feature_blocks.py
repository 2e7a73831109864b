"""The features' temporaries of the ridge fits and the standardisation held a block of rows at a time."""

import numpy as np
import pytest

import sknucs._blocks
from sknucs._blocks import feature_blocks
from sknucs._proxies import standardize
from sknucs._ridge import kernel_axes, ridge_classifier_loo

from test_class_blocks import fit_peak, noisy_pool

ALPHAS = np.logspace(-2, 3, 6)


@pytest.fixture
def small_feature_blocks(monkeypatch):
    """Blocks of 200 values: a few rows each, where the tests' features hold thousands."""
    monkeypatch.setattr(sknucs._blocks, "FEATURE_BLOCK_ELEMENTS", 200)


def test_the_benchmarks_largest_features_are_one_block():
    # 22,500 rows of the frozen backbone's 1,280 features: the same products as before the blocks.
    assert feature_blocks(22_500, 1280) == [slice(0, sknucs._blocks.FEATURE_BLOCK_ELEMENTS // 1280)]
    assert len(feature_blocks(1_281_167, 1280)) == 49


@pytest.mark.parametrize("n_rows, n_features", [(0, 5), (1, 500), (41, 5), (1000, 3)])
def test_feature_blocks_cover_the_rows_in_order_within_the_bound(small_feature_blocks, n_rows, n_features):
    blocks = feature_blocks(n_rows, n_features)
    np.testing.assert_array_equal(np.concatenate([np.arange(n_rows)[b] for b in blocks]), np.arange(n_rows))
    assert all(np.arange(n_rows)[b].size * n_features <= 200 or np.arange(n_rows)[b].size == 1 for b in blocks)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_ridge_fit_is_the_same_in_feature_blocks(monkeypatch, dtype):
    _, labels, features = noisy_pool(600, 12, 9)
    features = (features + 50.0).astype(dtype)  # off-centre, so the centring matters
    whole = ridge_classifier_loo(features, labels, 12, ALPHAS * 480)
    monkeypatch.setattr(sknucs._blocks, "FEATURE_BLOCK_ELEMENTS", 200)
    assert len(feature_blocks(600, 9)) == 28
    blocks = ridge_classifier_loo(features, labels, 12, ALPHAS * 480)
    rtol = 1e-10 if dtype == np.float64 else 1e-3
    np.testing.assert_allclose(blocks[0], whole[0], rtol=rtol, atol=rtol)
    np.testing.assert_allclose(blocks[1], whole[1], rtol=rtol, atol=rtol)
    assert blocks[2] == whole[2]
    np.testing.assert_allclose(blocks[3], whole[3], rtol=rtol)


@pytest.mark.parametrize("block_elements", [200, None])  # blocks of a few rows; one block, held
@pytest.mark.parametrize("n_features", [9, 900])  # the Gram matrix's axes, then the kernel matrix's
def test_the_ridge_fit_on_rows_is_the_fit_on_their_copy(monkeypatch, block_elements, n_features):
    if block_elements is not None:
        monkeypatch.setattr(sknucs._blocks, "FEATURE_BLOCK_ELEMENTS", block_elements)
    _, labels, features = noisy_pool(600, 12, n_features)
    rows = np.flatnonzero(np.arange(600) % 5 != 2)
    on_rows = ridge_classifier_loo(features, labels[rows], 12, ALPHAS, rows=rows)
    on_copy = ridge_classifier_loo(features[rows], labels[rows], 12, ALPHAS)
    for got, expected in zip(on_rows, on_copy):
        np.testing.assert_array_equal(got, expected)


def test_the_kernel_axes_of_rows_are_those_of_their_centred_copy():
    _, _, features = noisy_pool(60, 4, 200)
    rows, shift = np.arange(0, 60, 3), features.mean(axis=0)
    on_rows = kernel_axes(features, rows, shift)
    on_copy = kernel_axes(features[rows] - shift)
    np.testing.assert_array_equal(on_rows[0], on_copy[0])
    np.testing.assert_array_equal(on_rows[1], on_copy[1])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_standardisation_is_the_same_in_feature_blocks(monkeypatch, dtype):
    _, _, features = noisy_pool(600, 12, 9)
    features = (features * np.logspace(-3, 3, 9) + 7.0).astype(dtype)
    whole = standardize(features)
    monkeypatch.setattr(sknucs._blocks, "FEATURE_BLOCK_ELEMENTS", 200)
    np.testing.assert_allclose(standardize(features), whole, rtol=1e-12 if dtype == np.float64 else 1e-5, atol=1e-6)
    np.testing.assert_allclose(whole.std(axis=0), 1.0, rtol=1e-4)


def test_a_fit_holds_about_two_copies_of_the_features_not_four(monkeypatch):
    """Peak allocation of a default fit under 2.5 times the features' bytes (3.5 before the blocks)."""
    monkeypatch.setattr(sknucs._blocks, "FEATURE_BLOCK_ELEMENTS", 2**14)
    scores, labels, features = noisy_pool(20_000, 10, 256)
    selector, peak = fit_peak(scores, labels, features := features.astype(np.float32))
    assert selector.window_search_ is not None and selector.suspects_excluded_
    assert peak < 2.5 * features.nbytes, peak / features.nbytes
