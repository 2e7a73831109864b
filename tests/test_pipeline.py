"""fit_resample: every selector is an imbalanced-learn sampler."""


import numpy as np
import pytest
import sklearn
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import load_digits, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.utils._param_validation import InvalidParameterError

from sknucs import (
    EmptyClassWarning,
    NUCSSelector,
    _resample,
    baselines,
    default_score_estimator,
    n_keep_for,
)
from sknucs.scores import cross_val_scores



@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=300, n_features=8, n_informative=5, n_classes=3,
        n_clusters_per_class=1, weights=[0.5, 0.3, 0.2], random_state=0,
    )
    scores = np.random.default_rng(0).random(y.size) + 0.01
    return X, y, scores


class ShapeRecorder(ClassifierMixin, BaseEstimator):
    """A classifier that remembers how many rows it was trained on."""

    def fit(self, X, y):
        self.n_fit_rows_ = X.shape[0]
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(X.shape[0], self.classes_[0])


def test_fit_resample_returns_the_coreset_rows(data):
    X, y, scores = data
    selector = NUCSSelector(rate=0.7, window=0.9, random_state=0)
    X_res, y_res = selector.fit_resample(X, y, scores=scores)
    reference = NUCSSelector(rate=0.7, window=0.9, random_state=0).fit(scores, y, features=X)
    assert np.array_equal(selector.sample_indices_, reference.sample_indices_)
    assert np.array_equal(X_res, X[reference.sample_indices_])
    assert np.array_equal(y_res, y[reference.sample_indices_])
    assert X_res.shape[0] == n_keep_for(y.size, 0.7)


def test_fit_resample_leaves_out_the_labels_x_contradicts(data):
    # X reaches fit as the features, so the default's noise filter sees the wrong labels.
    X, y, scores = data
    wrong = np.random.default_rng(1).random(y.size) < 0.15
    noisy = np.where(wrong, (y + 1) % 3, y)
    selector = NUCSSelector(rate=0.5, random_state=0)
    selector.fit_resample(X, noisy, scores=scores)
    assert selector.suspects_excluded_
    assert wrong[selector.suspect_labels_].mean() > 0.5
    assert not selector.support_[selector.suspect_labels_].any()
    assert wrong[selector.support_].mean() < 0.6 * wrong.mean()


def test_fit_resample_with_string_labels_and_a_sparse_X(data):
    X, y, scores = data
    names = np.array(["cat", "dog", "eel"])[y]
    X_res, y_res = NUCSSelector(rate=0.5, window=1.0).fit_resample(X, names, scores=scores)
    assert y_res.dtype == names.dtype and set(y_res) <= {"cat", "dog", "eel"}
    with pytest.raises(TypeError, match="[Ss]parse"):
        NUCSSelector(rate=0.5).fit_resample(sparse.csr_matrix(X), y, scores=scores)


def test_without_scores_the_selector_scores_with_cross_validated_el2n(data):
    X, y, _ = data
    selector = NUCSSelector(rate=0.6, window=0.8, random_state=0)
    X_res, _ = selector.fit_resample(X, y)
    expected_scores = cross_val_scores(
        default_score_estimator(), X, y, score="el2n", cv=5, random_state=0
    )
    expected = NUCSSelector(rate=0.6, window=0.8, random_state=0).fit(expected_scores, y, features=X)
    assert np.array_equal(selector.sample_indices_, expected.sample_indices_)
    assert X_res.shape[0] == n_keep_for(y.size, 0.6)


def test_score_estimator_is_used_and_orientation_is_automatic(data):
    X, y, _ = data
    a = NUCSSelector(rate=0.6, window=0.8, random_state=0, score_estimator=GaussianNB())
    b = clone(a).set_params(higher_is_harder=False)
    a.fit_resample(X, y)
    b.fit_resample(X, y)
    nb_scores = cross_val_scores(GaussianNB(), X, y, cv=5, random_state=0)
    expected = NUCSSelector(rate=0.6, window=0.8, random_state=0).fit(nb_scores, y, features=X)
    assert np.array_equal(a.sample_indices_, expected.sample_indices_)
    # Self-computed EL2N is handed over in the orientation the selector reads.
    assert np.array_equal(b.sample_indices_, expected.sample_indices_)


def test_score_estimator_is_validated_before_scoring(data):
    X, y, _ = data
    with pytest.raises(InvalidParameterError, match="score_estimator"):
        NUCSSelector(score_estimator="logistic").fit_resample(X, y)


def test_self_scoring_needs_two_samples_per_class(data):
    X, y, _ = data
    y = y.copy()
    y[0] = 7
    with pytest.raises(ValueError, match="at least 2 samples in every class"):
        NUCSSelector(rate=0.5).fit_resample(X, y)


@pytest.fixture
def imblearn_pipeline():
    return pytest.importorskip("imblearn.pipeline")


def test_pipeline_trains_on_the_coreset_and_predicts_on_everything(data, imblearn_pipeline):
    X, y, _ = data
    pipe = imblearn_pipeline.make_pipeline(
        NUCSSelector(rate=0.7, window=0.9, random_state=0), ShapeRecorder()
    )
    pipe.fit(X, y)
    assert pipe[-1].n_fit_rows_ == n_keep_for(y.size, 0.7) == pipe[0].n_selected_
    assert pipe.predict(X).shape == (y.size,)


