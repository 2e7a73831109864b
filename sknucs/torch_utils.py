"""Coresets as PyTorch datasets (needs the ``torch`` extra).

torch is imported when :func:`coreset_subset` is called, never by
``import sknucs``.
"""

from sklearn.utils.validation import check_is_fitted

__all__ = ["coreset_subset"]


def coreset_subset(selector, dataset):
    """The coreset of ``dataset`` as a :class:`torch.utils.data.Subset`.

    Parameters
    ----------
    selector : fitted selector
        Fitted on one score per item of ``dataset``, in the dataset's order.
    dataset : torch.utils.data.Dataset
        Any map-style dataset with ``len``; item ``i`` must be the sample
        whose score was row ``i``.

    Returns
    -------
    subset : torch.utils.data.Subset
        ``dataset`` restricted to ``selector.sample_indices_`` (ascending),
        ready for a :class:`~torch.utils.data.DataLoader`.

    Raises
    ------
    TypeError
        If ``selector`` is not a selector, or ``dataset`` has no ``len``
        (an iterable-style dataset).
    ValueError
        If the dataset's length differs from the number of scored samples.

    Examples
    --------
    >>> import numpy as np
    >>> import torch
    >>> from torch.utils.data import TensorDataset
    >>> from sknucs import NUCSSelector
    >>> from sknucs.torch_utils import coreset_subset
    >>> y = np.repeat([0, 1], 50)
    >>> scores = np.random.default_rng(0).random(100)
    >>> selector = NUCSSelector(rate=0.8, window=0.9).fit(scores, y)
    >>> dataset = TensorDataset(torch.randn(100, 3), torch.as_tensor(y))
    >>> len(coreset_subset(selector, dataset))
    20
    """
    if not hasattr(selector, "get_support"):  # not a selector at all, fitted or not
        raise TypeError(f"coreset_subset takes a fitted sknucs selector (one with sample_indices_), "
                        f"got {type(selector).__name__}.")
    check_is_fitted(selector, "sample_indices_")
    try:
        from torch.utils.data import Subset
    except ImportError as exc:
        raise ImportError("coreset_subset needs PyTorch: pip install 'sknucs[torch]'.") from exc
    if not hasattr(dataset, "__len__"):  # an IterableDataset, an iterator, None
        raise TypeError(f"coreset_subset needs a map-style dataset (len(dataset) items, dataset[i] the sample "
                        f"scored in row i), got {type(dataset).__name__}.")
    n_scored = selector.support_.shape[0]
    if len(dataset) != n_scored:
        raise ValueError(
            f"The selector was fitted on {n_scored} samples but the dataset has "
            f"{len(dataset)} items; fit it on one score per item, in dataset order."
        )
    return Subset(dataset, selector.sample_indices_.tolist())
