import logging

import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine

from torch import nn  # noqa: E402
from torch.utils.data import TensorDataset  # noqa: E402

from sknucs.extractor import ScoringResult, score_dataset  # noqa: E402
from sknucs.scores import SCORE_DIRECTIONS  # noqa: E402


def _dataset(n=60, c=3):
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, c, (n,), generator=g)
    x = torch.randn(n, 5, generator=g)
    x[:, 0] += y.float()
    return TensorDataset(x, y)


def _mlp():
    return nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 3))


def test_scores_features_and_determinism(caplog):
    ds = _dataset()
    with caplog.at_level(logging.INFO, logger="sknucs.extractor"):
        result = score_dataset(_mlp, ds, 3, epochs=3, seeds=(0, 1), batch_size=16, lr=0.1, progress=False)
    assert isinstance(result, ScoringResult) and result.seeds == (0, 1)
    assert set(result.scores) == set(SCORE_DIRECTIONS)
    for values in result.scores.values():
        assert values.shape == (60, 2) and values.dtype == np.float64 and np.isfinite(values).all()
    assert result.features.shape == (60, 16) and result.features.dtype == np.float32
    assert not result.model.training
    assert "seed 1, epoch 3/3" in caplog.text
    # GraNd = EL2N * sqrt(1 + ||h||^2) per presentation: never below EL2N.
    assert (result.scores["grand"] >= result.scores["el2n"]).all()
    assert (result.scores["grand"] > 1.05 * result.scores["el2n"]).mean() > 0.9
    # Same seed, same scores (CPU); other seed, other scores.
    again = score_dataset(_mlp, ds, 3, epochs=3, seeds=(1,), batch_size=16, lr=0.1, progress=False)
    np.testing.assert_array_equal(again.scores["el2n"][:, 0], result.scores["el2n"][:, 1])
    np.testing.assert_array_equal(again.features, result.features)
    assert not np.allclose(result.scores["el2n"][:, 0], result.scores["el2n"][:, 1])
    # Training worked: the easier half by EL2N is mostly classified correctly.
    assert np.median(result.scores["confidence"]) > 1 / 3


@pytest.mark.parametrize("optimizer", ["adam", "adamw"])
def test_other_optimizers_and_progress_bar(optimizer):
    result = score_dataset(_mlp, _dataset(), 3, epochs=1, optimizer=optimizer, batch_size=32, progress=True)
    assert result.scores["loss"].shape == (60, 3) and result.seeds == (0, 1, 2)  # three runs by default


def test_three_default_runs_give_the_selector_their_agreement():
    from sknucs import NUCSSelector

    result = score_dataset(_mlp, _dataset(90), 3, epochs=2, batch_size=16, progress=False)
    runs = result.scores["el2n"]
    y = _dataset(90).tensors[1].numpy()
    assert runs.shape == (90, 3)
    fitted = NUCSSelector(0.5, random_state=0).fit(runs, y, features=result.features)
    assert np.isfinite(fitted.score_agreement_) and fitted.n_features_in_ == 3
    once = score_dataset(_mlp, _dataset(90), 3, epochs=2, seeds=0, batch_size=16, progress=False)
    np.testing.assert_array_equal(once.scores["el2n"][:, 0], runs[:, 0])  # seeds=0: the first run alone
    assert np.isnan(NUCSSelector(0.5, random_state=0).fit(once.scores["el2n"], y).score_agreement_)


def test_torchvision_name():
    pytest.importorskip("torchvision")
    g = torch.Generator().manual_seed(0)
    ds = TensorDataset(torch.randn(6, 3, 32, 32, generator=g), torch.tensor([0, 1, 0, 1, 0, 1]))
    result = score_dataset("resnet18", ds, 2, epochs=1, batch_size=3, progress=False)
    assert result.model.fc.out_features == 2
    assert result.features.shape == (6, 512)


