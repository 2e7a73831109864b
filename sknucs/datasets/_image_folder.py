"""Any ``root/<class>/<image>`` folder tree as numpy arrays (needs torchvision)."""

import numbers

import numpy as np


def load_image_folder(root, *, image_size=None):
    """Load a class-per-subfolder image tree into arrays.

    Parameters
    ----------
    root : str or path-like
        Directory with one subdirectory per class, read by
        :class:`torchvision.datasets.ImageFolder` (labels are the
        subdirectory names sorted).
    image_size : int or tuple of (int, int), default=None
        Resize every image to this (height, width); required when the images
        do not all have the same size.

    Returns
    -------
    X : ndarray of shape (n_samples, height, width, 3), dtype uint8
        RGB images.
    y : ndarray of shape (n_samples,), dtype int64
    classes : list of str
        Class names, indexed by label.

    Raises
    ------
    ImportError
        If torchvision is not installed (``pip install sknucs[torch]``).
    ValueError
        If the images differ in size and no ``image_size`` is given.
    """
    try:
        from torchvision.datasets import ImageFolder
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "load_image_folder needs torchvision: pip install 'sknucs[torch]'."
        ) from exc
    if isinstance(image_size, numbers.Integral):  # numpy's integers too
        image_size = (int(image_size), int(image_size))
    folder = ImageFolder(root)
    images = []
    for path, _ in folder.samples:
        image = folder.loader(path).convert("RGB")
        if image_size is not None:
            image = image.resize((image_size[1], image_size[0]))
        images.append(np.asarray(image, dtype=np.uint8))
    shapes = {im.shape for im in images}
    if len(shapes) > 1:
        raise ValueError(
            f"Images in {root} have different sizes {sorted(shapes)[:3]}...; pass image_size."
        )
    y = np.asarray(folder.targets, dtype=np.int64)
    return np.stack(images), y, list(folder.classes)
