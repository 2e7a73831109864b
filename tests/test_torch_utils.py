"""coreset_subset: a fitted selector and a dataset give a torch Subset."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch.utils.data import DataLoader, Subset, TensorDataset  # noqa: E402

from sknucs import NUCSSelector  # noqa: E402
from sknucs.torch_utils import coreset_subset  # noqa: E402


def test_subset_holds_exactly_the_kept_items():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], [30, 20, 10])
    scores = rng.random(y.size)
    selector = NUCSSelector(rate=0.5, window=0.9, random_state=0).fit(scores, y)
    dataset = TensorDataset(torch.arange(y.size), torch.as_tensor(y))
    subset = coreset_subset(selector, dataset)
    assert isinstance(subset, Subset) and len(subset) == selector.n_selected_ == 30
    seen = torch.cat([ids for ids, _ in DataLoader(subset, batch_size=7, shuffle=True)])
    assert sorted(seen.tolist()) == selector.sample_indices_.tolist()
    labels = torch.cat([t for _, t in DataLoader(subset, batch_size=64)])
    assert np.bincount(labels.numpy(), minlength=3).tolist() == selector.budgets_.tolist()


def test_length_mismatch_and_unfitted_selector():
    from sklearn.exceptions import NotFittedError

    y = np.repeat([0, 1], 10)
    selector = NUCSSelector(rate=0.5, window=0.9).fit(np.ones(20), y)
    with pytest.raises(ValueError, match="fitted on 20 samples but the dataset has 19"):
        coreset_subset(selector, TensorDataset(torch.zeros(19)))
    with pytest.raises(NotFittedError):
        coreset_subset(NUCSSelector(), TensorDataset(torch.zeros(20)))
    from sklearn.linear_model import LogisticRegression

    with pytest.raises(TypeError, match="takes a fitted sknucs selector"):  # fitted, but not a selector
        coreset_subset(LogisticRegression().fit(np.c_[np.arange(20.0)], y), TensorDataset(torch.zeros(20)))


class _Stream(torch.utils.data.IterableDataset):
    def __iter__(self):
        return iter(range(20))


@pytest.mark.parametrize("dataset", [_Stream(), iter(range(20)), None])
def test_a_dataset_without_len_is_named(dataset):
    # was "object of type 'NoneType' has no len()", naming neither the argument nor what it needs
    selector = NUCSSelector(rate=0.5, window=0.9).fit(np.ones(20), np.repeat([0, 1], 10))
    with pytest.raises(TypeError, match=rf"^coreset_subset needs a map-style dataset .*got {type(dataset).__name__}\."):
        coreset_subset(selector, dataset)
