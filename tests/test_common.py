"""scikit-learn's estimator checks over every selector of sknucs."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from sknucs import NUCSSelector
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)

# The checks feed negative data; NUCS's difficulty budgets need
# non-negative scores unless they are mapped to percentile ranks.
SELECTORS = [
    NUCSSelector(negative_scores="rank", random_state=0),
    RandomSelector(random_state=0),
    ClassBalancedRandomSelector(random_state=0),
    ScoreTopKSelector(random_state=0),
    ScoreTopKSelector(hardest=False, class_balanced=True, random_state=0),
    CCSSelector(random_state=0),
    CCSSelector(class_balanced=True, random_state=0),
    ModerateSelector(random_state=0),
]

ONE_D_SCORES = (
    "1-D X is the main input of a sample selector: one difficulty score per "
    "sample. check_fit1d expects it to be refused."
)

# ModerateSelector.fit needs features=; the checks call fit(X, y) only, so
# every check that fits it meets the 'needs features' ValueError. Its
# behaviour with features is tested in tests/test_baselines.py, and the same
# estimator machinery (validation, cloning, pickling, idempotence) is checked
# here through the other selectors, which share BaseSampleSelector.fit.
NEEDS_FEATURES = "ModerateSelector.fit requires features=, which the checks never pass."
MODERATE_FITTING_CHECKS = (
    "check_fit_score_takes_y",
    "check_estimators_overwrite_params",
    "check_dont_overwrite_parameters",
    "check_estimators_fit_returns_self",
    "check_readonly_memmap_input",
    "check_n_features_in_after_fitting",
    "check_positive_only_tag_during_fit",
    "check_estimators_dtypes",
    "check_dtype_object",
    "check_pipeline_consistency",
    "check_estimators_nan_inf",
    "check_estimators_pickle",
    "check_f_contiguous_array_estimator",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
    "check_fit2d_1sample",
    "check_fit2d_1feature",
    "check_dict_unchanged",
    "check_fit_idempotent",
    "check_fit_check_is_fitted",
    "check_n_features_in",
    "check_fit2d_predict1d",
)


def _expected_failed_checks(estimator):
    if isinstance(estimator, ModerateSelector):
        # Its fit(X_1d, y) raises the ValueError check_fit1d wants, for lack
        # of features, so check_fit1d passes there.
        return dict.fromkeys(MODERATE_FITTING_CHECKS, NEEDS_FEATURES)
    return {"check_fit1d": ONE_D_SCORES}


@parametrize_with_checks(SELECTORS, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible(estimator, check):
    check(estimator)
