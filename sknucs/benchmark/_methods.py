"""Methods the benchmark compares: name -> how to build the (unfitted) selector."""

import functools
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Method:
    """One benchmarked method.

    Attributes
    ----------
    name : str
        Key in the results.
    build : callable
        ``build(rate, random_state=seed) -> selector``: an unfitted selector with
        ``fit(scores, y, features=None)`` and ``sample_indices_``. Every
        selector receives the same scores (higher = harder, one column per
        scoring run) and features.
    oracle : bool, default=False
        If True the window is chosen by
        :func:`sknucs.oracle_window_search` over the configuration's
        ``oracle_grid``, each candidate scored by training the track's recipe
        on the coreset and measuring validation accuracy (the configuration's
        ``oracle_metric``).
    oracle_params : dict or None, default=None
        With ``oracle``: a :class:`sknucs.CoresetSearch` parameter grid
        searched instead of the window alone, every candidate scored by
        training the track's recipe on its coreset (NUCS-O over any
        parameters); ``window`` values of None take the configuration's
        ``oracle_grid``.
    description : str, default=""
    """

    name: str
    build: Callable
    oracle: bool = False
    description: str = ""
    oracle_params: dict | None = None


def _random(rate, random_state):
    from sknucs.baselines import RandomSelector

    return RandomSelector(rate, random_state=random_state)


def _balanced_random(rate, random_state):
    from sknucs.baselines import ClassBalancedRandomSelector

    return ClassBalancedRandomSelector(rate, random_state=random_state)


def _el2n_hardest(rate, random_state):
    from sknucs.baselines import ScoreTopKSelector

    return ScoreTopKSelector(rate, hardest=True, random_state=random_state)


def _ccs(rate, random_state):
    from sknucs.baselines import CCSSelector

    return CCSSelector(rate, beta=0.1, random_state=random_state)


def _moderate(rate, random_state):
    from sknucs.baselines import ModerateSelector

    return ModerateSelector(rate, random_state=random_state)


def _nucs(allocation, per_class=False, **options):
    """The paper's practical NUCS with ``allocation`` and the options changed (the variants' reference)."""
    def build(rate, random_state):
        from sknucs import PAPER_SETTINGS, NUCSSelector, RidgeWindowPredictor

        search = RidgeWindowPredictor(per_class=True, random_state=random_state) if per_class else None
        settings = {**PAPER_SETTINGS, "allocation": allocation, **options}
        return NUCSSelector(rate, random_state=random_state, window_search=search, **settings)

    return build


def _without_features(build):
    """``build`` with the endpoint that ``window="auto"`` takes when ``fit`` gets no features."""
    def build_at_rule(rate, random_state):
        from sknucs import default_window

        return build(rate, random_state).set_params(window=default_window(rate))

    return build_at_rule


def _nucs_today(rate, random_state, **options):
    """Today's default, ``NUCSSelector(rate)``, with ``options`` changed."""
    from sknucs import NUCSSelector

    return NUCSSelector(rate, random_state=random_state, **options)


ROUND_ELEVEN = {"exponent": 1.0}
"""What round twelve's default sets differently from round eleven's: ``exponent="auto"`` (0.75 on
balanced classes), where the defaults of rounds one to eleven had the paper's 1. The variants that
describe themselves as "the default with ..." were made on those defaults and pin it."""


ROUND_SIXTEEN = {"easy_cut": 0.0, "runs_disagree": "keep"}
"""What round seventeen's default sets differently from round sixteen's: ``easy_cut="auto"`` (each class's
easiest 30% out of the coverage draw when the noise filter ran on features it believes), where the defaults
of rounds one to sixteen drew from the easiest sample on. The variants of those rounds pin it, and keep the
budgets' difficulty and the cut-off where the score runs disagree (``runs_disagree="keep"``, round
twenty-one's change)."""


def _nucs_round_sixteen(rate, random_state, **options):
    """Round sixteen's default (today's drawing from each class's easiest sample on), ``options`` changed."""
    return _nucs_today(rate, random_state, **{**ROUND_SIXTEEN, **options})


def _nucs_round_fifteen(rate, random_state, **options):
    """Round fifteen's default (today's with the searched cut-off up to 1 at 70%), ``options`` changed.

    ``window_cap`` pinned to :func:`default_window_cap`, what ``"auto"`` stood for from round eight to
    round fifteen (1 up to 70%, 0.95 at 90%).
    """
    from sknucs._default_window import default_window_cap

    return _nucs_round_sixteen(rate, random_state, **{"window_cap": default_window_cap(rate), **options})


