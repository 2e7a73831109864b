"""Two follow-ups of the noise filter: budgets from every row, and the cut-off capped at heavy pruning.

Usage::

    python benchmarks/filter_followup_study.py [--cache benchmarks/cache] [--out docs/results/filter_followup.md]
        [--parts dev report noise40 noisy_finetune lt10 digits frozen]

The default leaves out the rows whose labels the features contradict
(``noise_filter_study.py``). Two things it did were seen afterwards:

- its budgets (steps 1-2) came from the trusted rows only, so a class whose
  hardest rows were suspects looked easier and smaller and lost budget
  (fully fine-tuning the pretrained backbone, the shirt class kept 70 rows
  at 50% pruning instead of 95). ``nucs_whole_budgets`` computes the budgets
  from every row, the classes' whole difficulty and size, and leaves the
  suspects out only when drawing inside each class;
- the ridge search kept the hardest samples (``k = 1``) more often at 90%
  pruning, and from scratch ``k = 1`` at 90% was the worst cut-off in every
  task of the cut-off study (docs/results/cutoff_study.md).
  ``nucs_capped`` stops the search's grid at ``default_window(rate) + 0.1``:
  the default's own grid up to 70% pruning (the same coreset), ``k <= 0.9``
  at 90%.

They are judged first on the development split (``dev``, seeds 0 and 1),
then on the parts that took no part in the choice: the report's seeds 2-4
and the data kinds of ``new_kinds.py`` and the frozen ImageNet-backbone track
(``pretrained_config`` at 50/70/90%). Each part's table is the margin
over the best baseline in points of test accuracy (mean over seeds), ✓
where at least minus the larger of that baseline's std and 0.5 point.
"""

from _output import publish
from _study_parts import part_sections, parse_study_args, study_parts
from analyze_results import BASELINES

NAMES = ("nucs_unfiltered", "nucs_filter_v1", "nucs_whole_budgets", "nucs_capped", "nucs_whole_capped")
"""The candidates on the development split."""
HELD_OUT_NAMES = ("nucs_unfiltered", "nucs_filter_v1", "nucs_whole_capped")
"""On the held-out parts: the two defaults before and the one the development split chose."""


def parts():
    """name -> (what it is, BenchmarkConfig) of every part this script runs."""
    return study_parts(BASELINES + NAMES, BASELINES + HELD_OUT_NAMES, ("noise40", "noisy_finetune", "lt10", "digits"))


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/filter_followup.md", known)
    lines = ["# Two follow-ups of the noise filter", "",
             "Made by `python benchmarks/filter_followup_study.py`. `nucs_unfiltered` is the default before the "
             "noise filter, `nucs_filter_v1` the filter as first made the default (budgets from the trusted rows, "
             "cut-off uncapped), `nucs_whole_budgets` the filter with its budgets from every row (the suspects "
             "left out only inside each class), `nucs_capped` the first with its searched cut-off at most "
             "`default_window(rate) + 0.1` (the same grid, and coreset, up to 70%; k <= 0.9 at 90%), "
             "`nucs_whole_capped` both changes: today's default (`NUCSSelector(rate)`, the same coresets). "
             "Margins over the best baseline (" + ", ".join(BASELINES) + ") in points of test accuracy, mean over "
             "seeds; ✓ where at least minus the larger of that baseline's std and 0.5. The choice is made on "
             "`dev` (the most cells met, then the best worst margin); the other parts took no part in it."]
    lines += part_sections(known, args)
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
