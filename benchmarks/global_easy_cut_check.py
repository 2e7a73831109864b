"""The guide's setting for linear probing with the easy cut: a check, no round.

Usage::

    python benchmarks/global_easy_cut_check.py [--cache benchmarks/cache]
        [--out docs/results/global_easy_cut_check.md] [--parts frozen noise20_frozen ... digits_frozen]

The guide names two settings for a head trained on a frozen backbone:
today's default, and coverage on the whole training set's scale with
round sixteen's draw from each class's easiest row on
(``nucs_coverage_global``: ``window_scale="global", easy_cut=0``), found
before round seventeen's easy cut. The whole set's scale with the easy
cut (``nucs_global_cut``: ``window_scale="global"``, ``easy_cut="auto"``,
which cuts below the whole set's 30% quantile when the features are
believed, whether the score runs agree or not: ``easy_cut_agreement=None``,
round seventeen's default, before round twenty) was never measured. This runs the three on the sixteen frozen
parts of ``linear_probe_check.py`` (the clean and long-tailed track and
fifteen kinds, 51 cells at 50, 70 and 90%); today's default is
``nucs_round17`` (the same selector, its cells from
``easy_cut_ramp_study.py``).

Rule, written before any ``nucs_global_cut`` cell ran: the guide's
whole-scale setting becomes ``nucs_global_cut`` if it meets more of the 51
cells than ``nucs_coverage_global``, or as many with a worst margin at
least as high; otherwise it stays. Today's default stays the guide's
first setting either way. All of these parts have been seen by earlier
studies: this is a choice between two settings of the guide, not a
default.

Outcome: ``nucs_global_cut`` met 43 of the 51 cells, ``nucs_coverage_global``
40 (as many as today's default): it became the guide's whole-scale setting.
On the 36 cells of large pools 30 (worst -1.36) against 28 (-1.97) and
the default's 26 (-1.36); on the five kinds of ``linear_probe_check.py``
13 (worst -3.06, the pool of 2,250 images at 90%) against 12 (-2.49) and the default's
14 (-3.11).
"""

import functools

from sknucs.benchmark._methods import Method, _nucs_today

from _output import publish
from _study_parts import MARGIN_LEGEND, group_rows, part_sections, parse_study_args, study_parts
from analyze_results import BASELINES
from linear_probe_check import NEW_KINDS, SEEN_KINDS

NAMES = ("nucs_round17", "nucs_coverage_global", "nucs_global_cut")
"""Today's default, the guide's whole-scale setting, and that setting with today's easy cut."""
GLOBAL_CUT = {"nucs_global_cut": Method("nucs_global_cut", functools.partial(_nucs_today, window_scale="global", easy_cut_agreement=None),
                                        description="today's default on the whole training set's scale")}


def parts():
    """name -> (what it is, BenchmarkConfig): the sixteen frozen parts at 50, 70 and 90%."""
    known = study_parts(BASELINES + NAMES, BASELINES + NAMES, SEEN_KINDS + NEW_KINDS)
    return {name: part for name, part in known.items() if name not in ("dev", "report")}


def main():
    known = parts()
    args = parse_study_args(__doc__, "docs/results/global_easy_cut_check.md", known)
    lines = ["# Linear probing: the whole set's scale with the easy cut", "",
             "Made by `python benchmarks/global_easy_cut_check.py`: `nucs_round17` is today's default, "
             "`nucs_coverage_global` coverage on the whole training set's scale drawing from the easiest row on "
             "(`window_scale=\"global\", easy_cut=0`), `nucs_global_cut` the same scale with today's easy cut. "
             + MARGIN_LEGEND]
    collected = {}
    lines += part_sections(known, args, collected, methods=GLOBAL_CUT)
    groups = {"every frozen part": tuple(known),
              "large pools: the track and the ten kinds of window_on_frozen.py": ("frozen",) + SEEN_KINDS,
              "five kinds of linear_probe_check.py": NEW_KINDS}
    lines += ["", "## Summary", "", *group_rows(collected, groups, NAMES)]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
