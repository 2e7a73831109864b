"""Tests for sknucs.datasets: loaders on tiny files written here, long-tail profile."""

import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

from sknucs.datasets import (
    FASHION_MNIST_CLASSES,
    FASHION_MNIST_LOOKALIKES,
    asymmetric_label_noise,
    confusion_label_noise,
    load_cifar,
    load_digits_split,
    load_fashion_mnist,
    load_image_folder,
    long_tailed_counts,
    long_tailed_indices,
    duplicate_images,
    rotated_classes,
    occlude_images,
    open_set_noise,
    read_idx,
    step_imbalanced_indices,
    symmetric_label_noise,
    write_idx,
)
from sknucs.baselines import ClassBalancedRandomSelector, RandomSelector
from sknucs.datasets import _fashion_mnist
from sknucs.datasets._corruption_stream import corruption_random_state

REAL_FMNIST = Path("/usr/share/datasets/fashion-mnist")


def _write_fake_fmnist(directory, gz=True, n_train=12, n_test=5, seed=0):
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train, dtype=np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    for stem, array in arrays.items():
        write_idx(directory / (stem + (".gz" if gz else "")), array)
    return arrays


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_idx_round_trip(tmp_path, dtype, suffix):
    array = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    if dtype == np.uint8:
        array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    path = tmp_path / ("a.idx" + suffix)
    write_idx(path, array)
    back = read_idx(path)
    assert back.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(back, array)


def test_idx_rejects_bad_magic_and_truncation(tmp_path):
    bad = tmp_path / "bad"
    bad.write_bytes(b"\x01\x02\x08\x01\x00\x00\x00\x01\x05")
    with pytest.raises(ValueError, match="not an idx file"):
        read_idx(bad)
    short = tmp_path / "short"
    write_idx(short, np.zeros((4, 2), np.uint8))
    short.write_bytes(short.read_bytes()[:-1])
    with pytest.raises(ValueError, match="header announces"):
        read_idx(short)
    short.write_bytes(short.read_bytes()[:6])  # cut inside the header: the file is named
    with pytest.raises(ValueError, match=f"{short}: the idx header announces 2 dimensions"):
        read_idx(short)


@pytest.mark.parametrize("layout", ["torchvision", "flat"])
@pytest.mark.parametrize("gz", [True, False])
def test_load_fashion_mnist_from_root(tmp_path, layout, gz):
    directory = tmp_path / "FashionMNIST" / "raw" if layout == "torchvision" else tmp_path
    arrays = _write_fake_fmnist(directory, gz=gz)
    X_train, y_train, X_test, y_test = load_fashion_mnist(tmp_path)
    assert X_train.shape == (12, 28, 28) and X_train.dtype == np.uint8
    assert y_train.dtype == np.int64 and y_test.shape == (5,)
    np.testing.assert_array_equal(X_train, arrays["train-images-idx3-ubyte"])
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte"])


def test_load_fashion_mnist_searches_default_paths_and_env(tmp_path, monkeypatch):
    _write_fake_fmnist(tmp_path / "deb")
    monkeypatch.delenv("SKNUCS_DATA", raising=False)
    monkeypatch.setattr(_fashion_mnist, "DEFAULT_SEARCH_PATHS", (str(tmp_path / "deb"),))
    assert load_fashion_mnist()[0].shape == (12, 28, 28)
    _write_fake_fmnist(tmp_path / "env" / "FashionMNIST" / "raw", n_train=7)
    monkeypatch.setenv("SKNUCS_DATA", str(tmp_path / "env"))
    assert load_fashion_mnist()[0].shape == (7, 28, 28)


def test_load_fashion_mnist_absent_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv("SKNUCS_DATA", raising=False)
    monkeypatch.setattr(_fashion_mnist, "DEFAULT_SEARCH_PATHS", (str(tmp_path / "nowhere"),))
    with pytest.raises(FileNotFoundError) as info:
        load_fashion_mnist()
    message = str(info.value)
    assert "apt-get install dataset-fashion-mnist" in message
    assert "download=True" in message
    assert str(tmp_path / "nowhere") in message


def test_load_fashion_mnist_incomplete_directory_is_an_error(tmp_path):
    _write_fake_fmnist(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError, match="t10k-labels"):
        load_fashion_mnist(tmp_path)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_real_fashion_mnist():
    X_train, y_train, X_test, y_test = load_fashion_mnist()
    assert X_train.shape == (60000, 28, 28) and X_test.shape == (10000, 28, 28)
    np.testing.assert_array_equal(np.bincount(y_train), np.full(10, 6000))
    np.testing.assert_array_equal(np.bincount(y_test), np.full(10, 1000))
    assert X_train.max() == 255


