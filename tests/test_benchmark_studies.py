"""The study scripts of benchmarks/ build configurations that the benchmark can run."""

import dataclasses
import importlib
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_array_equal

pytest.importorskip("torch")

from sknucs import _ridge  # noqa: E402
from sknucs.benchmark import METHODS  # noqa: E402
from sknucs.benchmark._tasks import DATASETS, TRACKS  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
STUDIES = ("filter_followup_study", "noise_filter_study", "scale_study", "residual_cap_study", "share_floor_study",
           "cap_study", "noise_cut_study", "exponent_study", "balance_exponent_study", "featureless_study",
           "featureless_cut_study", "featureless_half_study", "cap_at_70_study", "between_rates")


@pytest.fixture(scope="module")
def scripts():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield lambda name: importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


def _check(config, extra=()):
    unknown = set(config.methods) - set(METHODS) - set(extra)
    assert not unknown, f"methods the benchmark does not know: {sorted(unknown)}"
    for dataset, track in config.tasks:
        assert dataset in DATASETS and track in TRACKS


@pytest.mark.parametrize("study", STUDIES)
def test_study_parts_name_known_methods_and_tasks(scripts, study):
    parts = scripts(study).parts()
    assert "dev" in parts and "report" in parts
    for name, (text, config) in parts.items():
        assert text and config.seeds and config.rates
        _check(config)


def test_cap_at_70_study_runs_70_percent_and_every_rate_and_counts_seen_kinds_apart(scripts):
    study = scripts("cap_at_70_study")
    assert all(config.rates == (0.7,) for _, config in study.parts().values())
    every = study.parts(every_rate=True)
    assert all(config.rates == (0.5, 0.7, 0.9) and "nucs" in config.methods for _, config in every.values())
    assert set(study.SEEN_KINDS) <= set(every) and not set(study.SEEN_KINDS) & set(study.HELD_OUT_KINDS)
    cells = {"dev": {("a", 0.7): ("ccs", {"nucs": (1.0, 0.5)})},
             "report": {("a", 0.7): ("ccs", {"nucs": (-1.0, 0.5)}), ("b", 0.7): ("bws", {"nucs": (0.2, 0.5)})},
             "confusion20": {("c", 0.7): ("ccs", {"nucs": (-0.3, 0.5)})}}
    lines = study.held_and_seen_sections(cells, ("nucs",))
    held, seen = lines.index("| nucs | 1/2 | -1.00 |"), lines.index("| nucs | 1/1 | -0.30 |")
    assert held < seen and lines[seen - 4].startswith("## Seen: the sixteenth session's kinds (confusion20)")


def test_window_on_frozen_runs_the_frozen_parts_and_the_development_split(scripts):
    parts = scripts("window_on_frozen").parts()
    assert "report" not in parts and {"dev", "frozen", "tops_frozen", "confusion20_frozen"} <= set(parts)
    for name, (_, config) in parts.items():
        _check(config)
        assert {"nucs", "nucs_window", "nucs_paper"} <= set(config.methods)
        assert name == "dev" or all(track == "backbone_frozen" for _, track in config.tasks)


def test_new_kinds_name_known_methods_and_tasks(scripts):
    kinds = scripts("new_kinds").kinds()
    assert {"asym40", "lt10_noise10", "digits_noise20", "digits_noise20_finetune"} <= set(kinds)
    for text, config, extra in kinds.values():
        _check(config, [m.name for m in extra.values()])


def test_polluted_kinds_run_the_featureless_default_and_show_only_their_columns(scripts):
    study = scripts("new_kinds")
    kinds = study.kinds()
    for name, dataset in (("openset20", "fmnist_openset"), ("occluded20", "fmnist_occluded")):
        text, config, extra = kinds[name]
        assert config.tasks == ((dataset, "scratch"),) and config.noise_rate == 0.2
        assert extra[study.FEATURELESS].name == "nucs_nofeat_cap" and extra[study.NOISE_CUT].name == "nucs_k0.8"
    rows = [{"dataset": "fmnist_openset", "track": "scratch", "method": method, "rate": 0.7, "seed": seed,
             "accuracy": 0.8 + 0.01 * i + 0.001 * seed, "window": 1.0}
            for i, method in enumerate((*study.BASELINES, "nucs", "nucs_unfiltered", "nucs_paper",
                                        "nucs_nofeat_cap", "nucs_k0.8")) for seed in (0, 1)]
    header = study._table({"openset20": rows}, kinds)[0]
    assert study.FEATURELESS in header and study.NOISE_CUT in header
    assert study.ROUND_EIGHT not in header and study.EXPONENT not in header


def test_round_six_compares_round_three_with_its_candidates(scripts):
    parts = scripts("residual_cap_study").parts()
    assert {"nucs_round3", "nucs_residual_cap", "nucs_residual_cap4"} <= set(parts["dev"][1].methods)
    assert "nucs_residual_cap" not in parts["report"][1].methods  # the development split's loser stops there
    assert "nucs_residual_cap" in parts["noise10"][1].methods


def test_probe_recall_knows_the_clean_twin_of_every_noisy_data_set(scripts):
    from sknucs.benchmark._tasks import NOISY_DATASETS

    clean = scripts("probe_recall").CLEAN
    assert set(clean) == set(NOISY_DATASETS)
    assert all(twin in DATASETS and twin not in NOISY_DATASETS for twin in clean.values())


