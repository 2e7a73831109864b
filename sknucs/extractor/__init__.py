"""Per-sample difficulty scores and features from PyTorch training (needs the torch extra).

Install with ``pip install sknucs[torch]``.
"""

try:
    import torch  # noqa: F401
except ImportError as exc:
    raise ImportError(
        "sknucs.extractor needs PyTorch and torchvision: pip install sknucs[torch]"
    ) from exc

from ._dataset import IndexedDataset, split_batch
from ._features import extract_features
from ._models import build_torchvision_model, find_head, load_weights, replace_head
from ._recorder import DifficultyRecorder
from ._scorer import ScoringResult, score_dataset

__all__ = [
    "DifficultyRecorder",
    "IndexedDataset",
    "ScoringResult",
    "build_torchvision_model",
    "extract_features",
    "find_head",
    "load_weights",
    "replace_head",
    "score_dataset",
    "split_batch",
]