def _nucs_default(rate, random_state, **options):
    """Round eleven's default (round fifteen's with the paper's exponent 1), ``options`` changed: the base
    of the variants of rounds one to eleven, which keep their meaning and their coresets."""
    return _nucs_round_fifteen(rate, random_state, **{**ROUND_ELEVEN, **options})


ROUND_THREE = {"noise_cut": 0.0}
"""What round six's default set differently from round three's (docs/selector.md): the variants that the
studies of rounds three to six compared are built on round three's default, so that they keep their
meaning and their coresets."""
ROUND_NINE = {"noise_cut": 0.25}
"""What round ten's default sets differently from round nine's: the noise cut ``noise_rate_ / 4`` without
its limit (``noise_cut="auto"`` since round ten). The variants of rounds six to nine pin it."""
ROUND_SIX_CAP_MARGIN = 0.1
"""The cap of the defaults of rounds three to seven: the searched cut-off at most ``default_window(rate) +
0.1`` (0.9 at 90% pruning); round eight raised it to + 0.15. The variants of those rounds keep it."""


def _nucs_cap_margin(rate, random_state, margin, **options):
    """The default with its searched cut-off at most ``default_window(rate) + margin``, ``options`` changed.

    ``margin=0.1``: round six's default (round three's cap); 0.15, today's since round eight, lets the
    search reach 0.95 at 90% pruning. Up to 70% pruning the cap is 1 for every margin, the same coresets.
    """
    from sknucs._default_window import default_window_cap

    return _nucs_default(rate, random_state, window_cap=default_window_cap(rate, margin), **{**ROUND_NINE, **options})


_nucs_round_six = functools.partial(_nucs_cap_margin, margin=ROUND_SIX_CAP_MARGIN)
"""Round six's default (today's with round three's cap on the searched cut-off), ``options`` changed."""


ROUND_EIGHT_GUARD = 0.5
"""Round eight's guard: the default used its features for nothing when the probe suspected this fraction of the rows."""


def _nucs_round_eight(rate, random_state):
    """Today's default with round eight's guard against uninformative features (the suspects' fraction).

    Until round nine the default used its features for nothing (neither the noise filter nor the ridge
    search) when the probe suspected at least :data:`ROUND_EIGHT_GUARD` of the rows; since, when it agrees
    with the labels less than :data:`sknucs.MIN_LABEL_AGREEMENT` beyond chance. The two differ only where
    most labels are wrong.
    """
    from sknucs import NUCSSelector

    class RoundEightGuard(NUCSSelector):
        def _flag_suspects(self, features, codes, n_classes):
            suspects, believed = super()._flag_suspects(features, codes, n_classes)
            if believed and self.noise_rate_ is not None and self.noise_rate_ >= ROUND_EIGHT_GUARD:
                self.suspects_excluded_ = False
                return None, False
            return suspects, believed

    return RoundEightGuard(rate, random_state=random_state, **ROUND_NINE, **ROUND_ELEVEN, **ROUND_SIXTEEN)


def _nucs_default_unfiltered(rate, random_state):
    return _nucs_default(rate, random_state, noise_filter=None, window_cap=None, **ROUND_THREE)


def _capped_search(rate, random_state):
    """The ridge search with its grid stopping at ``default_window(rate) + 0.1`` (0.9 at 90% pruning)."""
    from sknucs import RidgeWindowPredictor
    from sknucs._default_window import default_window_cap
    from sknucs._grid import DEFAULT_WINDOW_GRID

    cap = default_window_cap(rate, ROUND_SIX_CAP_MARGIN)
    grid = [k for k in DEFAULT_WINDOW_GRID if k <= cap + 1e-9]  # up to 70%: the default's own grid
    return RidgeWindowPredictor(grid=grid, random_state=random_state)