def test_round_eight_candidates_differ_at_90_percent_only(scripts):
    # at 50 and 70% the cap study's candidates are one selector (the same parameters in their cache keys)
    # and cut one coreset

    from sknucs._default_window import default_window_cap
    from sknucs.benchmark._runner import selector_params_key

    parts = scripts("cap_study").parts()
    assert {"nucs_round6", "nucs_uncapped", "nucs_cap95"} <= set(parts["dev"][1].methods)
    for rate in (0.5, 0.7, 0.9):
        keys = {name: repr(selector_params_key(METHODS[name].build(rate, random_state=0)))
                for name in ("nucs_round9", "nucs_round6", "nucs_uncapped", "nucs_cap95")}
        assert keys["nucs_round9"] == keys["nucs_cap95"]  # round eight's candidate was round nine's default
        assert (len(set(keys.values())) == 1) == (rate < 0.9)
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 400)
    features = rng.normal(size=(400, 6)) + 2 * np.eye(4)[y] @ rng.normal(size=(4, 6))
    scores = rng.random(400) * (1 + y)
    for rate in (0.5, 0.7):
        assert default_window_cap(rate) == 1.0
        kept = {name: METHODS[name].build(rate, random_state=0).fit(scores, y, features=features).sample_indices_
                for name in ("nucs_round6", "nucs_uncapped", "nucs_cap95")}
        assert np.array_equal(kept["nucs_round6"], kept["nucs_uncapped"])
        assert np.array_equal(kept["nucs_round6"], kept["nucs_cap95"])
    at_90 = {name: METHODS[name].build(0.9, random_state=0).fit(scores, y, features=features)
             for name in ("nucs", "nucs_round6", "nucs_uncapped", "nucs_cap95")}
    assert at_90["nucs_round6"].window_search_.grid_.max() == pytest.approx(0.9)
    assert at_90["nucs_cap95"].window_search_.grid_.max() == pytest.approx(0.95)
    assert at_90["nucs"].window_search_.grid_.max() == pytest.approx(0.95)
    assert at_90["nucs_uncapped"].window_search_.grid_.max() > 0.95


def test_held_out_summary_counts_every_part_but_the_development_split(scripts):
    summary = scripts("_study_parts").held_out_summary
    collected = {
        "dev": {("a", 0.9): ("ccs", {"x": (-5.0, 0.5)})},
        "report": {("a", 0.5): ("ccs", {"x": (-0.4, 0.5)}), ("a", 0.9): ("bws", {"x": (-0.7, 0.5)})},
        "lt10": {("b", 0.9): ("bws", {"x": (+1.0, 0.8)})},
    }
    assert summary(collected, ("x",))[2] == "| x | 2/3 | -0.70 |"
    section = scripts("_study_parts").held_out_section
    assert section({"dev": collected["dev"]}, ("x",)) == []
    lines = section(collected, ("x",), "a note")
    assert lines[1] == "## Every part but the development split"
    assert lines[3] == "Cells met over the parts run (report, lt10); a note." and lines[-1] == "| x | 2/3 | -0.70 |"


def test_group_sections_and_rows_count_each_group_over_its_own_parts(scripts):
    parts = scripts("_study_parts")
    collected = {
        "dev": {("a", 0.9): ("ccs", {"x": (-5.0, 0.5), "y": (0.0, 0.5)})},
        "report": {("a", 0.5): ("ccs", {"x": (-0.4, 0.5), "y": (-1.0, 0.5)}),
                   ("a", 0.9): ("bws", {"x": (-0.7, 0.5), "y": (+1.0, 0.5)})},
        "lt10": {("b", 0.9): ("bws", {"x": (+1.0, 0.8), "y": (+2.0, 0.8)})},
    }
    groups = {"held": ("report", "lt10"), "dev only": ("dev",), "never ran": ("noise40",)}
    lines = parts.group_sections(collected, groups, ("x", "y"))
    assert [line for line in lines if line.startswith("## ")] == ["## held", "## dev only"]
    assert lines[3:7] == ["| method | cells met | worst margin |", "|---|---|---|", "| x | 2/3 | -0.70 |",
                          "| y | 2/3 | -1.00 |"]
    assert lines[-1] == "| y | 1/1 | +0.00 |"
    rows = parts.group_rows(collected, groups, ("x", "y"))
    assert rows == ["| cells | x | y |", "|---|---|---|",
                    "| held (3) | 2, worst -0.70, mean -0.03 | 2, worst -1.00, mean +0.67 |",
                    "| dev only (1) | 0, worst -5.00, mean -5.00 | 1, worst +0.00, mean +0.00 |"]


def test_balance_exponent_study_names_every_cell_where_the_default_matches_neither_column(scripts):
    check = scripts("balance_exponent_study").same_as_one_of_the_others
    cells = {("a", 0.5): ("ccs", {"nucs": (0.3, 0.5), "nucs_round11": (0.3, 0.5), "nucs_exp75": (0.1, 0.5)}),
             ("b", 0.9): ("bws", {"nucs": (0.2, 0.5), "nucs_round11": (0.3, 0.5), "nucs_exp75": (0.1, 0.5)})}
    assert check({"dev": cells}) == ["- dev, b, 90%: nucs +0.20, nucs_round11 +0.30, nucs_exp75 +0.10"]


