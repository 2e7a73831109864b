"""scikit-learn's estimator checks over every selector of sknucs."""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from sknucs import NUCSSelector
from sknucs.baselines import (
    CCSSelector,
    ClassBalancedRandomSelector,
    ModerateSelector,
    RandomSelector,
    ScoreTopKSelector,
)


class ModerateOnFeatures(ModerateSelector):
    """ModerateSelector fitted on the checks' X as its features.

    ModerateSelector.fit needs ``features=``, which the checks never pass;
    this test-only subclass hands it X (also validated as the unused
    scores), so that every check runs on its code: validation, cloning,
    pickling, idempotence, dtypes, memmaps, sample order.
    """

    def fit(self, X, y, features=None):
        return super().fit(X, y, features=X if features is None else features)


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
    ModerateOnFeatures(random_state=0),
]

ONE_D_SCORES = (
    "1-D X is the main input of a sample selector: one difficulty score per "
    "sample. check_fit1d expects it to be refused."
)


def _expected_failed_checks(estimator):
    if isinstance(estimator, ModerateSelector):
        # Its 1-D X is refused as features: the ValueError check_fit1d wants.
        return {}
    return {"check_fit1d": ONE_D_SCORES}


# The checks' small data sets leave a class empty in the class-agnostic
# selectors; the warning has its own tests in test_validation.py.
@pytest.mark.filterwarnings("ignore::sknucs.EmptyClassWarning")
@parametrize_with_checks(SELECTORS, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible(estimator, check):
    check(estimator)
