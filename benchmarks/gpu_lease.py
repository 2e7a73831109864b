"""A part of ``--mode pretrained_gpu`` sized for one short GPU lease: full fine-tuning at 224 x 224.

Usage (on the GPU machine, from the repository root)::

    SKNUCS_DATA=.lease PYTHONPATH=. python3 benchmarks/gpu_lease.py --weights .lease/lite0.pth \\
        --out "$OUT" [--steps 300] [--device cuda]

The preset (docs/pretrained.md) is 240 cells of 1,000 steps of 128
images: hours. A lease here is 15 minutes of device time, start-up
included, and one command at most 10. This script runs the issue's subset
of the full fine-tuning track on one data set and one seed: balanced
Fashion-MNIST, random, class-balanced random, CCS, BWS, the paper's NUCS
and the default at 50 and 90% pruning, plus the full pool (13 cells), with
``--steps`` steps per cell instead of 1,000 (the recipe is otherwise the
preset's). The weights are a local file (the ``efficientnet-lite0``
state dict, in either key layout), so nothing needs installing there:
timm, torch and scikit-learn are on the machine; Fashion-MNIST's four
files and the weights travel in an ignored folder (``.lease``, named in
the call's ``carry``). The tables land in ``--out``, the cells in
``--cache``: run it again with more seeds or steps and the finished cells
are reused.

``--pool-size``, ``--test-size`` and ``--image-size`` shrink it for a dry
run on a CPU before a lease (``--device cpu --steps 2 --pool-size 400
--test-size 200 --image-size 32``).
"""

import argparse
import dataclasses
import logging

from sknucs.benchmark import pretrained_gpu_config, run_benchmark

METHODS = ("random", "balanced_random", "ccs", "bws", "nucs_paper", "nucs")
"""The issue's subset of the full fine-tuning track."""


def lease_config(weights, steps=300, seeds=(0,), rates=(0.5, 0.9), tasks=(("fmnist", "backbone_finetune"),),
                 pool_size=None, test_size=None, image_size=None):
    """``pretrained_gpu_config()`` cut to one lease: ``tasks``, :data:`METHODS`, ``rates``, ``seeds``, ``steps``.

    ``pool_size``, ``test_size`` and ``image_size`` (None: the preset's 25,000, every test image, 224)
    shrink it for a dry run.
    """
    config = pretrained_gpu_config()
    recipe = config.backbone
    changes = {"weights": str(weights), "finetune": dataclasses.replace(recipe.finetune, steps=steps)}
    if pool_size is not None:
        changes["finetune_pool_size"] = pool_size
    if test_size is not None:
        changes["finetune_test_size"] = test_size
    if image_size is not None:
        changes["finetune_size"] = image_size
    return dataclasses.replace(config, mode="pretrained_gpu_lease", tasks=tuple(tasks), methods=METHODS,
                               rates=tuple(rates), seeds=tuple(seeds),
                               backbone=dataclasses.replace(recipe, **changes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", required=True, help="the EfficientNet-Lite0 state dict, a local file")
    parser.add_argument("--out", required=True, help="folder of the tables")
    parser.add_argument("--cache", default="/tmp/sknucs-cache", help="folder of the finished cells")
    parser.add_argument("--steps", type=int, default=300, help="fine-tuning steps of 128 images per cell")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--pool-size", type=int, default=None)
    parser.add_argument("--test-size", type=int, default=None)
    parser.add_argument("--image-size", type=int, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = lease_config(args.weights, args.steps, args.seeds, pool_size=args.pool_size,
                          test_size=args.test_size, image_size=args.image_size)
    run_benchmark(config, cache_dir=args.cache, out_dir=args.out, device=args.device)


if __name__ == "__main__":
    main()