def test_round_eight_guard_differs_from_todays_only_where_most_labels_are_wrong(scripts):

    rng = np.random.default_rng(0)
    truth = rng.integers(0, 5, 2000)
    features = rng.normal(scale=4.0, size=(5, 6))[truth] + rng.normal(size=(2000, 6))
    scores = rng.random(2000)
    fitted = {}
    for noise in (0.0, 0.6):
        y = truth.copy()
        flipped = rng.random(2000) < noise
        y[flipped] = (truth[flipped] + rng.integers(1, 5, flipped.sum())) % 5
        fitted[noise] = {name: METHODS[name].build(0.7, random_state=0).fit(scores, y, features=features)
                         for name in ("nucs_round11", "nucs_round8")}  # round eleven's: exponent=1, as round eight's
    clean, noisy = fitted[0.0], fitted[0.6]
    assert np.array_equal(clean["nucs_round11"].sample_indices_, clean["nucs_round8"].sample_indices_)
    assert noisy["nucs_round11"].noise_rate_ > 0.5 and noisy["nucs_round11"].suspects_excluded_
    assert noisy["nucs_round8"].window_search_ is None and not noisy["nucs_round8"].suspects_excluded_
    kinds = scripts("new_kinds").kinds()
    assert all(kinds[name][2]["round eight"].name == "nucs_round8" for name in ("noise50", "noise60"))


def test_rounds_six_to_nine_keep_their_noise_cut():
    # round ten's default limits the noise cut; the variants of the earlier rounds keep noise_cut=0.25
    from sknucs.benchmark._runner import selector_params_key

    def key(name):
        return selector_params_key(METHODS[name].build(0.7, random_state=0))

    assert key("nucs")["noise_cut"] == key("nucs_cut_limit")["noise_cut"] == "auto"
    for name in ("nucs_round9", "nucs_round8", "nucs_round6", "nucs_cap95", "nucs_uncapped", "nucs_share_floor"):
        assert key(name)["noise_cut"] == 0.25, name
    assert "noise_cut" not in key("nucs_round3")  # round three's: no cut, the paper's value