def test_long_tailed_counts_follow_the_exponential_profile():
    counts = long_tailed_counts(np.full(10, 6000), imbalance_ratio=100)
    expected = np.floor(6000 * 0.01 ** (np.arange(10) / 9)).astype(int)
    np.testing.assert_array_equal(counts, expected)
    assert counts[0] == 6000 and counts[-1] == 60
    assert np.all(np.diff(counts) < 0)
    np.testing.assert_array_equal(long_tailed_counts([50, 40], imbalance_ratio=1), [40, 40])


@pytest.mark.parametrize("ratio", [0, 0.5, np.inf, np.nan])
def test_long_tailed_counts_rejects_bad_ratio(ratio):
    with pytest.raises(ValueError, match="imbalance_ratio"):
        long_tailed_counts([10, 10], imbalance_ratio=ratio)


def test_long_tailed_indices_orders_classes_by_sorted_label_and_is_seeded():
    labels = np.array(["b", "a", "c"])
    y = np.repeat(labels, 200)
    idx = long_tailed_indices(y, imbalance_ratio=20, random_state=3)
    values, counts = np.unique(y[idx], return_counts=True)
    np.testing.assert_array_equal(values, ["a", "b", "c"])
    np.testing.assert_array_equal(counts, [200, int(200 * 20 ** -0.5), 10])
    assert np.all(np.diff(idx) > 0)
    np.testing.assert_array_equal(idx, long_tailed_indices(y, imbalance_ratio=20, random_state=3))
    assert not np.array_equal(idx, long_tailed_indices(y, imbalance_ratio=20, random_state=4))


def test_load_digits_split_is_stratified_uint8():
    X_train, y_train, X_test, y_test = load_digits_split(test_size=0.2, random_state=1)
    assert X_train.dtype == np.uint8 and X_train.shape[1:] == (8, 8)
    assert X_train.max() == 255 and len(X_train) + len(X_test) == 1797
    frac = np.bincount(y_test) / np.bincount(np.concatenate([y_train, y_test]))
    assert np.all(np.abs(frac - 0.2) < 0.02)


def _fake_cifar_batch(n, rng, label_key):
    return {b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8), label_key: list(rng.integers(0, 10, n))}


@pytest.mark.parametrize("n_classes", [10, 100])
def test_load_cifar_reads_pickles(tmp_path, n_classes):
    rng = np.random.default_rng(0)
    if n_classes == 10:
        directory, train, test, key = tmp_path / "cifar-10-batches-py", [f"data_batch_{i}" for i in range(1, 6)], ["test_batch"], b"labels"
    else:
        directory, train, test, key = tmp_path / "cifar-100-python", ["train"], ["test"], b"fine_labels"
    directory.mkdir()
    batches = {}
    for name in train + test:
        batches[name] = _fake_cifar_batch(3, rng, key)
        with open(directory / name, "wb") as handle:
            pickle.dump(batches[name], handle)
    X_train, y_train, X_test, y_test = load_cifar(tmp_path, n_classes=n_classes)
    assert X_train.shape == (3 * len(train), 32, 32, 3) and X_test.shape == (3, 32, 32, 3)
    first = batches[train[0]][b"data"][0]
    # channel-major rows become height, width, channel images
    np.testing.assert_array_equal(X_train[0, :, :, 0].ravel(), first[:1024])
    np.testing.assert_array_equal(X_train[0, :, :, 2].ravel(), first[2048:])
    np.testing.assert_array_equal(y_test, batches[test[0]][key])
    # the batch directory itself also works
    assert load_cifar(directory, n_classes=n_classes)[0].shape == X_train.shape


def test_load_cifar_errors(tmp_path):
    with pytest.raises(ValueError, match="10 or 100"):
        load_cifar(tmp_path, n_classes=20)
    with pytest.raises(FileNotFoundError, match="data_batch_1"):
        load_cifar(tmp_path)


