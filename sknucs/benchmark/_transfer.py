"""The transfer track's model: a pretrained torchvision classifier behind a resize-and-normalise step (torch)."""

import copy
import os

import torch
from torch import nn
from torch.nn import functional as F

from ._models import seeded
from ._weights import check_weights


class InputAdapter(nn.Module):
    """Give a pretrained model the input it expects: RGB, resized, normalised; on the model's device.

    Parameters
    ----------
    model : nn.Module
        The classifier.
    image_size : int or None
        Height and width the input is resized to (bilinear); None keeps it.
    mean, std : sequence of float
        Per-channel normalisation after the resize.

    Notes
    -----
    Inputs are images scaled to [0, 1], shape (n, C, H, W); a grey image
    (C = 1) is repeated to three channels. Resizing here, per batch, keeps
    the data in memory at its own size (CIFAR at 224 x 224 would take 30 GB
    as float32) and runs on the GPU with the model.
    """

    def __init__(self, model, image_size, mean, std):
        super().__init__()
        self.model = model
        self.image_size = image_size
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1))

    def forward(self, x):
        if x.shape[1] == 1:
            x = x.expand(-1, 3, -1, -1)
        if self.image_size is not None and tuple(x.shape[-2:]) != (self.image_size, self.image_size):
            x = F.interpolate(x, size=(self.image_size, self.image_size), mode="bilinear", align_corners=False)
        return self.model((x - self.mean) / self.std)


def _torchvision_weights(weights):
    if check_weights(weights) == "file":
        return os.fspath(weights)
    import torchvision

    try:
        return torchvision.models.get_weight(os.fspath(weights))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"--weights {weights!r} is not a torchvision weights name: {exc}") from exc


class PretrainedFactory:
    """Fresh copies of one pretrained model, each with a newly initialised head.

    Parameters
    ----------
    config : BenchmarkConfig
        ``transfer.model``, ``weights``, ``image_size``, ``mean``, ``std``.
    n_classes : int
        Outputs of the new head.

    Notes
    -----
    The weights are read once, with
    :func:`sknucs.extractor.build_torchvision_model`; each call copies the
    model and replaces its head (:func:`sknucs.extractor.replace_head`).
    """

    def __init__(self, config, n_classes):
        from sknucs.extractor import build_torchvision_model

        self.config = config
        self.n_classes = n_classes
        self._pretrained = build_torchvision_model(
            config.transfer.model, n_classes, weights=_torchvision_weights(config.weights)
        )

    def __call__(self, seed):
        """The pretrained model with a new head seeded by ``seed`` (None: torch's global generator)."""
        from sknucs.extractor import replace_head

        model = seeded(seed, replace_head, copy.deepcopy(self._pretrained), self.n_classes)
        return InputAdapter(model, self.config.image_size, self.config.mean, self.config.std)
