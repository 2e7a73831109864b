"""Accuracy benchmark of coreset selectors: data, models, one training recipe, resumable runner.

Importing this package does not import torch; training code is loaded when
a benchmark runs. Run it with ``python -m sknucs.benchmark --mode quick``.
"""

from ._config import (
    ALL_METHODS,
    PRESETS,
    BackboneRecipe,
    BenchmarkConfig,
    ScoringRecipe,
    TrainRecipe,
    full_config,
    gpu_config,
    pretrained_config,
    pretrained_finetune_config,
    pretrained_gpu_config,
    quick_config,
    smoke_config,
)
from ._methods import METHODS, Method
from ._report import write_report
from ._runner import run_benchmark
from ._tasks import Task, build_tasks

__all__ = [
    "ALL_METHODS",
    "METHODS",
    "PRESETS",
    "BackboneRecipe",
    "BenchmarkConfig",
    "Method",
    "ScoringRecipe",
    "Task",
    "TrainRecipe",
    "build_tasks",
    "full_config",
    "gpu_config",
    "pretrained_config",
    "pretrained_finetune_config",
    "pretrained_gpu_config",
    "quick_config",
    "run_benchmark",
    "smoke_config",
    "write_report",
]
