"""NUCSSelector: Non-Uniform Class-Wise Coreset Selection (Zhang et al., 2025)."""

import logging
import time
import warnings
from numbers import Integral, Real

import numpy as np
from scipy.stats import rankdata
from sklearn.base import clone
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from ._base import BaseSampleSelector, name_classes
from ._budgets import allocate_budgets
from ._default_window import default_window, featureless_window
from ._duplicates import repeated_rows
from ._grid import check_window_grid
from ._class_difficulty import winsorized_class_means
from ._label_noise import probe_labels
from ._labels import encode_labels
from ._ridge_window import RidgeWindowPredictor
from ._score_agreement import within_class_agreement
from ._sorting import regroup_by_class, sort_as_one_pool, sort_by_class_and_score
from ._window import WindowPlan

logger = logging.getLogger(__name__)


PAPER_SETTINGS = {"allocation": "difficulty", "exponent": 1.0, "sampling": "window", "window_scale": "class",
                  "window": "auto", "min_share": 0.0, "noise_filter": None, "window_cap": None, "noise_cut": 0.0,
                  "easy_cut": 0.0, "easy_cut_ramp": 0, "easy_cut_agreement": None,
                  "runs_disagree": "keep", "difficulty_on": "scores", "duplicates": "keep"}
"""The parameters that make :class:`NUCSSelector` the paper's practical NUCS:
``NUCSSelector(rate, **PAPER_SETTINGS)`` (budgets ``~ S_j N_j``, one contiguous
window per class, ``k`` by the ridge search when ``fit`` gets features). They
differ from the defaults in ten parameters: the default samples each class's
budget by coverage (``sampling="coverage"``), the paper by a window, and with
features leaves each class's easiest 30% out of that draw
(``easy_cut="auto"``) when several score runs agree on the order inside the
classes (``easy_cut_agreement=0.3``); the
default leaves out the rows whose labels the features contradict
(``noise_filter=0``), the paper keeps every row; the default's search
never cuts above ``featureless_window(rate)`` (``window_cap="auto"``: 1 up to
60% pruning, 0.95 from 70% on) nor,
when the filter left rows out, above ``1 - min(noise_rate_ / 4, 0.05)``
(``noise_cut="auto"``), the paper's searches every endpoint; the
default softens the budgets to ``~ S_j^0.75 N_j`` on balanced classes
(``exponent="auto"``), the paper keeps ``~ S_j N_j``; and where the score
runs disagree the default draws each class's budget, proportional to its
size, evenly over its ranks (``runs_disagree="uniform_ranks"``); where at
least half of some class's rows share the pool's lowest score the default
measures the class difficulty on percentile ranks (``difficulty_on="auto"``),
the paper on the scores; and the default leaves every copy of an image but
the first out of the draw, found on the features (``duplicates="skip"``),
the paper keeps them."""

MAX_REPEATED_SHARE = 0.5
"""``duplicates="skip"`` warns when more than this share of the rows repeat an earlier row's features:
the benchmark's pools with most copies held half of their rows as copies (docs/selector.md, round
twenty-five); beyond it, coarse features are the likelier cause."""

_BALANCED_CLASS_RATIO = 2.0
"""``window_scale="auto"`` takes the whole training set's scale, and
``exponent="auto"`` the balanced exponent, when the largest class has at
most this many times the rows of the smallest; each class's own scale and
the paper's exponent otherwise."""

BALANCED_EXPONENT = 0.75
"""``exponent="auto"`` on balanced classes (the largest at most twice the
smallest): budgets ``~ S_j^0.75 N_j``. With balanced classes a class's
difficulty is its own (T-shirts and shirts look alike), not a lack of rows,
and the paper's budgets, linear in it, starve the easy classes: the class
counts that CCS's water-filling implies on Fashion-MNIST grow about as
``S_j^0.79``. On imbalanced classes, where the hard classes are the rare
ones, the paper's exponent 1 (round twelve, docs/selector.md)."""


def balanced_classes(counts):
    """Whether the largest of the non-empty classes has at most twice the rows of the smallest."""
    counts = counts[counts > 0]
    return bool(counts.max() <= _BALANCED_CLASS_RATIO * counts.min())

MIN_LABEL_AGREEMENT = 0.2
"""The features are used (the noise filter and the ridge search) only when
the noise filter's probe agrees with the labels at least this much beyond
chance (Cohen's kappa, ``label_agreement_``). Features in another row order
than the labels, or unrelated to them, agree by chance alone (kappa within
0.02 of 0 on the benchmark's Fashion-MNIST pools with their rows shuffled);
the benchmark's features agreed 0.59 to 0.97 with clean or 20%-wrong
labels, and 0.37 and 0.27 with 50 and 60% of the labels wrong, where the
probe contradicts most labels and is right to (docs/results/probe_recall.md,
the probe's class read as its largest decision value; since the larger of
two readings counts, :func:`sknucs._label_noise.probe_labels`, no task of
the README's table changed its decision: docs/results/probe_agreement_check.md)."""


def agrees_by_chance(agreement):
    """Whether the probe's ``agreement`` (``label_agreement_``) is too low to believe the features."""
    return agreement is not None and agreement < MIN_LABEL_AGREEMENT


def _lowest_score_holds_half_a_class(scores, codes, class_counts):
    """Whether at least half of some class's rows share the pool's lowest score (``difficulty_on="auto"``)."""
    at_lowest = np.bincount(codes[scores == scores.min()], minlength=class_counts.size)
    return bool(np.any(2 * at_lowest >= np.maximum(class_counts, 1)))


def format_agreement(agreement):
    """``agreement`` with two decimals, never ``-0.00``."""
    return f"{round(agreement, 2) + 0.0:.2f}"


AUTO_NOISE_CUT = 0.25
"""``noise_cut="auto"`` lowers the cut-off by this fraction of the estimated
noise rate (round six), up to :data:`NOISE_CUT_LIMIT`."""

NOISE_CUT_LIMIT = 0.05
"""The deepest ``noise_cut="auto"`` cuts: its value at 20% suspects, the
heaviest noise of the development split it was chosen on. With 40 to 60%
of the labels wrong, cutting ``noise_rate_ / 4`` (0.11 to 0.16) lost to
cutting 0.05 (round ten, docs/selector.md): the probe misses fewer wrong
labels there (2 to 4% of the rows, docs/results/probe_recall.md)."""


