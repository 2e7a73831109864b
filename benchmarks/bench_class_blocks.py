"""Memory of a default fit with many classes: the n x C buffers held a block of rows at a time.

Usage::

    git worktree add /tmp/before f70287d      # the library before the blocks, for --baseline
    python benchmarks/bench_class_blocks.py [--repeats 3] [--baseline /tmp/before] [--out docs/results/class_blocks.md]
        [--series classes|rows] [--shape ROWS CLASSES FEATURES ...]

With features, a default ``NUCSSelector(rate=0.7).fit`` runs ridge fits
whose targets, fitted values and decision values hold one value per row
and class: the noise filter's probe (five cross-fitted fits and their
decisions on every row) and the window search's (one per grid point,
scored on held-out rows). With a thousand classes those ``n x C``
matrices outweigh the features many times. The library now computes
them a block of rows at a time (:func:`sknucs._blocks.row_blocks`, at
most 2**22 values each), and with 10 classes every block is the whole
matrix.

Each line fits the default once per repeat, in a fresh process, on
synthetic float32 features (class means plus noise of unit variance; 20%
of the labels redrawn, so that the probe flags rows) and three score
runs, and reads the peak of the memory numpy allocates during the fit
(``tracemalloc``, the inputs excluded) and its wall time (median over
repeats). With ``--baseline`` the same runs alternate with a checkout of
an earlier commit (its ``sknucs`` imported instead), side by side, and
the table gives their ratios and whether both kept the same rows.

``--series rows`` measures the features' own copies instead, on long
pools of ten classes (``--out docs/results/feature_blocks.md``, the
baseline 0d26d14): the standardised features, the ridge fits' training
rows, their centred copy and their rotation (``Z``), and the float64
squares of the standardisation, each as large as the features, are now
one copy for the standardisation and one for ``Z``, the rest formed a
block of rows at a time (:func:`sknucs._blocks.feature_blocks`, at most
2**25 values each, so that the benchmark's features are one block).
"""

import argparse
import hashlib
import json
import logging
import subprocess
from pathlib import Path

import numpy as np

from _checkout_run import run_child
from _output import publish

SERIES = {
    "classes": ((60_000, 10, 256), (20_000, 1000, 256), (50_000, 1000, 256), (100_000, 1000, 256)),
    "rows": ((60_000, 10, 256), (100_000, 10, 512), (300_000, 10, 512), (150_000, 10, 1280)),
}
"""(rows, classes, features) of each line: the Fashion-MNIST pools' size and ten classes, then a
thousand; and pools of ten classes, the first one block of :func:`sknucs._blocks.feature_blocks`
(its fits hold their rows once), then longer, with EfficientNet-Lite0's 1,280 features last."""

TITLES = {"classes": "Memory of a default fit with many classes", "rows": "Memory of a default fit on long pools"}
SIZE_COLUMNS = {"classes": ("one n x C float64 matrix (MiB)", lambda n, c, d: n * c * 8),
                "rows": ("the features, float32 (MiB)", lambda n, c, d: n * d * 4)}
"""Per series, the array that the table's peak is read against: its column's name and its bytes."""


def synthetic_pool(n_samples, n_classes, n_features, seed=0):
    """Float32 features, labels (20% redrawn at random) and three score runs of one synthetic pool."""
    rng = np.random.default_rng(seed)
    true = rng.integers(n_classes, size=n_samples)
    means = rng.normal(size=(n_classes, n_features)).astype(np.float32)
    features = means[true] + rng.normal(size=(n_samples, n_features)).astype(np.float32)
    labels = np.where(rng.random(n_samples) < 0.2, rng.integers(n_classes, size=n_samples), true)
    scores = rng.random((n_samples, 3)) + (labels != true)[:, None]
    return scores, labels, features


def measure_fit(n_samples, n_classes, n_features):
    """Peak bytes allocated during one default fit, its seconds, and a digest of the rows it kept."""
    import time
    import tracemalloc

    import sknucs
    from sknucs import NUCSSelector

    scores, labels, features = synthetic_pool(n_samples, n_classes, n_features)
    tracemalloc.start()
    start = time.perf_counter()
    kept = NUCSSelector(rate=0.7, random_state=0).fit(scores, labels, features=features).sample_indices_
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    return {"peak": peak, "seconds": seconds, "kept": hashlib.sha1(np.sort(kept).tobytes()).hexdigest(),
            "library": str(Path(sknucs.__file__).parent)}


def line_for(shape, repeats, baseline, size_bytes):
    """One table line: peak and time today (and before, with their ratios, given a baseline checkout)."""
    now, before = [], []
    for _ in range(repeats):
        now.append(run_child(__file__, shape))
        if baseline is not None:
            before.append(run_child(__file__, shape, baseline))
    n_samples, n_classes, n_features = shape
    peak = max(r["peak"] for r in now) / 2**20
    seconds = float(np.median([r["seconds"] for r in now]))
    cells = [f"{n_samples:,}", f"{n_classes:,}", str(n_features), f"{size_bytes(*shape) / 2**20:,.0f}",
             f"{peak:,.0f}", f"{seconds:.1f}"]
    if baseline is not None:
        peak_before = max(r["peak"] for r in before) / 2**20
        seconds_before = float(np.median([r["seconds"] for r in before]))
        same = {r["kept"] for r in now} == {r["kept"] for r in before} and len({r["kept"] for r in now}) == 1
        cells += [f"{peak_before:,.0f}", f"{seconds_before:.1f}", f"{peak_before / peak:.1f}x",
                  f"{seconds_before / seconds:.2f}x", "yes" if same else "no"]
    return "| " + " | ".join(cells) + " |"


def _commit(checkout):
    """The short commit of a checkout, for the table's header."""
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline", default=None, help="a checkout of an earlier commit, run side by side")
    parser.add_argument("--out", default=None)
    parser.add_argument("--series", choices=sorted(SERIES), default="classes")
    parser.add_argument("--shape", nargs=3, type=int, action="append", metavar=("ROWS", "CLASSES", "FEATURES"),
                        help="measure these lines instead of the series' (repeatable)")
    parser.add_argument("--child", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_fit(*args.child)))
        return
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    size_column, size_bytes = SIZE_COLUMNS[args.series]
    head = f"| rows | classes | features | {size_column} | peak (MiB) | fit (s) |"
    rule = "|---|---|---|---|---|---|"
    if args.baseline is not None:
        head += " peak before (MiB) | fit before (s) | peak, before / now | time, before / now | same rows kept |"
        rule += "---|---|---|---|---|"
    series = ("" if args.series == "classes" else f" --series {args.series}") + "".join(
        f" --shape {' '.join(map(str, shape))}" for shape in args.shape or ())
    lines = [f"# {TITLES[args.series]}", "",
             f"Made by `python benchmarks/bench_class_blocks.py{series}"
             + (f" --repeats {args.repeats} --baseline CHECKOUT`" if args.baseline else f" --repeats {args.repeats}`")
             + ": one default `NUCSSelector(rate=0.7).fit` with features per repeat, each in a fresh process; "
             "peak: the most memory numpy allocated during the fit (`tracemalloc`, inputs excluded), the largest "
             f"over the repeats; fit: median seconds over {args.repeats} on this machine"
             + (f", alternating with the checkout ({_commit(args.baseline)})." if args.baseline else "."), "", head,
             rule]
    for shape in args.shape or SERIES[args.series]:
        lines.append(line_for(shape, args.repeats, args.baseline, size_bytes))
        logging.info(lines[-1])
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
