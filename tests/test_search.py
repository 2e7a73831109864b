"""CoresetSearch: candidates, scoring by proxy or callable, soundness under label noise."""

import logging

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.neighbors import KNeighborsClassifier
from sklearn.utils.estimator_checks import parametrize_with_checks

from sknucs import PAPER_SETTINGS, CoresetSearch, NUCSSelector, RidgeWindowPredictor
from sknucs import _proxies
from sknucs._proxies import NearestNeighborProxy, stratified_subsample

from _selectors import Paper
from _selectors import band_data as shared_band_data


GRID = [0.2, 0.4, 0.6, 0.8, 1.0]


def band_data(**changes):
    """The window-search tests' band data, smaller: 4 classes, a band of a fifth ending at 0.8."""
    return shared_band_data(**{"band_end": 0.8, "width": 0.2, "n_classes": 4, "n_features": 6, **changes})


def noisy_hard_data(seed=0, n_classes=5, n_per_class=600, n_features=10, noise=0.2):
    """Gaussian classes, ``noise`` of the labels flipped; the flipped rows score hardest."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(n_classes), n_per_class)
    features = rng.normal(size=(n_classes, n_features))[truth] * 1.5
    features += rng.normal(size=features.shape)
    flipped = rng.random(truth.size) < noise
    y = truth.copy()
    y[flipped] = (y[flipped] + rng.integers(1, n_classes, flipped.sum())) % n_classes
    scores = 0.6 * rng.random(truth.size) + 0.4 * flipped     # wrong labels in [0.4, 1), right in [0, 0.6)
    return features, y, scores, flipped


def smallest_rows_first(indices):
    """A deterministic, picklable stand-in for "train, then validate"."""
    return -float(np.mean(indices))


# --- candidates and fitted attributes -----------------------------------------

def test_search_over_two_parameters():
    features, y, scores = band_data()
    selector = Paper(rate=0.8, random_state=0)
    grid = {"window": GRID, "sampling": ["window", "stratified"]}
    search = CoresetSearch(selector, grid, random_state=0).fit(scores, y, features=features)
    # the label-carrying band ends at 0.8: a window there, or a spread over everything below 1
    assert search.best_params_["window"] >= 0.8
    results = search.cv_results_
    assert len(results["params"]) == 10
    assert results["params"][search.best_index_] == search.best_params_
    assert results["param_window"].tolist() == GRID * 2
    assert results["param_sampling"].tolist() == ["window"] * 5 + ["stratified"] * 5
    assert results["score"][search.best_index_] == search.best_score_ == np.nanmax(results["score"])
    assert results["rank_score"][search.best_index_] == 1
    assert set(results["rank_score"]) <= set(range(1, 11))
    assert np.all(results["n_selected"] == 160)
    assert np.all(results["fit_time"] > 0) and results["score_time"].shape == (10,)
    # Each candidate is the selector cloned with its parameters.
    for params, rows in zip(results["params"], search.candidate_indices_):
        assert_array_equal(rows, clone(selector).set_params(**params).fit(scores, y).sample_indices_)
    best = search.best_estimator_
    assert best.get_params() == {**selector.get_params(), **search.best_params_} and best is not selector
    assert_array_equal(search.sample_indices_, best.sample_indices_)
    assert_array_equal(search.get_support(), best.get_support())
    assert search.n_selected_ == 160 and search.n_features_in_ == 1
    assert_array_equal(search.selected_per_class_, best.selected_per_class_)
    assert_array_equal(search.classes_, [0, 1, 2, 3])
    assert not hasattr(selector, "support_")


def test_list_of_grids_masks_absent_parameters():
    features, y, scores = band_data()
    grid = [{"window": [0.4, 0.8]}, {"allocation": ["proportional"], "window": [0.8]}]
    search = CoresetSearch(Paper(rate=0.8, random_state=0), grid, random_state=0)
    search.fit(scores, y, features=features)
    allocation = search.cv_results_["param_allocation"]
    assert allocation.mask.tolist() == [True, True, False]
    assert allocation[2] == "proportional"


def test_window_search_is_the_ridge_k_search():
    """Over ``window`` with the ridge proxy, the search scores as RidgeWindowPredictor does."""
    features, y, scores = band_data(n_classes=5)
    for eval_size, metric in [(None, "accuracy"), (0.25, "balanced_accuracy")]:
        ridge = RidgeWindowPredictor(grid=GRID, eval_size=eval_size, scoring=metric, random_state=3)
        selector = Paper(rate=0.8, window_search=ridge, random_state=0)
        selector.fit(scores, y, features=features)
        search = CoresetSearch(clone(selector).set_params(window=0.5), {"window": GRID}, "ridge",
                               eval_size=eval_size, metric=metric, random_state=3)
        search.fit(scores, y, features=features)
        assert_array_equal(search.cv_results_["score"], selector.window_search_.grid_scores_)
        assert search.best_params_["window"] == selector.window_
        assert_array_equal(search.sample_indices_, selector.sample_indices_)


def test_identical_coresets_are_scored_once_and_ties_keep_the_first_candidate():
    _, y, scores = band_data(n_per_class=50)
    seen = []

    def evaluate(indices):
        seen.append(indices)
        return 1.0

    grid = {"window": [0.1, 0.3, 0.5, 1.0]}        # at rate 0.5, k <= 0.5 cut one window
    search = CoresetSearch(Paper(rate=0.5, allocation="proportional"), grid, evaluate)
    search.fit(scores, y)
    assert len(seen) == 2
    assert search.best_index_ == 0 and search.best_params_ == {"window": 0.1}
    first, *same, other = search.candidate_indices_
    assert all(rows is first for rows in same) and other is not first
    assert search.cv_results_["score_time"][1] == search.cv_results_["score_time"][2] == 0.0
    assert_array_equal(search.cv_results_["rank_score"], [1, 1, 1, 1])


def test_callable_scoring_in_parallel_equals_sequential():
    _, y, scores = band_data()
    grid = {"window": GRID, "exponent": [0.5, 1.0]}
    selector = Paper(rate=0.7, random_state=0)
    sequential = CoresetSearch(selector, grid, smallest_rows_first, n_jobs=1).fit(scores, y)
    parallel = CoresetSearch(selector, grid, smallest_rows_first, n_jobs=2).fit(scores, y)
    assert_array_equal(sequential.cv_results_["score"], parallel.cv_results_["score"])
    assert sequential.best_params_ == parallel.best_params_


def _shuffles_its_rows(indices):
    """An evaluate that shuffles its rows in place, as a training loop orders an epoch."""
    np.random.default_rng(0).shuffle(indices)
    return smallest_rows_first(indices)


@pytest.mark.parametrize("n_jobs", [None, 2])
def test_evaluate_that_shuffles_its_rows_leaves_the_coresets_ascending(n_jobs):
    _, y, scores = band_data()
    selector = Paper(rate=0.7, random_state=0)
    search = CoresetSearch(selector, {"window": GRID}, _shuffles_its_rows, n_jobs=n_jobs).fit(scores, y)
    reference = clone(selector).set_params(**search.best_params_).fit(scores, y)
    assert_array_equal(search.sample_indices_, reference.sample_indices_)
    assert_array_equal(search.best_estimator_.sample_indices_, reference.sample_indices_)
    for rows in search.candidate_indices_:
        assert np.all(np.diff(rows) > 0)


def test_several_score_columns_are_averaged():
    features, y, scores = band_data()
    two = np.column_stack([scores, 2 * scores])
    search = CoresetSearch(Paper(rate=0.8, random_state=0), {"window": GRID}, random_state=0)
    first = clone(search).fit(1.5 * scores, y, features=features)
    second = search.fit(two, y, features=features)
    assert second.n_features_in_ == 2
    assert_array_equal(first.cv_results_["score"], second.cv_results_["score"])


def test_fit_resample_keeps_the_best_coreset():
    features, y, scores = band_data()
    search = CoresetSearch(Paper(rate=0.8, random_state=0), {"window": GRID}, random_state=0)
    X_kept, y_kept = search.fit_resample(features, y, scores=scores)
    assert_array_equal(X_kept, features[search.sample_indices_])
    assert_array_equal(y_kept, y[search.sample_indices_])


def test_fit_resample_without_scores_scores_as_the_selector_would():
    features, y, _ = band_data(n_per_class=40)
    selector = Paper(rate=0.5, higher_is_harder=False, random_state=0)
    search = CoresetSearch(selector, {"window": [0.5, 1.0]}, smallest_rows_first)
    assert_array_equal(search._score_samples(features, y), clone(selector)._score_samples(features, y))
    _, y_kept = search.fit_resample(features, y)
    assert y_kept.size == 80


def test_fit_resample_without_scores_gives_the_selectors_error_for_a_bad_score_estimator():
    features, y, _ = band_data(n_per_class=40)
    search = CoresetSearch(NUCSSelector(score_estimator="logistic"), {"rate": [0.5, 0.7]}, smallest_rows_first)
    with pytest.raises(ValueError, match="'score_estimator' parameter of NUCSSelector"):
        search.fit_resample(features, y)


def test_one_log_line_per_candidate(caplog):
    features, y, scores = band_data()
    with caplog.at_level(logging.INFO, logger="sknucs._search"):
        CoresetSearch(Paper(rate=0.8), {"window": GRID}, random_state=0).fit(
            scores, y, features=features)
    lines = [r.getMessage() for r in caplog.records if r.name == "sknucs._search"]
    assert len(lines) == len(GRID)
    assert lines[0].startswith("candidate 1/5 {'window': 0.2}: score ")


# --- the nearest-neighbour proxy ----------------------------------------------

@pytest.mark.parametrize("n_neighbors", [1, 3])
def test_nearest_neighbour_proxy_predicts_as_sklearn(n_neighbors, monkeypatch):
    rng = np.random.default_rng(0)
    features = rng.normal(size=(600, 5))
    codes = rng.integers(0, 3, 600)
    features[np.arange(600), codes] += 1.0
    monkeypatch.setattr(_proxies, "DISTANCE_BLOCK", 1000)   # several blocks of training rows
    proxy = NearestNeighborProxy("accuracy", 0.25, None, n_neighbors, n_components=None)
    proxy.prepare(features, codes, np.random.RandomState(0))
    block = 1000 // proxy.eval_rows.size                    # training rows per block of distances
    every = np.flatnonzero(~proxy.held_out)
    # The proxy stores each row as [-2 x, |x|^2] and each evaluation row as [x, 1].
    points = proxy.features[:, :-1] / -2.0
    assert_allclose(proxy.eval_features[:, :-1], points[proxy.eval_rows])
    for train in (every[::2], every[:4 * block + 1]):        # the second's last block holds one row
        reference = KNeighborsClassifier(n_neighbors).fit(points[train], codes[train])
        neighbours = reference.kneighbors(points[proxy.eval_rows], return_distance=False)  # nearest first
        votes = np.stack([np.sum(codes[train][neighbours] == c, axis=1) for c in range(3)], axis=1)
        nearest = codes[train][neighbours[:, 0]]
        expected = np.where(votes.max(axis=1) > votes[np.arange(votes.shape[0]), nearest],
                            np.argmax(votes, axis=1), nearest)    # vote ties go to the nearest's class
        predicted = proxy.predict(train)
        assert_array_equal(predicted, expected)
        assert proxy.score(train) == pytest.approx(np.mean(predicted == codes[proxy.eval_rows]))


def test_nearest_neighbour_proxy_projects_and_subsamples():
    rng = np.random.default_rng(1)
    codes = np.repeat(np.arange(3), [2000, 700, 300])
    latent = rng.normal(size=(3000, 8)) + codes[:, None]
    features = latent @ rng.normal(size=(8, 40)) + 0.01 * rng.normal(size=(3000, 40))
    projected = NearestNeighborProxy("balanced_accuracy", 0.5, 300, n_components=8)
    projected.prepare(features, codes, np.random.RandomState(0))
    assert projected.features.shape == (3000, 8 + 1) and projected.features.dtype == np.float32
    held_out_counts = np.bincount(codes[projected.held_out])
    assert projected.eval_rows.size <= 300 and projected.held_out[projected.eval_rows].all()
    assert_array_equal(np.bincount(projected.eval_codes), held_out_counts * 300 // 1500)
    # Eight axes hold the features' variance: the neighbours are those of all 40 columns.
    full = NearestNeighborProxy("balanced_accuracy", 0.5, 300, n_components=None)
    full.prepare(features, codes, np.random.RandomState(0))
    assert_array_equal(full.eval_rows, projected.eval_rows)
    train = np.flatnonzero(~full.held_out)
    assert np.mean(full.predict(train) == projected.predict(train)) > 0.97


def test_stratified_subsample_keeps_every_class():
    codes = np.repeat([0, 1, 2], [980, 18, 2])
    rows = np.arange(1000)
    kept = stratified_subsample(rows, codes, 100, np.random.RandomState(0))
    assert_array_equal(np.bincount(codes[kept]), [98, 1, 1])
    assert np.all(np.diff(kept) > 0)
    assert stratified_subsample(rows, codes, None, None) is rows


# --- soundness: wrong labels in the hardest window ----------------------------

def test_knn_proxy_sees_wrong_labels_that_the_training_label_ridge_tolerates():
    features, y, scores, flipped = noisy_hard_data()
    selector = Paper(rate=0.5, allocation="proportional", random_state=0)
    grid = {"window": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]}
    knn = CoresetSearch(selector, grid, "knn", random_state=0).fit(scores, y, features=features)
    ridge = CoresetSearch(selector, grid, "ridge", eval_size=None, metric="accuracy",
                          random_state=0).fit(scores, y, features=features)
    wrong = np.array([flipped[rows].mean() for rows in knn.candidate_indices_])
    assert np.all(np.diff(wrong) > 0) and wrong[0] < 0.01 and wrong[-1] > 0.35
    # The nearest-neighbour proxy sees them: it picks the cleanest window by far.
    assert knn.best_index_ == 0
    assert knn.cv_results_["score"][-1] < knn.best_score_ - 0.2
    # The ridge classifier trained and scored on the noisy labels hardly notices,
    # and picks a window with wrong labels.
    ridge_scores = ridge.cv_results_["score"]
    assert ridge_scores.max() - ridge_scores.min() < 0.01
    assert flipped[ridge.sample_indices_].mean() > 0.05


# --- errors -------------------------------------------------------------------

def test_proxies_need_features():
    _, y, scores = band_data()
    for scoring in ("ridge", "knn"):
        with pytest.raises(ValueError, match=rf"CoresetSearch\(scoring='{scoring}'\) needs features"):
            CoresetSearch(Paper(), {"window": GRID}, scoring).fit(scores, y)


def test_knn_needs_a_held_out_part():
    features, y, scores = band_data()
    with pytest.raises(ValueError, match="needs a held-out part"):
        CoresetSearch(Paper(), {"window": GRID}, "knn", eval_size=None).fit(
            scores, y, features=features)


def test_bad_grids_and_parameters_are_errors():
    features, y, scores = band_data()
    with pytest.raises(ValueError, match="Invalid parameter 'windows'"):
        CoresetSearch(Paper(), {"windows": GRID}).fit(scores, y, features=features)
    with pytest.raises(ValueError, match="window"):
        CoresetSearch(Paper(), {"window": [1.5]}).fit(scores, y, features=features)
    with pytest.raises(ValueError, match="scoring"):
        CoresetSearch(Paper(), {"window": GRID}, "f1").fit(scores, y, features=features)
    with pytest.raises(TypeError, match="Parameter grid"):
        CoresetSearch(Paper(), [1, 2]).fit(scores, y, features=features)
    for scoring in ("ridge", lambda rows: 1.0):  # no candidate: said so, not blamed on eval_size
        with pytest.raises(ValueError, match=r"param_grid=\[\] holds no candidate"):
            CoresetSearch(Paper(), [], scoring=scoring).fit(scores, y, features=features)


def test_every_coreset_without_training_rows_is_an_error():
    rng = np.random.default_rng(0)
    features, y, scores = rng.normal(size=(10, 2)), np.arange(10) % 2, rng.random(10)
    search = CoresetSearch(Paper(rate=0.9, allocation="agnostic"), {"window": [1.0]},
                           eval_size=9, random_state=0)
    hold = np.random.RandomState(0).permutation(10)[:9]
    kept = Paper(rate=0.9, allocation="agnostic", window=1.0).fit(scores, y).sample_indices_
    assert np.isin(kept, hold).all()
    with pytest.raises(ValueError, match="Every candidate's coreset lost all its training rows"):
        search.fit(scores, y, features=features)


def test_evaluate_errors_name_the_candidate():
    _, y, scores = band_data(n_per_class=50)

    def fails_on_hard(indices):
        if scores[indices].mean() > 0.6:
            raise ArithmeticError("training diverged")
        return 0.5

    search = CoresetSearch(Paper(rate=0.9), {"window": [0.3, 0.8]}, fails_on_hard)
    with pytest.raises(ArithmeticError, match="training diverged") as info:
        search.fit(scores, y)
    assert "the candidate window=0.8" in "".join(info.value.__notes__)
    search.set_params(scoring=lambda indices: np.inf)
    with pytest.raises(ValueError, match="candidate window=0.3: it returned inf, not a finite"):
        search.fit(scores, y)


# --- scikit-learn's estimator checks ------------------------------------------

class RidgeWindowPredictorOnFeatures(RidgeWindowPredictor):
    """RidgeWindowPredictor fitted as the checks call it, ``fit(X, y)``.

    Its ``fit`` needs scores and budgets besides the features X, which the
    checks never pass: here the scores are the row numbers and each class
    keeps half its samples, so every check runs the real validation and
    search on X and y.
    """

    def fit(self, X, y):
        y = np.asarray(y)
        counts = np.unique(y, return_counts=True)[1] if y.size else np.zeros(0, dtype=int)
        return super().fit(X, y, np.arange(y.shape[0], dtype=float), np.maximum(counts // 2, 1))


ONE_D_SCORES = (
    "1-D X is the main input of a sample selector: one difficulty score per "
    "sample. check_fit1d expects it to be refused."
)


@parametrize_with_checks(
    [
        RidgeWindowPredictorOnFeatures(),
        CoresetSearch(Paper(negative_scores="rank", random_state=0),
                      {"window": [0.5, 1.0]}, smallest_rows_first),
    ],
    expected_failed_checks=lambda estimator: (
        {"check_fit1d": ONE_D_SCORES} if isinstance(estimator, CoresetSearch) else {}
    ),
)
def test_sklearn_compatible(estimator, check):
    check(estimator)



# --- checkpoint: an interrupted training-based search resumes -------------------------------------

class _Stops:
    """``evaluate`` that counts its calls and is interrupted (Ctrl-C) at call ``stop``."""

    def __init__(self, stop=None):
        self.calls, self.stop = 0, stop

    def __call__(self, indices):
        self.calls += 1
        if self.calls == self.stop:
            raise KeyboardInterrupt
        return smallest_rows_first(indices)


def test_an_interrupted_search_resumes_from_its_checkpoint(tmp_path):
    _, y, scores = band_data()
    grid = {"window": GRID}
    selector = Paper(rate=0.7, random_state=0)
    whole = CoresetSearch(selector, grid, _Stops()).fit(scores, y)
    n_distinct = len({rows.tobytes() for rows in whole.candidate_indices_})
    path = tmp_path / "search.jsonl"
    interrupted = _Stops(stop=3)
    with pytest.raises(KeyboardInterrupt):
        CoresetSearch(selector, grid, interrupted, checkpoint=path).fit(scores, y)
    assert len(path.read_text().splitlines()) == 2  # the two coresets scored before Ctrl-C
    resumed_calls = _Stops()
    resumed = CoresetSearch(selector, grid, resumed_calls, checkpoint=str(path)).fit(scores, y)
    assert resumed_calls.calls == n_distinct - 2
    assert_array_equal(resumed.cv_results_["score"], whole.cv_results_["score"])
    assert resumed.best_params_ == whole.best_params_
    again = _Stops()
    CoresetSearch(selector, grid, again, checkpoint=path).fit(scores, y)
    assert again.calls == 0 and len(path.read_text().splitlines()) == n_distinct
    other_data = _Stops()  # another data set's coresets are other coresets
    CoresetSearch(selector, grid, other_data, checkpoint=path).fit(scores[:-40], y[:-40])
    assert other_data.calls > 0


def test_oracle_search_resumes_from_its_checkpoint(tmp_path):
    from sknucs import oracle_window_search

    _, y, scores = band_data()
    selector = Paper(rate=0.7, random_state=0)
    path = tmp_path / "oracle.jsonl"
    first = oracle_window_search(selector, scores, y, _Stops(), grid=GRID, checkpoint=path)
    calls = _Stops()
    second = oracle_window_search(selector, scores, y, calls, grid=GRID, checkpoint=path)
    assert calls.calls == 0 and second.best_window == first.best_window
    assert_array_equal(second.values, first.values)


def test_a_checkpoint_cut_short_drops_its_last_line_and_refuses_other_files(tmp_path, caplog):
    _, y, scores = band_data()
    grid = {"window": GRID}
    selector = Paper(rate=0.7, random_state=0)
    path = tmp_path / "search.jsonl"
    CoresetSearch(selector, grid, _Stops(), checkpoint=path).fit(scores, y)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:20])  # Ctrl-C in the middle of a write
    calls = _Stops()
    with caplog.at_level(logging.WARNING, logger="sknucs"):
        CoresetSearch(selector, grid, calls, checkpoint=path).fit(scores, y)
    assert calls.calls == 1 and "cut short" in caplog.text
    assert len(path.read_text().splitlines()) == len(lines)  # the cut line replaced by the whole record
    path.write_text("not a record\n" + path.read_text())
    with pytest.raises(ValueError, match="line 1, is not a record"):
        CoresetSearch(selector, grid, _Stops(), checkpoint=path).fit(scores, y)
    with pytest.raises(ValueError, match="is a directory"):
        CoresetSearch(selector, grid, _Stops(), checkpoint=tmp_path).fit(scores, y)
    features, y, scores = band_data()
    with pytest.raises(ValueError, match="checkpoint is for a search that trains"):
        CoresetSearch(selector, grid, "ridge", checkpoint=path).fit(scores, y, features=features)


def test_a_checkpoint_in_a_missing_folder_is_refused_before_any_training(tmp_path):
    _, y, scores = band_data()
    calls = _Stops()
    with pytest.raises(ValueError, match="does not exist"):
        CoresetSearch(Paper(rate=0.7, random_state=0), {"window": GRID}, calls,
                      checkpoint=tmp_path / "no_such_folder" / "search.jsonl").fit(scores, y)
    assert calls.calls == 0


def test_a_checkpoint_never_drops_a_line_that_is_not_a_record_cut_short(tmp_path):
    _, y, scores = band_data()
    grid = {"window": GRID}
    selector = Paper(rate=0.7, random_state=0)
    # a user's own file, one line of JSON without a newline (json.dump writes it so), is refused, untouched
    own = tmp_path / "results.json"
    own.write_text('{"experiment": "resnet18", "accuracy": [0.91, 0.93]}')
    before = own.read_text()
    with pytest.raises(ValueError, match="line 1, is not a record"):
        CoresetSearch(selector, grid, _Stops(), checkpoint=own).fit(scores, y)
    assert own.read_text() == before
    # a whole record whose newline was lost: the records after it start lines of their own
    path = tmp_path / "search.jsonl"
    CoresetSearch(selector, {"window": GRID[:1]}, _Stops(), checkpoint=path).fit(scores, y)
    path.write_text(path.read_text().rstrip("\n"))
    CoresetSearch(selector, grid, _Stops(), checkpoint=path).fit(scores, y)
    calls = _Stops()
    CoresetSearch(selector, grid, calls, checkpoint=path).fit(scores, y)
    assert calls.calls == 0


def test_a_candidate_whose_fit_fails_is_named():
    _, y, scores = band_data()
    grid = {"rate": [0.5, 0.99], "min_per_class": [1, 50]}
    with pytest.raises(ValueError, match="fewer than the floors") as info:
        CoresetSearch(Paper(random_state=0), grid, smallest_rows_first).fit(scores, y)
    if hasattr(info.value, "add_note"):  # Python >= 3.11
        assert "the candidate min_per_class=50, rate=0.99" in "\n".join(info.value.__notes__)


def test_max_eval_keeps_one_row_per_class_when_the_classes_outnumber_it():
    rng = np.random.RandomState(0)
    codes = np.repeat(np.arange(30), 4)
    kept = stratified_subsample(np.arange(codes.size), codes, 10, rng)
    assert np.array_equal(np.unique(codes[kept]), np.arange(30)) and kept.size == 30
    assert stratified_subsample(np.arange(codes.size), codes, 60, rng).size <= 60
