"""Seed a benchmark cache with the cells of committed ``results.csv`` files.

Usage::

    python benchmarks/restore_cells.py docs/results/report/scratch/results.csv ... [--cache benchmarks/cache]

The cache (``benchmarks/cache``) is not committed; the results are. A fresh
clone that wants to extend a committed run (a new method on the same tasks
and seeds) restores the cells first, so that the rerun trains only the new
cells. A row is added only when its key (data set, track, method, rate,
seed, fingerprint) is not in the cache yet; the fingerprint guards against
a recipe that changed since: a stale row is never matched by today's plan,
and is simply not used.

The key does not say which scores a cell saw: restored cells were computed
from the scores of the machine that wrote the file, and the cells computed
here from scores computed here again, which differ (docs/benchmark.md,
"Cells that saw other scores"). A run warns when it meets both; for a table
whose cells must compare like with like, start from a cache holding the
arrays only.
"""

import argparse
import logging

from sknucs.benchmark._report import read_csv
from sknucs.benchmark._store import CellStore, cell_key

logger = logging.getLogger("restore_cells")


def restore(paths, cache_dir):
    """Add the rows of ``paths`` missing from ``cache_dir/cells.jsonl``; the number added."""
    store = CellStore(f"{cache_dir}/cells.jsonl")
    added = 0
    for path in paths:
        for row in read_csv(path):
            if cell_key(row) not in store:
                store.add(row)
                added += 1
    return added


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="+", help="results.csv files written by the benchmark")
    parser.add_argument("--cache", default="benchmarks/cache", help="cache directory (default: %(default)s)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logger.info("%d cells added to %s", restore(args.csv, args.cache), args.cache)


if __name__ == "__main__":
    main()