def test_noise_cut_study_plots_the_margin_against_the_noise_rate(scripts, tmp_path):
    pytest.importorskip("matplotlib")
    study = scripts("noise_cut_study")
    known = study.parts()
    cells = {("fmnist_noisy / scratch", rate): ("bws", {name: (0.1 * i, 0.5) for i, name in enumerate(study.NAMES)})
             for rate in (0.5, 0.7, 0.9)}
    collected = {"report": cells, "noise40": cells, "dev": cells}  # dev is not a point of the plot
    study.draw_margins(collected, known, tmp_path / "margins.png")
    assert (tmp_path / "margins.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [known[part][1].noise_rate for part in ("report", "noise40")] == [0.2, 0.4]


def test_balance_exponent_study_plots_each_cell_on_or_off_the_diagonal(scripts, tmp_path):
    pytest.importorskip("matplotlib")
    study = scripts("balance_exponent_study")
    cells = {("a", 0.5): ("ccs", {"nucs": (0.3, 0.5), "nucs_round11": (0.3, 0.5), "nucs_exp75": (0.1, 0.5)}),
             ("b", 0.9): ("bws", {"nucs": (0.2, 0.5), "nucs_round11": (-0.4, 0.5), "nucs_exp75": (0.2, 0.5)})}
    assert study.margin_points({"dev": cells}) == ([(0.3, 0.3)], [(-0.4, 0.2)])
    study.draw_margins({"dev": cells}, tmp_path / "margins.png")
    assert (tmp_path / "margins.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_round_twelves_default_is_round_elevens_on_imbalanced_classes_and_exponent_75_on_balanced():
    # balance_exponent_study.py read each cell of nucs, round twelve's default (today's nucs_round15, the same
    # selector until round sixteen's cap at 70%), as one of the two columns beside it

    rng = np.random.default_rng(0)
    for counts, twin in (((500, 500, 500), "nucs_exp75"), ((900, 300, 100), "nucs_round11")):
        y = np.repeat(np.arange(3), counts)
        scores = rng.random(y.size) * np.array([0.2, 0.5, 1.0])[y]
        features = np.eye(3)[y] * 3 + rng.normal(size=(y.size, 3))
        fitted = {name: METHODS[name].build(0.7, random_state=0).fit(scores, y, features=features)
                  for name in ("nucs_round15", "nucs_exp75", "nucs_round11")}
        assert np.array_equal(fitted["nucs_round15"].sample_indices_, fitted[twin].sample_indices_)
        other = "nucs_round11" if twin == "nucs_exp75" else "nucs_exp75"
        assert not np.array_equal(fitted["nucs_round15"].sample_indices_, fitted[other].sample_indices_)


def test_featureless_study_tells_wrong_labels_from_clean_ones_in_its_plot(scripts, tmp_path):
    pytest.importorskip("matplotlib")
    study = scripts("featureless_study")
    per = {"nucs_nofeat": (-1.0, 0.5), "nucs_nofeat_cap": (0.5, 0.5), "nucs": (0.2, 0.5)}
    cells = {(task, 0.9): ("bws", per) for task in
             ("fmnist / scratch", "fmnist_noisy[5-9] / finetune", "fmnist_asym / scratch", "digits / scratch")}
    assert study.cut_off_points({"report": cells}) == ([(-1.0, 0.5)] * 2, [(-1.0, 0.5)] * 2)
    clean, noisy = study.cut_off_points({"report": {("fmnist_lt / scratch", 0.7): ("ccs", per)}})
    assert len(clean) == 1 and not noisy
    study.draw_cut_offs({"report": cells}, tmp_path / "cut_offs.png")
    assert (tmp_path / "cut_offs.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_featureless_variants_never_see_the_features_and_one_is_todays_default():
    # nucs_nofeat_95 cuts the coreset NUCSSelector(rate).fit(scores, y) cuts since round fourteen; nucs_nofeat_cap
    # keeps round thirteen's cut-off (1 at 70%), nucs_nofeat round twelve's, default_window(rate), below it

    from sknucs import NUCSSelector, default_window

    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 1000)
    features = rng.normal(scale=4.0, size=(4, 5))[y] + rng.normal(size=(1000, 5))
    scores = rng.random(1000) * (1 + y)
    for rate in (0.5, 0.7, 0.9):
        today = NUCSSelector(rate, random_state=0).fit(scores, y)
        fourteenth = METHODS["nucs_nofeat_95"].build(rate, random_state=0).fit(scores, y, features=features)
        at_cap = METHODS["nucs_nofeat_cap"].build(rate, random_state=0).fit(scores, y, features=features)
        before = METHODS["nucs_nofeat"].build(rate, random_state=0).fit(scores, y, features=features)
        assert at_cap.noise_rate_ is None and before.noise_rate_ is None  # no probe: no features reached them
        assert np.array_equal(fourteenth.sample_indices_, today.sample_indices_)
        assert np.array_equal(at_cap.sample_indices_, today.sample_indices_) == (rate != 0.7)  # 1 against 0.95
        assert before.window_ == default_window(rate)
        assert (before.window_ < at_cap.window_) == (rate > 0.5)


def test_round_fourteen_plots_its_second_candidate_and_counts_polluted_rows_as_not_clean(scripts, tmp_path):
    pytest.importorskip("matplotlib")

    from sknucs import NUCSSelector

    study = scripts("featureless_cut_study")
    assert {"openset20", "occluded20", "dev", "frozen"} <= set(study.parts())
    per = {"nucs_nofeat_cap": (-2.0, 0.5), "nucs_nofeat_m05": (0.0, 0.5), "nucs_nofeat_95": (1.0, 0.5)}
    cells = {(task, 0.7): ("bws", per) for task in ("fmnist / scratch", "fmnist_openset / scratch",
                                                     "fmnist_occluded / scratch", "fmnist_noisy / scratch")}
    clean, rest = scripts("featureless_study").cut_off_points(
        {"report": cells}, ("nucs_nofeat_cap", "nucs_nofeat_95"), ("noisy", "asym", "openset", "occluded"))
    assert clean == [(-2.0, 1.0)] and rest == [(-2.0, 1.0)] * 3
    study.draw_cut_offs({"report": cells}, tmp_path / "cut.png")
    assert (tmp_path / "cut.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the candidates fit as the usage line fits: no features reach them, the cut-offs as their docstrings say
    rng = np.random.default_rng(0)
    y, scores = rng.integers(0, 3, 600), rng.random(600)
    for rate, m05, at95 in ((0.5, 1.0, 1.0), (0.7, 0.95, 0.95), (0.9, 0.85, 0.95)):
        first = METHODS["nucs_nofeat_m05"].build(rate, random_state=0).fit(scores, y, features=scores[:, None])
        second = METHODS["nucs_nofeat_95"].build(rate, random_state=0).fit(scores, y, features=scores[:, None])
        assert first.noise_rate_ is None and second.noise_rate_ is None
        assert first.window == pytest.approx(m05) and second.window == pytest.approx(at95)
        same = NUCSSelector(rate, window=second.window, random_state=0).fit(scores, y)
        assert np.array_equal(same.sample_indices_, second.sample_indices_)


def test_score_tails_takes_the_hardest_share_of_each_class(scripts):

    hardest = scripts("score_tails").hardest_per_class
    codes = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    scores = np.array([0.1, 0.9, 0.5, 0.3, 0.2, 0.8, 0.4, 0.6, 0.1, 0.7])
    assert np.flatnonzero(hardest(scores, codes, 0.25)).tolist() == [1, 5, 9]     # 1 of 4, 2 of 6 (1.5 up)
    assert np.flatnonzero(hardest(scores, codes, 0.5)).tolist() == [1, 2, 5, 7, 9]
    assert not hardest(scores, codes, 0.0).any()
    assert set(scripts("score_tails").KINDS) <= set(scripts("new_kinds").kinds())


REAL_FMNIST = Path("/usr/share/datasets/fashion-mnist")


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_polluted_rows_finds_the_outliers_the_occluded_images_and_the_wrong_labels(scripts):
    import dataclasses


    from sknucs.benchmark._tasks import build_tasks

    study = scripts("polluted_rows")
    for name in study.KINDS:
        config = dataclasses.replace(scripts("new_kinds").kinds()[name][1], pool_size=1000)
        (task,) = build_tasks(*config.tasks[0], config)
        polluted = study.polluted_mask(task, config)
        assert polluted.mean() == pytest.approx(config.noise_rate, abs=0.01)
        if name == "confusion20":  # a labeller's confusions: mostly among the upper-body garments
            (clean,) = build_tasks("fmnist", "scratch", config)
            assert np.array_equal(task.y_pool[~polluted], clean.y_pool[~polluted])
            garments = np.isin(clean.y_pool[polluted], (0, 2, 4, 6)) & np.isin(task.y_pool[polluted], (0, 2, 4, 6))
            assert garments.mean() > 0.35  # 0.13 if the wrong classes were drawn at random
        elif name == "pair30":  # each wrong label is the next class of the true one
            (clean,) = build_tasks("fmnist", "scratch", config)
            assert np.array_equal(task.y_pool[polluted], (clean.y_pool[polluted] + 1) % 10)
            assert np.array_equal(task.y_pool[~polluted], clean.y_pool[~polluted])
        elif name == "occluded20":  # a square of random pixels: neighbours far apart, unlike a garment's
            jumps = np.abs(np.diff(task.X_pool.astype(float), axis=2)).reshape(len(polluted), -1).mean(axis=1)
            assert jumps[polluted].mean() > 2 * jumps[~polluted].mean()
        else:
            assert np.bincount(task.y_pool[polluted], minlength=8).min() > 0  # every label hides outliers


def test_gpu_lease_cuts_the_preset_to_one_lease(scripts):
    from sknucs.benchmark import pretrained_gpu_config
    from sknucs.benchmark._runner import check_plan

    lease = scripts("gpu_lease")
    config = lease.lease_config("w.pth", steps=300)
    preset = pretrained_gpu_config()
    check_plan(config)
    assert config.tasks == (("fmnist", "backbone_finetune"),) and config.seeds == (0,)
    assert config.methods == lease.METHODS and config.rates == (0.5, 0.9)  # 12 cells and the full pool
    assert config.backbone.finetune.steps == 300 and config.backbone.weights == "w.pth"
    assert config.backbone.finetune_size == 224 and config.backbone.finetune_pool_size == 25000
    unchanged = ("epochs", "batch_size", "lr")
    assert all(getattr(config.backbone.finetune, name) == getattr(preset.backbone.finetune, name) for name in unchanged)
    dry = lease.lease_config("w.pth", steps=2, pool_size=400, test_size=200, image_size=32)
    assert (dry.backbone.finetune_pool_size, dry.backbone.finetune_test_size, dry.backbone.finetune_size) == (400, 200, 32)


def test_between_rates_runs_60_and_80_percent_only_beside_every_baseline(scripts):
    from analyze_results import BASELINES

    study = scripts("between_rates")
    parts = study.parts()
    assert set(study.KINDS) < set(parts) and "frozen" in parts
    for _, config in parts.values():
        assert config.rates == (0.6, 0.8)
        assert set(BASELINES) | {"nucs", "nucs_paper"} == set(config.methods)


def test_proxy_picks_sampling_scores_both_schemes_on_the_same_fit(scripts):
    from types import SimpleNamespace


    study = scripts("proxy_picks_sampling")
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 300)
    context = SimpleNamespace(scores=rng.random(300), features=rng.normal(size=(300, 4)) + y[:, None])
    scores = study.best_proxy_scores(context, y, 0.7, seed=0)
    assert set(scores) == {"nucs", "nucs_window"} and all(0 <= v <= 100 for v in scores.values())
    assert scores == study.best_proxy_scores(context, y, 0.7, seed=0)


def test_between_rates_counts_every_rate_of_the_parts_run(scripts, monkeypatch, tmp_path):
    from analyze_results import BASELINES

    study = scripts("between_rates")
    neighbour = {0.5: 0.81, 0.7: 0.79, 0.9: 0.80}  # nucs against baselines at 0.80: +1, -1 (a miss), 0
    rows = [{"dataset": "d", "track": "scratch", "rate": rate, "method": method, "seed": seed,
             "accuracy": neighbour[rate] if method == "nucs" else 0.80}
            for rate in neighbour for method in BASELINES + ("nucs",) for seed in (0, 1)]
    monkeypatch.setattr(study, "run_benchmark", lambda config, cache_dir: rows)
    collected = {"dev": {("d / scratch", 0.6): ("ccs", {"nucs": (-0.6, 0.5), "nucs_paper": (0.0, 0.5)}),
                         ("d / scratch", 0.8): ("bws", {"nucs": (0.2, 0.5), "nucs_paper": (0.0, 0.5)})}}
    by_rate = study.margins_by_rate(study.parts(), "cache", collected)
    assert list(by_rate) == [("dev", "d / scratch")] and list(by_rate[("dev", "d / scratch")]) == [0.5, 0.6, 0.7, 0.8, 0.9]
    lines = study.rate_lines(by_rate)
    assert lines[2:] == ["| 50% | 1/1 | 100% | +1.00 |", "| 60% | 0/1 | 0% | -0.60 |", "| 70% | 0/1 | 0% | -1.00 |",
                         "| 80% | 1/1 | 100% | +0.20 |", "| 90% | 1/1 | 100% | +0.00 |"]
    figure = tmp_path / "rates.png"
    study.draw_rates(by_rate, figure)
    assert figure.stat().st_size > 0


def test_linear_probe_check_runs_frozen_parts_and_the_development_split_and_counts_new_kinds_apart(scripts):
    study = scripts("linear_probe_check")
    parts = study.parts()
    assert set(parts) == {"dev", "frozen", *study.SEEN_KINDS, *study.NEW_KINDS}
    for name, (_, config) in parts.items():
        _check(config)
        assert name == "dev" or all(track == "backbone_frozen" for _, track in config.tasks)
    cells = {"frozen": {("a", 0.9): ("ccs", {name: (-1.0, 0.5) for name in study.NAMES})},
             "digits_frozen": {("b", 0.9): ("bws", {name: (0.1 * i, 0.5) for i, name in enumerate(study.NAMES)})}}
    lines = study.summary_lines(cells)
    seen, held = lines.index("| nucs | 0/1 | -1.00 |"), lines.index("| nucs_window_global | 1/1 | +0.30 |")
    assert seen < held and lines[held - 7].startswith("## Held out: the five new kinds")


def test_round_twenty_two_runs_fresh_kinds_apart_from_round_twenty_ones_seen_parts(scripts):
    study = scripts("fallback_cut_study")
    parts = study.parts()
    assert set(study.FRESH_KINDS) | set(study.SEEN) == set(parts)
    assert not set(study.FRESH_KINDS) & set(study.SEEN)
    assert set(scripts("uniform_fallback_study").IN_README_TABLE) <= set(study.SEEN)
    for name, (text, config) in parts.items():
        assert text and set(study.NAMES) <= set(config.methods)
        _check(config)
    assert {parts[name][1].seeds for name in study.FRESH_KINDS} == {(0, 1, 2, 3, 4)}
    assert parts["digits_split1_finetune"][1].data_seed == 1  # another split: a kind of its own


def test_score_noise_signal_flags_the_high_component_and_each_classs_top(scripts):
    study = scripts("score_noise_signal")
    rng = np.random.default_rng(0)
    scores = np.r_[rng.normal(0.3, 0.05, 800), rng.normal(1.3, 0.05, 200)]
    flags, weight = study.mixture_flags(scores)
    assert flags[800:].all() and not flags[:800].any() and weight == pytest.approx(0.2, abs=0.01)
    codes = np.repeat([0, 1], 50)
    top = study.top_of_each_class(np.r_[np.arange(50.0), -np.arange(50.0)], codes, 0.1)
    assert_array_equal(np.flatnonzero(top), np.r_[45:50, 50:55])
    wrong = np.zeros(100, dtype=bool)
    wrong[45:50] = True
    assert study.recall_cells(top, wrong) == "10.0% | 50.0% | 100.0%"
    assert study.recall_cells(top, None) == "10.0% | | "


def test_featureless_fallback_check_acts_without_features_where_runs_disagree(scripts):
    from sknucs import NUCSSelector

    check = scripts("featureless_fallback_check")
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), [300, 200, 100])
    features = rng.normal(size=(y.size, 4)) + 3 * np.eye(4)[y]
    for noise, disagree in ((20.0, True), (0.05, False)):
        runs = y[:, None] + rng.random(y.size)[:, None] + noise * rng.random((y.size, 3))
        fitted = check.FallbackWithoutFeatures(0.9, random_state=0).fit(runs, y, features=features)
        assert fitted.noise_rate_ is None  # the features never reach it
        assert fitted.uniform_fallback_ == disagree and (fitted.window_ == 1.0) == disagree
        ranks = NUCSSelector(0.9, exponent=0.0, window=1.0, sampling="stratified", random_state=0).fit(runs, y)
        plain = NUCSSelector(0.9, random_state=0).fit(runs, y)
        assert_array_equal(fitted.get_support(), (ranks if disagree else plain).get_support())
        cut = check.CutFallbackWithoutFeatures(0.9, random_state=0).fit(runs, y, features=features)
        assert cut.window_ == 0.95 and cut.uniform_fallback_ == disagree  # the featureless cut-off at 90%
        ranks_below = NUCSSelector(0.9, exponent=0.0, window=0.95, sampling="stratified", random_state=0)
        assert_array_equal(cut.get_support(), (ranks_below.fit(runs, y) if disagree else plain).get_support())
        assert_array_equal(cut.get_support(), plain.get_support())  # since round twenty-three, the default's
        registered = METHODS["nucs_nofeat_round23"].build(0.9, random_state=0).fit(runs, y, features=features)
        assert registered.noise_rate_ is None and registered.uniform_fallback_ == disagree
        assert_array_equal(registered.get_support(), plain.get_support())


