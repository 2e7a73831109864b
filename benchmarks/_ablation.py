"""What the ablation scripts share: their command line and their page."""

import argparse
import logging
from pathlib import Path

import torch

from _output import accuracy_table, publish


def parse_args(doc, default_out=None, add_arguments=None):
    """``--cache``, ``--out`` and ``--threads``; sets up logging and torch's threads.

    ``default_out`` None: the page is printed and written only where ``--out``
    says. ``add_arguments(parser)`` adds a script's own options.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--cache", default="benchmarks/cache")
    parser.add_argument("--out", type=Path, default=None if default_out is None else Path(default_out))
    parser.add_argument("--threads", type=int, default=1)
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(args.threads)
    return args


def publish_page(title, script, rows, config, tasks, methods, out):
    """A page of one method-by-rate accuracy table, printed and written to ``out``."""
    page = "\n".join([f"# {title}", "",
                      f"Made by `python benchmarks/{script}`: test accuracy, mean ± std over seeds "
                      + ", ".join(map(str, config.seeds)) + ".", "",
                      *accuracy_table(rows, tasks, methods, config.rates), ""])
    publish(page, out)
