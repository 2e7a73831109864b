import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine

from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, RandomSampler, TensorDataset  # noqa: E402

from _score_reference import PresentationLog  # noqa: E402
from sknucs.extractor import DifficultyRecorder, IndexedDataset, split_batch  # noqa: E402
from sknucs.scores import SCORE_DIRECTIONS  # noqa: E402

N, C, D = 103, 4, 8
RTOL, ATOL = 1e-10, 1e-12


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(D, 16), nn.ReLU())
        self.head = nn.Linear(16, C)

    def forward(self, x):
        h = self.body(x)
        return self.head(h), h


def _data(n=N, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, D, generator=g)
    y = torch.randint(0, C, (n,), generator=g)
    X[torch.arange(n), y] += 1.0  # learnable, but not instantly
    return TensorDataset(X, y)


def _train(loader, epochs, recorder, log, features=True, seed=0, dtype=None):
    """A plain PyTorch loop; every batch goes to the recorder and to the log."""
    torch.manual_seed(seed)
    model = Tiny()
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(epochs):
        for batch in loader:
            x, y, idx = split_batch(batch)
            logits, h = model(x)
            loss = nn.functional.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if dtype is not None:
                logits, h = logits.to(dtype), h.to(dtype)
            feats = h if features else None
            recorder.update(idx, logits, y, features=feats)
            log.add(idx, logits, y, feats)
        recorder.end_epoch()


def _assert_matches_reference(scores, log, n=N):
    expected, counts = log.reference_scores(n)
    assert set(scores) == set(expected)
    for name, values in scores.items():
        assert values.dtype == np.float64 and values.shape == (n,)
        # GraNd's feature norms are taken in float32, the features' own precision.
        rtol = 1e-6 if name == "grand" else RTOL
        np.testing.assert_allclose(values, expected[name], rtol=rtol, atol=ATOL, err_msg=name)
    return counts


@pytest.mark.parametrize("drop_last", [True, False])
def test_scores_equal_numpy_reference_with_shuffled_loader(drop_last):
    loader = DataLoader(
        IndexedDataset(_data()),
        batch_size=16,
        shuffle=True,
        drop_last=drop_last,
        generator=torch.Generator().manual_seed(1),
    )
    rec, log = DifficultyRecorder(N, C), PresentationLog()
    _train(loader, epochs=6, recorder=rec, log=log)
    scores = rec.compute(allow_missing=drop_last)
    counts = _assert_matches_reference(scores, log)
    assert set(scores) == set(SCORE_DIRECTIONS)
    if drop_last:
        # 7 samples are dropped every epoch, different ones each time.
        assert len(np.unique(counts)) > 1 and counts.sum() == 6 * 96
    else:
        assert (counts == 6).all()
    # The run must actually exercise forgetting: some learned, some forgotten.
    forgetting = scores["forgetting"][counts > 0]
    assert (forgetting > 0).any() and (forgetting == 0).any()


def test_sampler_with_replacement_repeats_samples_within_batches():
    ds = IndexedDataset(_data(n=20))
    sampler = RandomSampler(ds, replacement=True, num_samples=60, generator=torch.Generator().manual_seed(3))
    loader = DataLoader(ds, batch_size=30, sampler=sampler)
    rec, log = DifficultyRecorder(20, C), PresentationLog()
    _train(loader, epochs=4, recorder=rec, log=log)
    repeats = [len(idx) - len(np.unique(idx)) for idx, *_ in log.batches]
    assert min(repeats) > 0  # duplicates inside every batch
    _assert_matches_reference(rec.compute(allow_missing=True), log, n=20)


def test_low_precision_logits_are_accepted():
    loader = DataLoader(IndexedDataset(_data()), batch_size=32)
    rec, log = DifficultyRecorder(N, C), PresentationLog()
    _train(loader, epochs=2, recorder=rec, log=log, dtype=torch.bfloat16)
    _assert_matches_reference(rec.compute(), log)


def test_without_features_there_is_no_grand():
    loader = DataLoader(IndexedDataset(_data()), batch_size=50)
    rec, log = DifficultyRecorder(N, C), PresentationLog()
    _train(loader, epochs=2, recorder=rec, log=log, features=False)
    scores = rec.compute()
    assert "grand" not in scores
    _assert_matches_reference(scores, log)


