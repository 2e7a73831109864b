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
from ._efficientnet_lite import convert_efficientnet_pytorch_state, efficientnet_lite0, lite0_weights_path
from ._features import extract_features
from ._models import build_torchvision_model, find_head, load_weights, replace_head
from ._recorder import DifficultyRecorder
from ._scorer import ScoringResult, score_dataset
from ._timm import PreLogits, build_timm_model, timm_features

__all__ = [
    "DifficultyRecorder",
    "IndexedDataset",
    "PreLogits",
    "ScoringResult",
    "build_timm_model",
    "build_torchvision_model",
    "convert_efficientnet_pytorch_state",
    "efficientnet_lite0",
    "extract_features",
    "find_head",
    "lite0_weights_path",
    "load_weights",
    "replace_head",
    "score_dataset",
    "split_batch",
    "timm_features",
]
