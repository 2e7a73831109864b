"""Per-sample difficulty scores and features from PyTorch training (needs the torch extra).

Install with ``pip install sknucs[torch]``.
"""

try:
    import torch  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "sknucs.extractor needs PyTorch and torchvision: pip install sknucs[torch]"
    ) from exc

from ._dataset import IndexedDataset, split_batch
from ._recorder import DifficultyRecorder

__all__ = [
    "DifficultyRecorder",
    "IndexedDataset",
    "split_batch",
]
