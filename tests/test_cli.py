"""The sknucs command: select (files in, indices out atomically) and demo."""

import importlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sknucs import PAPER_SETTINGS, NUCSSelector, cli
from sknucs._cli_io import joined_number_labels, read_array, same_number_labels, write_indices


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], [60, 25, 15])
    rng.shuffle(y)
    scores = rng.random((y.size, 3)) * np.array([0.2, 0.5, 1.0])[y, None]
    np.save(tmp_path / "scores.npy", scores)  # three runs that disagree (score_agreement_ < 0.3)
    np.save(tmp_path / "one_run.npy", scores[:, 0])  # one run: whether runs agree is unknown
    np.savetxt(tmp_path / "scores.csv", scores, delimiter=",", header="a,b,c", comments="")
    np.savetxt(tmp_path / "labels.csv", y, fmt="%d", header="label", comments="")
    (tmp_path / "names.txt").write_text("\n".join(np.array(["cat", "dog", "eel"])[y]) + "\n")
    features = rng.normal(size=(y.size, 4))
    shown = y.copy()
    shown[:8] = (y[:8] + 1) % 3  # the features of 8 rows say another class than their label
    features[:, :3] += 4 * np.eye(3)[shown]
    np.save(tmp_path / "features.npy", features)
    np.save(tmp_path / "unrelated.npy", rng.random((y.size, 4)))  # features that say nothing of the labels
    return tmp_path, scores, y


def run(argv, capsys):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def select_with_features(files, capsys, rate, options, features="features.npy"):
    """Run ``sknucs select`` with ``--features``: (stdout, kept indices, the selector fitted as the CLI should)."""
    tmp, scores, y = files
    out = tmp / "kept.npy"
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                           "--features", tmp / features, "--rate", rate, *options, "--out", out], capsys)
    assert code == 0

    def fitted(**params):
        return NUCSSelector(rate, random_state=0, **params).fit(scores, y, features=np.load(tmp / features))

    return stdout, np.load(out), fitted


def expected_indices(scores, y, **params):
    params = {"random_state": 0, **params}
    return NUCSSelector(**params).fit(scores, y).sample_indices_


@pytest.mark.parametrize("out_name", ["kept.npy", "kept.txt", "kept.csv"])
@pytest.mark.parametrize("scores_name", ["scores.npy", "scores.csv"])
def test_select_writes_the_selector_indices(files, capsys, scores_name, out_name):
    tmp, scores, y = files
    out = tmp / out_name
    code, stdout, err = run(["select", "--scores", tmp / scores_name, "--labels",
                             tmp / "labels.csv", "--rate", 0.7, "--out", out], capsys)
    assert code == 0 and err == ""
    assert np.array_equal(read_array(out, what="out"), expected_indices(scores, y, rate=0.7))
    if out_name == "kept.csv":
        assert out.read_text().splitlines()[0] == "index"
    lines = stdout.splitlines()
    assert lines[0].split()[:3] == ["class", "samples", "kept"]
    assert [line.split()[0] for line in lines[1:4]] == ["0", "1", "2"]
    total = next(line for line in lines if line.startswith("total")).split()
    assert total[1:3] == ["100", "30"]
    assert f"wrote 30 of 100 indices to {out}" in stdout


def test_select_summary_counts_match_the_selection(files, capsys):
    tmp, scores, y = files
    out = tmp / "kept.npy"
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "names.txt",
                           "--rate", 0.5, "--window", 1, "--allocation", "proportional",
                           "--out", out], capsys)
    assert code == 0
    kept = np.load(out)
    names = np.array(["cat", "dog", "eel"])[y]
    rows = {line.split()[0]: line.split() for line in stdout.splitlines()[1:4]}
    for name in ("cat", "dog", "eel"):
        assert int(rows[name][1]) == (names == name).sum()
        assert int(rows[name][2]) == (names[kept] == name).sum()
    assert np.array_equal(kept, expected_indices(scores, y, rate=0.5, window=1.0,
                                                 allocation="proportional"))


def test_byte_string_labels_are_named_as_text_in_the_summary(files, capsys):
    tmp, _, y = files
    np.save(tmp / "bytes.npy", np.array([b"cat", b"dog", b"eel"])[y])
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "bytes.npy",
                           "--rate", 0.5, "--out", tmp / "kept.npy"], capsys)
    assert code == 0
    assert [line.split()[0] for line in stdout.splitlines()[1:4]] == ["cat", "dog", "eel"]


def test_select_options_reach_the_selector(files, capsys):
    tmp, scores, y = files
    out = tmp / "kept.npy"
    code, _, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                      "--rate", 0.6, "--window", 0.4, "--exponent", 0.5, "--winsorize", 0.1,
                      "--higher-is-easier", "--negative-scores", "rank", "--seed", 3,
                      "--out", out], capsys)
    assert code == 0
    expected = expected_indices(scores, y, rate=0.6, window=0.4, exponent=0.5, winsorize=0.1,
                                higher_is_harder=False, negative_scores="rank", random_state=3)
    assert np.array_equal(np.load(out), expected)


@pytest.mark.parametrize("options, params", [
    (["--sampling", "coverage"], {"sampling": "coverage"}),
    (["--window-scale", "global"], {"window_scale": "global"}),
    (["--min-share", 1.0], {"min_share": 1.0}),
])
def test_select_variant_options_reach_the_selector(files, capsys, options, params):
    tmp, scores, y = files
    out = tmp / "kept.npy"
    code, _, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                      "--rate", 0.8, "--paper", "--window", 0.7, *options, "--out", out], capsys)
    assert code == 0
    paper = {**PAPER_SETTINGS, "rate": 0.8, "window": 0.7}
    expected = expected_indices(scores, y, **{**paper, **params})
    assert np.array_equal(np.load(out), expected)
    assert not np.array_equal(expected, expected_indices(scores, y, **paper))


@pytest.mark.parametrize("features, threshold, verdict", [
    ("features.npy", 0.0, ", left out"),
    ("features.npy", 1.0, ", kept (below 1)"),
    ("unrelated.npy", 0.0, ", kept; the features are not used (they agree with the labels "),
    ("unrelated.npy", 1.0, ", kept; the features are not used (they agree with the labels "),
])
@pytest.mark.filterwarnings("ignore::sknucs.UninformativeFeaturesWarning")  # its line on stderr: test below
def test_noise_filter_reaches_the_selector_and_the_summary(files, capsys, features, threshold, verdict):
    stdout, kept, fitted = select_with_features(files, capsys, 0.5, ["--noise-filter", threshold], features)
    selector = fitted(noise_filter=threshold)
    assert selector.suspect_labels_.any()
    assert np.array_equal(kept, selector.sample_indices_)
    assert f"labels the features contradict: {selector.noise_rate_:.1%} of the rows{verdict}" in stdout


def test_features_in_another_row_order_are_one_warning_line(files, capsys):
    tmp, _, _ = files
    np.save(tmp / "reversed.npy", np.load(tmp / "features.npy")[::-1])
    code, out, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv", "--features",
                          tmp / "reversed.npy", "--rate", 0.5, "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and "the features are not used" in out
    assert err.startswith("sknucs select: warning: The features agree with the labels") and err.count("\n") == 1
    assert "in the order of the scores and y" in err


