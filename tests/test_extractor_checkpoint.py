"""score_dataset(checkpoint=...): an interrupted scoring resumes at the seed it was on."""

import logging

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402
from torch.utils.data import TensorDataset  # noqa: E402

from sknucs.extractor import score_dataset  # noqa: E402


def _dataset(n=48):
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, 3, (n,), generator=g)
    x = torch.randn(n, 5, generator=g)
    x[:, 0] += y.float()
    return TensorDataset(x, y)


class Factory:
    """A model factory that can be told to fail on its next call, as a run killed mid-way does."""

    def __init__(self):
        self.fail_on_call = None
        self.calls = 0

    def __call__(self):
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise KeyboardInterrupt
        return nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 3))


def _score(factory, **kwargs):
    return score_dataset(factory, _dataset(), 3, **{"epochs": 2, "batch_size": 16, "progress": False, **kwargs})


def _assert_same(result, expected):
    assert result.seeds == expected.seeds and result.scores.keys() == expected.scores.keys()
    for name, values in expected.scores.items():
        np.testing.assert_array_equal(result.scores[name], values)
    np.testing.assert_array_equal(result.features, expected.features)


def test_an_interrupted_scoring_resumes_with_the_same_result(tmp_path, caplog):
    expected = _score(Factory())  # three seeds, no checkpoint
    factory = Factory()
    factory.fail_on_call = 3  # seed 2's model: seeds 0 and 1 finished
    with pytest.raises(KeyboardInterrupt):
        _score(factory, checkpoint=tmp_path / "runs")
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == [
        "seed_0.npz", "seed_0.pt", "seed_1.npz", "seed_1.pt"]
    factory.fail_on_call = None
    with caplog.at_level(logging.INFO, logger="sknucs.extractor"):
        resumed = _score(factory, checkpoint=tmp_path / "runs")
    assert "seed 0: scores and model read from" in caplog.text and "seed 1: scores and model read" in caplog.text
    assert "seed 2, epoch 2/2" in caplog.text and "seed 0, epoch" not in caplog.text  # seed 2 alone trained
    _assert_same(resumed, expected)
    again = _score(Factory(), checkpoint=tmp_path / "runs")  # every seed read, the last one's model too
    _assert_same(again, expected)
    assert not again.model.training


def test_a_seed_without_both_files_is_trained_again(tmp_path):
    expected = _score(Factory(), seeds=(0, 1))
    _score(Factory(), seeds=(0, 1), checkpoint=tmp_path)
    (tmp_path / "seed_1.pt").unlink()  # as if killed between the two writes
    (tmp_path / ".seed_0.npz.killed.tmp").write_bytes(b"cut short")  # a write killed before its rename
    _assert_same(_score(Factory(), seeds=(0, 1), checkpoint=tmp_path), expected)
    assert (tmp_path / "seed_1.pt").exists()


def test_a_checkpoint_of_other_settings_is_refused(tmp_path):
    _score(Factory(), seeds=0, checkpoint=tmp_path)
    with pytest.raises(ValueError, match=r"other settings \(epochs 2 there, 3 here\)"):
        _score(Factory(), seeds=0, epochs=3, checkpoint=tmp_path)
    with pytest.raises(ValueError, match=r"other settings \(lr None there, 0.5 here\)"):
        _score(Factory(), seeds=0, lr=0.5, checkpoint=tmp_path)
    (tmp_path / "file").write_text("")
    with pytest.raises(ValueError, match="checkpoint must be a folder"):
        _score(Factory(), seeds=0, checkpoint=tmp_path / "file")
