"""Why the default misses on the fine-tune track: its parts taken one at a time (one seed).

Usage::

    python benchmarks/finetune_probe.py [--cache benchmarks/cache] [--out docs/results/finetune_probe.md]

Balanced Fashion-MNIST fine-tuned (both directions), seed 2, 50/70/90% pruning:
coverage sampling on each class's scale or on the global one, with the cut-off
k chosen by the ridge search or fixed at 0.9 (the rejected default candidate,
``nucs_gcov09``, is global, 0.9).
Each column is the margin over the best baseline of that seed, in points. One
seed only: a probe, written after the report showed the miss, not a result
that chose anything.
"""

import dataclasses

from sknucs.benchmark import full_config, run_benchmark
from sknucs.benchmark._methods import Method, _nucs

from _ablation import parse_args
from _output import publish
from analyze_results import BASELINES

PROBES = {
    "cov": ("class scale, ridge k", {"sampling": "coverage"}),
    "cov_k09": ("class scale, k = 0.9", {"sampling": "coverage", "window": 0.9}),
    "gcov": ("global scale, ridge k", {"sampling": "coverage", "window_scale": "global"}),
}
SEED = 2


def main():
    args = parse_args(__doc__, "docs/results/finetune_probe.md")
    extra = {name: Method(name, _nucs("difficulty", **params)) for name, (_, params) in PROBES.items()}
    columns = ("nucs_paper", *PROBES, "nucs_gcov09")
    config = dataclasses.replace(full_config(), tasks=(("fmnist", "finetune"),), seeds=(SEED,),
                                 rates=(0.5, 0.7, 0.9), methods=BASELINES + columns)
    rows = run_benchmark(config, cache_dir=args.cache, methods=extra)
    accuracy = {(r["dataset"], r["method"], r["rate"]): r["accuracy"] for r in rows}
    names = {"nucs_paper": "nucs_paper", **{k: f"{k} ({text})" for k, (text, _) in PROBES.items()},
             "nucs_gcov09": "nucs_gcov09 (the candidate: global scale, k = 0.9)"}
    lines = ["# The default on the fine-tune track, taken apart", "",
             f"Made by `python benchmarks/finetune_probe.py`: seed {SEED}, margin over the best baseline "
             "of that seed in points of test accuracy.", "",
             "| task | rate | best baseline | " + " | ".join(names[c] for c in columns) + " |",
             "|---|---|---|" + "---|" * len(columns)]
    for dataset in dict.fromkeys(r["dataset"] for r in rows):
        for rate in config.rates:
            best = max(BASELINES, key=lambda m: accuracy[(dataset, m, rate)])
            top = accuracy[(dataset, best, rate)]
            lines.append(f"| {dataset} | {rate:.0%} | {best} {top:.4f} | " + " | ".join(
                f"{100 * (accuracy[(dataset, c, rate)] - top):+.2f}" for c in columns) + " |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