def test_variability_is_exact_for_constant_probabilities():
    rec = DifficultyRecorder(3, 3)
    z = torch.tensor([[0.3, 0.1, -2.0], [5.0, 5.0, 5.0], [40.0, 0.0, 0.0]])
    for _ in range(7):
        rec.update(torch.arange(3), z, torch.tensor([0, 1, 0]))
        rec.end_epoch()
    np.testing.assert_array_equal(rec.compute()["variability"], 0.0)


def _table(n=40, epochs=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(epochs, n, C, generator=g) * 2, torch.randint(0, C, (n,), generator=g)


def _replay(rec, logits, y, epochs, start=(0, 0), stop=None, batch=7):
    """Feed a fixed logits table in a seeded shuffled order, resumable at (epoch, batch)."""
    n = y.shape[0]
    for e in range(start[0], epochs):
        order = torch.randperm(n, generator=torch.Generator().manual_seed(100 + e))
        batches = order.split(batch)
        for b in range(start[1] if e == start[0] else 0, len(batches)):
            if stop == (e, b):
                return
            idx = batches[b]
            rec.update(idx, logits[e, idx], y[idx], features=logits[e, idx, :2])
        rec.end_epoch()


def test_interrupt_and_resume_gives_identical_scores(tmp_path):
    logits, y = _table()
    full = DifficultyRecorder(40, C)
    _replay(full, logits, y, epochs=5)
    expected = full.compute()

    first = DifficultyRecorder(40, C)
    _replay(first, logits, y, epochs=5, stop=(2, 3))
    torch.save(first.state_dict(), tmp_path / "rec.pt")
    del first
    resumed = DifficultyRecorder(40, C)
    resumed.load_state_dict(torch.load(tmp_path / "rec.pt", weights_only=True))
    assert resumed.n_epochs == 2 and resumed.n_batches == 2 * 6 + 3
    _replay(resumed, logits, y, epochs=5, start=(2, 3))
    got = resumed.compute()
    for name in expected:
        np.testing.assert_array_equal(got[name], expected[name], err_msg=name)


def test_ctrl_c_while_the_buffer_is_processed_loses_no_batch(monkeypatch):
    # An interrupt inside end_epoch's processing of the buffered batches used to drop them all:
    # the state saved afterwards counted the batches but held none of their presentations.
    from sknucs.extractor import _recorder

    torch.manual_seed(0)
    batches = [(torch.arange(10 * i, 10 * i + 10), torch.randn(10, 3), torch.randint(0, 3, (10,)))
               for i in range(4)]
    reference = DifficultyRecorder(40, 3)
    for idx, z, t in batches:
        reference.update(idx, z, t)
    reference.end_epoch()
    interrupted = DifficultyRecorder(40, 3)
    for idx, z, t in batches:
        interrupted.update(idx, z, t)
    row_values = _recorder.row_values

    def ctrl_c(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(_recorder, "row_values", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        interrupted.end_epoch()
    monkeypatch.setattr(_recorder, "row_values", row_values)
    resumed = DifficultyRecorder(40, 3)
    resumed.load_state_dict(interrupted.state_dict())
    resumed.end_epoch()
    for name, values in reference.compute().items():
        np.testing.assert_array_equal(resumed.compute()[name], values, err_msg=name)


def test_state_dict_is_a_copy_and_can_snapshot_mid_training():
    logits, y = _table()
    rec = DifficultyRecorder(40, C)
    _replay(rec, logits, y, epochs=2)
    state = rec.state_dict()
    snapshot = DifficultyRecorder(40, C)
    snapshot.load_state_dict(state)
    mid = snapshot.compute()
    _replay(rec, logits, y, epochs=3, start=(2, 0))  # the original keeps recording
    assert not rec.finished and snapshot.finished
    assert not np.allclose(rec.compute()["el2n"], mid["el2n"])
    assert state["sums"].data_ptr() != rec.state_dict()["sums"].data_ptr()


def test_load_state_dict_rejects_mismatches():
    state = DifficultyRecorder(40, C).state_dict()
    with pytest.raises(ValueError, match="n_samples=40, this recorder 41"):
        DifficultyRecorder(41, C).load_state_dict(state)
    with pytest.raises(ValueError, match=r"missing \['sums'\]"):
        DifficultyRecorder(40, C).load_state_dict({k: v for k, v in state.items() if k != "sums"})
    state["shift"] = state["shift"][:-1]
    with pytest.raises(ValueError, match="'shift'.*shape"):
        DifficultyRecorder(40, C).load_state_dict(state)


def _state_size(n, epochs, n_classes):
    g = torch.Generator().manual_seed(0)
    rec = DifficultyRecorder(n, n_classes)
    for _ in range(epochs):
        for idx in torch.randperm(n, generator=g).split(100):
            z = torch.randn(len(idx), n_classes, generator=g)
            rec.update(idx, z, torch.randint(0, n_classes, (len(idx),), generator=g), features=z)
        rec.end_epoch()
    tensors = [v for v in rec.state_dict().values() if isinstance(v, torch.Tensor)]
    return sum(t.numel() for t in tensors), sum(t.numel() * t.element_size() for t in tensors)


def test_state_is_linear_in_samples_only():
    base = _state_size(1000, 1, 3)
    assert _state_size(2000, 1, 3) == (2 * base[0], 2 * base[1])
    assert _state_size(1000, 5, 3) == base
    assert _state_size(1000, 1, 50) == base
    assert base[1] < 100 * 1000  # well under 100 bytes per sample


def test_missing_samples_raise_or_give_nan():
    rec = DifficultyRecorder(10, C)
    rec.update(torch.tensor([0, 2, 3]), torch.randn(3, C), torch.tensor([0, 1, 2]))
    with pytest.raises(ValueError, match=r"7 of 10 samples were never passed.*first \[1, 4, 5, 6, 7\]"):
        rec.compute()
    scores = rec.compute(allow_missing=True)
    for values in scores.values():
        assert np.isnan(values).sum() == 7 and not np.isnan(values[[0, 2, 3]]).any()


def _batch(n=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.arange(n), torch.randn(n, C, generator=g), torch.tensor([0, 1, 2, 3])[:n]


def _args(seed=0, **change):
    indices, logits, targets = _batch(seed=seed)
    return dict(indices=indices, logits=logits, targets=targets) | change


@pytest.mark.parametrize(
    "change, error, match",
    [
        (dict(indices=None), ValueError, "Batch 2: no sample indices.*IndexedDataset"),
        (dict(indices=torch.tensor([0.0, 1, 2, 3])), TypeError, "Batch 2: indices must be integers"),
        (dict(indices=torch.tensor([0, 1, 2])), ValueError, r"indices must have shape \(4,\)"),
        (dict(targets=torch.tensor([0.0, 1, 2, 3])), TypeError, "targets must be integers"),
        (dict(logits=torch.randn(4, C + 1)), ValueError, r"shape \(batch_size, 4\)"),
        (dict(logits=torch.zeros(4, C, dtype=torch.int64)), ValueError, "float tensor"),
        (dict(features=torch.randn(3, 5)), ValueError, r"features must be a float tensor of shape \(4,"),
    ],
)
def test_bad_shapes_and_types_raise_in_update(change, error, match):
    rec = DifficultyRecorder(10, C)
    rec.update(**_args())
    with pytest.raises(error, match=match):
        rec.update(**_args(seed=1, **change))
    expected = DifficultyRecorder(10, C)
    expected.update(**_args())
    torch.testing.assert_close(rec.state_dict()["sums"], expected.state_dict()["sums"], rtol=0, atol=0)


def _nan_logits():
    logits = _batch(seed=1)[1]
    logits[1, 2] = float("nan")
    return logits


@pytest.mark.parametrize(
    "change, match",
    [
        (dict(indices=torch.tensor([0, 1, 2, 10])), r"Batch 2: 1 sample index.*\[0, 10\), first \[10\]"),
        (dict(indices=torch.tensor([-1, 1, 2, 3])), r"Batch 2: .*outside \[0, 10\), first \[-1\]"),
        (dict(targets=torch.tensor([0, 1, 4, 3])), r"Batch 2: 1 target.*\[0, 4\), first \[4\] \(samples \[2\]\)"),
        (dict(targets=torch.tensor([0, -2, 1, 3])), r"Batch 2: .*first \[-2\]"),
        (dict(logits=_nan_logits()), r"Batch 2: logits contain NaN or infinite values for 1 sample\(s\), first \[1\]"),
    ],
)
@pytest.mark.parametrize("buffer_size", [1, None])
def test_bad_values_drop_only_their_batch(change, match, buffer_size):
    rec = DifficultyRecorder(10, C, buffer_size=buffer_size)
    rec.update(**_args())
    if buffer_size == 1:  # processed at once: the bad batch's own update() raises
        with pytest.raises(ValueError, match=match + ".*Not recorded: 1 batch"):
            rec.update(**_args(seed=1, **change))
        rec.update(**_args(seed=2))
        rec.end_epoch()
    else:  # buffered: found when the buffer is processed, here by end_epoch()
        rec.update(**_args(seed=1, **change))
        rec.update(**_args(seed=2))
        with pytest.raises(ValueError, match=match + r".*Not recorded: 1 batch\(es\) \(2\); every other"):
            rec.end_epoch()
    assert rec.n_epochs == 1  # end_epoch() completed before raising
    expected = DifficultyRecorder(10, C)
    expected.update(**_args())
    expected.update(**_args(seed=2))
    expected.end_epoch()
    torch.testing.assert_close(rec.state_dict()["sums"], expected.state_dict()["sums"], rtol=0, atol=0)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_logits_name_the_batch(bad):
    rec = DifficultyRecorder(10, C)
    for seed in range(6):
        indices, logits, targets = _batch(seed=seed)
        if seed in (2, 4):
            logits[1 + seed // 4, 2] = bad
        rec.update(indices, logits, targets)
    with pytest.raises(ValueError, match=r"Batch 3: logits contain NaN or infinite values for 1 sample\(s\), first \[1\]\. Not recorded: 2 batch\(es\) \(3, 5\)"):
        rec.compute()


def test_non_finite_features_and_inconsistent_features():
    rec = DifficultyRecorder(10, C)
    indices, logits, targets = _batch()
    rec.update(indices, logits, targets, features=torch.tensor([[1.0], [float("nan")], [0.0], [0.0]]))
    with pytest.raises(ValueError, match=r"Batch 1: features contain NaN or infinite values for 1 sample\(s\), first \[1\]"):
        rec.state_dict()
    rec.update(indices, logits, targets, features=torch.ones(4, 2))
    with pytest.raises(ValueError, match="features were given in earlier batches"):
        rec.update(indices, logits, targets)


def test_two_tuple_batch_is_rejected():
    loader = DataLoader(_data(), batch_size=8)  # not wrapped: (x, y) batches
    with pytest.raises(ValueError, match="Batch has 2 items.*IndexedDataset"):
        split_batch(next(iter(loader)))
    x, y = next(iter(loader))
    with pytest.raises(ValueError, match="not a 1-D integer tensor"):
        split_batch((x, y, x))


def test_finished_recorder_refuses_updates_until_reset():
    rec = DifficultyRecorder(4, C, max_epochs=2)
    for _ in range(2):
        rec.update(*_batch())
        rec.end_epoch()
    assert rec.finished
    with pytest.raises(RuntimeError, match=r"update\(\) on a finished.*max_epochs=2"):
        rec.update(*_batch())
    with pytest.raises(RuntimeError, match=r"end_epoch\(\) on a finished"):
        rec.end_epoch()
    rec.reset()
    rec.update(*_batch())
    first = rec.compute()
    np.testing.assert_array_equal(rec.compute()["el2n"], first["el2n"])  # compute twice is fine
    with pytest.raises(RuntimeError, match=r"update\(\) on a finished.*compute\(\)"):
        rec.update(*_batch())
    rec.reset()
    rec.all_reduce()  # single process: only finishes
    with pytest.raises(RuntimeError, match="finished"):
        rec.update(*_batch())


def test_constructor_validation():
    with pytest.raises(ValueError, match="n_classes must be an int >= 2"):
        DifficultyRecorder(10, 1)
    with pytest.raises(ValueError, match="n_samples must be an int >= 1"):
        DifficultyRecorder(0, 3)
    with pytest.raises(ValueError, match="max_epochs"):
        DifficultyRecorder(10, 3, max_epochs=0)
    rec = DifficultyRecorder(4, C, distributed=True)
    with pytest.raises(RuntimeError, match="distributed=True but torch.distributed is not initialised"):
        rec.update(*_batch())
