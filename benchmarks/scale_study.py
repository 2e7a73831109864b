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

from _output import publish
from _study_parts import part_sections, parse_study_args, study_parts
from analyze_results import BASELINES

NAMES = ("nucs", "nucs_global_scale", "nucs_auto_scale")
"""Today's default and round four's candidates: every part runs them."""
DEV_NAMES = NAMES + ("nucs_noise_cap", "nucs_auto_noise_cap")
"""The development split also runs round five's candidates."""
NEW_KINDS = ("noise40", "noisy_finetune", "lt10", "digits", "noise10", "small_pool", "step20", "digits_finetune")


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + DEV_NAMES, BASELINES + NAMES, NEW_KINDS)


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/scale_study.md", known)
    lines = ["# Rounds four and five: the whole set's scale on balanced classes, a cut-off at the noise rate", "",
             "Made by `python benchmarks/scale_study.py`. `nucs` is the default of round three, "
             "`nucs_global_scale` the same with `window_scale=\"global\"`, `nucs_auto_scale` with "
             "`window_scale=\"auto\"` (global when the largest class has at most twice the rows of the smallest), "
             "`nucs_noise_cap` the default with its cut-off also at most `1 - noise_rate_` when the noise filter "
             "left suspects out, `nucs_auto_noise_cap` both (round five: development split only). "
             "Margins over the best baseline (" + ", ".join(BASELINES) + ") in points of test accuracy, mean over "
             "seeds; ✓ where at least minus the larger of that baseline's std and 0.5. The choice is made on "
             "`dev` (the most cells met, then the best worst margin); the other parts took no part in it."]
    lines += part_sections(known, args)
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