def _nucs_filter_v1(rate, random_state, capped=False):
    """The noise filter as first made the default: budgets from the trusted rows only, cut-off uncapped.

    Kept so that the tables of the studies that compared it (docs/results/noise_filter.md,
    filter_followup.md) can be made again; ``capped``: with ``_capped_search``.
    """
    import numpy as np

    from sknucs import NUCSSelector

    class TrustedRowsBudgets(NUCSSelector):
        def _select_rows(self, scores, codes, n_classes, features, n_keep, random_state):
            suspects, _ = self._flag_suspects(features, codes, n_classes)
            if suspects is None:
                return self._select_among(scores, codes, n_classes, features, n_keep, random_state)
            excluded = suspects.copy()
            excluded[(np.bincount(codes[~excluded], minlength=n_classes) == 0)[codes]] = False
            rows = np.flatnonzero(~excluded)
            support = np.zeros(codes.size, dtype=bool)
            support[rows[self._select_among(scores[rows], codes[rows], n_classes, features[rows],
                                            min(n_keep, rows.size), random_state)]] = True
            if rows.size < n_keep:  # the suspects of lowest score
                left = np.flatnonzero(excluded)
                support[left[np.argsort(scores[left], kind="stable")[: n_keep - rows.size]]] = True
            return support

    return TrustedRowsBudgets(rate, random_state=random_state, window_cap=None, **ROUND_THREE, **ROUND_ELEVEN,
                              **ROUND_SIXTEEN,
                              window_search=_capped_search(rate, random_state) if capped else None)


def _nucs_default_whole_budgets(rate, random_state):
    return _nucs_default(rate, random_state, window_cap=None, **ROUND_THREE)


def _nucs_default_whole_capped(rate, random_state):
    """Today's default, with the cap written as the search's grid (the study's form, the same coresets)."""
    return _nucs_default(rate, random_state, window_cap=None, window_search=_capped_search(rate, random_state),
                         **ROUND_THREE)


def _nucs_noise_cap(rate, random_state, share=1.0, **options):
    """The default with its cut-off also at most ``1 - share * noise_rate_`` when the filter left suspects out.

    ``share=1``: round five's candidate; 0.5 and 0.25: round six's (the part of the wrong labels the
    filter misses, which sit at the top of each class's scores). Since round six this is the selector's
    own ``noise_cut``. Built on round six's cap on the cut-off.
    """
    return _nucs_round_six(rate, random_state, **{**options, "noise_cut": share})


def _nucs_without_features(rate, random_state, cut_off):
    """The default fitted as the usage line fits it, ``fit(scores, y)``, with the cut-off ``k = cut_off(rate)``.

    The features never reach it: no noise filter, no search. ``cut_off``: :func:`default_window`, round
    twelve's featureless rule, :func:`default_window_cap`, round thirteen's (the search with features
    stopped there in nearly every fit), or round fourteen's and fifteen's candidates (the fourteenth's
    second, ``sknucs._default_window.featureless_window``, was the default's until round twenty-three added
    the fallback where the score runs disagree: :func:`_nucs_today_without_features`).
    """
    return _fitted_without_features(rate, random_state=random_state, window=cut_off(rate), **ROUND_SIXTEEN)


def _fitted_without_features(rate, **params):
    """``NUCSSelector(rate, **params)`` fitted as the usage line fits it, ``fit(scores, y)``."""
    from sknucs import NUCSSelector

    class FittedWithoutFeatures(NUCSSelector):
        def fit(self, X, y, features=None):
            return super().fit(X, y)

    return FittedWithoutFeatures(rate, **params)


def _nucs_today_without_features(rate, random_state):
    """Today's default fitted without features: since round twenty-three its fallback acts where the runs disagree."""
    return _fitted_without_features(rate, random_state=random_state)


def _nucs_without_features_round12(rate, random_state):
    from sknucs import default_window

    return _nucs_without_features(rate, random_state, default_window)


def _nucs_without_features_at_cap(rate, random_state):
    from sknucs._default_window import default_window_cap

    return _nucs_without_features(rate, random_state, default_window_cap)


def _nucs_without_features_halfway(rate, random_state):
    from sknucs._default_window import default_window_cap

    return _nucs_without_features(rate, random_state, functools.partial(default_window_cap, margin=0.05))


def _nucs_without_features_at_95(rate, random_state):
    from sknucs import default_window

    return _nucs_without_features(rate, random_state, lambda r: min(1.0, max(0.95, default_window(r) + 0.05)))


def _nucs_without_features_at_95_from_half(rate, random_state):
    return _nucs_without_features(rate, random_state, lambda r: min(1.0, max(0.95, round(1.2 - r / 2, 12))))


