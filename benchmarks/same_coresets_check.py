"""Does a change of the library keep every coreset of the README's table? A check, no round.

Usage::

    git worktree add /tmp/before 0d26d14      # the library before the change
    python benchmarks/same_coresets_check.py --baseline /tmp/before [--cache benchmarks/cache]
        [--out docs/results/same_coresets_check.md]

A change meant to keep the selection (less memory, a faster path) can
still move a near-tie by rounding. This fits today's default, with the
benchmark's features, on every task of the README's table
(:func:`_readme_tasks.readme_tasks`) at 50, 70 and 90% pruning, seed 0, in
a fresh process that imports ``sknucs`` from this tree and in one that
imports it from the ``--baseline`` checkout, and counts the coresets that
differ. Its first use: the features' temporaries held a block of rows at
a time (:func:`sknucs._blocks.feature_blocks`) against 0d26d14.
"""

import argparse
import hashlib
import json
import logging
import warnings
from pathlib import Path

from _checkout_run import run_child
from _output import publish

RATES = (0.5, 0.7, 0.9)
SEED = 0


def coreset_digests(cache):
    """``{"part/task": {rate: digest of the kept rows}}`` of today's default on the README's tasks."""
    import numpy as np

    import sknucs
    from sknucs import NUCSSelector

    from _readme_tasks import readme_tasks

    digests = {}
    for part, task, context in readme_tasks(cache):
        kept = {}
        for rate in RATES:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                selector = NUCSSelector(rate, random_state=SEED).fit(context.scores, task.y_pool,
                                                                     features=context.features)
            kept[str(rate)] = hashlib.sha1(np.flatnonzero(selector.support_).tobytes()).hexdigest()
        digests[f"{part} {task.key}"] = kept
        logging.info("%s %s: %s", part, task.key, kept)
    return {"library": str(Path(sknucs.__file__).parent), "digests": digests}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="benchmarks/cache")
    parser.add_argument("--baseline", help="a checkout of the library before the change")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(coreset_digests(args.cache)))
        return
    if args.baseline is None:
        parser.error("--baseline CHECKOUT is required")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    now, before = (run_child(__file__, ["--cache", args.cache], source)["digests"] for source in (None, args.baseline))
    lines = ["# Do the README's coresets stay the same?", "",
             "Made by `python benchmarks/same_coresets_check.py --baseline CHECKOUT`: today's default with the "
             "benchmark's features on every task of the README's table, seed 0, here and in the checkout; "
             "coresets that differ.", "",
             "| part and task | " + " | ".join(f"{rate:.0%}" for rate in RATES) + " |",
             "|---|" + "---|" * len(RATES)]
    differ = 0
    for name, kept in now.items():
        cells = ["same" if before.get(name, {}).get(rate) == digest else "differs" for rate, digest in kept.items()]
        differ += cells.count("differs")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines[4:4] = [f"Coresets that differ: {differ} of {len(RATES) * len(now)} ({len(now)} tasks).", ""]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
