"""Can the ridge proxy tell when one window per class trains better than coverage? A diagnostic, no round.

Usage::

    python benchmarks/proxy_picks_sampling.py [--cache benchmarks/cache]
        [--out docs/results/proxy_picks_sampling.md] [--parts dev frozen ... lt10_frozen]

``benchmarks/window_on_frozen.py`` found that today's default with one
window per class (``nucs_window``, ``sampling="window"``) met 20 of the
frozen backbone's 27 cells against coverage's 15, and 20 of the
development split's 24 against 23: which scheme trains better depends on
the downstream model, which the selector does not see. If the ridge
search's own score (``window_search_.best_score_``, the proxy it maximises
over cut-offs) were higher for the scheme that trains better, the default
could run both and keep the better, as it keeps the better cut-off.

For every part of ``window_on_frozen.py`` (the development split and the
frozen backbone's kinds), task, rate and seed, both selectors are fitted on
the cached scores and features and their best proxy scores compared; the
test accuracies are the cached cells of ``nucs`` and ``nucs_window`` (run
by ``window_on_frozen.py``, computed here when missing). A (task, rate)
cell agrees when the mean proxy difference over seeds (window minus
coverage) has the sign of the mean accuracy difference.
"""

import numpy as np

from sknucs import NUCSSelector
from sknucs.benchmark import run_benchmark
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _output import publish
from _study_parts import parse_study_args
from window_on_frozen import parts

SCHEMES = {"nucs": "coverage", "nucs_window": "window"}
"""The benchmark's method of each sampling scheme (both today's default otherwise)."""


def best_proxy_scores(context, y, rate, seed):
    """method -> the ridge search's best score (accuracy of the proxy, in points) of the selector fitted."""
    return {method: 100 * NUCSSelector(rate, sampling=sampling, random_state=seed).fit(
        context.scores, y, features=context.features).window_search_.best_score_
        for method, sampling in SCHEMES.items()}


def part_rows(config, cache):
    """(task key, rate, mean proxy difference, mean accuracy difference) of one part, window minus coverage."""
    accuracy = {(row["dataset"], row["track"], row["rate"], row["method"], row["seed"]): 100 * row["accuracy"]
                for row in run_benchmark(config, cache_dir=cache)}
    rows = []
    for dataset, track in config.tasks:
        for task in build_tasks(dataset, track, config):
            context = task_context(task, config, ArrayCache(f"{cache}/arrays"))
            for rate in config.rates:
                proxy, trained = [], []
                for seed in config.seeds:
                    scores = best_proxy_scores(context, task.y_pool, rate, seed)
                    proxy.append(scores["nucs_window"] - scores["nucs"])
                    trained.append(accuracy[(task.dataset, track, rate, "nucs_window", seed)]
                                   - accuracy[(task.dataset, track, rate, "nucs", seed)])
                rows.append((task.key, rate, float(np.mean(proxy)), float(np.mean(trained))))
    return rows


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/proxy_picks_sampling.md", known)
    lines = ["# Does the ridge proxy know when one window trains better than coverage?", "",
             "Made by `python benchmarks/proxy_picks_sampling.py`. Per cell, the mean over seeds of the ridge "
             "search's best proxy score with one window per class minus with coverage (today's default), and the "
             "same difference of the test accuracy the two trained to (`nucs_window` minus `nucs`), in points; "
             "agree where the signs match.", "",
             "| part | task | rate | proxy, window - coverage | trained, window - coverage | agree |",
             "|---|---|---|---|---|---|"]
    agree = {}
    for name in args.parts:
        for key, rate, proxy, trained in part_rows(known[name][1], args.cache):
            same = bool(np.sign(proxy) == np.sign(trained))
            agree.setdefault(name == "dev", []).append(same)
            lines.append(f"| {name} | {key} | {rate:.0%} | {proxy:+.2f} | {trained:+.2f} | {'yes' if same else 'no'} |")
    lines.append("")
    for dev, values in sorted(agree.items(), reverse=True):
        lines.append(f"- {'The development split' if dev else 'The frozen backbone'}: the signs agree in "
                     f"{sum(values)} of {len(values)} cells.")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
