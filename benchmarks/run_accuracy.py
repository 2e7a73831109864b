"""Accuracy benchmark; same as ``python -m sknucs.benchmark`` (see docs/benchmark.md).

Usage: python benchmarks/run_accuracy.py --mode quick|full|smoke [--out DIR] [--cache DIR]
"""

import sys

from sknucs.benchmark._cli import main

if __name__ == "__main__":
    sys.exit(main())
