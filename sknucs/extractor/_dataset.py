"""A dataset wrapper that returns each sample's index with the sample."""

from collections.abc import Mapping

import torch
from torch.utils.data import Dataset


class IndexedDataset(Dataset):
    """Wrap a map-style dataset so that item ``i`` also carries ``i``.

    Whatever the sampler (shuffling, ``drop_last``, weighted or distributed
    sampling), the default collate function stacks the indices into an int64
    tensor, so every batch says which samples it holds.

    Parameters
    ----------
    dataset : torch.utils.data.Dataset
        Map-style dataset; items are ``(x, y)`` tuples or any other object
        (dict items pass through, but :func:`split_batch` rejects them).

    Notes
    -----
    An item that is a tuple or list gets the index appended:
    ``(x, y) -> (x, y, i)``; any other item ``x`` becomes ``(x, i)``.

    Examples
    --------
    >>> import torch
    >>> from torch.utils.data import TensorDataset
    >>> from sknucs.extractor import IndexedDataset
    >>> ds = IndexedDataset(TensorDataset(torch.zeros(3, 2), torch.tensor([0, 1, 0])))
    >>> ds[2][1:]
    (tensor(0), 2)
    """

    def __init__(self, dataset):
        self.dataset = dataset

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        item = self.dataset[index]
        if isinstance(item, (tuple, list)):
            return (*item, index)
        return item, index


def reject_mapping(value):
    """Raise a clear error when a dataset item or batch part is a dict.

    Parameters
    ----------
    value : object
        A dataset item, a batch or a batch's inputs.

    Raises
    ------
    TypeError
        When ``value`` is a mapping, e.g. a Hugging Face ``datasets`` row
        ``{"x": ..., "label": ...}``, with the way to turn it into tuples.
    """
    if isinstance(value, Mapping):
        raise TypeError(
            f"Dataset items are dicts (keys {sorted(map(str, value))}); sknucs.extractor needs "
            "(input, target) tuples with a tensor input. For a Hugging Face datasets.Dataset, "
            "call .with_format(\"torch\") and wrap it in a torch Dataset whose __getitem__(i) "
            "returns (row[input_column], row[label_column]) for row = dataset[i] "
            "(docs/extractor.md, 'Dict items')."
        )


def check_tensor_inputs(inputs):
    """Return a batch's ``inputs`` if they are one tensor; raise a clear error otherwise.

    Raises
    ------
    TypeError
        When they are a tuple or list (a model of several inputs), or
        anything but a tensor: ``score_dataset`` and ``extract_features``
        move one tensor to the device and call the model on it.
    """
    import torch

    reject_mapping(inputs)
    if not isinstance(inputs, torch.Tensor):
        raise TypeError(
            f"The dataset's inputs are a {type(inputs).__name__}, not a tensor: score_dataset and "
            "extract_features call the model on one input tensor per batch. For a model of several inputs, "
            "write the training loop with DifficultyRecorder (docs/extractor.md, 'Design'), or give the "
            "dataset items whose first element is one tensor."
        )
    return inputs


def split_batch(batch):
    """Split a batch from an :class:`IndexedDataset` loader into its parts.

    Parameters
    ----------
    batch : tuple or list
        ``(inputs, targets, ..., indices)`` as collated from an
        :class:`IndexedDataset`.

    Returns
    -------
    inputs, targets, indices : objects
        The first, second and last items of the batch.

    Raises
    ------
    TypeError
        When the dataset's items are dicts (Hugging Face style), wrapped or
        not: the error says how to turn them into ``(input, target)`` tuples.
    ValueError
        When the batch has no indices (e.g. a 2-tuple ``(inputs, targets)``
        from a loader over an unwrapped dataset).
    """
    # A loader over dict items gives a dict; over an IndexedDataset of them, [dict, indices].
    reject_mapping(batch[0] if isinstance(batch, (tuple, list)) and batch else batch)
    if not isinstance(batch, (tuple, list)) or len(batch) < 3:
        size = len(batch) if isinstance(batch, (tuple, list)) else "no tuple"
        raise ValueError(
            f"Batch has {size} items, expected (inputs, targets, indices): wrap the "
            "dataset in sknucs.extractor.IndexedDataset so that batches carry sample indices."
        )
    indices = batch[-1]
    if not isinstance(indices, torch.Tensor) or indices.ndim != 1 or indices.is_floating_point():
        raise ValueError(
            "The last item of the batch is not a 1-D integer tensor of sample indices: "
            "wrap the dataset in sknucs.extractor.IndexedDataset."
        )
    return batch[0], batch[1], indices
