"""Data sets for the benchmark: local loaders (nothing is downloaded) and subsampling.

Numpy only; :func:`load_image_folder` imports torchvision when called.
"""

from ._cifar import load_cifar
from ._confusion_noise import confusion_label_noise
from ._digits import load_digits_split
from ._fashion_mnist import DEFAULT_SEARCH_PATHS, FASHION_MNIST_CLASSES, load_fashion_mnist
from ._idx import read_idx, write_idx
from ._image_folder import load_image_folder
from ._label_noise import FASHION_MNIST_LOOKALIKES, asymmetric_label_noise, symmetric_label_noise
from ._long_tail import long_tailed_counts, long_tailed_indices
from ._polluted_images import duplicate_images, occlude_images, open_set_noise
from ._rotated_classes import rotated_classes
from ._step_imbalance import step_imbalanced_indices

__all__ = [
    "asymmetric_label_noise",
    "confusion_label_noise",
    "DEFAULT_SEARCH_PATHS",
    "duplicate_images",
    "FASHION_MNIST_CLASSES",
    "FASHION_MNIST_LOOKALIKES",
    "load_cifar",
    "load_digits_split",
    "load_fashion_mnist",
    "load_image_folder",
    "long_tailed_counts",
    "long_tailed_indices",
    "occlude_images",
    "open_set_noise",
    "read_idx",
    "rotated_classes",
    "step_imbalanced_indices",
    "symmetric_label_noise",
    "write_idx",
]