def test_the_issue_pipeline_with_default_parameters(data, imblearn_pipeline):
    X, y, _ = data
    pipe = imblearn_pipeline.make_pipeline(NUCSSelector(rate=0.7), LogisticRegression())
    pipe.fit(X, y)
    assert pipe[0].n_selected_ == n_keep_for(y.size, 0.7)
    assert 0 <= pipe[0].window_ <= 1
    assert pipe.score(X, y) > 0.6


def test_scores_are_routed_to_the_selector(data, imblearn_pipeline):
    X, y, scores = data
    with sklearn.config_context(enable_metadata_routing=True):
        pipe = imblearn_pipeline.make_pipeline(
            NUCSSelector(rate=0.7, window=0.9, random_state=0), ShapeRecorder()
        )
        pipe.fit(X, y, scores=scores)
    expected = NUCSSelector(rate=0.7, window=0.9, random_state=0).fit(scores, y, features=X)
    assert np.array_equal(pipe[0].sample_indices_, expected.sample_indices_)


def test_routed_scores_follow_cross_validation_folds(data, imblearn_pipeline):
    from sklearn.model_selection import GridSearchCV

    X, y, scores = data
    with sklearn.config_context(enable_metadata_routing=True):
        pipe = imblearn_pipeline.make_pipeline(
            NUCSSelector(window=0.9, random_state=0), LogisticRegression(max_iter=1000)
        )
        search = GridSearchCV(pipe, {"nucsselector__rate": [0.3, 0.7]}, cv=3)
        search.fit(X, y, scores=scores)
    assert search.best_estimator_[0].n_selected_ == n_keep_for(
        y.size, search.best_params_["nucsselector__rate"]
    )
    assert np.all(np.isfinite(search.cv_results_["mean_test_score"]))


def test_step_parameters_without_routing_do_not_reach_fit_resample(data, imblearn_pipeline):
    """What docs/pipeline.md warns about: without metadata routing,
    imbalanced-learn (0.14) hands ``step__param`` to ``fit``, never to
    ``fit_resample``, so the selector scores the samples itself."""
    X, y, scores = data
    pipe = imblearn_pipeline.make_pipeline(
        NUCSSelector(rate=0.7, window=0.9, random_state=0), ShapeRecorder()
    )
    pipe.fit(X, y, nucsselector__scores=scores)
    routed = NUCSSelector(rate=0.7, window=0.9, random_state=0).fit(scores, y, features=X)
    assert not np.array_equal(pipe[0].sample_indices_, routed.sample_indices_)


def test_core_imports_and_resamples_without_imbalanced_learn(run_python):
    code = (
        "import sys; sys.modules['imblearn'] = None\n"
        "import numpy as np, sknucs\n"
        "X = np.random.default_rng(0).random((40, 3)); y = np.arange(40) % 2\n"
        "X_res, y_res = sknucs.NUCSSelector(rate=0.5, window=0.9).fit_resample(X, y)\n"
        "assert X_res.shape == (20, 3), X_res.shape\n"
        "assert 'imblearn' not in [m.split('.')[0] for m in sys.modules if sys.modules[m]]\n"
    )
    run_python("-c", code)


@pytest.mark.parametrize("selector", [
    baselines.RandomSelector(rate=0.6, random_state=0),
    baselines.ClassBalancedRandomSelector(rate=0.6, random_state=0),
    baselines.ScoreTopKSelector(rate=0.6, random_state=0),
    baselines.CCSSelector(rate=0.6, random_state=0),
    baselines.ModerateSelector(rate=0.6, random_state=0),
    NUCSSelector(rate=0.6, allocation="agnostic", window="auto", random_state=0),
], ids=lambda s: type(s).__name__)
def test_every_selector_is_a_pipeline_step(data, selector, monkeypatch, imblearn_pipeline):
    X, y, _ = data
    scored = []
    real = _resample.cross_val_scores
    monkeypatch.setattr(_resample, "cross_val_scores",
                        lambda *a, **k: scored.append(1) or real(*a, **k))
    pipe = imblearn_pipeline.make_pipeline(selector, ShapeRecorder()).fit(X, y)
    assert pipe[-1].n_fit_rows_ == n_keep_for(y.size, 0.6) == pipe[0].n_selected_
    # Selectors that ignore scores do not pay for a scoring model.
    assert bool(scored) == selector._uses_scores
    assert pipe.predict(X).shape == y.shape


def test_a_pipeline_that_loses_classes_warns(imblearn_pipeline):
    # The issue: at rate 0.995 the pipeline trained on 8 of 10 digit classes, silently.
    X, y = load_digits(return_X_y=True)
    pipe = imblearn_pipeline.make_pipeline(
        baselines.RandomSelector(rate=0.995, random_state=0), ShapeRecorder())
    with pytest.warns(EmptyClassWarning, match="of 10 classes get no sample"):
        pipe.fit(X, y)
    assert pipe[-1].n_fit_rows_ == 9