def test_bad_arguments():
    ds = _dataset()
    with pytest.raises(ValueError, match="weights= goes with a torchvision model name"):
        score_dataset(_mlp, ds, 3, weights="w.pt")
    with pytest.raises(ValueError, match="optimizer must be one of"):
        score_dataset(_mlp, ds, 3, optimizer="rmsprop", progress=False)
    with pytest.raises(ValueError, match="amp=True needs a CUDA device"):
        score_dataset(_mlp, ds, 3, amp=True, device="cpu")
    with pytest.raises(ValueError, match="epochs must be an int"):
        score_dataset(_mlp, ds, 3, epochs=0)
    with pytest.raises(ValueError, match="seeds must hold"):
        score_dataset(_mlp, ds, 3, seeds=())
    with pytest.raises(TypeError, match="model_factory must be"):
        score_dataset(3, ds, 3)
    bad = TensorDataset(ds.tensors[0], ds.tensors[1] + 1)  # targets up to 3 with 3 classes
    with pytest.raises(ValueError, match=r"targets outside \[0, 3\) \(n_classes=3\): \[3"):
        score_dataset(_mlp, bad, 3, progress=False)


class _HeadDeclaredFirst(nn.Module):
    def __init__(self):
        super().__init__()
        self.out = nn.Linear(16, 3)  # registered before the layer it follows
        self.hidden = nn.Linear(5, 16)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


class _UnusedProjection(nn.Module):
    def __init__(self, scale=None):
        super().__init__()
        self.body, self.cls, self.proj = nn.Linear(5, 16), nn.Linear(16, 3), nn.Linear(16, 2)
        self.scale = scale

    def forward(self, x):
        logits = self.cls(torch.relu(self.body(x)))
        return logits if self.scale is None else logits * self.scale  # scaled: not the head's own tensor


@pytest.mark.parametrize("model", [_HeadDeclaredFirst, _UnusedProjection])
def test_the_head_is_the_layer_that_gives_the_logits(model):
    # The last registered nn.Linear is not always the head: GraNd and the features take the input of
    # the layer whose output the model returns (it was the raw inputs, or a crash, before).
    from sknucs.extractor import find_head

    x = _dataset().tensors[0][:4]
    name, layer = find_head(model(), example=x)
    assert name == ("out" if model is _HeadDeclaredFirst else "cls") and layer.out_features == 3
    result = score_dataset(model, _dataset(), 3, epochs=1, batch_size=16, progress=False)
    assert result.features.shape == (60, 16)
    assert (result.scores["grand"] > 1.05 * result.scores["el2n"]).mean() > 0.9  # ||h|| of the hidden layer


def test_a_head_that_is_never_called_or_the_wrong_width_is_named():
    with pytest.raises(ValueError, match="'proj', was not called in the model's forward pass"):
        score_dataset(lambda: _UnusedProjection(scale=2.0), _dataset(), 3, epochs=1, progress=False)
    with pytest.raises(ValueError, match=r"outputs of shape \(16, 2\), expected \(batch_size, 3\)"):
        score_dataset(lambda: nn.Sequential(nn.Linear(5, 2)), _dataset(), 3, epochs=1, batch_size=16,
                      progress=False)


def test_seeds_are_integers_and_the_callers_random_state_is_kept():
    with pytest.raises(TypeError, match="seeds must be an integer or a sequence of integers"):
        score_dataset(_mlp, _dataset(), 3, seeds=(0.5, 1.5), progress=False)
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    score_dataset(_mlp, _dataset(), 3, epochs=1, seeds=(0, 1), progress=False)
    assert torch.equal(torch.rand(3), expected)


def test_inputs_of_several_tensors_are_named():
    from torch.utils.data import Dataset

    from sknucs.extractor import extract_features

    class Pairs(Dataset):
        def __len__(self):
            return 8

        def __getitem__(self, i):
            return (torch.randn(2), torch.randn(2)), i % 2

    with pytest.raises(TypeError, match="inputs are a list, not a tensor"):
        score_dataset(lambda: nn.Linear(4, 2), Pairs(), 2, epochs=1, progress=False)
    with pytest.raises(TypeError, match="inputs are a list, not a tensor"):
        extract_features(nn.Linear(4, 2), Pairs())