@pytest.mark.parametrize("options, cap", [([], "auto"), (["--window-cap", "off"], None),
                                          (["--window-cap", "0.2"], 0.2), (["--paper"], None)])
def test_window_cap_reaches_the_selector(files, capsys, options, cap):
    # the fixture's score runs disagree: keep the search that the cap bounds
    _, kept, fitted = select_with_features(files, capsys, 0.9, [*options, "--runs-disagree", "keep"])
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "window_cap": cap,
                         "runs_disagree": "keep"})
    assert np.array_equal(kept, expected.sample_indices_)
    if cap == 0.2:  # a cap below the search's pick (0.3 here) changes the coreset
        assert expected.window_ <= 0.2 < fitted(runs_disagree="keep").window_


@pytest.mark.parametrize("options, noise_cut", [([], NUCSSelector().noise_cut), (["--noise-cut", "1"], 1.0),
                                                (["--noise-cut", "0"], 0.0), (["--paper"], 0.0),
                                                (["--paper", "--noise-cut", "auto"], "auto")])
def test_noise_cut_reaches_the_selector(files, capsys, monkeypatch, options, noise_cut):
    seen = []
    fit = NUCSSelector.fit

    def recording_fit(self, *args, **kwargs):
        seen.append(self.noise_cut)
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(NUCSSelector, "fit", recording_fit)
    _, kept, fitted = select_with_features(files, capsys, 0.5, options)
    assert seen == [noise_cut]
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "noise_cut": noise_cut})
    assert np.array_equal(kept, expected.sample_indices_)


@pytest.mark.parametrize("options, easy_cut", [([], NUCSSelector().easy_cut), (["--easy-cut", "0.2"], 0.2),
                                               (["--easy-cut", "auto"], "auto"), (["--paper"], 0.0)])
def test_easy_cut_reaches_the_selector(files, capsys, options, easy_cut):
    # the fixture's score runs disagree: the cut needs no agreement here to apply
    _, kept, fitted = select_with_features(files, capsys, 0.5, [*options, "--easy-cut-agreement", "off"])
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "easy_cut": easy_cut,
                         "easy_cut_agreement": None})
    assert np.array_equal(kept, expected.sample_indices_)
    assert expected.easy_cut_ == (0.3 if easy_cut == "auto" else easy_cut)


@pytest.mark.parametrize("options, ramp", [([], NUCSSelector().easy_cut_ramp), (["--easy-cut-ramp", "40"], 40),
                                           (["--paper"], 0)])
def test_easy_cut_ramp_reaches_the_selector(files, capsys, options, ramp):
    _, kept, fitted = select_with_features(files, capsys, 0.5, options)
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "easy_cut_ramp": ramp})
    assert np.array_equal(kept, expected.sample_indices_) and expected.easy_cut_ramp == ramp


@pytest.mark.parametrize("options, threshold", [([], NUCSSelector().easy_cut_agreement),
                                                (["--easy-cut-agreement", "0.4"], 0.4),
                                                (["--easy-cut-agreement", "off"], None), (["--paper"], None)])
def test_easy_cut_agreement_reaches_the_selector(files, capsys, options, threshold):
    _, kept, fitted = select_with_features(files, capsys, 0.8, options)
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "easy_cut_agreement": threshold})
    assert np.array_equal(kept, expected.sample_indices_)
    assert expected.score_agreement_ < 0.4  # the fixture's three score columns are independent
    dropped = threshold is not None
    assert expected.easy_cut_ == (0.0 if dropped or "--paper" in options else 0.3)
    if "--paper" not in options:  # the threshold, and it alone, changed round seventeen's coreset
        assert np.array_equal(kept, fitted(easy_cut_agreement=None).sample_indices_) != dropped


@pytest.mark.parametrize("options, value", [([], "uniform_ranks"), (["--runs-disagree", "keep"], "keep"),
                                            (["--runs-disagree", "uniform"], "uniform"), (["--paper"], "keep")])
def test_runs_disagree_reaches_the_selector(files, capsys, options, value):
    stdout, kept, fitted = select_with_features(files, capsys, 0.8, options)
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "runs_disagree": value})
    assert np.array_equal(kept, expected.sample_indices_)
    assert expected.uniform_fallback_ == (value != "keep")  # the fixture's runs disagree
    assert ("not searched" in stdout) == (value != "keep")
    assert ("evenly over each class's ranks" in stdout) == (value == "uniform_ranks")
    if "--paper" not in options:
        assert np.array_equal(kept, fitted().sample_indices_) == (value == "uniform_ranks")


@pytest.mark.parametrize("options, named", [
    (["--noise-cut", "1"], "--noise-cut"),
    (["--noise-filter", "0.1", "--noise-cut", "0.5"], "--noise-filter, --noise-cut"),
    (["--window", "1", "--window-cap", "off"], "--window-cap"),  # a fixed cut-off: the cap cuts nothing
])
def test_options_that_need_features_say_so_without_them(files, capsys, options, named):
    tmp, scores, y = files
    code, stdout, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                             "--rate", 0.5, *options, "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and err.count("\n") == 1
    assert err.startswith(f"sknucs select: note: {named} act on --features")
    assert np.array_equal(np.load(tmp / "kept.npy"), expected_indices(scores, y, rate=0.5))
    code, _, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv", "--features",
                        tmp / "features.npy", "--rate", 0.5, *options, "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and "note:" not in err


def test_summary_says_how_high_the_search_could_cut(files, capsys):
    stdout, _, fitted = select_with_features(files, capsys, 0.5, ["--noise-cut", "1", "--runs-disagree", "keep"])
    bound = 1 - fitted(noise_cut=1.0, runs_disagree="keep").noise_rate_
    assert bound < 1 and f"(ridge search over k <= {bound:.3g})" in stdout
    stdout, _, fitted = select_with_features(files, capsys, 0.5, [])  # the runs disagree: no search, sizes
    agreement = fitted().score_agreement_
    assert (f"window k = 1 (the score runs disagree, agreement {agreement:.2f} < 0.3: not searched; drawn evenly "
            "over each class's ranks)") in stdout
    assert f"budgets ~ S_j^0 N_j (the score runs disagree, agreement {agreement:.2f} < 0.3: sizes alone)" in stdout
    tmp, _, _ = files
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                           "--rate", 0.5, "--out", tmp / "kept.npy"], capsys)
    # no features, no search, the runs disagreeing: since round twenty-three the fallback at the featureless
    # cut-off (at 50%, 1), and the summary says what features would add
    assert code == 0 and (f"window k = 1 (the score runs disagree, agreement {agreement:.2f} < 0.3: not searched; "
                          "drawn evenly over each class's ranks; no --features: no label checked, pass them)") in stdout
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                           "--rate", 0.5, "--runs-disagree", "keep", "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and "window k = 1 (no --features: not searched, and no label checked" in stdout
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                           "--features", tmp / "features.npy", "--noise-filter", "off", "--rate", 0.5,
                           "--out", tmp / "kept.npy"], capsys)
    # features given, the filter off and the runs disagreeing: no search and no probe, but features were passed
    assert code == 0 and (f"window k = 1 (the score runs disagree, agreement {agreement:.2f} < 0.3: not searched; "
                          "drawn evenly over each class's ranks)\n") in stdout
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                           "--rate", 0.5, "--window", 0.9, "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and "window k = 0.9\n" in stdout  # a cut-off of the user's: nothing to search


