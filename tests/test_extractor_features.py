import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine

from torch import nn  # noqa: E402
from torch.utils.data import Dataset, TensorDataset  # noqa: E402

from sknucs.extractor import IndexedDataset, extract_features  # noqa: E402


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Dropout(0.5), nn.Linear(12, 3))


def _inputs(n=23):
    return torch.randn(n, 6, generator=torch.Generator().manual_seed(1))


class BareInputs(Dataset):
    """Items are bare tensors, in an order unrelated to how they were made."""

    def __init__(self, x):
        self.x, self.order = x, torch.randperm(len(x), generator=torch.Generator().manual_seed(2))

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[self.order[i]]


def test_penultimate_features_in_sample_order():
    model, x = _model(), _inputs()
    feats = extract_features(model, TensorDataset(x, torch.zeros(23)), batch_size=5)
    assert feats.dtype == np.float32 and feats.shape == (23, 12)
    with torch.no_grad():
        expected = model[1](model[0](x))  # input of the last Linear, dropout off
    np.testing.assert_allclose(feats, expected.numpy(), rtol=1e-6)
    ds = BareInputs(x)
    np.testing.assert_allclose(extract_features(model, ds, batch_size=4), expected[ds.order].numpy(), rtol=1e-6)
    indexed = IndexedDataset(TensorDataset(x, torch.zeros(23)))
    np.testing.assert_array_equal(extract_features(model, indexed, batch_size=5), feats)


def test_named_layer_output_and_module():
    model, x = _model(), _inputs()
    with torch.no_grad():
        expected = model[0](x).numpy()
    np.testing.assert_allclose(extract_features(model, TensorDataset(x), layer="0"), expected, rtol=1e-6)
    np.testing.assert_allclose(extract_features(model, TensorDataset(x), layer=model[0]), expected, rtol=1e-6)


def test_modes_restored_and_no_gradients():
    model, x = _model(), _inputs()
    model.train()
    model[2].eval()  # a mixed state must come back as it was
    before = [m.training for m in model.modules()]
    extract_features(model, TensorDataset(x))
    assert [m.training for m in model.modules()] == before
    assert all(p.grad is None for p in model.parameters())
    # Dropout was off during extraction: two calls agree although the model is in train mode.
    np.testing.assert_array_equal(extract_features(model, TensorDataset(x)), extract_features(model, TensorDataset(x)))


def test_bad_layer():
    model, x = _model(), _inputs()
    with pytest.raises(TypeError, match="layer must be None, a module name or a module"):
        extract_features(model, TensorDataset(x), layer=3)
    with pytest.raises(ValueError, match="was not called"):
        extract_features(model, TensorDataset(x), layer=nn.Linear(2, 2))
    with pytest.raises(AttributeError):
        extract_features(model, TensorDataset(x), layer="nope")
    with pytest.raises(ValueError, match="empty"):
        extract_features(model, TensorDataset(x[:0]))
