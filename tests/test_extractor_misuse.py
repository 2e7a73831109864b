"""Misuse of sknucs.extractor gives sknucs's own errors, not torch's."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine

from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, Dataset, TensorDataset  # noqa: E402

from sknucs.extractor import (  # noqa: E402
    DifficultyRecorder,
    IndexedDataset,
    extract_features,
    score_dataset,
    split_batch,
)

DICT_ITEMS = r"items are dicts \(keys \['label', 'x'\]\).*\(input, target\) tuples.*with_format\(\"torch\"\)"


def _data(n=60, c=3, targets=None):
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, c, (n,), generator=g)
    x = torch.randn(n, 5, generator=g)
    return TensorDataset(x, y if targets is None else targets(y))


def _mlp():
    return nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 3))


class _Rows(Dataset):
    """Hugging Face style items: a dict per sample."""

    def __init__(self, n=8):
        self.data = _data(n)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        x, y = self.data[i]
        return {"x": x, "label": int(y)}


def _score(dataset, **kwargs):
    return score_dataset(_mlp, dataset, 3, **{"epochs": 1, "batch_size": 16, "progress": False, **kwargs})


def test_model_instance_is_refused_before_training():
    data = _data()
    with pytest.raises(TypeError, match=r"got a Sequential instance.*lambda: MyNet\(\)"):
        score_dataset(_mlp(), data, 3, progress=False)


@pytest.mark.parametrize(
    ("targets", "found"),
    [
        (lambda y: y.float(), r"dtype torch.float32 and shape \(16,\)"),
        (lambda y: y.view(-1, 1), r"dtype torch.int64 and shape \(16, 1\)"),
        (lambda y: y.bool(), r"dtype torch.bool"),
    ],
    ids=["float", "column", "bool"],
)
def test_bad_targets_are_named_before_the_loss(targets, found):
    with pytest.raises(ValueError, match=rf"targets must be integer class labels.*got a tensor of {found}"):
        _score(_data(targets=targets))


def test_any_integer_target_dtype_trains():
    int32 = _score(_data(targets=lambda y: y.int()))
    int64 = _score(_data())
    np.testing.assert_array_equal(int32.scores["el2n"], int64.scores["el2n"])


def test_empty_dataset():
    empty = TensorDataset(torch.zeros(0, 5), torch.zeros(0, dtype=torch.long))
    with pytest.raises(ValueError, match="dataset is empty"):
        _score(empty)


def test_numpy_integers_are_accepted():
    result = score_dataset(_mlp, _data(), np.int64(3), epochs=np.int64(2), batch_size=np.int32(16), seeds=np.int64(0),
                           progress=False)
    assert result.scores["el2n"].shape == (60, 1)
    recorder = DifficultyRecorder(np.int64(60), np.int64(3), max_epochs=np.int64(2))
    assert (recorder.n_samples, recorder.n_classes, recorder.max_epochs) == (60, 3, 2)
    assert type(recorder.n_classes) is int


def test_one_seed_may_be_an_integer():
    one = _score(_data(), seeds=np.int64(3))
    assert one.seeds == (3,) and one.scores["el2n"].shape == (60, 1)
    np.testing.assert_array_equal(one.scores["el2n"], _score(_data(), seeds=(3,)).scores["el2n"])


@pytest.mark.parametrize("seeds, error, message", [
    (None, TypeError, r"seeds must be an integer or a sequence of integers, e\.g\. \(0, 1\); got None"),
    ((0, 0), ValueError, r"seeds must be distinct: \(0, 0\)"),
])
def test_bad_seeds_are_named_before_training(seeds, error, message):
    with pytest.raises(error, match=message):
        _score(_data(), seeds=seeds)


@pytest.mark.parametrize("epochs", [True, 1.0, np.float64(1), 0])
def test_epochs_must_be_an_integer(epochs):
    with pytest.raises(ValueError, match="epochs must be an int >= 1"):
        _score(_data(), epochs=epochs)


@pytest.mark.parametrize("wrap", [IndexedDataset, lambda ds: ds], ids=["indexed", "plain"])
def test_dict_items_get_one_clear_error(wrap):
    batch = next(iter(DataLoader(wrap(_Rows()), batch_size=4)))
    with pytest.raises(TypeError, match=DICT_ITEMS):
        split_batch(batch)
    with pytest.raises(TypeError, match=DICT_ITEMS):
        extract_features(_mlp(), wrap(_Rows()))


def test_dict_items_in_score_dataset():
    with pytest.raises(TypeError, match=DICT_ITEMS):
        _score(_Rows())


def test_hugging_face_rows_and_the_documented_wrapper():
    datasets = pytest.importorskip("datasets")
    data = _data(12)
    hf = datasets.Dataset.from_dict({"x": data.tensors[0].tolist(), "label": data.tensors[1].tolist()})
    with pytest.raises(TypeError, match=DICT_ITEMS):
        _score(hf.with_format("torch"))

    class Pairs(Dataset):
        def __init__(self, rows):
            self.rows = rows.with_format("torch")

        def __len__(self):
            return len(self.rows)

        def __getitem__(self, i):
            row = self.rows[i]
            return row["x"], row["label"]

    assert _score(Pairs(hf)).features.shape == (12, 16)
