"""Command line: ``python -m sknucs.benchmark --mode quick|full|smoke|gpu``."""

import argparse
import dataclasses
import importlib.util
import logging
import sys
import time
import warnings
from pathlib import Path

from ._config import PRESETS
from ._report import markdown_tables
from ._runner import check_plan, run_benchmark

DEFAULT_OUT = {"full": "docs/results", "quick": "benchmarks/results/tmp/quick",
               "smoke": "benchmarks/results/tmp/smoke", "gpu": "benchmarks/results/tmp/gpu",
               "pretrained": "docs/results/pretrained", "pretrained_finetune": "docs/results/pretrained_finetune",
               "pretrained_gpu": "benchmarks/results/tmp/pretrained_gpu"}
DEFAULT_CACHE = "benchmarks/cache"
NEEDED = {"torch": "PyTorch", "matplotlib": "matplotlib"}
"""Modules the benchmark imports only once it runs (training, then the report's plot)."""


def build_parser(prog="python -m sknucs.benchmark", parser_class=argparse.ArgumentParser):
    """The benchmark's argument parser.

    Parameters
    ----------
    prog : str, default="python -m sknucs.benchmark"
        The program's name in usage and error lines (``sknucs demo`` runs it too).
    parser_class : type, default=argparse.ArgumentParser
        The parser's class: ``sknucs demo`` passes one whose usage errors are one line.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    parser = parser_class(
        prog=prog,
        description="Coreset selection accuracy benchmark (resumable: finished cells are cached).",
    )
    parser.add_argument("--mode", choices=sorted(PRESETS), default="quick",
                        help="quick: README main job, minutes; full: every method/track, ~60 min as two "
                             "processes on 2 cores (--tasks); smoke: digits, seconds; gpu: CIFAR-100, "
                             "pretrained ResNet-18 (needs --data-root, --weights and a GPU); pretrained, "
                             "pretrained_finetune, pretrained_gpu: ImageNet EfficientNet-Lite0 on Fashion-MNIST, "
                             "frozen / fine-tuned at 32x32 / fine-tuned at 224x224 on a GPU (docs/pretrained.md)")
    parser.add_argument("--out", type=Path, help="output directory (default: %s)" % DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=Path(DEFAULT_CACHE),
                        help="cache directory of finished cells and scores (default: %(default)s)")
    parser.add_argument("--device", default="cpu", help="torch device (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch.set_num_threads (default: %(default)s; the benchmark's small models gain "
                             "little from more and slow down sharply when the CPU is shared)")
    parser.add_argument("--seeds", type=int, nargs="+", help="override the preset's seeds")
    parser.add_argument("--rates", type=float, nargs="+", help="override the preset's pruning rates")
    parser.add_argument("--methods", nargs="+", help="override the preset's methods")
    parser.add_argument("--tasks", nargs="+", metavar="DATASET/TRACK",
                        help="override the preset's tasks, e.g. fmnist/scratch fmnist_lt/finetune")
    parser.add_argument("--data-root", help="directory of the cifar10 / cifar100 batches or of an image folder "
                                            "data set (train/ and test/ or val/)")
    parser.add_argument("--weights", help="transfer track: pretrained weights, a local state_dict file or a "
                                          "torchvision weights name (ResNet18_Weights.IMAGENET1K_V1)")
    parser.add_argument("--model", help="transfer track: torchvision model name (default: the preset's, resnet18)")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings only")
    return parser


def _check_dependencies(parser):
    """Refuse, as one line and before any directory is made or cell trained, a missing extra."""
    missing = [name for module, name in NEEDED.items() if importlib.util.find_spec(module) is None]
    if missing:
        parser.error(f"the benchmark needs {' and '.join(missing)}: pip install 'sknucs[torch,plot]' "
                     f"(or run `make demo`, which installs everything)")


def _check_arguments(parser, args, config, out):
    """Refuse, as a usage error and before any work, what would fail or mislead later."""
    bad_task = next((task for task in args.tasks or () if "/" not in task), None)
    if bad_task is not None:
        parser.error(f"--tasks {bad_task}: a task is DATASET/TRACK, e.g. fmnist/scratch")
    if args.threads < 1:
        parser.error(f"--threads {args.threads}: at least 1")
    try:
        check_plan(config)
    except ValueError as exc:
        parser.error(str(exc))
    _check_inputs(parser, args, config)
    if out.exists() and not out.is_dir():
        parser.error(f"--out {out} is a file: the results go to a directory")
    if args.cache.exists() and not args.cache.is_dir():  # found only once the first scores are saved
        parser.error(f"--cache {args.cache} is a file: the cache is a directory")
    try:  # made now, not after hours of cells
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        parser.error(f"--out {out}: {exc.strerror or exc}")


def _check_inputs(parser, args, config):
    """Refuse, as a usage error and before any data is read, missing --weights, --data-root or an unknown --model."""
    from ._tasks import USER_DATASETS, _data_root
    from ._weights import check_weights

    transfer = any(track == "transfer" for _, track in config.tasks)
    try:
        if transfer:
            check_weights(config.weights)
        for dataset in sorted({dataset for dataset, _ in config.tasks if dataset in USER_DATASETS}):
            _data_root(dataset, config)
    except (ValueError, FileNotFoundError) as exc:
        parser.error(str(exc))
    if transfer and args.model and importlib.util.find_spec("torchvision") is not None:
        import torchvision

        if args.model not in torchvision.models.list_models():
            parser.error(f"--model {args.model}: not a torchvision model name (torchvision.models.list_models())")


def _log_warning(message, category, filename, lineno, file=None, line=None):
    """A warning raised during the run as one log line, not Python's two lines with the source that raised it."""
    logging.getLogger("sknucs.benchmark").warning("%s: %s", category.__name__, message)