def test_items_without_targets_are_named_and_not_double_wrapped():
    # Bare inputs used to get "wrap the dataset in IndexedDataset"; doing so made the indices the labels.
    from torch.utils.data import Dataset

    from sknucs.extractor import IndexedDataset

    class Inputs(Dataset):
        def __len__(self):
            return 20

        def __getitem__(self, i):
            return torch.randn(5)

    for dataset in (Inputs(), IndexedDataset(Inputs())):
        with pytest.raises(ValueError, match="trains on \\(input, target\\) items; the dataset's first item is a Tensor"):
            score_dataset(_mlp, dataset, 3, epochs=1, progress=False)
    wrapped = score_dataset(_mlp, IndexedDataset(_dataset()), 3, epochs=1, progress=False)  # (x, y, i) items
    plain = score_dataset(_mlp, _dataset(), 3, epochs=1, progress=False)
    np.testing.assert_array_equal(wrapped.scores["el2n"], plain.scores["el2n"])


def test_torchvision_outputs_with_auxiliary_logits_are_scored_on_the_main_logits():
    from torchvision.models import GoogLeNetOutputs

    class WithAux(nn.Module):
        """Like torchvision's googlenet: in train mode, (logits, aux2, aux1)."""

        def __init__(self):
            super().__init__()
            self.body, self.fc, self.aux = nn.Linear(5, 16), nn.Linear(16, 3), nn.Linear(16, 3)

        def forward(self, x):
            h = torch.relu(self.body(x))
            logits = self.fc(h)
            return GoogLeNetOutputs(logits, self.aux(h), self.aux(h)) if self.training else logits

    result = score_dataset(WithAux, _dataset(), 3, epochs=2, batch_size=16, seeds=0, progress=False)
    assert result.scores["el2n"].shape == (60, 1) and result.features.shape == (60, 16)
    assert np.isfinite(result.scores["grand"]).all()

    class Pair(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(5, 3)

        def forward(self, x):
            return self.fc(x), x

    with pytest.raises(TypeError, match="returned a tuple in train mode, not a tensor of logits"):
        score_dataset(Pair, _dataset(), 3, epochs=1, progress=False)


def test_a_last_batch_of_one_sample_joins_the_one_before():
    # 33 samples in batches of 16: torch's loader ends on a batch of one, which BatchNorm refuses in train mode
    def batch_norm_mlp():
        return nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))

    result = score_dataset(batch_norm_mlp, _dataset(33), 3, epochs=2, batch_size=16, seeds=0, progress=False)
    assert np.isfinite(result.scores["el2n"]).all() and result.scores["el2n"].shape == (33, 1)


@pytest.mark.parametrize("n, batch_size, sizes", [(33, 16, [16, 17]), (32, 16, [16, 16]), (34, 16, [16, 16, 2]),
                                                  (1, 16, [1]), (17, 16, [17]), (3, 1, [1, 1, 1])])
def test_shuffled_batches_are_the_loaders_shuffle_with_a_lone_last_sample_folded(n, batch_size, sizes):
    from torch.utils.data import DataLoader

    from sknucs.extractor._scorer import _ShuffledBatches

    generator = torch.Generator().manual_seed(3)  # as score_dataset passes it: to the sampler and the loader
    ours = DataLoader(range(n), batch_sampler=_ShuffledBatches(n, batch_size, generator), generator=generator)
    batches = [b.tolist() for b in ours]
    assert [len(b) for b in batches] == sizes and len(ours) == len(sizes)
    loader = DataLoader(range(n), batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(3))
    assert [i for b in batches for i in b] == [int(i) for b in loader for i in b]  # the same order