def _nucs_default_capped(rate, random_state):
    return _nucs_filter_v1(rate, random_state, capped=True)


def _registry(methods):
    """name -> Method; a name given twice is an error (the later entry would hide the earlier one's cells)."""
    names = [method.name for method in methods]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"Benchmark methods registered twice: {', '.join(twice)}.")
    return {method.name: method for method in methods}


METHODS = _registry(
    (
        Method("random", _random, description="uniform, class-agnostic"),
        Method("balanced_random", _balanced_random, description="uniform within each class, proportional counts"),
        Method("el2n_hardest", _el2n_hardest, description="hardest scores, class-agnostic"),
        Method("ccs", _ccs, description="coverage-centric (beta 0.1, 50 strata), class-agnostic"),
        Method("moderate", _moderate, description="distance to class median in feature space"),
        Method("bws", _nucs("agnostic"), description="Best Window Selection: class-agnostic window, ridge-chosen k"),
        Method("nucs_proportional", _nucs("proportional"), description="class-wise window, budgets ~ N_j, ridge-chosen k"),
        Method("nucs", _nucs_today, description="NUCSSelector's default: budgets ~ S_j^0.75 N_j on balanced "
                                                       "classes, ~ S_j N_j otherwise, CCS strata inside "
                                                       "each class below the ridge-chosen cut-off k (at most 1 up "
                                                       "to 60% pruning, 0.95 from 70% on and, when rows were left out, "
                                                       "1 - min(noise_rate_ / 4, 0.05)), among the rows whose labels "
                                                       "the features do not contradict, above each class's easiest "
                                                       "30% when the features are believed and the score runs "
                                                       "agree on the order inside the classes; S_j on percentile "
                                                       "ranks where half of a class's rows share the lowest score"),
        Method("nucs_paper", _nucs("difficulty"), description="the paper's NUCS: budgets ~ S_j N_j, "
                                                               "contiguous class-wise window, ridge-chosen k"),
        Method("nucs_o", _nucs("difficulty"), oracle=True, description="NUCS-O: k by training on the coreset, validation score"),
        Method("nucs_o_default", _nucs_round_sixteen, oracle=True,
               oracle_params={"window": (0.8, 0.9, 1.0), "window_scale": ("class", "global")},
               description="round sixteen's default with its cut-off k (0.8, 0.9, 1) and scale (class or global) "
                           "chosen by training the track's model on each of the 6 coresets, validation score"),
        Method("nucs_unfiltered", _nucs_default_unfiltered,
               description="the default before the label-noise filter: every row, the whole grid "
                           "(noise_filter=None, window_cap=None)"),
        Method("nucs_filter_v1", _nucs_filter_v1,
               description="the filter as first made the default: budgets from the trusted rows only, "
                           "cut-off uncapped"),
        Method("nucs_paper_filter", _nucs("difficulty", noise_filter=0.0),
               description="the paper's NUCS on the rows whose labels the features do not contradict "
                           "(noise_filter=0)"),
        Method("nucs_sqrt", _nucs("difficulty", exponent=0.5),
               description="variant: budgets ~ sqrt(S_j) N_j, ridge-chosen k"),
        Method("nucs_strat", _nucs("difficulty", sampling="stratified"),
               description="variant: budgets ~ S_j N_j, spread evenly below the cut-off k, ridge-chosen k"),
        Method("nucs_sqrt_strat", _nucs("difficulty", exponent=0.5, sampling="stratified"),
               description="variant: budgets ~ sqrt(S_j) N_j, spread evenly below the cut-off k, ridge-chosen k"),
        Method("nucs_coverage", _nucs("difficulty", sampling="coverage"),
               description="variant: budgets ~ S_j N_j, CCS strata inside each class below the cut-off k, "
                           "ridge-chosen k"),
        Method("nucs_sqrt_coverage", _nucs("difficulty", exponent=0.5, sampling="coverage"),
               description="variant: budgets ~ sqrt(S_j) N_j, CCS strata inside each class below the cut-off k, "
                           "ridge-chosen k"),
        Method("nucs_global", _nucs("difficulty", window_scale="global"),
               description="variant: budgets ~ S_j N_j, each class's window ends at the global k quantile, "
                           "ridge-chosen k"),
        Method("nucs_whole_budgets", _nucs_default_whole_budgets,
               description="variant: the default with its cut-off uncapped (window_cap=None): budgets from every "
                           "row, the suspects left out only inside each class"),
        Method("nucs_whole_capped", _nucs_default_whole_capped,
               description="variant: the default, its cap written as the search's grid (the follow-up study's "
                           "form; the same coresets)"),
        Method("nucs_global_scale", functools.partial(_nucs_round_six, window_scale="global", **ROUND_THREE),
               description="variant: the default on the whole training set's scale (window_scale='global')"),
        Method("nucs_auto_scale", functools.partial(_nucs_round_six, window_scale="auto", **ROUND_THREE),
               description="variant: the default on the whole training set's scale when the classes are "
                           "balanced (largest at most twice the smallest), each class's own otherwise "
                           "(window_scale='auto')"),
        Method("nucs_noise_cap", _nucs_noise_cap,
               description="variant: the default with its searched cut-off k also at most 1 - noise_rate_ when "
                           "the noise filter left suspects out (the hardest rows of the estimated noise rate, "
                           "as confident learning prunes by rank)"),
        Method("nucs_auto_noise_cap", functools.partial(_nucs_noise_cap, window_scale="auto"),
               description="variant: nucs_noise_cap with window_scale='auto'"),
        Method("nucs_round3", functools.partial(_nucs_round_six, **ROUND_THREE),
               description="variant: round three's default (noise_cut=0), the default before round six"),
        Method("nucs_round6", _nucs_round_six,
               description="variant: round six's default, the default of rounds six and seven: today's with "
                           "its searched cut-off at most default_window(rate) + 0.1 (0.9 at 90% pruning)"),
        Method("nucs_share_floor", functools.partial(_nucs_round_six, min_share=0.5),
               description="variant: round six's default with every class's budget at least half of its "
                           "proportional share (min_share=0.5; round seven's candidate)"),
        Method("nucs_uncapped", functools.partial(_nucs_default, window_cap=None, **ROUND_NINE),
               description="variant: the default without a cap (window_cap=None): the searched cut-off k may "
                           "reach 1 (less the noise cut) at 90% pruning too (round eight's candidate)"),
        Method("nucs_cap95", functools.partial(_nucs_cap_margin, margin=0.15),
               description="variant: the default, its cap written out: the searched cut-off k at most "
                           "default_window(rate) + 0.15 (0.95 at 90% pruning; round eight's candidate, the "
                           "default since)"),
        Method("nucs_round8", _nucs_round_eight,
               description="variant: round eight's default: today's, its features used for nothing when the "
                           "noise filter's probe suspects half of the rows or more (round nine's change)"),
        Method("nucs_no_noise_cut", functools.partial(_nucs_default, noise_cut=0.0),
               description="variant: the default without its noise cut (noise_cut=0): the searched cut-off k "
                           "is not lowered when the noise filter left rows out"),
        Method("nucs_round9", functools.partial(_nucs_default, **ROUND_NINE),
               description="variant: round nine's default: today's with the noise cut noise_rate_ / 4 "
                           "without its limit of 0.05 (noise_cut=0.25)"),
        Method("nucs_cut_limit", functools.partial(_nucs_default, noise_cut="auto"),
               description="variant: the default, its noise cut written out: at most min(noise_rate_ / 4, 0.05) "
                           "below 1 (round ten's candidate, the default since)"),
        Method("nucs_exp50", functools.partial(_nucs_default, exponent=0.5),
               description="variant: the default with budgets ~ sqrt(S_j) N_j (exponent=0.5; round eleven's "
                           "candidate)"),
        Method("nucs_exp75", functools.partial(_nucs_default, exponent=0.75),
               description="variant: the default with budgets ~ S_j^0.75 N_j (exponent=0.75; round eleven's "
                           "candidate)"),
        Method("nucs_round11", _nucs_default,
               description="variant: round eleven's default: today's with the paper's exponent 1 on balanced "
                           "classes too (exponent=1)"),
        Method("nucs_nofeat", _nucs_without_features_round12,
               description="variant: the default fitted without features, fit(scores, y), as up to round twelve: "
                           "cut-off default_window(rate), no noise filter"),
        Method("nucs_nofeat_cap", _nucs_without_features_at_cap,
               description="variant: the default fitted without features, fit(scores, y), in round thirteen: "
                           "cut-off default_window(rate) + 0.15 (at most 1), the cap the search with features "
                           "stops at, no noise filter"),
        Method("nucs_nofeat_m05", _nucs_without_features_halfway,
               description="variant: the default fitted without features, fit(scores, y), round fourteen's "
                           "candidate: cut-off default_window(rate) + 0.05 (at most 1: 1 up to 60%, 0.95 at 70%, "
                           "0.85 at 90%), halfway between rounds twelve and thirteen"),
        Method("nucs_nofeat_95", _nucs_without_features_at_95,
               description="variant: the default fitted without features, fit(scores, y), round fourteen's second "
                           "candidate: cut-off 1 up to 60% pruning, 0.95 from 70% on; the featureless default of "
                           "rounds fourteen to twenty-two"),
        Method("nucs_nofeat_round23", _nucs_today_without_features,
               description="variant: today's default fitted without features, fit(scores, y): round fourteen's "
                           "cut-off, and since round twenty-three round twenty-two's fallback below it where the "
                           "score runs disagree (budgets ~ N_j, each class's budget even over its ranks)"),
        Method("nucs_nofeat_95_50", _nucs_without_features_at_95_from_half,
               description="variant: the default fitted without features, fit(scores, y), round fifteen's "
                           "candidate: cut-off 1 up to 40% pruning, 0.95 from 50% on"),
        Method("nucs_window", functools.partial(_nucs_round_sixteen, sampling="window"),
               description="variant: round sixteen's default with one contiguous window per class (sampling='window', "
                           "the paper's) in place of coverage sampling: a diagnostic of the frozen backbone"),
        Method("nucs_coverage_global", functools.partial(_nucs_round_sixteen, window_scale="global"),
               description="variant: round sixteen's default with its coverage strata and cut-off on the whole "
                           "training set's scale (window_scale='global'): a setting for a frozen backbone"),
        Method("nucs_window_global", functools.partial(_nucs_round_sixteen, sampling="window", window_scale="global"),
               description="variant: round sixteen's default with one window per class on the whole training set's "
                           "scale (sampling='window', window_scale='global'; Best Window Selection's window with NUCS's "
                           "budgets): a setting for a frozen backbone"),
        Method("nucs_round16", _nucs_round_sixteen,
               description="variant: round sixteen's default, today's drawing from each class's easiest sample on "
                           "(easy_cut=0), where round seventeen left the easiest 30% out"),
        Method("nucs_easy30", functools.partial(_nucs_today, easy_cut=0.3, runs_disagree="keep"),
               description="variant: round seventeen's candidate, today's default with the easy cut fixed "
                           "(easy_cut=0.3 in place of 'auto': the same coresets where the features are believed)"),
        Method("nucs_round17", functools.partial(_nucs_today, easy_cut_ramp=0, easy_cut_agreement=None),
               description="variant: round seventeen's default, today's with the easy cut whole at every class "
                           "budget (easy_cut_ramp=0) and wherever the features are believed, whether the score "
                           "runs agree or not (easy_cut_agreement=None), the reference of rounds eighteen to twenty"),
        Method("nucs_round20", functools.partial(_nucs_today, easy_cut_agreement=0.3, runs_disagree="keep"),
               description="variant: round twenty's default, without the easy cut where the score runs disagree "
                           "on the order inside the classes (easy_cut_agreement=0.3) but keeping the budgets' "
                           "difficulty and the cut-off there (runs_disagree='keep'; score_agreement_study.py)"),
        Method("nucs_round21", functools.partial(_nucs_today, runs_disagree="uniform"),
               description="variant: round twenty-one's default, giving up the budgets' difficulty and the "
                           "cut-off too where the score runs disagree, coverage over each class's whole range "
                           "(runs_disagree='uniform'; uniform_fallback_study.py)"),
        Method("nucs_fallback_cut", functools.partial(_nucs_today, runs_disagree="uniform_cut"),
               description="variant: round twenty-two's first candidate: today's default with the fallback where the "
                           "score runs disagree cutting at the search's cap (featureless_window(rate), the noise "
                           "cut's bound) in place of k = 1 (runs_disagree='uniform_cut'; fallback_cut_study.py)"),
        Method("nucs_fallback_ranks", functools.partial(_nucs_today, runs_disagree="uniform_ranks"),
               description="variant: round twenty-two's second candidate, taken: today's default written out, "
                           "its fallback where the score runs disagree spreading each class's budget evenly over "
                           "its ranks (the draw of sampling='stratified', k = 1) in place of coverage's "
                           "equal-width strata (runs_disagree='uniform_ranks'; fallback_cut_study.py)"),
        Method("nucs_round23", functools.partial(_nucs_today, difficulty_on="scores"),
               description="variant: round twenty-three's default, today's with the class difficulty always on the "
                           "scores (difficulty_on='scores'), where round twenty-four takes their percentile ranks "
                           "when half of some class's rows share the lowest score"),
        Method("nucs_rank_difficulty", functools.partial(_nucs_today, difficulty_on="auto"),
               description="variant: round twenty-four's candidate, taken: today's default written out, the class "
                           "difficulty on "
                           "the scores' percentile ranks where at least half of some class's rows share the "
                           "pool's lowest score (counts such as forgetting events; difficulty_on='auto'; "
                           "rank_difficulty_study.py)"),
        Method("nucs_skip_dups", functools.partial(_nucs_today, duplicates="skip"),
               description="variant: round twenty-five's candidate, taken: today's default written out, every copy "
                           "of an image but the first (rows whose features repeat an earlier row of their class) "
                           "left out of the draw (duplicates='skip')"),
        Method("nucs_round24", functools.partial(_nucs_today, duplicates="keep"),
               description="variant: round twenty-four's default, today's keeping the copies of an image as rows "
                           "(duplicates='keep')"),
        Method("nucs_linear_probe", functools.partial(_nucs_today, window_scale="global"),
               description="variant: the guide's setting for a linear head on frozen features, today's default on "
                           "the whole training set's scale (window_scale='global')"),
        Method("nucs_round15", _nucs_round_fifteen,
               description="variant: round fifteen's default, today's with the searched cut-off at most 1 at 70% "
                           "pruning (default_window(rate) + 0.15), where round sixteen lowered it to 0.95"),
        Method("nucs_exp0", functools.partial(_nucs_default, exponent=0.0),
               description="variant: the default with proportional budgets ~ N_j (exponent=0; round eleven's "
                           "reference)"),
        Method("nucs_residual_cap", functools.partial(_nucs_noise_cap, share=0.5),
               description="variant: the default with its searched cut-off k also at most 1 - noise_rate_ / 2 "
                           "when the noise filter left suspects out (round six)"),
        Method("nucs_residual_cap4", functools.partial(_nucs_noise_cap, share=0.25),
               description="variant: the default with its searched cut-off k also at most 1 - noise_rate_ / 4 "
                           "when the noise filter left suspects out (round six)"),
        Method("nucs_capped", _nucs_default_capped,
               description="variant: nucs_filter_v1 with its searched cut-off k at most default_window(rate) + 0.1 "
                           "(1 up to 70% pruning, 0.9 at 90%)"),
        Method("nucs_coverage_rule", _without_features(_nucs("difficulty", sampling="coverage")),
               description="variant: nucs_coverage with the cut-off default_window(rate), as when fit got "
                           "no features up to round twelve"),
        Method("nucs_cov_floor", _nucs("difficulty", sampling="coverage", min_share=0.5),
               description="variant: budgets ~ S_j N_j, each at least half its proportional share, CCS strata "
                           "inside each class below the cut-off k, ridge-chosen k"),
        Method("nucs_gcov", _nucs("difficulty", sampling="coverage", window_scale="global"),
               description="variant: budgets ~ S_j N_j, coverage on the global scale below the global cut-off k, "
                           "ridge-chosen k"),
        Method("nucs_gcov09", _nucs("difficulty", sampling="coverage", window_scale="global", window=0.9),
               description="variant: budgets ~ S_j N_j, coverage on the global scale below its 0.9 quantile "
                           "(the robust-default candidate the held-out report rejected)"),
        Method("nucs_floor", _nucs("difficulty", min_share=0.5),
               description="variant: budgets ~ S_j N_j, each at least half its proportional share, ridge-chosen k"),
        Method("nucs_perclass", _nucs("difficulty", per_class=True),
               description="variant: budgets ~ S_j N_j, one ridge-chosen k per class (coordinate ascent)"),
    )
)
"""Registry of the benchmark's methods; add a :class:`Method` to benchmark your own."""
