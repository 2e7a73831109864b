"""Penultimate-layer (or any layer's) features of a dataset, in sample order."""

import contextlib

import torch
from torch.utils.data import DataLoader

from ._dataset import check_tensor_inputs
from ._models import evaluating, find_head


def resolve_layer(model, layer, example=None):
    """The hooked module and whether its input (True) or output (False) is captured.

    ``layer=None``: the head's input, the head found by :func:`find_head` (on ``example``, a batch of inputs).
    """
    if layer is None:
        return find_head(model, example)[1], True
    if isinstance(layer, str):
        return model.get_submodule(layer), False
    if isinstance(layer, torch.nn.Module):
        return layer, False
    raise TypeError(f"layer must be None, a module name or a module, got {type(layer).__name__}.")


@contextlib.contextmanager
def capture(module, use_input):
    """Context manager yielding a list whose last item is the latest captured tensor.

    The tensor is the first positional input of ``module`` (``use_input``) or
    its output; the hook is removed on exit.
    """
    seen = []

    def hook(mod, args, output):
        seen[:] = [args[0] if use_input else output]

    handle = module.register_forward_hook(hook)
    try:
        yield seen
    finally:
        handle.remove()


def _inputs(batch):
    """The inputs of a collated batch: its first item, or the batch itself."""
    return check_tensor_inputs(batch[0] if isinstance(batch, (tuple, list)) else batch)


def _model_device(model):
    param = next(model.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def extract_features(model, dataset, *, layer=None, batch_size=256, device=None):
    """Embed every sample of a dataset with a trained model.

    Parameters
    ----------
    model : torch.nn.Module
        Trained model. Put in eval mode and run without gradients; every
        submodule's train/eval mode is restored afterwards.
    dataset : torch.utils.data.Dataset
        Map-style dataset whose items are ``(x, ...)`` tuples (e.g. ``(x, y)``
        or an :class:`IndexedDataset`'s ``(x, y, i)``) or bare inputs ``x``.
    layer : str, torch.nn.Module or None, default=None
        ``None`` captures the *input* of the model's final linear layer (the
        penultimate embedding): the ``nn.Linear`` whose output the model
        returns on the first sample, see :func:`find_head`; a module or its dotted
        name captures that module's *output*, flattened per sample.
    batch_size : int, default=256
        Samples per forward pass.
    device : str, torch.device or None, default=None
        Where to run; default is where the model's parameters are. A model
        moved here is moved back afterwards.

    Returns
    -------
    features : ndarray of shape (n_samples, n_features), float32
        Row ``i`` belongs to ``dataset[i]``.

    Raises
    ------
    ValueError
        When the dataset is empty or ``layer`` is not called in the forward
        pass.
    TypeError
        When the items, or their inputs, are dicts (Hugging Face style rows):
        the error says how to turn them into ``(input, target)`` tuples.

    Examples
    --------
    >>> import torch
    >>> from torch.utils.data import TensorDataset
    >>> from sknucs.extractor import extract_features
    >>> model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
    >>> extract_features(model, TensorDataset(torch.randn(10, 4))).shape
    (10, 8)
    """
    if len(dataset) == 0:
        raise ValueError("The dataset is empty.")
    home = _model_device(model)
    device = home if device is None else torch.device(device)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)
    chunks = []
    if device != home:
        model.to(device)
    try:
        example = None
        if layer is None:
            with torch.random.fork_rng(devices=[]):  # a random transform of the item draws outside the caller's
                example = _inputs(loader.collate_fn([dataset[0]])).to(device)
        module, use_input = resolve_layer(model, layer, example)
        with evaluating(model), capture(module, use_input) as seen, torch.no_grad():
            for batch in loader:
                x = _inputs(batch)
                seen.clear()
                model(x.to(device))
                if not seen:
                    raise ValueError(f"Layer {layer!r} was not called in the model's forward pass.")
                chunks.append(seen[-1].flatten(1).float().cpu())
    finally:
        if device != home:
            model.to(home)
    return torch.cat(chunks).numpy()