def test_round_twenty_three_runs_fresh_kinds_with_the_checks_settings(scripts):
    study = scripts("featureless_fallback_study")
    check = scripts("featureless_fallback_check")
    parts = study.parts()
    assert set(parts) == set(study.FRESH_KINDS) and set(study.WITH_WRONG_LABELS) < set(parts)
    seen = set(check.parts())  # round twenty-two's parts, which the check ran
    for name, (text, config) in parts.items():
        assert text and set(study.NAMES) <= set(config.methods) and config.seeds == (0, 1, 2, 3, 4)
        _check(config, extra=check.FALLBACK)
        assert name not in seen
    assert parts["digits_split2_finetune"][1].data_seed == 2  # another split: a kind of its own
    assert parts["digits_noise30_finetune"][1].noise_rate == 0.3


def test_one_run_check_fits_the_first_score_run_alone(scripts):
    from sknucs import NUCSSelector

    check = scripts("one_run_check")
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), [300, 200, 100])
    features = rng.normal(size=(y.size, 4)) + 3 * np.eye(4)[y]
    runs = y[:, None] + rng.random(y.size)[:, None] + 20.0 * rng.random((y.size, 3))  # runs that disagree
    one = check.ONE_RUN["nucs_one_run"].build(0.9, random_state=0).fit(runs, y, features=features)
    assert one.n_features_in_ == 1 and np.isnan(one.score_agreement_) and not one.uniform_fallback_
    first = NUCSSelector(0.9, random_state=0).fit(runs[:, 0], y, features=features)
    assert_array_equal(one.get_support(), first.get_support())
    assert NUCSSelector(0.9, random_state=0).fit(runs, y, features=features).uniform_fallback_  # three runs
    ranks = check.ONE_RUN["one_run_ranks"].build(0.9, random_state=0).fit(runs, y, features=features)
    assert ranks.sampling_ == "stratified" and (ranks.exponent_, ranks.window_) == (0.0, 1.0)
    for name, (_, config) in check.parts().items():
        assert set(check.NAMES) <= set(config.methods)
        _check(config, extra=check.ONE_RUN)