AUTO_EASY_CUT = 0.3
"""``easy_cut="auto"`` leaves each class's easiest 30% out of the coverage
draw when the noise filter ran on features it believes (round seventeen,
docs/selector.md) and, since round twenty, the score runs agree at least
``easy_cut_agreement`` on the order inside the classes; 0 without them,
where the wrong labels the filter would have removed sit among the hard
rows that the cut leaves."""


class UninformativeFeaturesWarning(UserWarning):
    """The features given to :meth:`NUCSSelector.fit` do not predict the labels.

    The noise filter's probe agreed with the labels less than
    :data:`MIN_LABEL_AGREEMENT` beyond chance: features in another row
    order than the scores and labels, or features of an untrained network,
    do that. The fit then uses neither the filter nor the ridge search: it
    selects as without features.
    """


class NUCSSelector(BaseSampleSelector):
    """Non-Uniform Class-Wise Coreset Selection.

    Keeps ``n = N - round(rate * N)`` samples (rounded half up,
    :func:`sknucs.n_keep_for`): each class gets a share of the
    budget that grows with its difficulty (the paper's non-uniform budgets),
    and inside each class ``b_j`` samples are taken from its difficulty
    order.

    0. When ``fit`` receives features, the rows whose label a cross-fitted
       ridge probe on them contradicts are suspects (``noise_filter``): steps
       1 and 2 still count them, step 3 draws each class's budget from its
       other rows. Under label noise this met the most cells of the
       benchmark; on clean data it was level with selecting among every row
       (docs/selector.md).
    1. Class difficulty ``S_j``: the winsorized mean of class ``j``'s scores.
    2. Budgets ``b_j = (1 - alpha) S_j^gamma N_j / T`` with
       ``T = sum_i S_i^gamma N_i / N`` (``allocation="difficulty"``),
       capped at ``N_j`` with the excess re-spread (water-filling), rounded
       by largest remainder so that they sum to ``n`` exactly. The paper's
       ``gamma`` is 1; the default's (``exponent="auto"``) is 1 on
       imbalanced classes and 0.75 on balanced ones, where the paper's
       budgets starve the easy classes.
    3. Inside class ``j``, sorted easy to hard, the samples above rank
       ``round(k * N_j)`` are cut off and the ``b_j`` samples drawn across
       the difficulty range below it by coverage-centric sampling (CCS's
       strata, inside the class); ``k`` is chosen by a ridge classifier
       when ``fit`` receives features, as the paper chooses its window, but
       never above ``featureless_window(rate)`` (``window_cap``: 1 up to
       60% pruning, 0.95 from 70%) nor, when suspects were left out, above
       ``1 - min(noise_rate_ / 4, 0.05)`` (``noise_cut``: the wrong labels
       the probe missed sit at the top); without features ``k`` is
       ``featureless_window(rate)``. When the noise filter ran on features
       it believes, the draw also starts above the class's easiest 30%
       (``easy_cut``, round seventeen), unless several score runs disagree
       on the order inside the classes (``easy_cut_agreement``, round
       twenty). Where they disagree, ``runs_disagree``'s fallback takes
       budgets ``~ N_j`` and spreads each class's budget evenly over its
       ranks, up to ``k = 1`` with features (round twenty-two) and up to
       the featureless cut-off without them (round twenty-three). This default
       (``sampling="coverage"``) is the most robust setting the benchmark
       found across balanced, long-tailed, step-imbalanced, noisy and
       fine-tuned data (docs/selector.md). The paper keeps the
       contiguous window of ``b_j`` samples ending at rank
       ``round(k * N_j)`` instead: ``NUCSSelector(rate, **PAPER_SETTINGS)``
       (:data:`sknucs.PAPER_SETTINGS`).

    Parameters
    ----------
    rate : float, default=0.5
        Pruning rate alpha in [0, 1): the fraction of samples removed.
    allocation : {"difficulty", "proportional", "agnostic"}, default="difficulty"
        How the budget is split across classes. ``"difficulty"``: the
        paper's non-uniform budgets, ``b_j ~ S_j**exponent * N_j``.
        ``"proportional"``: ``b_j ~ N_j`` (the paper's uniform ablation).
        ``"agnostic"``: one pool of all samples regardless of class; with
        ``sampling="window"`` one window over it (Best Window Selection,
        Choi et al. 2024: ``{**PAPER_SETTINGS, "allocation": "agnostic"}``).
    exponent : float or "auto", default="auto"
        Softening exponent gamma on the class difficulty (``"difficulty"``
        only): 1 is the paper, 0 is proportional. ``"auto"`` (our variant,
        the default since round twelve): 0.75 when the classes are
        balanced (the largest has at most twice the rows of the smallest),
        1 otherwise (:data:`sknucs.BALANCED_EXPONENT`); ``exponent_`` is
        the one used. On balanced data the paper's budgets starve the easy
        classes and the softer ones met more cells of the benchmark; on
        imbalanced data, where the hard classes are the rare ones, the
        paper's won by the widest margins (docs/selector.md, rounds eleven
        and twelve).
    window : float in [0, 1] or "auto", default="auto"
        Window endpoint ``k``: 1 keeps each class's hardest samples, 0 its
        easiest; for ``sampling="stratified"`` and ``"coverage"`` the
        cut-off above which samples are dropped (0.9: CCS's hardest 10%).
        ``"auto"`` searches a grid of ``k`` with a ridge classifier when
        ``fit`` receives ``features`` (the paper's practical NUCS). Without
        features, ``"coverage"`` cuts at ``window_cap`` when it is a
        number, and with its ``"auto"`` at 1 up to 60% pruning and 0.95
        from 70% on (our variant, round fourteen in docs/selector.md:
        without a noise filter, the hardest 5% of each class are where
        wrong labels and spoilt images sit); the other samplings, and
        coverage with ``window_cap=None``, at :func:`default_window` (0.9
        at 70%, 0.8 at 90%), read off the paper's window.
    sampling : {"window", "stratified", "coverage"}, default="coverage"
        How each class's budget is taken from its difficulty order.
        ``"window"``: the contiguous band of ``b_j`` ranks ending at
        ``round(k N_j)`` (the paper). ``"stratified"`` (our variant): the
        hardest ``1 - k`` of the class are cut off and the ``b_j`` samples
        spread evenly over the ranks below, which keeps the whole range of
        difficulty (as CCS does across classes) while ``k`` still acts as
        the knob that the window search tunes. ``"coverage"`` (our
        variant, the default): the same cut-off, then Coverage-centric
        selection (CCS) inside each class: equal-width score strata, budget
        water-filled from the smallest stratum up, uniform draws inside
        each; with ``window_scale="global"`` the strata and their keep rates
        are the whole training set's (see ``window_scale``).
    window_scale : {"class", "global", "auto"}, default="class"
        What the endpoint ``k`` is a quantile of. ``"class"``: of each
        class's own difficulty, every window ends at rank ``round(k N_j)``
        (the paper). ``"global"`` (our variant): of the whole
        training set's difficulty, as in Best Window Selection; each class's
        window ends at its last sample below the global ``k`` quantile, so
        an easy class keeps its hardest samples and a hard class its easier
        ones, while the budgets stay class-wise. With the budgets Best
        Window Selection implies it cuts the same coreset. With
        ``sampling="coverage"`` the strata are also global: stratum ``s``
        keeps the fraction ``f_s`` that CCS's water-filling over the whole
        pool gives it, times one factor per class that makes the class's
        count ``b_j``; a sample's chance to be kept depends on how hard it
        is for the data set, not for its class (with the class counts that
        CCS implies, this is CCS).
        ``"auto"`` (our variant): ``"global"`` when the largest class has at
        most twice the rows of the smallest, ``"class"`` otherwise (and with
        a per-class search): on imbalanced data a small class is hard for
        lack of rows, and the whole set's scale would cut its boundary
        samples as if they were noise. Measured as a default candidate, it
        met more cells of the development split and fewer held-out ones
        than the class scale (docs/selector.md, round four).
    winsorize : float or tuple of (float, float), default=0.05
        Fraction of each class's scores clipped at the lower and upper tail
        before averaging into ``S_j``; a float clips both tails equally.
    min_per_class : int or "auto", default="auto"
        Floor on each class's budget. ``"auto"`` is 1 when the coreset has
        at least one sample per class, else 0. An explicit floor that the
        coreset cannot hold raises a ``ValueError``.
    min_share : float in [0, 1], default=0.0
        Floor on each class's budget as a fraction of its proportional
        share of the coreset, ``n N_j / N`` with ``n`` the coreset size
        (about ``(1 - alpha) N_j``), rounded down (``"difficulty"`` only; our
        variant). 0 is the paper; 1 gives proportional budgets up to those
        roundings; 0.5 lets
        an easy class fall to half of a class-blind share, never further
        (the paper's allocation can starve it: 49 of 6,000 trousers at 70%
        pruning in the prototype of the spec).
    higher_is_harder : bool, default=True
        Score direction. Set to False for scores where higher means easier
        (AUM, confidence); they are negated.
    negative_scores : {"auto", "raise", "rank"}, default="auto"
        What to do when ``allocation="difficulty"`` meets a negative score,
        where proportional budgets are undefined. ``"raise"``: a
        ``ValueError``. ``"rank"``: the class difficulty is computed from
        global percentile ranks of the scores (in (0, 1]) instead; the
        windows are unchanged, ranks preserve order. ``"auto"``: ``"rank"``
        with ``higher_is_harder=False`` (negated confidence or AUM is
        negative by construction), ``"raise"`` otherwise.
    difficulty_on : {"auto", "scores", "ranks"}, default="auto"
        What the class difficulty ``S_j`` averages (with
        ``allocation="difficulty"`` and non-negative scores). ``"scores"``:
        the scores, as the paper. ``"ranks"``: their global percentile
        ranks in (0, 1], ties given their mean rank; the windows are
        unchanged. ``"auto"`` (our variant, round twenty-four): ranks where
        at least half of some class's rows share the pool's lowest score
        (counts such as forgetting events, 0 for most rows), since there
        the scores cannot tell those rows apart and the class's difficulty
        would rest on its few others (0 for a class of zeros, which then
        kept one row of 2,250: docs/results/score_kinds_check.md); the
        scores otherwise (EL2N, AUM and the like, whose values seldom tie:
        on none of the README table's 60 tasks does it act). Fed forgetting
        events, it met 15 of 18 fresh cells where the scores met 7, the
        worst 0.80 point behind the best baseline against 48.67
        (docs/results/rank_difficulty_study.md).
    noise_filter : float in [0, 1] or None, default=0.0
        Exclude the rows whose labels look wrong before selecting (our
        variant, on by default). When ``fit`` receives ``features``, a
        ridge probe fitted out of fold on them flags the rows that
        confident learning's rule puts in another class than their label
        (``suspect_labels_``); when they are at least this fraction of the
        rows (``noise_rate_``), each class's budget, computed on every row,
        is drawn from its other rows, topped up with its suspects of lowest
        score if those are too few. 0 (the default)
        always excludes them, None never looks (the paper); without
        ``features`` nothing is excluded, nor when the probe agrees with
        the labels no better than chance (``label_agreement_`` below
        :data:`MIN_LABEL_AGREEMENT`: features that say nothing of the
        classes; the fit then warns,
        :class:`~sknucs.UninformativeFeaturesWarning`, and uses the features
        for nothing: it selects as without features). On Fashion-MNIST the
        suspects were 0.4 to 4.6% of clean pools and 17 to 43% of pools
        with 20 and 40% of the labels wrong, 54% with 50% (docs/selector.md).
    duplicates : {"keep", "skip"}, default="skip"
        What to do with rows whose features repeat another row of their
        class (copies of one image; our variant, the default since round
        twenty-five). ``"skip"``: when ``fit``
        receives ``features`` it believes (as the noise filter), every copy
        but the first of each group (:func:`sknucs._duplicates.repeated_rows`:
        the same cell of a grid a hundredth of a standard deviation wide in
        every standardised feature) is left out of the draw, as the
        suspects are: each class's budget, computed on every row, is drawn
        from its other rows, topped up with its copies of lowest score if
        those are too few (``repeated_rows_``). A copy teaches nothing its
        original does not, and a selector that draws in proportion keeps
        as many copies as the pool holds. On four data kinds whose pools
        held 10 and 50% copies it met 11 of 12 cells where the default
        before it met 9 (worst 0.50 point behind the best baseline against
        0.80; docs/selector.md, round twenty-five); on the README table's 60
        tasks it finds no copy and keeps every coreset. It warns when more
        than half of the rows look like copies (``MAX_REPEATED_SHARE``):
        features too coarse to tell samples apart (saturated
        probabilities) look alike too. ``"keep"`` (the paper): rows are
        rows.
    window_cap : float in (0, 1], "auto" or None, default="auto"
        The largest endpoint ``k`` the search may choose (``window="auto"``
        with features): every candidate of its grid above it is moved down
        to it. ``"auto"``: :func:`~sknucs._default_window.featureless_window`,
        1 up to 60% pruning and 0.95 from 70% on (round sixteen; from round
        eight to fifteen 1 at 70%). At heavy pruning the ridge search
        nearly always picks its top endpoint, and the best cut-off depends
        on the model: trained from scratch, keeping the hardest samples
        (``k = 1``) was the worst cut-off we measured and 0.9 the best;
        fine-tuned, 1 was (docs/selector.md, rounds three and eight); and
        where the scoring model learnt the wrong labels, the probe cannot
        see them at the top of each class (round sixteen).
        Without features, coverage sampling cuts at a given cap itself, and
        at the same 1 up to 60% pruning, 0.95 from 70% on with ``"auto"``
        (round fourteen). None: the whole grid (the paper).
    noise_cut : float in [0, 1] or "auto", default="auto"
        When the noise filter left suspects out, the search's cut-off is
        also at most ``1 - noise_cut * noise_rate_`` (our variant; with
        ``window="auto"`` and features). The probe misses part of the wrong
        labels (4 to 49% of them on the benchmark's noisy data), and those it
        misses sit at the top of each class's scores, which the search keeps
        when it picks ``k = 1``. ``"auto"``: a quarter of the estimate, at
        most 0.05 (:data:`NOISE_CUT_LIMIT`, its value at 20% suspects), so
        0.1 to 1.4% of the top on clean pools, 2.5% at 10% wrong labels and
        5% from 20% on (rounds six and ten of docs/selector.md: deeper cuts
        lost with 40 to 60% wrong labels, where the probe misses fewer). 0
        turns it off (the paper, and the default before round six); 0.25 is
        the default of rounds six to nine.
    easy_cut : float in [0, 1) or "auto", default="auto"
        ``sampling="coverage"`` only (our variant): each class's draw also
        leaves out its easiest samples, those below the ``easy_cut``
        quantile of its difficulty (of the whole set's with
        ``window_scale="global"``), unless fewer than ``b_j`` samples would
        remain below the cut-off ``k``: then the pool starts ``b_j`` below
        it, the paper's window. 0 draws from the easiest sample on, as CCS
        does. ``"auto"`` (the default since round seventeen): 0.3
        (:data:`sknucs.AUTO_EASY_CUT`) when the noise filter ran on features
        it believes and the score runs agree (``easy_cut_agreement``), 0
        otherwise (and with another sampling); ``easy_cut_``
        is the cut used. With features it met more cells of the benchmark,
        held out, than drawing from the easiest sample on (189 of 214
        against 176), but fell up to 3.1 points behind on the digits at 90%
        pruning, where each class keeps about 12 rows; without features it
        lost up to 20.9 points under label noise (docs/selector.md).
    easy_cut_ramp : int, default=0
        Class budget, in samples, from which the easy cut is whole: a class
        that keeps ``b_j < easy_cut_ramp`` samples leaves out only
        ``b_j / easy_cut_ramp`` of the easiest samples the cut would leave
        out, so that small coresets keep the easy samples a model learns a
        class from. 0 (the default): the whole cut at every budget. Round
        eighteen did not take 25 for the default: it met one held-out cell
        fewer, and on small pools trained from scratch the whole cut did
        better (docs/selector.md).
    easy_cut_agreement : float in [-1, 1] or None, default=0.3
        With ``easy_cut="auto"``: the cut applies only when the score runs
        agree at least this much on the order inside each class
        (``score_agreement_``, the within-class Spearman correlation of two
        runs); below it each class's draw starts at its easiest sample.
        Needs scores of several runs (seeds): with one column the agreement
        is unknown and the cut applies. None: no condition (rounds
        seventeen to nineteen). 0.3 since round twenty: a network
        fine-tuned on a few hundred images gives runs that barely agree
        (-0.27 to 0.29 on the benchmark's fine-tuned small pools, 0.33 to
        0.94 elsewhere but one), and there the cut lost; on six fresh
        kinds it met 24 of 33 cells against 23 without the condition
        (docs/selector.md).
    runs_disagree : {"keep", "uniform", "uniform_cut", "uniform_ranks"}, \
            default="uniform_ranks"
        What else a fit with coverage sampling gives up where the score
        runs disagree (``score_agreement_ < easy_cut_agreement``);
        ``uniform_fallback_`` says whether a fallback acted. Since round
        twenty-three it acts in fits without features too, with their
        cut-off (``featureless_window(rate)``, or a given ``window_cap``)
        in place of the ``k`` named below: on five fresh fine-tuned kinds
        that met 20 of 30 cells against 19 (docs/selector.md).
        ``"keep"``: only the easy cut (round twenty). ``"uniform"``
        (round twenty-one): with ``exponent="auto"`` also the difficulty in
        the budgets (``b_j ~ N_j``), with ``window="auto"`` the cut-off
        (``k = 1``): coverage over each class's whole range among the rows
        the noise filter trusts. ``"uniform_ranks"`` (since round
        twenty-two): the same budgets and ``k = 1``, each class's budget
        spread evenly over its ranks (``sampling="stratified"``'s draw) in
        place of coverage's equal-width score strata, which give the sparse
        tails of scores that are mostly noise as many rows as the dense
        middle; on five fresh fine-tuned kinds it met 28 of 30 cells
        against ``"uniform"``'s 24 (docs/selector.md). ``"uniform_cut"``
        (round twenty-two's other candidate, not taken): ``"uniform"``
        with the cut-off at the largest endpoint the search may choose
        (``window_cap``, and the noise cut's bound when suspects were left
        out; 1 where there is none).
    window_search : RidgeWindowPredictor or None, default=None
        The search used by ``window="auto"`` when ``fit`` receives
        ``features``; it is cloned, and its grid, penalties, held-out part
        and score are its own parameters. None means
        ``RidgeWindowPredictor(random_state=random_state)``: the endpoints
        0.1, 0.2, ..., 1.0 scored by training-set accuracy.
    random_state : int, RandomState instance or None, default=None
        Seeds the permutation that breaks ties between equal scores (and
        the folds of the scoring model in ``fit_resample``).
    score_estimator : classifier or None, default=None
        Used only by :meth:`fit_resample` when it receives no scores: the
        samples are scored by the EL2N of this classifier's out-of-fold
        ``predict_proba`` (:func:`sknucs.scores.cross_val_scores`). None
        means :func:`~sknucs.default_score_estimator` (logistic regression).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    class_counts_ : ndarray of shape (n_classes,)
        ``N_j``.
    class_difficulty_ : ndarray of shape (n_classes,)
        ``S_j``, winsorized mean score of each class (on percentile ranks
        when they were used).
    budgets_ : ndarray of shape (n_classes,)
        ``b_j``, samples kept per class; sums to ``n_selected_``. The
        same array as ``selected_per_class_``.
    window_ : float
        Window endpoint ``k`` really used: the requested (or searched, or
        default) ``k`` raised to the end of the windows it cut, when every
        class's window was shifted right for lack of room below ``k``
        (:meth:`WindowPlan.effective_window <sknucs._window.WindowPlan.effective_window>`;
        e.g. at rate 0.5 with proportional budgets, ``k`` = 0.1 to 0.5 all
        keep each class's easiest half, and ``window_`` is 0.5), or when
        ``round(k N_j)`` rounded up in every class (0.9533 for ``k = 0.95``
        and classes of 150 rows). Refitting
        with ``window=window_`` gives the same coreset. With
        ``window_scale="global"`` it is the ``k`` asked for. When a
        ``RidgeWindowPredictor(per_class=True)`` search gave each class its
        own endpoint, the search's shared one (the per-class ones are its
        ``class_windows_``).
    window_scale_ : {"class", "global"}
        The scale used: ``window_scale``, with ``"auto"`` resolved.
    difficulty_on_ : {"scores", "ranks"}
        What ``class_difficulty_`` averaged: ``difficulty_on`` resolved
        (ranks also for negative scores under ``negative_scores="rank"``).
    easy_cut_ : float
        The easy cut used: ``easy_cut``, with ``"auto"`` resolved.
    sampling_ : {"window", "stratified", "coverage"}
        The draw used inside each class: ``sampling``, or ``"stratified"``
        (each class's budget spread evenly over its ranks) where the
        fallback of ``runs_disagree="uniform_ranks"`` acted.
    uniform_fallback_ : bool
        Whether a fallback of ``runs_disagree`` (not ``"keep"``) acted:
        coverage sampling, the score runs agreeing less than
        ``easy_cut_agreement`` (with or without features since round
        twenty-three).
    score_agreement_ : float
        How far the score runs (columns) agree on the order inside each
        class: the mean over pairs of runs of their within-class Spearman
        correlation (classes of at least 3 rows). NaN with one column.
    exponent_ : float
        The exponent used: ``exponent``, with ``"auto"`` resolved (0.75 on
        balanced classes, 1 otherwise).
    window_search_ : RidgeWindowPredictor or None
        The fitted search (its ``grid_`` and ``grid_scores_`` give the
        curve of score against ``k``), or None when no search ran.
    support_ : ndarray of shape (n_samples,), dtype bool
        Kept rows.
    sample_indices_ : ndarray of shape (n_selected,)
        Indices of the kept rows, ascending.
    n_selected_ : int
        ``n``, size of the coreset.
    selected_per_class_ : ndarray of shape (n_classes,)
        Kept samples of each class; ``budgets_`` is the same array.
    n_features_in_ : int
        Number of score columns (runs) averaged.
    suspect_labels_ : ndarray of shape (n_samples,), dtype bool, or None
        Rows whose label the probe contradicts (``noise_filter`` set and
        ``fit`` given features), else None.
    noise_rate_ : float or None
        Their fraction of the rows.
    label_agreement_ : float or None
        The probe's agreement with the labels beyond chance (Cohen's kappa
        of each label and the probe's class, out of fold, the larger of two
        readings of that class: the largest decision value, or the one
        highest above its class's threshold, which a rare class can win;
        0: chance, 1: always), None when the probe did not run or judged no
        row.
    suspects_excluded_ : bool
        Whether the suspects were left out: ``noise_rate_`` at least
        ``noise_filter`` and ``label_agreement_`` at least
        :data:`sknucs.MIN_LABEL_AGREEMENT` (features that agree with the
        labels by chance alone are not believed).
    repeated_rows_ : ndarray of shape (n_samples,), dtype bool, or None
        Rows whose features repeat an earlier row of their class, left out
        of the draw (``duplicates="skip"`` and ``fit`` given features it
        believes), else None.

    See Also
    --------
    sknucs.n_keep_for : The rounding rule for the coreset size.
    sknucs.RidgeWindowPredictor : The search behind ``window="auto"``.
    sknucs.oracle_window_search : NUCS-O, the window scored by training the
        real model.

    Notes
    -----
    One sort by (class, score) (an argsort of the scores, then a stable
    radix sort of the class codes) serves steps 1 and 3; every per-class
    step is then slicing of the sorted order, vectorised over classes. Ties
    in score are broken by a permutation drawn from ``random_state``, never
    by row index.

    References
    ----------
    .. [1] H. Zhang, Z. Xing, R. He, W. Yang, C. Ma, W. Tan, B. Yan,
       "Non-Uniform Class-Wise Coreset Selection for Vision Model
       Fine-tuning", arXiv:2504.13234, 2025.
    .. [2] W. Choi, et al., "BWS: Best Window Selection Based on Sample
       Scores for Data Pruning across Broad Ranges", ICML 2024.

    Examples
    --------
    >>> import numpy as np
    >>> from sknucs import NUCSSelector
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([0, 1, 2], 100)
    >>> scores = rng.random(300) * np.repeat([0.2, 0.5, 1.0], 100)
    >>> selector = NUCSSelector(rate=0.7, window=0.9, random_state=0).fit(scores, y)
    >>> selector.get_support().sum()
    np.int64(90)
    >>> selector.budgets_, selector.exponent_  # balanced classes: budgets ~ S_j^0.75 N_j
    (array([14, 28, 48]), 0.75)

    The paper's method, one contiguous window per class, budgets ``~ S_j N_j``:

    >>> from sknucs import PAPER_SETTINGS
    >>> paper = NUCSSelector(rate=0.7, **{**PAPER_SETTINGS, "window": 0.9},
    ...                      random_state=0).fit(scores, y)
    >>> paper.budgets_
    array([11, 26, 53])
    """

    _parameter_constraints = {
        **BaseSampleSelector._parameter_constraints,
        "allocation": [StrOptions({"difficulty", "proportional", "agnostic"})],
        "exponent": [Interval(Real, 0, None, closed="left"), StrOptions({"auto"})],
        "window": [Interval(Real, 0, 1, closed="both"), StrOptions({"auto"})],
        "sampling": [StrOptions({"window", "stratified", "coverage"})],
        "window_scale": [StrOptions({"class", "global", "auto"})],
        "winsorize": [Interval(Real, 0, 0.5, closed="left"), tuple],
        "min_per_class": [Interval(Integral, 0, None, closed="left"), StrOptions({"auto"})],
        "min_share": [Interval(Real, 0, 1, closed="both")],
        "higher_is_harder": ["boolean"],
        "negative_scores": [StrOptions({"auto", "raise", "rank"})],
        "difficulty_on": [StrOptions({"auto", "scores", "ranks"})],
        "noise_filter": [Interval(Real, 0, 1, closed="both"), None],
        "duplicates": [StrOptions({"keep", "skip"})],
        "window_cap": [Interval(Real, 0, 1, closed="right"), StrOptions({"auto"}), None],
        "noise_cut": [Interval(Real, 0, 1, closed="both"), StrOptions({"auto"})],
        "easy_cut": [Interval(Real, 0, 1, closed="left"), StrOptions({"auto"})],
        "easy_cut_ramp": [Interval(Integral, 0, None, closed="left")],
        "easy_cut_agreement": [Interval(Real, -1, 1, closed="both"), None],
        "runs_disagree": [StrOptions({"keep", "uniform", "uniform_cut", "uniform_ranks"})],
        "window_search": [HasMethods(["_fit_plan"]), None],
        "score_estimator": [HasMethods(["fit", "predict_proba"]), None],
    }

    def __init__(self, rate=0.5, *, allocation="difficulty", exponent="auto",
                 window="auto", sampling="coverage", window_scale="class", winsorize=0.05,
                 min_per_class="auto", min_share=0.0,
                 higher_is_harder=True, negative_scores="auto", difficulty_on="auto", noise_filter=0.0,
                 duplicates="skip", window_cap="auto", noise_cut="auto", easy_cut="auto", easy_cut_ramp=0,
                 easy_cut_agreement=0.3,
                 runs_disagree="uniform_ranks", window_search=None,
                 random_state=None, score_estimator=None):
        self.rate = rate
        self.allocation = allocation
        self.exponent = exponent
        self.window = window
        self.sampling = sampling
        self.window_scale = window_scale
        self.winsorize = winsorize
        self.min_per_class = min_per_class
        self.min_share = min_share
        self.higher_is_harder = higher_is_harder
        self.negative_scores = negative_scores
        self.difficulty_on = difficulty_on
        self.noise_filter = noise_filter
        self.duplicates = duplicates
        self.window_cap = window_cap
        self.noise_cut = noise_cut
        self.easy_cut = easy_cut
        self.easy_cut_ramp = easy_cut_ramp
        self.easy_cut_agreement = easy_cut_agreement
        self.runs_disagree = runs_disagree
        self.window_search = window_search
        self.random_state = random_state
        self.score_estimator = score_estimator

    def _validate_fit_input(self, scores, y, features):
        """The base class's validation, and ``score_agreement_`` of the score columns before they are averaged."""
        combined, y, features = super()._validate_fit_input(scores, y, features)
        runs = np.asarray(scores, dtype=np.float64).reshape(len(y), -1)  # validated: dense and finite
        classes, codes = encode_labels(y)  # its fast path: fit encodes them again, cheaply
        self.score_agreement_ = within_class_agreement(runs, codes, classes.size)
        return combined, y, features

    def _winsorize_limits(self):
        limits = self.winsorize
        if not isinstance(limits, tuple):
            return (float(limits), float(limits))
        if len(limits) != 2 or not all(
            isinstance(v, Real) and 0 <= v < 1 for v in limits
        ) or sum(limits) >= 1:
            raise ValueError(
                "winsorize must be a float in [0, 0.5) or a pair (lower, upper) "
                f"of fractions in [0, 1) summing to less than 1; got {limits!r}."
            )
        return (float(limits[0]), float(limits[1]))

    def _difficulty_scores(self, scores, codes):
        """Scores on which class difficulty is measured (non-negative); sets ``difficulty_on_``."""
        self.difficulty_on_ = "scores"
        if self.allocation != "difficulty":
            return scores
        if scores.min() < 0:
            self._refuse_negative_scores(scores)
        elif self.difficulty_on == "scores" or (self.difficulty_on == "auto" and not
                                                _lowest_score_holds_half_a_class(scores, codes, self.class_counts_)):
            return scores
        self.difficulty_on_ = "ranks"
        return rankdata(scores, method="average") / scores.size

    def _refuse_negative_scores(self, scores):
        """Raise for negative scores unless ``negative_scores`` (``"auto"`` resolved) asks for ranks."""
        mode = self.negative_scores
        if mode == "auto":
            mode = "raise" if self.higher_is_harder else "rank"
        if mode == "raise":
            direction = "" if self.higher_is_harder else " after negating (higher_is_harder=False)"
            raise ValueError(
                f"Scores must be non-negative for allocation='difficulty'{direction}: "
                f"the smallest is {scores.min():.6g}. Budgets proportional to class "
                "difficulty are undefined for negative scores. Pass non-negative "
                "scores (e.g. 1 - confidence, or EL2N), set negative_scores='rank' "
                "to use global percentile ranks, or use allocation='proportional'."
            )

    def _flag_suspects(self, features, codes, n_classes):
        """The noise filter's verdict: the rows to leave out (or None), and whether the features are believed.

        Sets ``suspect_labels_``, ``noise_rate_``, ``label_agreement_`` and
        ``suspects_excluded_``; warns when the probe agrees with the labels
        too little beyond chance to believe the features at all.
        """
        self.suspect_labels_ = self.noise_rate_ = self.label_agreement_ = None
        self.suspects_excluded_ = False
        if self.noise_filter is None or features is None:
            return None, True
        start = time.perf_counter()
        probe = probe_labels(features, codes, n_classes)
        self.suspect_labels_, self.label_agreement_ = probe.suspects, probe.agreement
        suspects = probe.suspects
        self.noise_rate_ = float(suspects.mean())
        logger.info("noise filter: a ridge probe on %d rows x %d features, %d classes, out of fold: %d suspects "
                    "(%.1f%%), agreement %s, in %.1f s", codes.size, features.shape[1], n_classes,
                    np.count_nonzero(suspects), 100 * self.noise_rate_,
                    "none" if self.label_agreement_ is None else format_agreement(self.label_agreement_),
                    time.perf_counter() - start)
        if agrees_by_chance(self.label_agreement_):
            warnings.warn(
                f"The features agree with the labels {format_agreement(self.label_agreement_)} beyond chance (Cohen's kappa of a "
                "ridge probe fitted on them, out of fold; 0 is chance): they say little about the classes. Are "
                "their rows in the order of the scores and y? They are not used: no row is left out as "
                "mislabelled, and k is chosen as without features.",
                UninformativeFeaturesWarning, stacklevel=6)
            return None, False
        self.suspects_excluded_ = bool(self.noise_filter <= self.noise_rate_ and suspects.any())
        return (suspects if self.suspects_excluded_ else None), True

    def _resolve_exponent(self, balanced):
        """Set ``exponent_``: ``exponent``, with ``"auto"`` resolved by whether the classes are ``balanced``."""
        exponent = self.exponent
        if exponent == "auto":
            exponent = 0.0 if self.uniform_fallback_ else BALANCED_EXPONENT if balanced else 1.0
        self.exponent_ = float(exponent)

    def _resolve_scale(self, balanced):
        """Set ``window_scale_``: ``window_scale``, with ``"auto"`` resolved by whether the classes are ``balanced``."""
        scale = self.window_scale
        if scale == "auto":
            per_class = self.window == "auto" and getattr(self.window_search, "per_class", False)
            scale = "global" if balanced and not per_class else "class"  # one k per class is a class scale
        self.window_scale_ = scale

    def _select(self, scores, codes, n_classes, features, n_keep, random_state):
        if self.easy_cut != "auto" and self.easy_cut > 0 and self.sampling != "coverage":
            raise ValueError(f"easy_cut={self.easy_cut!r} needs sampling='coverage' (its pool of each class); "
                             f"sampling={self.sampling!r} keeps its own ranks. Set easy_cut=0.")
        balanced = balanced_classes(np.bincount(codes, minlength=n_classes))  # of every row
        self.uniform_fallback_ = self._fallback_acts()
        self.sampling_ = ("stratified" if self.uniform_fallback_ and self.runs_disagree == "uniform_ranks"
                          else self.sampling)
        self._resolve_scale(balanced)
        self._resolve_exponent(balanced)
        support = self._select_rows(scores, codes, n_classes, features, n_keep, random_state)
        self._warn_zero_difficulty(np.bincount(codes[support], minlength=n_classes), n_keep)
        return support

    def _warn_zero_difficulty(self, kept, n_keep):
        """Warn when the paper's budgets give classes of difficulty 0 less than a class-blind share.

        A class of difficulty 0 gets only the floor (``min_per_class``) from
        budgets proportional to difficulty, and more only when the other
        classes are capped at their size and their excess spills over; the
        warning names the classes that end below their share of a
        class-blind split, ``n_keep * N_j / N`` rounded down.
        """
        difficulty = self.class_difficulty_
        if (self.allocation != "difficulty" or self.exponent_ == 0 or self.min_share > 0
                or not (difficulty > 0).any()):
            return
        counts = self.class_counts_
        share = n_keep * counts // counts.sum()
        short = np.flatnonzero((difficulty == 0) & (kept < share))
        if not short.size:
            return
        warnings.warn(
            f"{short.size} of {difficulty.size} classes have difficulty 0 ({name_classes(self.classes_, short)}): "
            f"their scores are 0 once winsorized (winsorize={self.winsorize!r}), so the paper's budgets, "
            f"proportional to difficulty, give them {int(kept[short].sum())} of their {int(counts[short].sum())} rows "
            f"where a class-blind share would keep {int(share[short].sum())}. "
            "Scores that are mostly 0, such as forgetting counts, do this. To keep a share of those classes, set "
            "difficulty_on='auto' (the difficulty on percentile ranks where the scores tie at their lowest), "
            "min_share (0.5: at least half of a class-blind share) or allocation='proportional'.",
            UserWarning, stacklevel=5)

    def _select_rows(self, scores, codes, n_classes, features, n_keep, random_state):
        """The kept rows: the noise filter's verdict and the copies, then steps 1 to 3 among the other rows."""
        suspects, believed = self._flag_suspects(features, codes, n_classes)
        if not believed:
            features = None
        repeated = self._flag_repeats(features, codes)
        if suspects is None and repeated is None:
            return self._select_among(scores, codes, n_classes, features, n_keep, random_state)
        suspects = np.zeros(codes.size, dtype=bool) if suspects is None else suspects
        left_out = suspects if repeated is None else suspects | repeated
        # Steps 1-2 on every row: a class keeps the budget of its whole difficulty and size.
        _, _, sorted_scores, by_class_starts = self._sorted(scores, codes, n_classes, random_state)
        budgets = np.asarray(self._budgets(codes, n_classes, n_keep, sorted_scores, by_class_starts))
        group = np.zeros_like(codes) if budgets.size == 1 else codes  # one group when class-agnostic
        among = np.minimum(budgets, np.bincount(group[~left_out], minlength=budgets.size))
        rows = np.flatnonzero(~left_out)
        support = np.zeros(codes.size, dtype=bool)
        kept = self._select_among(scores[rows], codes[rows], n_classes, features[rows], int(among.sum()),
                                  random_state, budgets=among)
        support[rows[kept]] = True
        for g in np.flatnonzero(budgets > among):  # too few rows drawn from: the group's copies, then its suspects
            candidates = np.flatnonzero(left_out & (group == g))
            order = np.lexsort((scores[candidates], suspects[candidates]))  # of lowest score first
            support[candidates[order[: budgets[g] - among[g]]]] = True
        return support

    def _flag_repeats(self, features, codes):
        """Sets ``repeated_rows_``; the copies to leave out of the draw, or None (``duplicates="keep"``, no
        believed features, or no copy)."""
        self.repeated_rows_ = None
        if self.duplicates == "keep" or features is None:
            return None
        start = time.perf_counter()
        self.repeated_rows_ = repeated_rows(features, codes)
        logger.info("duplicates: %d rows repeat an earlier row of their class, in %.1f s",
                    np.count_nonzero(self.repeated_rows_), time.perf_counter() - start)
        share = float(self.repeated_rows_.mean()) if codes.size else 0.0
        if share > MAX_REPEATED_SHARE:
            warnings.warn(
                f"{share:.0%} of the rows have the features of an earlier row of their class and are left out of "
                "the draw as copies (duplicates='skip'). If they are different samples whose features are coarse "
                "(probabilities that saturate at 0 and 1, a few discrete values), the features cannot tell them "
                "apart: pass duplicates='keep', or finer features such as an embedding.",
                UserWarning, stacklevel=6)
        return self.repeated_rows_ if self.repeated_rows_.any() else None

    def _sorted(self, scores, codes, n_classes, random_state):
        """The rows in the plan's order, and the difficulty scores sorted by class for step 1.

        Returns ``order, class_starts`` (the plan's: by class then score, or
        one pool for ``allocation="agnostic"``) and ``sorted_scores,
        by_class_starts`` (the difficulty scores grouped by class).
        """
        difficulty_scores = self._difficulty_scores(scores, codes)
        if self.allocation == "agnostic":
            # One sort of the pool; S_j needs it by class: a radix sort regroups it.
            order, class_starts, _ = sort_as_one_pool(scores, random_state)
            by_class, by_class_starts = regroup_by_class(order, codes, n_classes)
            return order, class_starts, difficulty_scores[by_class], by_class_starts
        order, class_starts, sorted_scores = sort_by_class_and_score(codes, scores, n_classes, random_state)
        if difficulty_scores is not scores:
            sorted_scores = difficulty_scores[order]
        return order, class_starts, sorted_scores, class_starts

    def _budgets(self, codes, n_classes, n_keep, sorted_scores, by_class_starts):
        """Steps 1 and 2: ``class_difficulty_``, and the budgets (one, ``[n_keep]``, when agnostic)."""
        self.class_difficulty_ = winsorized_class_means(
            sorted_scores, by_class_starts, self._winsorize_limits()
        )
        if self.allocation == "agnostic":
            return [n_keep]
        return allocate_budgets(
            np.bincount(codes, minlength=n_classes), self.class_difficulty_, n_keep,
            allocation=self.allocation, exponent=self.exponent_,
            min_per_class=self.min_per_class,
            min_share=self.min_share if self.allocation == "difficulty" else 0.0,  # "difficulty" only
        )

    def _select_among(self, scores, codes, n_classes, features, n_keep, random_state, budgets=None):
        """The mask of ``n_keep`` of these rows: steps 1 to 3 (and the window search).

        ``budgets`` given: steps 1 and 2 are skipped and these are the budgets.
        """
        order, class_starts, sorted_scores, by_class_starts = self._sorted(scores, codes, n_classes, random_state)
        if budgets is None:
            budgets = self._budgets(codes, n_classes, n_keep, sorted_scores, by_class_starts)
        del sorted_scores
        sampling = self.sampling_
        offsets = random_state.random_sample(class_starts.size - 1) if sampling == "stratified" else None
        coverage = sampling == "coverage"
        plan = WindowPlan(
            order, class_starts, budgets, sampling, offsets,
            sorted_scores=scores[order] if coverage or self.window_scale_ == "global" else None,
            seed=random_state.randint(2**31 - 1) if coverage else None,
            window_scale=self.window_scale_, easy_cut=self._resolve_easy_cut(features),
            easy_cut_ramp=self.easy_cut_ramp,
        )
        self.window_, windows = self._resolve_window(plan, codes, features)
        support = plan.mask(windows)
        if np.ndim(windows) == 0:  # one shared endpoint: report the one the coreset really has
            self.window_ = plan.effective_window(self.window_)
        return support

    def _resolve_easy_cut(self, features):
        """Set and return ``easy_cut_``: ``easy_cut``, with ``"auto"`` resolved.

        ``"auto"`` is :data:`AUTO_EASY_CUT` under coverage sampling when the
        noise filter ran on features it believes (``features`` is then not
        None here) and the score runs agree at least ``easy_cut_agreement``
        inside the classes, 0 otherwise.
        """
        cut = self.easy_cut
        if cut == "auto":
            filtered = self.sampling == "coverage" and self.noise_filter is not None and features is not None
            cut = AUTO_EASY_CUT if filtered and not self._runs_disagree() else 0.0
        self.easy_cut_ = float(cut)
        return self.easy_cut_

    def _fallback_acts(self):
        """Whether ``runs_disagree``'s fallback acts: one chosen, coverage, the runs disagreeing (since round
        twenty-three with or without features)."""
        return self.runs_disagree != "keep" and self.sampling == "coverage" and self._runs_disagree()

    def _runs_disagree(self):
        """Whether the score runs agree less than ``easy_cut_agreement`` (False with one run or no threshold)."""
        return self.easy_cut_agreement is not None and self.score_agreement_ < self.easy_cut_agreement

    def _window_cap(self):
        """The largest endpoint the search may choose, or None: ``window_cap``, and ``noise_cut``'s bound."""
        cap = featureless_window(self.rate) if self.window_cap == "auto" else self.window_cap
        depth = self._noise_cut_depth()
        if depth > 0:
            bound = 1.0 - depth
            cap = bound if cap is None else min(cap, bound)
        return None if cap is None else float(cap)

    def _noise_cut_depth(self):
        """How far ``noise_cut`` lowers the cut-off: a fraction of each class's trusted rows, 0 when none."""
        if not self.suspects_excluded_:
            return 0.0
        if self.noise_cut == "auto":
            return min(AUTO_NOISE_CUT * self.noise_rate_, NOISE_CUT_LIMIT)
        return self.noise_cut * self.noise_rate_

    def _window_without_features(self):
        """``window="auto"``'s endpoint when there are no features to search it with.

        Under coverage sampling, :func:`featureless_window` with ``window_cap="auto"``
        (1 up to 60% pruning, 0.95 from 70% on: round fourteen, docs/selector.md), a
        given ``window_cap`` itself; :func:`default_window`, read off the paper's
        contiguous window, otherwise.
        """
        if self.sampling != "coverage" or self.window_cap is None:
            return default_window(self.rate)
        return featureless_window(self.rate) if self.window_cap == "auto" else float(self.window_cap)

    def _resolve_window(self, plan, codes, features):
        """The endpoint ``k`` to report and the endpoints that cut the coreset.

        The search is called through its private ``_fit_plan(plan,
        features, codes)``, which fits it and returns the endpoints to cut:
        its ``window_``, or one per class (``class_windows_``).
        """
        self.window_search_ = None
        if self.window != "auto":
            return float(self.window), float(self.window)
        if features is None:  # with the fallback too: the featureless cut-off (round twenty-three)
            window = self._window_without_features()
            return window, window
        if self.uniform_fallback_:
            cap = self._window_cap() if self.runs_disagree == "uniform_cut" else None
            window = 1.0 if cap is None else cap
            return window, window
        search = (
            RidgeWindowPredictor(random_state=self.random_state)
            if self.window_search is None else clone(self.window_search)
        )
        cap = self._window_cap()
        if cap is not None:
            search.set_params(grid=np.unique(np.minimum(check_window_grid(search.grid), cap)))
        start = time.perf_counter()
        windows = search._fit_plan(plan, features, codes)
        self.window_search_ = search
        logger.info("window search: k = %g of %d endpoints, in %.1f s", search.window_, search.grid_.size,
                    time.perf_counter() - start)
        return search.window_, windows
