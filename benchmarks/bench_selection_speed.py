"""Speed and memory of NUCSSelector.fit beside its floor and a naive loop.

For each (N, C): the median time of ``np.lexsort((scores, y))`` (the sort is
the floor of the problem), of ``NUCSSelector.fit``, and of a straightforward
loop-over-classes implementation (a boolean mask per class, as the public
reference codes do), measured side by side in one run; and the peak extra
memory of ``fit`` per sample, from tracemalloc (numpy reports its buffers
to it). A second table times ``fit`` and the sort on three kinds of
scores at C = 1000: float64, float32 (what torch gives; many ties at large
N) and integer-valued (forgetting counts: nearly every score tied).

Usage::

    python benchmarks/bench_selection_speed.py            # full table
    python benchmarks/bench_selection_speed.py --quick    # N up to 1e6
"""

import argparse
import logging
import tracemalloc
from pathlib import Path

import numpy as np
from scipy.stats.mstats import winsorize

from sknucs import NUCSSelector, allocate_budgets, n_keep_for

from _output import publish
from _timing import median_time

LOGGER = logging.getLogger("bench_selection_speed")
RESULTS = Path(__file__).parent / "results" / "selection_speed.md"
# The loop baseline costs O(N * C); beyond this it is not run.
LOOP_LIMIT = 2e10


def make_data(n_samples, n_classes, seed=0):
    """Labels with uneven class sizes and EL2N-like scores of uneven difficulty."""
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0.5, 1.5, n_classes)
    y = rng.choice(n_classes, size=n_samples, p=weights / weights.sum())
    y[:n_classes] = np.arange(n_classes)  # every class present
    scale = rng.uniform(0.05, 1.0, n_classes)
    scores = rng.random(n_samples) * scale[y]
    return scores, y


def score_kinds(scores, seed=0):
    """The same scores as float64, as float32, and integer counts 0..19."""
    rng = np.random.default_rng(seed)
    return {
        "float64": scores,
        "float32": scores.astype(np.float32),
        "integer": rng.integers(0, 20, scores.size).astype(np.float64),
    }


def loop_over_classes(scores, y, rate, window, limits=(0.05, 0.05)):
    """The straightforward implementation: one boolean mask per class."""
    classes = np.unique(y)
    rows, difficulty = [], []
    for label in classes:
        idx = np.where(y == label)[0]
        rows.append(idx[np.argsort(scores[idx], kind="stable")])
        difficulty.append(winsorize(scores[idx], limits=limits).mean())
    counts = np.array([r.size for r in rows])
    budgets = allocate_budgets(counts, np.array(difficulty), n_keep_for(y.size, rate),
                               min_per_class=1)
    support = np.zeros(y.size, dtype=bool)
    for idx, budget in zip(rows, budgets):
        end = int(np.floor(window * idx.size + 0.5))
        start = max(end - budget, 0)
        support[idx[start:start + budget]] = True
    return support


def peak_bytes(function):
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - base


def run(sizes, classes, repeats):
    rows = []
    for n_samples in sizes:
        for n_classes in classes:
            scores, y = make_data(n_samples, n_classes)
            selector = NUCSSelector(rate=0.7, window=0.9, random_state=0)
            reps = repeats if n_samples < 10**7 else max(1, repeats // 2)
            t_sort, _ = median_time(lambda: np.lexsort((scores, y)), reps)
            t_fit, _ = median_time(lambda: selector.fit(scores, y), reps)
            if n_samples * n_classes <= LOOP_LIMIT:
                t_loop, _ = median_time(lambda: loop_over_classes(scores, y, 0.7, 0.9), 1)
                assert np.array_equal(loop_over_classes(scores, y, 0.7, 0.9),
                                      selector.fit(scores, y).support_)
            else:
                t_loop = float("nan")
            memory = peak_bytes(lambda: selector.fit(scores, y)) / n_samples
            rows.append((n_samples, n_classes, t_sort, t_fit, t_loop, memory))
            LOGGER.info("N=%d C=%d lexsort %.3fs fit %.3fs (%.2fx) loop %.3fs, %.1f B/sample",
                        n_samples, n_classes, t_sort, t_fit, t_fit / t_sort, t_loop, memory)
    return rows


def run_kinds(sizes, n_classes, repeats):
    """Median lexsort and fit time for each kind of scores, side by side."""
    rows = []
    for n_samples in sizes:
        base, y = make_data(n_samples, n_classes)
        for kind, scores in score_kinds(base).items():
            selector = NUCSSelector(rate=0.7, window=0.9, random_state=0)
            t_sort, _ = median_time(lambda: np.lexsort((scores, y)), repeats)
            t_fit, _ = median_time(lambda: selector.fit(scores, y), repeats)
            tied = 1 - np.unique(scores).size / n_samples
            rows.append((n_samples, kind, tied, t_sort, t_fit))
            LOGGER.info("N=%d %s (%.1f%% tied) lexsort %.3fs fit %.3fs (%.2fx)",
                        n_samples, kind, 100 * tied, t_sort, t_fit, t_fit / t_sort)
    return rows


def kinds_to_markdown(rows, n_classes, repeats):
    lines = [
        f"Kinds of scores, C = {n_classes}, median of {repeats} runs; 'tied' is "
        "1 - (distinct scores) / N.",
        "",
        "| N | scores | tied | lexsort (s) | fit (s) | fit / lexsort |",
        "|---|---|---|---|---|---|",
    ]
    for n, kind, tied, t_sort, t_fit in rows:
        lines.append(f"| {n:.0e} | {kind} | {tied:.1%} | {t_sort:.3f} | {t_fit:.3f} "
                     f"| {t_fit / t_sort:.2f} |")
    return "\n".join(lines) + "\n"


def to_markdown(rows, repeats):
    lines = [
        f"Median of {repeats} runs (half that at N = 1e7); loop run once, "
        "'-' where O(N C) is out of reach.",
        "",
        "| N | C | lexsort (s) | fit (s) | fit / lexsort | loop (s) | loop / fit | peak extra memory (B/sample) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, c, t_sort, t_fit, t_loop, memory in rows:
        loop = "-" if np.isnan(t_loop) else f"{t_loop:.3f}"
        speedup = "-" if np.isnan(t_loop) else f"{t_loop / t_fit:.1f}x"
        lines.append(f"| {n:.0e} | {c} | {t_sort:.3f} | {t_fit:.3f} | {t_fit / t_sort:.2f} "
                     f"| {loop} | {speedup} | {memory:.1f} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N up to 1e6 only")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sizes = [10**5, 10**6] if args.quick else [10**5, 10**6, 10**7]
    table = to_markdown(run(sizes, [10, 1000, 10000], args.repeats), args.repeats)
    kinds = kinds_to_markdown(run_kinds(sizes[1:], 1000, args.repeats), 1000, args.repeats)
    publish(table + "\n" + kinds, args.out)


if __name__ == "__main__":
    main()
