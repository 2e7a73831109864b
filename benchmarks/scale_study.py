"""Rounds four and five: the whole training set's scale on balanced classes, and a cut-off at the noise rate.

Usage::

    python benchmarks/scale_study.py [--cache benchmarks/cache] [--out docs/results/scale_study.md]
        [--parts dev report noise40 noisy_finetune lt10 digits noise10 small_pool step20 digits_finetune frozen]

Where today's default misses, the classes are balanced: from scratch at 90%
pruning, fine-tuned at 50 and 90%, the frozen ImageNet backbone at 70 and
90%. There the best baselines (CCS, BWS) rank the samples on the whole data
set's difficulty, and on the frozen backbone and from scratch the NUCS
variants on that scale (``nucs_global``, ``nucs_gcov``) were the ones that
met those cells; on long-tailed data they lost, because a tail class is hard
for lack of rows, and a cut-off on the data set's scale takes its hardest
rows, which are the class's boundary, not its noise. The candidates:

- ``nucs_global_scale``: the default with ``window_scale="global"``;
- ``nucs_auto_scale``: the default with ``window_scale="auto"``: the global
  scale when the largest class has at most twice the rows of the smallest,
  each class's own scale otherwise.

Round five, seen on a held-out kind (10% wrong labels, ``new_kinds.py``):
there the noise filter catches two thirds of the wrong labels, the ridge
search then keeps the hardest rows (``k = 1``), and the third it missed,
which sit at the top of each class's scores, make up 6 to 10% of the
coreset (3% without the filter). Confident learning prunes the estimated
number of wrong labels by rank; the candidates:

- ``nucs_noise_cap``: the default with its cut-off also at most
  ``1 - noise_rate_`` when the filter left suspects out;
- ``nucs_auto_noise_cap``: the same with ``window_scale="auto"``.

All are judged on the development split (``dev``, seeds 0 and 1; the most
cells met, then the best worst margin); the candidates of round four then on
the parts that took no part in the choice: the report's seeds 2-4, the data
kinds of ``new_kinds.py`` and the frozen ImageNet-backbone track. Each part's table is the margin over
the best baseline in points of test accuracy (mean over seeds), ✓ where at
least minus the larger of that baseline's std and 0.5 point.
"""

import dataclasses

from sknucs.benchmark import full_config, pretrained_config, run_benchmark

from _ablation import parse_args
from _output import publish
from analyze_results import BASELINES
from choose_default import RATES, dev_config, margins
from new_kinds import kinds
from noise_filter_study import part_lines

NAMES = ("nucs", "nucs_global_scale", "nucs_auto_scale")
"""Today's default and round four's candidates: every part runs them."""
DEV_NAMES = NAMES + ("nucs_noise_cap", "nucs_auto_noise_cap")
"""The development split also runs round five's candidates."""
NEW_KINDS = ("noise40", "noisy_finetune", "lt10", "digits", "noise10", "small_pool", "step20", "digits_finetune")


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    methods = BASELINES + NAMES
    new = kinds()
    return {
        "dev": ("the development split, seeds 0 and 1",
                dataclasses.replace(dev_config(), methods=BASELINES + DEV_NAMES)),
        "report": ("the report's tasks, seeds 2, 3, 4",
                   dataclasses.replace(full_config(), rates=RATES, methods=methods)),
        **{name: (new[name][0], dataclasses.replace(new[name][1], methods=methods)) for name in NEW_KINDS},
        "frozen": ("the frozen ImageNet backbone (EfficientNet-Lite0), seeds 0, 1, 2",
                   dataclasses.replace(pretrained_config(), rates=RATES, methods=methods)),
    }


def main():
    known = parts()
    args = parse_args(__doc__, "docs/results/scale_study.md", lambda parser: parser.add_argument(
        "--parts", nargs="+", choices=list(known), default=list(known)))
    lines = ["# Rounds four and five: the whole set's scale on balanced classes, a cut-off at the noise rate", "",
             "Made by `python benchmarks/scale_study.py`. `nucs` is the default of round three, "
             "`nucs_global_scale` the same with `window_scale=\"global\"`, `nucs_auto_scale` with "
             "`window_scale=\"auto\"` (global when the largest class has at most twice the rows of the smallest), "
             "`nucs_noise_cap` the default with its cut-off also at most `1 - noise_rate_` when the noise filter "
             "left suspects out, `nucs_auto_noise_cap` both (round five: development split only). "
             "Margins over the best baseline (" + ", ".join(BASELINES) + ") in points of test accuracy, mean over "
             "seeds; ✓ where at least minus the larger of that baseline's std and 0.5. The choice is made on "
             "`dev` (the most cells met, then the best worst margin); the other parts took no part in it."]
    for name in args.parts:
        names = DEV_NAMES if name == "dev" else NAMES
        cells = margins(run_benchmark(known[name][1], cache_dir=args.cache), names)
        lines += ["", f"## {name}: {known[name][0]}", "", *part_lines(cells, names)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