def test_readme_table_after_fix_reads_the_published_table_and_reruns_only_what_the_flaw_touched(scripts):
    after_fix = scripts("readme_table_after_fix")
    known = scripts("easy_cut_study").parts()
    before = after_fix.published_cells([part for members in after_fix.README_ROWS.values() for part in members])
    cells, met, worst, mean = after_fix.row_summaries(before)[after_fix.EVERY_ROW]
    assert (cells, met, round(worst, 2), round(mean, 2)) == (230, 204, -3.11, 1.07)  # the README's table as published
    assert [round(after_fix.shifted_mean(before, part), 2) for part in ("dev", "report", "frozen")] == [
        2.40, 1.88, 0.75]  # its means over the imbalanced and noisy tasks
    assert before["noise40_frozen"][("fmnist_noisy / backbone_frozen", "90%")] == ("bws", -1.36, False)
    assert after_fix.touched(known["noise40"][1]) == (("fmnist_noisy", "scratch"),)
    assert after_fix.touched(known["dev"][1]) == (("fmnist_noisy", "scratch"),)  # the noisy task alone
    assert after_fix.touched(known["report"][1]) == ()  # seeds 2-4: other draws than the noise's
    assert after_fix.touched(known["pair30"][1]) == ()  # pair flipping drew its rows per class
    with pytest.raises(ValueError, match="no section"):
        after_fix.published("no_such_part", "## other: text\n\n| a |\n\n", "a")