@pytest.mark.parametrize("options, cut_off", [([], "0.95"), (["--window-cap", "0.85"], "0.85"),
                                              (["--window-cap", "off"], "0.8"), (["--paper"], "0.8")])
def test_without_features_coverage_cuts_at_the_cap(files, capsys, options, cut_off):
    # Round thirteen: at 90% pruning the default's featureless cut-off is --window-cap's value
    # (auto: 0.95); with no cap, and for the paper's window, default_window(0.9) = 0.8.
    tmp, scores, y = files
    code, stdout, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                             "--rate", 0.9, *options, "--out", tmp / "kept.npy"], capsys)
    window = next(line for line in stdout.splitlines() if line.startswith("window k"))
    assert code == 0 and window.startswith(f"window k = {cut_off} (") and "no --features" in window
    assert "note:" not in err
    # the fixture's runs disagree: the default's fallback acts below the same cut-off (round twenty-three)
    assert ("the score runs disagree" in window) == ("--paper" not in options)


@pytest.mark.parametrize("options, skipped", [([], True), (["--duplicates", "keep"], False), (["--paper"], False),
                                              (["--paper", "--duplicates", "skip"], True)])
def test_copies_are_skipped_by_default_and_said_in_the_summary(files, capsys, options, skipped):
    tmp, _, y = files
    features = np.load(tmp / "features.npy")
    copies = np.flatnonzero(y == 0)[:20]
    features[copies[10:]] = features[copies[:10]]  # ten rows of class 0 repeat ten others
    np.save(tmp / "copies.npy", features)
    stdout, kept, fitted = select_with_features(files, capsys, 0.5, options, "copies.npy")
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}),
                         "duplicates": "skip" if skipped else "keep"})
    assert np.array_equal(kept, expected.sample_indices_)
    assert ("copies: 10 rows repeat an earlier row of their class, left out of the draw" in stdout) == skipped


@pytest.mark.parametrize("options, noise_filter", [([], 0.0), (["--noise-filter", "off"], None),
                                                   (["--paper"], None)])
def test_noise_filter_is_on_by_default_and_off_on_request(files, capsys, options, noise_filter):
    stdout, kept, fitted = select_with_features(files, capsys, 0.5, options)
    expected = fitted(**{**(PAPER_SETTINGS if "--paper" in options else {}), "noise_filter": noise_filter})
    assert np.array_equal(kept, expected.sample_indices_)
    assert ("labels the features contradict" in stdout) == (noise_filter is not None)


@pytest.mark.parametrize("paper", [False, True])
def test_select_uses_the_selectors_defaults_or_with_paper_the_papers_settings(files, capsys, paper):
    tmp, scores, y = files
    out = tmp / "kept.npy"
    code, _, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                      "--rate", 0.8, *(["--paper"] if paper else []), "--out", out], capsys)
    assert code == 0
    assert np.array_equal(np.load(out), expected_indices(scores, y, rate=0.8, **(PAPER_SETTINGS if paper else {})))


@pytest.mark.parametrize("option, value, allowed", [
    ("--min-share", "1.5", "[0, 1]"),
    ("--min-share", "5", "[0, 1]"),
    ("--winsorize", "0.7", "[0, 0.5)"),
    ("--winsorize", "0.5", "[0, 0.5)"),
    ("--exponent", "-1", ">= 0"),
    ("--exponent", "inf", ">= 0"),
    ("--window", "2", "[0, 1]"),
    ("--noise-filter", "1.5", "[0, 1]"),
    ("--window-cap", "0", "above 0"),
    ("--window-cap", "2", "[0, 1]"),
    ("--noise-cut", "1.5", "[0, 1]"),
    ("--easy-cut", "1", "[0, 1)"),
    ("--easy-cut-ramp", "-3", ">= 0"),
    ("--easy-cut-ramp", "2.5", ">= 0"),
    ("--easy-cut-agreement", "1.5", "[-1, 1]"),
    ("--easy-cut-agreement", "high", "[-1, 1]"),
    ("--rate", "nan", "[0, 1)"),
])
def test_out_of_range_options_stop_at_the_parser_in_cli_terms(files, capsys, option, value, allowed):
    tmp, _, _ = files
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, option, value, "--out", tmp / "kept.npy"], capsys)[::2]
    one_error_line(code, err, f"argument {option}:", allowed, value)
    python_name = option[2:].replace("-", "_")
    assert f"'{python_name}'" not in err and "tuple" not in err and "NUCSSelector" not in err
    assert not (tmp / "kept.npy").exists()


def one_error_line(code, err, *fragments):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("sknucs select: error: ")
    for fragment in fragments:
        assert fragment in err


def test_missing_file(files, capsys):
    tmp, _, _ = files
    one_error_line(*run(["select", "--scores", tmp / "nope.npy", "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2],
                   "nope.npy", "does not exist")


def test_mismatched_lengths(files, capsys):
    tmp, _, _ = files
    np.save(tmp / "short.npy", np.ones(99))
    one_error_line(*run(["select", "--scores", tmp / "short.npy", "--labels", tmp / "labels.csv",
                         "--features", tmp / "features.npy", "--rate", 0.5,
                         "--out", tmp / "k.npy"], capsys)[::2],
                   "--scores has 99", "--labels has 100", "--features has 100")


@pytest.mark.parametrize("rate", ["1", "1.5", "-0.1", "half"])
def test_bad_rate(files, capsys, rate):
    tmp, _, _ = files
    one_error_line(*run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                         "--rate", rate, "--out", tmp / "k.npy"], capsys)[::2], "rate")


