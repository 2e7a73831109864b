"""Helpers for torchvision classifiers: find and replace the head, load weights."""

import contextlib
import logging
import os

import torch
from torch import nn

logger = logging.getLogger(__name__)

# Where torchvision classifiers keep their final linear layer.
_HEAD_NAMES = ("fc", "heads.head", "head", "classifier")


@contextlib.contextmanager
def evaluating(model):
    """Put every submodule in eval mode and restore each one's own mode on exit."""
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        yield model
    finally:
        for m, training in modes:
            m.training = training


def _linear_giving_the_output(model, example):
    """(name, layer) of the ``nn.Linear`` whose output is the model's output on ``example``, or None."""
    outputs = {}
    hooks = [module.register_forward_hook(lambda mod, args, out, name=name: outputs.__setitem__(name, out))
             for name, module in model.named_modules() if isinstance(module, nn.Linear)]
    try:
        with evaluating(model), torch.no_grad():
            logits = model(example)
    finally:
        for hook in hooks:
            hook.remove()
    for name, out in outputs.items():
        if out is logits:
            return name, model.get_submodule(name)
    return None


def find_head(model, example=None):
    """Name and module of the model's final linear layer.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier.
    example : tensor or None, default=None
        A batch of inputs: the head is then the ``nn.Linear`` whose output the
        model returns (one forward pass in eval mode, without gradients),
        whatever the order its layers were declared in; the rule below when
        no linear layer's output is returned as it is.

    Returns
    -------
    name : str
        Dotted path of the layer (``"fc"`` for ResNet, ``"heads.head"`` for
        ViT, ``"classifier.1"`` for EfficientNet ...).
    layer : torch.nn.Linear
        The layer.

    Notes
    -----
    Without ``example``, the attributes ``fc``, ``heads.head``, ``head`` and
    ``classifier`` are tried first; otherwise the last ``nn.Linear``
    registered in the model is taken, which for torchvision classifiers is
    the one applied last. A model that declares its head before its hidden
    layers, or registers an unused linear layer after it, needs ``example``
    (:func:`~sknucs.extractor.score_dataset` and
    :func:`~sknucs.extractor.extract_features` pass their first sample).
    """
    if example is not None:
        found = _linear_giving_the_output(model, example)
        if found is not None:
            return found
    for name in _HEAD_NAMES:
        try:
            layer = model.get_submodule(name)
        except AttributeError:
            continue
        if isinstance(layer, nn.Linear):
            return name, layer
    linears = [(name, m) for name, m in model.named_modules() if isinstance(m, nn.Linear)]
    if not linears:
        raise ValueError(f"{type(model).__name__} has no nn.Linear layer to use as the head.")
    return linears[-1]


def replace_head(model, n_classes):
    """Give the model a fresh final linear layer with ``n_classes`` outputs, in place.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier; its head is found with :func:`find_head`.
    n_classes : int
        Number of outputs of the new head.

    Returns
    -------
    model : torch.nn.Module
        The same model, for chaining.

    Examples
    --------
    >>> import torchvision
    >>> from sknucs.extractor import replace_head
    >>> replace_head(torchvision.models.resnet18(), 10).fc
    Linear(in_features=512, out_features=10, bias=True)
    """
    name, old = find_head(model)
    new = nn.Linear(
        old.in_features,
        n_classes,
        bias=old.bias is not None,
        device=old.weight.device,
        dtype=old.weight.dtype,
    )
    parent_name, _, attr = name.rpartition(".")
    setattr(model.get_submodule(parent_name) if parent_name else model, attr, new)
    return model


def _read_state_dict(weights):
    """State dict from a file path or a torchvision ``WeightsEnum`` member."""
    if hasattr(weights, "get_state_dict"):  # torchvision WeightsEnum member
        logger.info("Loading torchvision weights %s (downloaded unless cached in TORCH_HOME)", weights)
        return weights.get_state_dict(progress=False, check_hash=True)
    if not isinstance(weights, (str, os.PathLike)):
        raise TypeError(
            "weights must be a path to a saved state_dict or a torchvision weights enum "
            f"member, got {type(weights).__name__}."
        )
    if not os.path.isfile(weights):
        raise FileNotFoundError(f"No weights file at {os.fspath(weights)!r}.")
    state = torch.load(weights, map_location="cpu", weights_only=True)
    for key in ("state_dict", "model"):  # common checkpoint wrappers
        if isinstance(state, dict) and isinstance(state.get(key), dict):
            state = state[key]
    if not isinstance(state, dict):
        raise ValueError(f"{os.fspath(weights)!r} holds a {type(state).__name__}, not a state_dict.")
    # Checkpoints of DistributedDataParallel models prefix every key with "module.".
    return {k.removeprefix("module."): v for k, v in state.items()}


def load_weights(model, weights):
    """Load weights into a model from a local file or a torchvision weights enum.

    Parameters
    ----------
    model : torch.nn.Module
        Model with the architecture the weights were saved from.
    weights : str, os.PathLike or torchvision WeightsEnum member
        A file written by ``torch.save(model.state_dict(), path)`` (a
        checkpoint dict with a ``"state_dict"`` or ``"model"`` entry and
        ``"module."`` prefixes from DDP are accepted too), or an enum such as
        ``ResNet18_Weights.IMAGENET1K_V1``, which torchvision downloads unless
        it is already in its cache.

    Returns
    -------
    model : torch.nn.Module
        The same model, for chaining.
    """
    model.load_state_dict(_read_state_dict(weights))
    return model


def build_torchvision_model(name, n_classes, *, weights=None):
    """A torchvision classifier with an ``n_classes`` head, optionally pretrained.

    Parameters
    ----------
    name : str
        A name known to ``torchvision.models.get_model`` (``"resnet18"``,
        ``"vit_b_16"`` ...).
    n_classes : int
        Number of classes of the new head.
    weights : str, os.PathLike, torchvision WeightsEnum member or None, default=None
        See :func:`load_weights`. The file may hold the original head (it is
        replaced after loading) or an ``n_classes`` head (kept).

    Returns
    -------
    model : torch.nn.Module
    """
    import torchvision

    if weights is None:
        return torchvision.models.get_model(name, num_classes=n_classes)
    model = torchvision.models.get_model(name)
    state = _read_state_dict(weights)
    head_name, head = find_head(model)
    saved_head = state.get(f"{head_name}.weight")
    if saved_head is not None and saved_head.shape[0] == n_classes != head.out_features:
        replace_head(model, n_classes)
    model.load_state_dict(state)
    if find_head(model)[1].out_features != n_classes:
        replace_head(model, n_classes)
    return model