def test_load_image_folder(tmp_path):
    pytest.importorskip("torchvision")
    from PIL import Image

    rng = np.random.default_rng(0)
    written = {}
    for cls in ["cat", "ant"]:
        (tmp_path / cls).mkdir()
        for i in range(2):
            pixels = rng.integers(0, 256, (6, 5, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(tmp_path / cls / f"{i}.png")
            written[(cls, i)] = pixels
    X, y, classes = load_image_folder(tmp_path)
    assert classes == ["ant", "cat"]
    assert X.shape == (4, 6, 5, 3) and X.dtype == np.uint8
    np.testing.assert_array_equal(y, [0, 0, 1, 1])
    np.testing.assert_array_equal(X[0], written[("ant", 0)])
    Image.fromarray(rng.integers(0, 256, (9, 9, 3), dtype=np.uint8)).save(tmp_path / "cat" / "big.png")
    with pytest.raises(ValueError, match="image_size"):
        load_image_folder(tmp_path)
    assert load_image_folder(tmp_path, image_size=4)[0].shape == (5, 4, 4, 3)
    assert load_image_folder(tmp_path, image_size=np.int64(4))[0].shape == (5, 4, 4, 3)


def test_datasets_import_does_not_import_torch():
    import subprocess

    code = "import sknucs.datasets, sys; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_step_imbalance_keeps_majorities_and_cuts_the_last_half():
    y = np.repeat(np.arange(6), [50, 40, 60, 45, 55, 50])
    idx = step_imbalanced_indices(y, imbalance_ratio=10, random_state=1)
    np.testing.assert_array_equal(np.bincount(y[idx]), [50, 40, 60, 4, 4, 4])
    assert np.all(np.diff(idx) > 0)
    np.testing.assert_array_equal(idx, step_imbalanced_indices(y, imbalance_ratio=10, random_state=1))
    assert not np.array_equal(idx, step_imbalanced_indices(y, imbalance_ratio=10, random_state=2))
    fewer = step_imbalanced_indices(y, imbalance_ratio=4, minority_fraction=0.2)
    np.testing.assert_array_equal(np.bincount(y[fewer]), [50, 40, 60, 45, 55, 10])


@pytest.mark.parametrize("kwargs, match", [
    ({"imbalance_ratio": 0.5}, "imbalance_ratio"), ({"minority_fraction": 1.0}, "minority_fraction"),
])
def test_step_imbalance_rejects_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        step_imbalanced_indices(np.repeat([0, 1], 10), **kwargs)


def test_asymmetric_label_noise_flips_each_source_class_to_its_lookalike():
    y = np.repeat(np.arange(4), 50)
    noisy, flipped = asymmetric_label_noise(y, {0: 1, 1: 2}, noise_rate=0.2, random_state=0)
    np.testing.assert_array_equal(flipped, noisy != y)
    assert np.count_nonzero(flipped & (y == 0)) == 10 and np.count_nonzero(flipped & (y == 1)) == 10
    assert np.all(noisy[flipped & (y == 0)] == 1) and np.all(noisy[flipped & (y == 1)] == 2)
    assert not flipped[y >= 2].any()
    again, _ = asymmetric_label_noise(y, {0: 1, 1: 2}, noise_rate=0.2, random_state=0)
    np.testing.assert_array_equal(noisy, again)
    other, _ = asymmetric_label_noise(y, {0: 1, 1: 2}, noise_rate=0.2, random_state=1)
    assert not np.array_equal(noisy, other)


@pytest.mark.parametrize("kwargs, match", [
    ({"mapping": {0: 0}}, "another class"),
    ({"mapping": {0: 1.5}}, "another class"),
    ({"mapping": {0: 1}, "noise_rate": 1.0}, "noise_rate"),
])
def test_asymmetric_label_noise_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        asymmetric_label_noise(np.array([0, 1, 2]), **kwargs)


def test_fashion_mnist_lookalikes_are_classes_of_fashion_mnist():
    assert all(0 <= c < len(FASHION_MNIST_CLASSES) for pair in FASHION_MNIST_LOOKALIKES.items() for c in pair)
    assert FASHION_MNIST_CLASSES[FASHION_MNIST_LOOKALIKES[0]] == "Shirt"


def test_symmetric_label_noise_flips_the_rate_to_every_other_class():
    y = np.repeat(np.arange(4), 2500)
    noisy, flipped = symmetric_label_noise(y, 0.3, random_state=0)
    assert flipped.sum() == 3000
    np.testing.assert_array_equal(noisy[~flipped], y[~flipped])
    assert np.all(noisy[flipped] != y[flipped])
    # each wrong label is uniform over the three other classes
    offsets = np.bincount((noisy[flipped] - y[flipped]) % 4, minlength=4)
    assert offsets[0] == 0 and np.all(np.abs(offsets[1:] / 1000 - 1) < 0.1)
    again, _ = symmetric_label_noise(y, 0.3, random_state=0)
    np.testing.assert_array_equal(noisy, again)


@pytest.mark.parametrize("kwargs, match", [
    ({"noise_rate": 1.0}, "noise_rate"), ({"n_classes": 1}, "two classes"), ({"n_classes": 2}, r"\[0, 1\]"),
])
def test_symmetric_label_noise_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        symmetric_label_noise(np.array([0, 1, 2]), **kwargs)


def test_confusion_label_noise_relabels_the_rows_between_two_classes_as_the_nearer_one():
    rng = np.random.RandomState(0)
    # Three clusters on a line; class 1 overlaps class 0 on its left side only, class 2 is far away.
    y = np.repeat(np.arange(3), 200)
    X = np.concatenate([rng.normal(0, 1, 200), rng.normal(2.5, 1, 200), rng.normal(20, 1, 200)])[:, None]
    X = np.hstack([X, rng.normal(size=(600, 3))])
    noisy, flipped = confusion_label_noise(X, y, 0.1, random_state=0)
    assert flipped.sum() == 60
    np.testing.assert_array_equal(flipped, noisy != y)
    assert not flipped[y == 2].any()  # nothing to confuse the far class with
    assert set(noisy[flipped & (y == 0)].tolist()) <= {1} and set(noisy[flipped & (y == 1)].tolist()) <= {0}
    # the flipped rows are the ambiguous ones: between the two clusters, not in their far tails
    assert np.all(np.abs(X[flipped, 0] - 1.25) < 2)
    assert np.median(np.abs(X[flipped, 0] - 1.25)) < np.median(np.abs(X[(y < 2) & ~flipped, 0] - 1.25))
    again, _ = confusion_label_noise(X, y, 0.1, random_state=0)
    np.testing.assert_array_equal(noisy, again)


@pytest.mark.parametrize("y, kwargs, match", [
    (np.repeat([0, 1], 10), {"noise_rate": 1.0}, "noise_rate"),
    (np.zeros(20, dtype=int), {}, "two classes"),
    (np.r_[np.zeros(19, dtype=int), 1], {}, "two rows of every class"),
])
def test_confusion_label_noise_rejects_bad_input(y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        confusion_label_noise(np.arange(40.0).reshape(20, 2), y, **kwargs)


def test_open_set_noise_replaces_the_rate_with_outliers_under_uniform_labels():
    rng = np.random.RandomState(0)
    X = rng.randint(0, 100, size=(2000, 3, 3)).astype(np.uint8)
    y = np.repeat(np.arange(4), 500)
    outliers = rng.randint(200, 256, size=(600, 3, 3)).astype(np.uint8)
    X_noisy, y_noisy, replaced = open_set_noise(X, y, outliers, 0.25, n_classes=4, random_state=1)
    assert replaced.sum() == 500
    assert (X_noisy[replaced] >= 200).all() and np.array_equal(X_noisy[~replaced], X[~replaced])
    assert np.array_equal(y_noisy[~replaced], y[~replaced])
    assert len({x.tobytes() for x in X_noisy[replaced]}) == 500  # drawn without replacement
    counts = np.bincount(y_noisy[replaced], minlength=4)
    assert counts.min() > 90  # every class gets outliers, about 125 each
    again = open_set_noise(X, y, outliers, 0.25, n_classes=4, random_state=1)
    assert all(np.array_equal(a, b) for a, b in zip(again, (X_noisy, y_noisy, replaced)))
    assert (X >= 200).sum() == 0  # the input is left as it was


@pytest.mark.parametrize("kwargs, match", [
    ({"noise_rate": 1.0}, "noise_rate"),
    ({"X_outliers": np.zeros((9, 3, 3), np.uint8)}, "give more outliers"),
    ({"X_outliers": np.zeros((100, 4, 3), np.uint8)}, "the same"),
    ({"y": np.zeros(7, int)}, "same rows"),
])
def test_open_set_noise_rejects_bad_input(kwargs, match):
    arguments = {"X": np.zeros((20, 3, 3), np.uint8), "y": np.repeat([0, 1], 10),
                 "X_outliers": np.zeros((100, 3, 3), np.uint8), "noise_rate": 0.5, **kwargs}
    with pytest.raises(ValueError, match=match):
        open_set_noise(**arguments)


def test_occlude_images_hides_half_of_the_chosen_images():
    X = np.zeros((200, 28, 28), dtype=np.uint8)
    X_occluded, occluded = occlude_images(X, 0.2, random_state=3)
    assert occluded.sum() == 40 and not X.any()
    assert not X_occluded[~occluded].any()
    changed = (X_occluded[occluded] > 0).reshape(40, -1).mean(axis=1)
    assert np.all((changed > 0.45) & (changed <= 400 / 784))  # a 20x20 square of random pixels, some of them 0
    rgb, _ = occlude_images(np.zeros((5, 10, 10, 3), np.uint8), 1 - 1e-9, side=0.5, random_state=0)
    assert ((rgb > 0).any(axis=-1).reshape(5, -1).sum(axis=1) <= 25).all()


@pytest.mark.parametrize("kwargs, match", [
    ({"X": np.zeros((5, 28, 28), np.float32)}, "uint8"),
    ({"X": np.zeros((5, 28), np.uint8)}, "uint8"),
    ({"side": 0.0}, "side"),
    ({"rate": -0.1}, "rate must be in"),
])
def test_occlude_images_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        occlude_images(**{"X": np.zeros((5, 28, 28), np.uint8), **kwargs})


def test_duplicate_images_copies_few_originals_with_their_labels():
    X, y = np.arange(600 * 4).reshape(600, 2, 2), np.arange(600) % 7
    X_dup, y_dup, copied_from = duplicate_images(X, y, 0.3, copies=4, random_state=2)
    copies = copied_from >= 0
    assert copies.sum() == 180 and not (X_dup[~copies] != X[~copies]).any()
    originals, counts = np.unique(copied_from[copies], return_counts=True)
    assert originals.size == 45 and (counts == 4).all() and not copies[originals].any()
    np.testing.assert_array_equal(X_dup[copies], X[copied_from[copies]])
    np.testing.assert_array_equal(y_dup[copies], y[copied_from[copies]])
    assert len(np.unique(X_dup.reshape(600, -1), axis=0)) == 600 - 180
    assert not np.array_equal(copied_from, duplicate_images(X, y, 0.3, copies=4, random_state=3)[2])


@pytest.mark.parametrize("channels", [(), (3,)])
def test_duplicate_images_shift_moves_each_copy_by_at_most_shift_pixels(channels):
    rng = np.random.default_rng(0)
    X = rng.integers(1, 256, size=(400, 6, 7, *channels), dtype=np.uint8)
    y = np.arange(400) % 5
    exact = duplicate_images(X, y, 0.3, random_state=4)
    X_near, y_near, copied_from = duplicate_images(X, y, 0.3, shift=1, random_state=4)
    np.testing.assert_array_equal(copied_from, exact[2])  # the same rows copy the same originals
    np.testing.assert_array_equal(y_near, exact[1])
    copies = copied_from >= 0
    np.testing.assert_array_equal(X_near[~copies], X[~copies])
    moves = set()
    for row in np.flatnonzero(copies):
        original = X[copied_from[row]]
        found = [(down, right) for down in (-1, 0, 1) for right in (-1, 0, 1)
                 if np.array_equal(X_near[row][max(down, 0):6 + min(down, 0), max(right, 0):7 + min(right, 0)],
                                   original[max(-down, 0):6 + min(-down, 0), max(-right, 0):7 + min(-right, 0)])]
        assert len(found) == 1 and found[0] != (0, 0)
        down, right = found[0]
        edge = X_near[row][0 if down == 1 else -1] if down else X_near[row][:, 0 if right == 1 else -1]
        assert not edge.any()  # pixels moved in are 0
        moves.add(found[0])
    assert len(moves) == 8  # every move but (0, 0) is drawn
    flat = X_near.reshape(400, -1)
    assert len(np.unique(flat, axis=0)) == 400  # the copies of one original moved apart, so no two are equal


@pytest.mark.parametrize("kwargs, match", [
    ({"rate": 1.0}, "rate must be in"),
    ({"copies": 0}, "copies must be"),
    ({"shift": -1}, "shift must be"),
    ({"shift": 0.5}, "shift must be"),
    ({"shift": 1}, "moves images"),
    ({"copies": 1.5}, "copies must be"),
    ({"rate": 0.6, "copies": 1}, "lower rate or more copies"),
    ({"y": np.zeros(4, dtype=int)}, "same rows"),
])
def test_duplicate_images_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        duplicate_images(**{"X": np.zeros((10, 2)), "y": np.zeros(10, dtype=int), **kwargs})


def test_duplicate_images_shift_refuses_images_too_small_to_move():
    with pytest.raises(ValueError, match="height and width above 4"):
        duplicate_images(np.ones((10, 4, 9), np.uint8), np.zeros(10, dtype=int), shift=2)


def _corrupted_rows(kind, seed, n=2000):
    """Which of ``n`` rows of 10 classes the corruption ``kind`` hits, drawn with the integer ``seed``."""
    y = np.arange(n) % 10
    if kind == "symmetric":
        return symmetric_label_noise(y, 0.2, random_state=seed)[1]
    X = np.arange(n * 16, dtype=np.uint8).reshape(n, 4, 4)
    if kind == "open_set":
        outliers = np.full((n, 4, 4), 255, dtype=np.uint8)
        X_noisy = open_set_noise(X, y, outliers, 0.2, random_state=seed)[0]
    else:
        X_noisy = occlude_images(X, 0.2, random_state=seed)[0]
    return (X_noisy != X).reshape(n, -1).any(axis=1)


@pytest.mark.parametrize("kind", ["symmetric", "open_set", "occluded"])
@pytest.mark.parametrize("selector", [RandomSelector, ClassBalancedRandomSelector])
def test_corruption_and_random_coresets_of_one_seed_draw_apart(kind, selector):
    # RandomState(seed).choice(n, k, replace=False) is RandomSelector(random_state=seed)'s permutation: with
    # that stream the random coreset of 10% held nothing but corrupted rows.
    for seed in (0, 1, 2):
        corrupted = _corrupted_rows(kind, seed)
        assert corrupted.mean() == pytest.approx(0.2, abs=0.01)
        kept = selector(0.9, random_state=seed).fit(np.zeros(corrupted.size), np.arange(corrupted.size) % 10)
        assert 0.1 < corrupted[kept.sample_indices_].mean() < 0.3


def test_corruption_random_state_mixes_integers_and_passes_generators_through():
    assert corruption_random_state(0).randint(2**31) != np.random.RandomState(0).randint(2**31)
    assert corruption_random_state(np.int64(3)).randint(2**31) == corruption_random_state(3).randint(2**31)
    generator = np.random.RandomState(0)
    assert corruption_random_state(generator) is generator
    with pytest.raises(ValueError, match="non-negative"):
        corruption_random_state(-1)


@pytest.mark.parametrize("n_turns", [1, 2, 4])
def test_rotated_classes_turns_each_image_and_labels_class_and_turn(n_turns):
    rng = np.random.default_rng(0)
    X, y = rng.integers(0, 256, size=(300, 5, 5, 3), dtype=np.uint8), np.arange(300) % 3
    X_turned, y_turned, turns = rotated_classes(X, y, n_turns, random_state=2)
    np.testing.assert_array_equal(y_turned, y * n_turns + turns)
    assert set(turns) == set(range(n_turns)) and y_turned.dtype == np.int64
    for row in range(300):
        np.testing.assert_array_equal(X_turned[row], np.rot90(X[row], turns[row] * 4 // n_turns))
    np.testing.assert_array_equal(rotated_classes(X, y, n_turns, random_state=2)[2], turns)
    if n_turns > 1:
        assert not np.array_equal(rotated_classes(X, y, n_turns, random_state=3)[2], turns)


@pytest.mark.parametrize("X, n_turns, match", [
    (np.zeros((4, 3, 3)), 3, "n_turns must be one of"),
    (np.zeros((4, 9)), 4, "one image of shape"),
    (np.zeros((5, 3, 3)), 4, "one image of shape"),
    (np.zeros((4, 3, 5)), 4, "square images"),
])
def test_rotated_classes_rejects_bad_input(X, n_turns, match):
    with pytest.raises(ValueError, match=match):
        rotated_classes(X, np.zeros(4, dtype=int), n_turns)


def test_rotated_classes_half_turns_take_images_of_any_shape():
    X = np.arange(2 * 3 * 5).reshape(2, 3, 5)
    X_turned, _, turns = rotated_classes(X, [0, 1], 2, random_state=0)
    assert X_turned.shape == X.shape