def test_frozen_signal_check_reads_a_linear_models_scores_and_separates_only_disjoint_tracks(scripts):
    check = scripts("frozen_signal_check")
    rng = np.random.RandomState(0)
    codes = np.repeat(np.arange(3), 100)
    features = rng.normal(size=(300, 5)) + 2.0 * np.eye(3, 5)[codes]
    margin = features[np.arange(300), codes]  # the own-class coordinate: a linear model's easiness
    linear = check.statistics(np.column_stack([-margin, -margin + 0.01 * rng.normal(size=300)]), codes, 3, features)
    unrelated = check.statistics(rng.uniform(size=300), codes, 3, features)
    assert linear["probe_rho"] > 0.5 > abs(unrelated["probe_rho"])
    assert linear["runs_agree"] > 0.9 and np.isnan(unrelated["runs_agree"])
    assert 0.5 < linear["probe_accuracy"] <= 1
    rows = [{"track": "backbone_frozen", "probe_rho": 0.9}, {"track": "scratch", "probe_rho": 0.5},
            {"track": "finetune", "probe_rho": 0.7}]
    assert check.separation(rows, "probe_rho")
    rows.append({"track": "scratch", "probe_rho": 0.95})
    assert not check.separation(rows, "probe_rho")


def test_probe_agreement_check_reads_the_probes_class_both_ways_and_takes_the_larger(scripts):
    check = scripts("probe_agreement_check")
    rng = np.random.default_rng(0)
    codes = np.r_[np.zeros(2000, dtype=int), np.ones(20, dtype=int)]
    features = rng.normal(size=(codes.size, 2))
    features[:, 0] += 8.0 * codes
    was, thresholds, now, was_chance, chance = check.readings(features, codes, 2)
    assert was < 0.2 < thresholds == now  # the rare class is found from its threshold only
    assert abs(was_chance) < 0.05 and abs(chance) < 0.05
    assert check.believed(was) == "no" and check.believed(now) == "yes"
    tiny = np.column_stack([rng.normal(size=100) * 1e-9, np.full(100, 3.0)]).astype(np.float32)
    assert check.constancy_changes(tiny) == 1  # the first column was taken for constant; the second is


def test_bench_many_classes_candidate_gives_the_librarys_leave_one_out_errors(scripts):
    bench = scripts("bench_many_classes")
    rng = np.random.default_rng(0)
    codes = np.arange(400) % 40                                  # more classes than the 8 features
    X = (rng.normal(size=(40, 8))[codes] + rng.normal(size=(400, 8))).astype(np.float64)
    rotated, target_mean, projected, shrink, leverages = bench.both_ways(X, codes, 40)
    by_classes = _ridge._loo_errors_by_classes(rotated, codes, target_mean, projected, shrink, leverages)
    by_rows = bench.loo_errors_by_rows(rotated, codes, target_mean, projected, shrink, leverages)
    np.testing.assert_allclose(by_rows, by_classes, rtol=1e-9)


def test_rare_class_check_counts_a_coreset_of_one_class_as_predicting_it(scripts):
    check = scripts("rare_class_check")
    rng = np.random.default_rng(0)
    y_test = np.repeat([0, 6], 50)
    X_test = rng.normal(size=(100, 3)) + 3.0 * (y_test == 6)[:, None]
    assert check.trained_accuracy(X_test[:40], y_test[:40], X_test, y_test) == 0.5  # only class 0 kept
    assert check.trained_accuracy(X_test, y_test, X_test, y_test) > 0.9


def test_kernel_path_check_compares_the_defaults_coresets_under_both_axes(scripts):
    check = scripts("kernel_path_check")
    rng = np.random.default_rng(0)
    y = np.arange(120) % 3
    features = rng.normal(size=(120, 200)) + 2.0 * np.eye(3, 200)[y]
    scores = rng.random(120)
    assert check.small_pool(features) and not check.small_pool(features[:, :5])
    kernel = check.support(scores, y, features, 0.8, 0)
    assert np.array_equal(kernel, check.support(scores, y, features, 0.8, 0, _ridge.gram_axes))
    assert kernel.sum() == 24


def test_score_kinds_check_swaps_only_the_score_and_reads_its_rule(scripts):
    check = scripts("score_kinds_check")
    el2n, aum = check.score_config("el2n"), check.score_config("aum")
    _check(aum)
    assert aum.scoring.score == "aum" and dataclasses.replace(aum.scoring, score="el2n") == el2n.scoring
    assert dataclasses.replace(aum, scoring=el2n.scoring) == el2n
    reference = [(0.5, True)] * 13 + [(-1.0, False)] * 2
    assert check.carries_over([(0.5, True)] * 11 + [(-2.0, False)] * 4, reference)
    assert not check.carries_over([(0.5, True)] * 10 + [(-1.0, False)] * 5, reference)  # three cells fewer
    assert not check.carries_over([(0.5, True)] * 14 + [(-2.1, False)], reference)      # worst 1.1 lower


