"""The two benchmark models (torch; imported only when a benchmark trains)."""

import torch
from torch import nn

from ._config import ARCHITECTURES


class MLP(nn.Sequential):
    """Flatten, one hidden ReLU layer, linear head (784-256-10 on Fashion-MNIST).

    Parameters
    ----------
    in_features : int
        Number of input values (pixels times channels).
    n_classes : int
    hidden : int, default=256
    """

    def __init__(self, in_features, n_classes, hidden=256):
        super().__init__(
            nn.Flatten(),
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Linear(hidden, n_classes),
        )


class SmallCNN(nn.Module):
    """Two 3x3 conv blocks (conv, ReLU, 2x2 max-pool), a hidden linear layer, a linear head.

    Parameters
    ----------
    in_channels : int
    image_size : tuple of (int, int)
        Input height and width (each halved twice by the pools).
    n_classes : int
    channels : tuple of (int, int), default=(8, 16)
    hidden : int, default=64

    Attributes
    ----------
    body : nn.Sequential
        Everything but the head; its output is the penultimate feature.
    head : nn.Linear
        The classifier, replaced for a new target task.
    """

    def __init__(self, in_channels, image_size, n_classes, channels=(8, 16), hidden=64):
        super().__init__()
        height, width = image_size[0] // 4, image_size[1] // 4
        self.body = nn.Sequential(
            nn.Conv2d(in_channels, channels[0], 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(channels[0], channels[1], 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(channels[1] * height * width, hidden),
            nn.ReLU(),
        )
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, x):
        return self.head(self.body(x))


def _new_model(name, input_shape, n_classes):
    if name == "mlp":
        return MLP(input_shape[0] * input_shape[1] * input_shape[2], n_classes,
                   **ARCHITECTURES["mlp"])
    if name == "cnn":
        return SmallCNN(input_shape[0], input_shape[1:], n_classes, **ARCHITECTURES["cnn"])
    raise ValueError(f"Unknown model {name!r}; expected 'mlp' or 'cnn'.")


def seeded(seed, build, *args):
    """``build(*args)`` with torch's global generator seeded by ``seed``, then restored.

    None calls it as is (drawing from the global generator).
    """
    if seed is None:
        return build(*args)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return build(*args)


def build_model(name, input_shape, n_classes, seed, body_state=None):
    """Build a model, seeded without touching the global RNG (or drawing from it).

    Parameters
    ----------
    name : {"mlp", "cnn"}
    input_shape : tuple of (int, int, int)
        (channels, height, width) of one input.
    n_classes : int
    seed : int or None
        Seeds the initial weights; None draws them from torch's global
        generator (as :func:`sknucs.extractor.score_dataset` expects of its
        ``model_factory``, having seeded it).
    body_state : dict or None, default=None
        State dict of a pretrained :class:`SmallCNN` body: loaded into the
        new model, whose head stays freshly initialised (fine-tuning).

    Returns
    -------
    model : nn.Module
    """
    model = seeded(seed, _new_model, name, input_shape, n_classes)
    if body_state is not None:
        model.body.load_state_dict(body_state)
    return model