def main(argv=None, **parser_options):
    """Run the benchmark from command-line arguments (``argv``; None reads ``sys.argv``).

    ``parser_options`` go to :func:`build_parser`. Returns the exit code: 0, 2 when data the run
    reads is missing (one line on stderr), 130 when interrupted (Ctrl-C; finished cells stay cached).
    """
    parser = build_parser(**parser_options)
    args = parser.parse_args(argv)
    _check_dependencies(parser)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = PRESETS[args.mode]()
    overrides = {k: tuple(v) for k, v in (("seeds", args.seeds), ("methods", args.methods), ("rates", args.rates))
                 if v}
    if args.tasks:
        overrides["tasks"] = tuple(tuple(task.split("/", 1)) for task in args.tasks)
    overrides.update({k: v for k, v in (("data_root", args.data_root), ("weights", args.weights)) if v})
    if args.model:
        overrides["transfer"] = dataclasses.replace(config.transfer, model=args.model)
    config = dataclasses.replace(config, **overrides)
    out = args.out or Path(DEFAULT_OUT[args.mode])
    _check_arguments(parser, args, config, out)
    import torch

    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():  # a selector's warning (an empty class, ...) among the progress lines
            warnings.showwarning = _log_warning
            rows = run_benchmark(config, cache_dir=args.cache, out_dir=out, device=args.device)
    except FileNotFoundError as exc:  # data the run reads: Fashion-MNIST, CIFAR batches, an image folder's layout
        sys.stderr.write(f"{parser.prog}: error: {' '.join(str(exc).split())}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{parser.prog}: interrupted; the finished cells are cached in {args.cache}: "
                         "the same command resumes from there\n")
        return 130
    sys.stdout.write(markdown_tables(rows, "accuracy") + "\n")
    sys.stdout.write(f"{len(rows)} cells in {time.perf_counter() - start:.0f} s. "
                     f"Results: {out / 'results.md'}, {out / 'results.csv'}; plot: {out / 'accuracy.png'}\n")
    return 0