def test_rank_difficulty_study_runs_forgetting_events_and_reads_its_rule(scripts):
    study = scripts("rank_difficulty_study")
    config = study.forgetting_config(study.FRESH_TASKS)
    _check(config)
    assert config.scoring.score == "forgetting" and set(study.FRESH_TASKS).isdisjoint(study.SEEN_TASKS)
    labels = np.repeat([0, 1], 10)
    assert study.condition_holds(np.r_[np.zeros(5), np.ones(5), np.ones(10)][:, None], labels)   # half of class 0
    assert not study.condition_holds(np.r_[np.zeros(4), np.ones(16)][:, None], labels)
    today = [(0.5, True)] * 4 + [(-3.0, False)] * 2
    assert study.taken({"nucs_round23": today, "nucs_rank_difficulty": [(0.5, True)] * 5 + [(-9.0, False)]})
    assert study.taken({"nucs_round23": today, "nucs_rank_difficulty": [(0.5, True)] * 4 + [(-3.0, False)] * 2})
    assert not study.taken({"nucs_round23": today, "nucs_rank_difficulty": [(0.5, True)] * 4 + [(-3.1, False)] * 2})
    assert not study.taken({"nucs_round23": today, "nucs_rank_difficulty": [(0.5, True)] * 3 + [(-0.2, False)] * 3})


def test_a_checkout_run_gives_the_childs_result_or_its_error(scripts, tmp_path):
    run_child = scripts("_checkout_run").run_child
    child = tmp_path / "child.py"
    child.write_text("import json, sys\nimport sknucs\n"
                     "if sys.argv[2] == 'fail':\n    raise SystemExit('the child could not run')\n"
                     "print('a log line')\nprint(json.dumps({'library': sknucs.__path__[0], 'echo': sys.argv[2]}))\n")
    assert run_child(child, ["ok"])["echo"] == "ok"
    with pytest.raises(RuntimeError, match="the run of this tree failed:\nthe child could not run"):
        run_child(child, ["fail"])
    with pytest.raises(RuntimeError, match="imported .*, not the checkout"):
        run_child(child, ["ok"], source=tmp_path)  # no sknucs there: the installed one is imported


def test_later_kinds_name_known_methods_and_tasks_and_keep_their_names(scripts):
    study = scripts("new_kinds")
    kinds = study.later_kinds()
    assert {"neardup30", "neardup50_frozen", "rot40", "rot40_lt_frozen"} <= set(kinds)
    for text, config, extra in kinds.values():
        _check(config, [m.name for m in extra.values()])
    text, config, extra = kinds["neardup30_frozen"]
    assert config.tasks == (("fmnist_neardup", "backbone_frozen"),) and config.noise_rate == 0.3
    assert extra[study.KEEP_COPIES].name == "nucs_round24" and study.NOISE_CUT not in extra
    assert kinds["rot40_lt"][1].tasks == (("fmnist_rot_lt", "scratch"),)
    assert not set(kinds) & set(study.kinds())  # the README table's kinds stay as they ran
    # where no label is wrong there is no rate p of wrong labels to cut at
    assert study.NOISE_CUT not in kinds["rot40"][2] and study.FEATURELESS in kinds["rot40"][2]


def test_near_copy_distances_are_relative_to_the_class_median(scripts):
    study = scripts("near_copy_distances")
    rng = np.random.default_rng(0)
    features = rng.normal(size=(60, 4))
    features[1] = features[0] + 1e-3  # a near-copy of row 0
    codes = np.repeat([0, 1], 30)
    ratio = study.relative_nearest(features, codes)
    assert ratio[0] < 0.01 and ratio[1] < 0.01 and np.median(ratio[2:30]) > 0.5
    np.testing.assert_allclose(np.median(ratio[30:]), 1.0)


def test_filter_precision_check_reads_the_filters_effect_per_rate(scripts):
    study = scripts("filter_precision_check")
    rows = [{"method": method, "rate": rate, "accuracy": accuracy}
            for method, rate, accuracy in (("nucs", 0.5, 0.80), ("nucs", 0.5, 0.82), ("nucs_unfiltered", 0.5, 0.79),
                                           ("nucs", 0.7, 0.70), ("random", 0.7, 0.99))]
    assert study.filter_effect(rows, 0.5) == pytest.approx(2.0)
    assert np.isnan(study.filter_effect(rows, 0.7))  # no unfiltered cell: no effect, not a number
    known = {**scripts("new_kinds").kinds(), **scripts("new_kinds").later_kinds()}
    assert all("nucs_unfiltered" in known[name][1].methods for name in study.KINDS)


def test_easy_half_share_counts_suspects_below_each_class_median(scripts):
    study = scripts("filter_precision_check")
    codes = np.repeat([0, 1], 4)
    scores = np.array([0.1, 0.2, 0.3, 0.4, 5.0, 6.0, 7.0, 8.0])  # class 1's scores all above class 0's
    suspects = np.array([1, 0, 0, 1, 1, 0, 0, 0], dtype=bool)  # rows 0 and 4 easy in their class, row 3 hard
    assert study.easy_half_share(scores, codes, suspects) == pytest.approx(2 / 3)
    assert np.isnan(study.easy_half_share(scores, codes, np.zeros(8, dtype=bool)))