@pytest.mark.parametrize("content, fragment", [
    (b"\x93NUMPY garbage", "not a readable .npy file"),
    (None, "unsupported format '.xls'"),
    ("1,2\n3\n", "row 2 has 1 columns"),
    ("0.5\nhigh\n0.1\n", "'high' is not a number"),
    ("", "is empty"),
])
def test_unreadable_scores(files, capsys, content, fragment):
    tmp, _, _ = files
    name = {bytes: "bad.npy", type(None): "bad.xls", str: "bad.csv"}[type(content)]
    path = tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content or "")
    one_error_line(*run(["select", "--scores", path, "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2], fragment)


def test_non_finite_scores(files, capsys):
    tmp, scores, _ = files
    scores = scores.copy()
    scores[[4, 9], 1] = [np.nan, np.inf]
    np.save(tmp / "nan.npy", scores)
    one_error_line(*run(["select", "--scores", tmp / "nan.npy", "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2],
                   "--scores has NaN or infinite values in 2 row(s)", "[4, 9]")


def test_labels_as_a_column_vector_npy(files, capsys):
    # np.save of y.reshape(-1, 1) was refused as not "one column", though it is one (a one-column text file is read)
    tmp, scores, y = files
    np.save(tmp / "column.npy", y[:, None])
    code, _, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "column.npy",
                        "--rate", 0.7, "--out", tmp / "kept.npy"], capsys)
    assert code == 0 and err == ""
    assert np.array_equal(np.load(tmp / "kept.npy"), expected_indices(scores, y, rate=0.7))


def test_bad_output_and_labels(files, capsys):
    tmp, _, _ = files
    base = ["select", "--scores", tmp / "scores.npy", "--rate", 0.5]
    one_error_line(*run(base + ["--labels", tmp / "labels.csv", "--out", tmp / "k.json"],
                        capsys)[::2], "unsupported format '.json'")
    one_error_line(*run(base + ["--labels", tmp / "labels.csv", "--out", tmp / "no" / "k.npy"],
                        capsys)[::2], "does not exist")
    one_error_line(*run(base + ["--labels", tmp / "scores.npy", "--out", tmp / "k.npy"],
                        capsys)[::2], "one label per sample")
    one_error_line(*run(base + ["--labels", tmp / "labels.csv", "--out", tmp / "k.npy",
                                "--bogus"], capsys)[::2], "unrecognized arguments: --bogus")
    negative = tmp / "negative.npy"
    np.save(negative, np.linspace(-1, 1, 100))
    one_error_line(*run(["select", "--scores", negative, "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2], "non-negative")
    assert not (tmp / "k.npy").exists()


def test_interrupted_write_leaves_the_old_file_and_no_partial_one(files, capsys, monkeypatch):
    tmp, _, _ = files
    out = tmp / "kept.npy"
    np.save(out, np.arange(3))

    def interrupted_save(handle, array, **kwargs):
        handle.write(b"\x93NUMPY partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "save", interrupted_save)
    code, _, err = run(["select", "--scores", tmp / "scores.csv", "--labels", tmp / "labels.csv",
                        "--rate", 0.5, "--out", out], capsys)
    monkeypatch.undo()
    assert code == cli.EXIT_INTERRUPTED and "interrupted" in err
    assert np.array_equal(np.load(out), np.arange(3))
    assert sorted(p.name for p in tmp.iterdir() if p.name.startswith(".")) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 2**40), max_size=50), st.sampled_from([".npy", ".txt", ".csv"]))
def test_written_indices_read_back(tmp_path_factory, values, suffix):
    path = tmp_path_factory.mktemp("io") / f"kept{suffix}"
    write_indices(path, values)
    if not values:
        assert path.exists()
        return
    back = read_array(path, what="out")
    assert np.array_equal(np.atleast_1d(back), np.asarray(values, dtype=np.int64))


def test_text_labels_and_headers_are_read(tmp_path):
    (tmp_path / "y.csv").write_text("label\n3\n1\n3\n")
    (tmp_path / "w.txt").write_text("cat\ndog\n")
    (tmp_path / "s.csv").write_text("run1,run2\n0.1,0.2\n0.3,0.4\n")
    assert read_array(tmp_path / "y.csv", what="y", numeric=False).tolist() == [3, 1, 3]
    assert read_array(tmp_path / "w.txt", what="y", numeric=False).tolist() == ["cat", "dog"]
    assert read_array(tmp_path / "s.csv", what="s").shape == (2, 2)


@pytest.fixture
def torch_found(monkeypatch):
    """``sknucs demo`` first checks that torch is installed: tests that mock the benchmark, or stop at
    its usage errors, need no torch (without it they failed where the other tests skip)."""
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: real_find_spec("sknucs") if name == "torch" else real_find_spec(name, *a))


def test_demo_without_torch_is_one_line(monkeypatch, capsys):
    real_find_spec = cli.importlib.util.find_spec
    monkeypatch.setattr(cli.importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real_find_spec(name, *a))
    code = cli.main(["demo"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "PyTorch" in err


def test_demo_runs_the_quick_benchmark(monkeypatch, torch_found):
    from sknucs.benchmark import _cli as benchmark_cli

    calls = []
    monkeypatch.setattr(benchmark_cli, "main", lambda argv, **options: calls.append(argv) or 0)
    assert cli.main(["demo", "--out", "somewhere"]) == 0
    assert cli.main(["demo", "--mode", "smoke"]) == 0
    assert calls == [["--mode", "quick", "--out", "somewhere"], ["--mode", "smoke"]]


def test_demo_without_data_is_one_line(monkeypatch, capsys, torch_found):
    from sknucs.benchmark import _cli as benchmark_cli

    def missing_data(argv, **options):
        raise FileNotFoundError("Fashion-MNIST not found in /usr/share/datasets.\n"
                                "Get it with `apt-get install dataset-fashion-mnist`.")

    monkeypatch.setattr(benchmark_cli, "main", missing_data)
    code = cli.main(["demo"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("sknucs demo: error: Fashion-MNIST not found") and "apt-get" in err


def test_demo_end_to_end_on_digits(tmp_path, capsys):
    """The real benchmark behind ``sknucs demo``, on its seconds-long preset."""
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()  # the benchmark sets its own; give them back
    try:
        code = cli.main(["demo", "--mode", "smoke", "--methods", "random", "--out", str(tmp_path),
                         "--cache", str(tmp_path / "cache"), "--quiet"])
    finally:
        torch.set_num_threads(threads)
    assert code == 0
    assert "| random |" in capsys.readouterr().out
    assert {"results.md", "results.csv", "accuracy.png"} <= {p.name for p in tmp_path.iterdir()}


def test_as_a_subprocess(files, run_python):
    tmp, scores, y = files
    out = tmp / "kept.txt"
    done = run_python("-m", "sknucs", "select", "--scores", str(tmp / "scores.npy"),
                      "--labels", str(tmp / "labels.csv"), "--rate", "0.7", "--window", "0.9",
                      "--out", str(out), check=False)
    assert done.returncode == 0, done.stderr
    assert np.array_equal(np.loadtxt(out, dtype=np.int64), expected_indices(scores, y, rate=0.7, window=0.9))
    failed = run_python("-m", "sknucs", "select", "--scores", str(tmp / "missing.npy"),
                        "--labels", str(tmp / "labels.csv"), "--rate", "0.7", "--out", str(out),
                        check=False)
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "missing.npy" in failed.stderr


def test_installed_console_script(files):
    """The ``sknucs`` script of an installed checkout (``make test``'s .venv) runs ``cli.main``."""
    script = shutil.which("sknucs", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("sknucs is not installed in this environment (make test installs it)")
    tmp, scores, y = files
    out = tmp / "kept.csv"
    done = subprocess.run([script, "select", "--scores", str(tmp / "scores.npy"), "--labels",
                           str(tmp / "labels.csv"), "--rate", "0.7", "--window", "0.9",
                           "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert np.array_equal(np.loadtxt(out, dtype=np.int64, skiprows=1),
                          expected_indices(scores, y, rate=0.7, window=0.9))


def test_a_closed_stdout_is_no_usage_error(files):
    # `sknucs select ... | head -1` (or `| grep -q`): the summary's reader leaves; the indices are written,
    # and "error: [Errno 32] Broken pipe" with the exit code of a usage error (2) was wrong
    tmp, scores, y = files
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sknucs", "select", "--scores", str(tmp / "scores.npy"), "--labels",
             str(tmp / "labels.csv"), "--rate", "0.7", "--out", str(tmp / "kept.npy")],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 141 and result.stderr == ""
    assert np.array_equal(np.load(tmp / "kept.npy"), expected_indices(scores, y, rate=0.7))


@pytest.mark.parametrize("clobbered", ["scores.npy", "labels.csv", "features.npy"])
def test_out_equal_to_an_input_is_refused(files, capsys, clobbered):
    tmp, _, _ = files
    before = (tmp / clobbered).read_bytes()
    (tmp / "sub").mkdir()
    out = tmp / "sub" / ".." / clobbered  # the same file, spelled differently
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                     "--features", tmp / "features.npy", "--rate", 0.5, "--window", 0.8,
                     "--out", out], capsys)[::2]
    name = {"scores.npy": "--scores", "labels.csv": "--labels", "features.npy": "--features"}[clobbered]
    one_error_line(code, err, f"is the {name} file", "another --out")
    assert (tmp / clobbered).read_bytes() == before


def test_out_through_a_symlink_to_an_input_is_refused(files, capsys):
    tmp, _, _ = files
    before = (tmp / "scores.npy").read_bytes()
    (tmp / "link.npy").symlink_to(tmp / "scores.npy")
    one_error_line(*run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "link.npy"], capsys)[::2], "--scores file")
    assert (tmp / "scores.npy").read_bytes() == before


def test_text_file_named_npy_is_called_what_it_is(files, capsys):
    tmp, _, _ = files
    (tmp / "text.npy").write_text("0.1\n0.2\n")
    code, err = run(["select", "--scores", tmp / "text.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "is not a .npy file", ".csv or .txt")
    assert "pickle" not in err


def test_object_array_npy_is_not_unpickled_and_not_advised_to_be(files, capsys):
    tmp, _, _ = files
    np.save(tmp / "objects.npy", np.array(["cat", None] * 50, dtype=object))
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "objects.npy",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "holds Python objects", "astype(str)")
    assert "allow_pickle" not in err


def test_word_labels_with_a_header_get_a_hint(files, capsys):
    tmp, _, y = files
    words = np.array(["cat", "dog", "eel"])[y]
    (tmp / "words.csv").write_text("animal\n" + "\n".join(words) + "\n")
    one_error_line(*run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "words.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2],
                   "--labels has 101", "'animal', a header?", "remove that line")


def test_no_header_hint_for_other_mismatches(files, capsys):
    tmp, _, y = files
    (tmp / "words.txt").write_text("\n".join(np.array(["cat", "dog"])[y[:60] % 2]) + "\n")
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "words.txt",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "--labels has 60")
    assert "header" not in err


def test_help_is_plain_text(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "``" not in out and ":func:" not in out
    assert "sknucs select" in out and "sknucs demo" in out and "--version" in out


@pytest.mark.parametrize("command", ["select", "demo"])
def test_each_commands_help_prints(command, capsys):
    # argparse %-formats help strings: a stray % (e.g. "60% pruning") made 'select --help' fail
    assert cli.main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: sknucs " + command)
    if command == "select":
        assert "60% pruning" in out and "(default: auto;" in out


def test_version(capsys, monkeypatch):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"sknucs {cli.package_version()}\n"

    def not_installed(name):
        raise cli.importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(cli.importlib.metadata, "version", not_installed)
    import sknucs

    assert cli.package_version() == sknucs.__version__


@pytest.mark.parametrize("where", ["build_parser", "read_array"])
def test_ctrl_c_anywhere_is_one_line_and_exit_130(files, capsys, monkeypatch, where):
    tmp, _, _ = files

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    import sknucs._cli_io

    monkeypatch.setattr(cli if where == "build_parser" else sknucs._cli_io, where, interrupted)
    try:
        code, out, err = run(["select", "--scores", tmp / "scores.npy", "--labels",
                              tmp / "labels.csv", "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    except KeyboardInterrupt:  # would end the pytest session, not fail the test
        pytest.fail("KeyboardInterrupt escaped cli.main")
    assert code == cli.EXIT_INTERRUPTED == 130
    assert out == "" and err.count("\n") == 1 and err.endswith("interrupted\n")


def test_selector_warnings_are_one_line_each(files, capsys, monkeypatch):
    tmp, _, _ = files

    class WarningSelector(NUCSSelector):
        def fit(self, scores, y, **kwargs):
            import warnings

            warnings.warn("class 'eel' gets no sample\nat this rate", UserWarning)
            return super().fit(scores, y, **kwargs)

    import sknucs._selector

    monkeypatch.setattr(sknucs._selector, "NUCSSelector", WarningSelector)
    code, out, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                          "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    assert code == 0 and "wrote" in out
    assert err == "sknucs select: warning: class 'eel' gets no sample at this rate\n"


CTRL_C_IN_A_LIBRARY_IMPORT = """
import builtins, sys
import sknucs.cli as cli
assert "sklearn" not in sys.modules, "importing the command loaded scikit-learn"
assert "numpy" not in sys.modules, "importing the command loaded numpy"
real_import = builtins.__import__
LIBRARY = sys.argv.pop(1)

def import_interrupted(name, *args, **kwargs):
    if name.startswith(LIBRARY):
        raise KeyboardInterrupt  # Ctrl-C while numpy or scikit-learn loads
    return real_import(name, *args, **kwargs)

builtins.__import__ = import_interrupted
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("library", ["numpy", "sklearn"])
def test_ctrl_c_during_start_up_is_one_line_and_exit_130(files, library):
    # the console script imports sknucs.cli, then calls main: numpy and scikit-learn (the second
    # of start-up) must load inside main, where Ctrl-C is caught, not at import
    tmp, _, _ = files
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_IN_A_LIBRARY_IMPORT, library, "select", "--scores", str(tmp / "scores.npy"),
         "--labels", str(tmp / "labels.csv"), "--rate", "0.5", "--out", str(tmp / "k.npy")],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "sknucs: interrupted\n" and result.stdout == ""


def test_a_pandas_index_column_is_dropped_not_averaged(files, capsys):
    # pandas' to_csv writes ",score" above its index: the first column is row numbers, not a score run
    tmp, scores, y = files
    mean = scores.mean(axis=1)
    lines = [",score"] + [f"{row},{float(value)!r}" for row, value in enumerate(mean)]
    (tmp / "indexed.csv").write_text("\n".join(lines) + "\n")
    assert np.array_equal(read_array(tmp / "indexed.csv", what="--scores"), mean)
    code, out, _ = run(["select", "--scores", tmp / "indexed.csv", "--labels", tmp / "labels.csv",
                        "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    assert code == 0 and "the mean of" not in out
    assert np.array_equal(np.load(tmp / "k.npy"), expected_indices(mean, y, rate=0.5))


def test_a_pandas_index_column_is_dropped_above_word_labels_too(tmp_path):
    # Series.to_csv() of word labels: ",label", then "0,emu": refused as two columns before
    words = np.array(["cat", "dog", "emu"])[np.arange(12) % 3]
    (tmp_path / "words.csv").write_text(",label\n" + "".join(f"{i},{w}\n" for i, w in enumerate(words)))
    assert read_array(tmp_path / "words.csv", what="--labels", numeric=False).tolist() == words.tolist()
    # a first column that is not the row numbers 0, 1, ... is data, header or not
    (tmp_path / "pairs.csv").write_text(",label\n" + "".join(f"{i + 1},{w}\n" for i, w in enumerate(words)))
    assert read_array(tmp_path / "pairs.csv", what="--labels", numeric=False).shape == (13, 2)


def test_text_labels_with_spaces_are_one_label_a_line(tmp_path, capsys):
    # "sea lion" was read as two columns and refused ("row 2 has 1 columns, the first has 2")
    names = ["sea lion", "cat", "sea  lion", "cat", "sea lion", "cat"]
    (tmp_path / "y.txt").write_text("".join(f"  {name}\r\n" for name in names))
    assert read_array(tmp_path / "y.txt", what="--labels", numeric=False).tolist() == names
    np.save(tmp_path / "s.npy", np.linspace(0, 1, 6))
    code, out, _ = run(["select", "--scores", tmp_path / "s.npy", "--labels", tmp_path / "y.txt",
                        "--rate", 0.5, "--out", tmp_path / "k.npy"], capsys)
    assert code == 0 and "sea lion" in out and "sea  lion" in out
    # a table of numbers stays a table, refused as labels as before; scores still split on spaces
    (tmp_path / "pairs.txt").write_text("3 0.5\n1 0.25\n")
    assert read_array(tmp_path / "pairs.txt", what="--labels", numeric=False).shape == (2, 2)
    assert read_array(tmp_path / "pairs.txt", what="--scores").shape == (2, 2)


def test_decimal_commas_are_refused_not_averaged_as_two_runs(tmp_path):
    # a European-locale export: 0,734 read as the runs 0 and 734 (difficulties of thousands), exit 0
    values = ["0,734", "0,0815", "0,5"]
    (tmp_path / "s.csv").write_text("\n".join(values) + "\n")
    with pytest.raises(ValueError, match=r"data row 1 \(0-based\) reads '0,0815'.*decimals written with a comma"):
        read_array(tmp_path / "s.csv", what="--scores")
    (tmp_path / "runs.csv").write_text("1,734\n2,815\n")  # two integer runs are still two runs
    assert read_array(tmp_path / "runs.csv", what="--scores").tolist() == [[1, 734], [2, 815]]


@pytest.mark.parametrize("name, delimiter, shown", [
    ("f.csv", ";", "';'"),  # a European-locale export
    ("f.csv", "\t", "'\\t'"),
    ("f.txt", ",", "','"),  # comma-separated, named .txt
])
def test_numbers_under_another_separator_say_how_each_format_is_split(tmp_path, name, delimiter, shown):
    np.savetxt(tmp_path / name, np.arange(6.0).reshape(3, 2) / 4, delimiter=delimiter)
    hint = rf"Numbers separated by {re.escape(shown)}\? A \.csv file is split at commas, a \.txt file at spaces or tabs"
    with pytest.raises(ValueError, match=rf"is not a number \(data row 0, .*\)\. {hint}\.$"):
        read_array(tmp_path / name, what="--features")


def test_the_summary_says_how_many_score_columns_were_averaged(files, capsys):
    tmp, _, _ = files
    code, out, _ = run(["select", "--scores", tmp / "scores.csv", "--labels", tmp / "labels.csv",
                        "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    assert code == 0 and "scores: the mean of 3 columns" in out


def test_labels_are_integers_only_when_written_as_integers(tmp_path):
    (tmp_path / "y.txt").write_text("1\n01\n99999999999999999999999\n1\n")
    (tmp_path / "z.txt").write_text("-2\n7\n")
    labels = read_array(tmp_path / "y.txt", what="--labels", numeric=False)
    assert labels.tolist() == ["1", "01", "99999999999999999999999", "1"]  # three classes, none merged
    assert read_array(tmp_path / "z.txt", what="--labels", numeric=False).tolist() == [-2, 7]
    big = read_array(tmp_path / "y.txt", what="--scores")  # scores beyond int64 are still numbers
    assert big.dtype == np.float64 and big[2] == 1e23


def test_labels_spelling_one_number_two_ways_get_a_warning(tmp_path, capsys):
    np.save(tmp_path / "s.npy", np.linspace(0, 1, 40))
    (tmp_path / "y.txt").write_text("1\n2\n" * 15 + "1.0\n2\n" * 5)
    (tmp_path / "z.txt").write_text("cat\ndog\n" * 20)
    code, _, err = run(["select", "--scores", tmp_path / "s.npy", "--labels", tmp_path / "y.txt",
                        "--rate", 0.5, "--out", tmp_path / "k.npy"], capsys)
    assert code == 0 and "--labels '1' and '1.0' are two classes, though they read as one number" in err
    code, _, err = run(["select", "--scores", tmp_path / "s.npy", "--labels", tmp_path / "z.txt",
                        "--rate", 0.5, "--out", tmp_path / "k.npy"], capsys)
    assert code == 0 and "one number" not in err
    assert same_number_labels(np.array(["07", "7", "x"])) == ("07", "7")
    assert same_number_labels(np.array(["nan", "NaN", "1"])) is None
    assert same_number_labels(np.array([1, 2])) is None


@pytest.mark.parametrize("name, text, shown", [("y.csv", "3;0.5\n1;0.25\n", ";"), ("y.txt", "3,0.5\n1,0.25\n", ","),
                                               ("y.csv", "3 1\n1 2\n", " ")])
def test_labels_that_are_rows_of_numbers_under_another_separator_are_refused(tmp_path, capsys, name, text, shown):
    np.save(tmp_path / "s.npy", np.linspace(0, 1, 20))
    (tmp_path / name).write_text(text * 10)
    code, _, err = run(["select", "--scores", tmp_path / "s.npy", "--labels", tmp_path / name,
                        "--rate", 0.5, "--out", tmp_path / "k.npy"], capsys)
    assert code == 2 and f"numbers joined by {shown!r}, not one label per row" in err
    assert not (tmp_path / "k.npy").exists()
    assert joined_number_labels(np.array(["3;0.5", "1;x"])) is None  # not every label
    assert joined_number_labels(np.array(["cat dog", "1 2"])) is None
    assert joined_number_labels(np.array([1, 2])) is None and joined_number_labels(np.array(["1.5", "2"])) is None


def test_verbose_reports_the_fits_stages_on_stderr(tmp_path, capsys):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 40)
    np.save(tmp_path / "s.npy", rng.random(120))
    np.save(tmp_path / "f.npy", rng.normal(size=(120, 4)) + 3.0 * y[:, None])
    np.savetxt(tmp_path / "y.csv", y, fmt="%d")
    argv = ["select", "--scores", tmp_path / "s.npy", "--labels", tmp_path / "y.csv", "--features",
            tmp_path / "f.npy", "--rate", 0.7, "--out", tmp_path / "k.npy"]
    code, _, err = run(argv + ["--verbose"], capsys)
    assert code == 0
    assert re.search(r"sknucs select: noise filter: a ridge probe on 120 rows x 4 features, 3 classes, .* in "
                     r"[0-9.]+ s", err)
    assert re.search(r"sknucs select: window search: k = [0-9.]+ of [0-9]+ endpoints, in [0-9.]+ s", err)
    code, _, err = run(argv, capsys)
    assert code == 0 and "noise filter" not in err and "window search" not in err
    assert logging.getLogger("sknucs").level == logging.NOTSET and not logging.getLogger("sknucs").handlers


def test_higher_is_easier_works_on_non_negative_scores(files, capsys):
    tmp, scores, y = files
    code, out, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                          "--rate", 0.5, "--higher-is-easier", "--out", tmp / "k.npy"], capsys)
    assert code == 0, err
    expected = NUCSSelector(rate=0.5, higher_is_harder=False, negative_scores="rank",
                            random_state=0).fit(scores, y).sample_indices_
    assert np.array_equal(np.load(tmp / "k.npy"), expected)


@pytest.mark.parametrize("seed", ["-1", str(2**32), "1.5", "x"])
def test_a_bad_seed_stops_at_the_parser_before_any_file_is_read(tmp_path, capsys, seed):
    one_error_line(*run(["select", "--scores", tmp_path / "missing.npy", "--labels", tmp_path / "y.csv",
                         "--rate", 0.5, "--out", tmp_path / "k.npy", "--seed", seed], capsys)[::2],
                   "the seed must be an integer in [0, 2**32)")


def test_out_that_is_a_folder_is_refused_before_any_work(files, capsys):
    tmp, _, _ = files
    (tmp / "d.npy").mkdir()
    one_error_line(*run(["select", "--scores", tmp / "missing.npy", "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "d.npy"], capsys)[::2], "is a folder")


def test_out_in_a_folder_that_cannot_be_written_is_refused_before_any_work(files, capsys, monkeypatch):
    # it was found only when writing, after the fit (minutes with features), and the
    # message named the temporary file: "[Errno 13] Permission denied: '.../.k.npy.x1y2.tmp'"
    tmp, _, _ = files
    locked = tmp / "locked"
    locked.mkdir()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir) == locked:  # chmod cannot lock a folder for root
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, err = run(["select", "--scores", tmp / "missing.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, "--out", locked / "k.npy"], capsys)[::2]
    one_error_line(code, err, f"--out folder {str(locked)!r} cannot be written to (Permission denied); "
                              "choose another --out.")
    assert list(locked.iterdir()) == []


def test_out_that_is_a_link_is_written_through_to_its_target(files, capsys):
    tmp, _, _ = files
    (tmp / "results").mkdir()
    target = tmp / "results" / "kept.npy"
    np.save(target, np.arange(3))
    (tmp / "link.npy").symlink_to(target)
    code, _, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                      "--rate", 0.5, "--out", tmp / "link.npy"], capsys)
    assert code == 0 and (tmp / "link.npy").is_symlink()  # the link stays, its target holds the indices
    assert np.load(target).size == 50 and list((tmp / "results").iterdir()) == [target]
    (tmp / "dangling.npy").symlink_to(tmp / "nowhere" / "k.npy")
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, "--out", tmp / "dangling.npy"], capsys)[::2]
    one_error_line(code, err, f"--out folder {os.path.realpath(tmp / 'nowhere')!r} does not exist.")


def test_demo_usage_errors_are_one_line_in_its_own_name(capsys, torch_found):
    code, _, err = run(["demo", "--bogus"], capsys)
    assert code == cli.EXIT_USAGE
    assert err == "sknucs demo: error: unrecognized arguments: --bogus (see sknucs demo --help)\n"


def _pandas_style(path, values):
    """``values`` as pandas' ``to_csv(index=False)`` writes unnamed columns: a header ``0,1,...``."""
    values = np.asarray(values)
    table = values.reshape(values.shape[0], -1)
    header = ",".join(str(i) for i in range(table.shape[1]))
    fmt = "%d" if table.dtype.kind in "iu" else "%.17g"
    np.savetxt(path, table, fmt=fmt, delimiter=",", header=header, comments="")


def test_pandas_header_above_decimals_is_dropped(files):
    tmp, scores, _ = files
    _pandas_style(tmp / "s.csv", scores[:, 0])
    _pandas_style(tmp / "many.csv", scores)
    np.testing.assert_array_equal(read_array(tmp / "s.csv", what="--scores"), scores[:, 0])
    np.testing.assert_array_equal(read_array(tmp / "many.csv", what="--scores"), scores)


def test_pandas_header_above_integers_is_data_with_a_hint_or_a_warning(files, capsys):
    tmp, scores, y = files
    _pandas_style(tmp / "s.csv", scores[:, 0])
    _pandas_style(tmp / "y.csv", y)
    # the scores' header is dropped, the labels' kept: one row more, and the hint names it
    one_error_line(*run(["select", "--scores", tmp / "s.csv", "--labels", tmp / "y.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2],
                   "--labels has 101", "the header pandas writes", "remove that line")
    # integer scores too: both headers are read as data, the counts agree, and a warning says so
    _pandas_style(tmp / "counts.csv", np.arange(y.size) % 4)
    code, _, err = run(["select", "--scores", tmp / "counts.csv", "--labels", tmp / "y.csv",
                        "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    assert code == 0 and "warning: the first line of --scores is '0' and --labels is '0'" in err
    assert "shifted by one" in err and "header=False" in err
    # a file whose first row really is 0 beside one whose header was dropped: no warning
    np.savetxt(tmp / "y_plain.csv", np.r_[0, y[1:]], fmt="%d")
    code, _, err = run(["select", "--scores", tmp / "s.csv", "--labels", tmp / "y_plain.csv",
                        "--rate", 0.5, "--out", tmp / "k.npy"], capsys)
    assert code == 0 and err == ""


def test_a_first_value_written_like_pandas_header_is_named_when_the_counts_differ(files, capsys):
    tmp, scores, y = files
    (tmp / "s.txt").write_text("0\n" + "\n".join(f"{v!r}" for v in scores[1:, 0].tolist()) + "\n")
    one_error_line(*run(["select", "--scores", tmp / "s.txt", "--labels", tmp / "labels.csv",
                         "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2],
                   "--scores has 99", "The first line of --scores, '0', was skipped", "(0.0)")


def test_a_first_value_kept_as_data_is_not_said_to_be_skipped(files, capsys):
    # integer labels starting with 0, one row short: the 0 was read as a label, yet the hint said it was skipped
    tmp, _, y = files
    np.savetxt(tmp / "short.txt", np.r_[0, y[2:]], fmt="%d")
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "short.txt",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "--scores has 100, --labels has 99 rows.")
    assert "skipped" not in err


@pytest.mark.parametrize("name, write", [
    ("y.csv", lambda path, y: np.savetxt(path, y, fmt="%.1f")),  # 0.0, 1.0, ..., nan
    ("y.npy", np.save),
])
def test_a_missing_label_is_refused_as_in_python(files, capsys, name, write):
    # a label written as nan was a class of its own in sknucs select; fit(scores, y) refuses it
    tmp, _, y = files
    labels = y.astype(float)
    labels[[6, 40]] = np.nan
    write(tmp / name, labels)
    code, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / name,
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "--labels has a missing label (nan) at row 6 (0-based, header excluded; 2 in all): "
                              "every sample needs a class.")
    assert not (tmp / "k.npy").exists()


def test_byte_order_mark_is_not_part_of_the_first_row(files):
    tmp, scores, _ = files
    (tmp / "bom.csv").write_text("\n".join(f"{v!r}" for v in scores[:, 0].tolist()) + "\n", encoding="utf-8-sig")
    np.testing.assert_array_equal(read_array(tmp / "bom.csv", what="--scores"), scores[:, 0])


def test_blank_line_between_rows_is_refused_with_its_line(files):
    tmp, scores, _ = files
    lines = [f"{v!r}" for v in scores[:, 0].tolist()]
    (tmp / "gap.csv").write_text("score\n" + "\n".join(lines[:4]) + "\n\n" + "\n".join(lines[4:]) + "\n\n")
    with pytest.raises(ValueError, match=r"line 6 is blank between rows of data \(a missing value\?\)"):
        read_array(tmp / "gap.csv", what="--scores")
    (tmp / "edges.csv").write_text("\n\n" + "\n".join(lines) + "\n\n\n")  # blank lines around the data
    np.testing.assert_array_equal(read_array(tmp / "edges.csv", what="--scores"), scores[:, 0])


def test_an_empty_field_is_named_with_its_row(files):
    tmp, _, _ = files
    (tmp / "holes.csv").write_text("a,b\n0.1,0.2\n0.3,\n0.5,0.6\n")
    with pytest.raises(ValueError, match=r"'' is not a number \(data row 1, 0-based, header excluded, "
                                         r"a missing value\?\)"):
        read_array(tmp / "holes.csv", what="--scores")


def test_demo_help_lists_the_benchmarks_options_without_torch(monkeypatch, capsys):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real_find_spec(name, *a))
    code, out, err = run(["demo", "--help"], capsys)
    assert code == 0 and err == ""
    assert out.startswith("usage: sknucs demo")
    for option in ("--mode", "--out", "--device", "--seeds", "--tasks"):
        assert option in out


def test_summary_names_the_exponent_of_the_budgets(files, capsys):
    tmp, scores, _ = files  # 60, 25 and 15 rows: imbalanced
    np.savetxt(tmp / "even.txt", np.arange(scores.shape[0]) % 4, fmt="%d")
    np.save(tmp / "scores.npy", scores[:, 0])  # one run: no fallback for runs that disagree
    cases = [("labels.csv", [], "budgets ~ S_j^1 N_j (imbalanced classes)\n"),
             ("even.txt", [], "budgets ~ S_j^0.75 N_j (balanced classes)\n"),
             ("even.txt", ["--exponent", "auto"], "budgets ~ S_j^0.75 N_j (balanced classes)\n"),
             ("even.txt", ["--exponent", "0.5"], "budgets ~ S_j^0.5 N_j\n"),
             ("even.txt", ["--paper"], "budgets ~ S_j^1 N_j\n")]
    for labels, options, line in cases:
        code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / labels,
                               "--rate", 0.5, *options, "--out", tmp / "k.npy"], capsys)
        assert code == 0 and line in stdout, (labels, options)
    code, stdout, _ = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "even.txt",
                           "--rate", 0.5, "--allocation", "proportional", "--out", tmp / "k.npy"], capsys)
    assert code == 0 and "budgets ~" not in stdout
    code, _, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "even.txt",
                        "--rate", 0.5, "--exponent", "soft", "--out", tmp / "k.npy"], capsys)
    assert code == 2 and "the softening exponent must be 'auto' or a number >= 0, got 'soft'" in err


def test_selector_errors_name_the_options_of_the_command(files, capsys):
    tmp, scores, _ = files
    np.save(tmp / "negative.npy", scores[:, 0] - 0.5)
    np.save(tmp / "wide.npy", np.tile(scores, (1, 20)))  # 60 columns: features, not runs
    code, err = run(["select", "--scores", tmp / "negative.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "non-negative", "pass --negative-scores rank", "--allocation proportional")
    assert "negative_scores=" not in err and "allocation='proportional'" not in err
    code, err = run(["select", "--scores", tmp / "wide.npy", "--labels", tmp / "labels.csv",
                     "--rate", 0.5, "--out", tmp / "k.npy"], capsys)[::2]
    one_error_line(code, err, "--scores has 60 columns", "as --features")
    assert "fit(" not in err and "imblearn" not in err


@pytest.mark.parametrize("name", ["one.csv", "one.txt", "one.npy"])
def test_features_of_one_column_are_one_feature(files, capsys, name):
    tmp, scores, y = files
    feature = np.load(tmp / "features.npy")[:, 0]
    if name.endswith(".npy"):
        np.save(tmp / name, feature)
    else:
        np.savetxt(tmp / name, feature, header="embedding" if name.endswith(".csv") else "", comments="")
    code, _, err = run(["select", "--scores", tmp / "scores.npy", "--labels", tmp / "labels.csv", "--features",
                        tmp / name, "--rate", 0.5, "--out", tmp / "kept.npy"], capsys)
    assert code == 0, err
    expected = NUCSSelector(0.5, random_state=0).fit(scores, y, features=read_array(tmp / name, what="f")[:, None])
    np.testing.assert_array_equal(np.load(tmp / "kept.npy"), expected.sample_indices_)


@pytest.mark.parametrize("scores_name, options, line", [
    ("one_run.npy", [], "easy cut: each class's easiest 30% left out of the draw (one score column: whether "
                        "scoring runs agree could not be checked)\n"),
    ("scores.npy", ["--easy-cut-agreement", "off"], "easy cut: each class's easiest 30% left out of the draw\n"),
    ("scores.npy", [], None),  # the runs disagree: no cut, the fallback's draw
    ("one_run.npy", ["--easy-cut", "0"], None),
])
def test_summary_names_the_easy_cut_and_a_condition_it_could_not_check(files, capsys, scores_name, options, line):
    tmp, _, _ = files
    code, stdout, _ = run(["select", "--scores", tmp / scores_name, "--labels", tmp / "labels.csv", "--features",
                           tmp / "features.npy", "--rate", 0.7, *options, "--out", tmp / "kept.npy"], capsys)
    assert code == 0
    assert (line in stdout) if line else "easy cut:" not in stdout
