"""Coverage sampling on the global difficulty scale (sampling="coverage", window_scale="global")."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sknucs import NUCSSelector
from sknucs._global_strata import class_strata_quotas, water_level_rates


@settings(max_examples=200, deadline=None)
@given(arrays(np.int64, st.integers(1, 8), elements=st.integers(0, 40)), st.floats(0.001, 1))
def test_water_level_rates_keep_the_total_and_fill_small_strata_first(counts, fraction):
    counts[0] += 1
    total = fraction * counts.sum()
    rates = water_level_rates(counts, total)
    assert np.sum(rates * counts) == pytest.approx(total, abs=1e-6)
    assert np.all((rates > 0) & (rates <= 1))
    kept = rates * counts
    # one level: every stratum that is not full keeps the same count, and no full one keeps more
    level = kept[(rates < 1) & (counts > 0)]
    assert np.ptp(level) < 1e-9 if level.size else True
    if level.size:
        assert np.all(kept[rates == 1] <= level[0] + 1e-9)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_class_quotas_meet_each_budget_within_the_counts(data):
    n_classes = data.draw(st.integers(1, 5))
    n_strata = data.draw(st.integers(1, 7))
    counts = data.draw(arrays(np.int64, (n_classes, n_strata), elements=st.integers(0, 30)))
    totals = counts.sum(axis=0)
    rates = water_level_rates(totals, data.draw(st.floats(0.01, 1)) * max(totals.sum(), 1))
    budgets = np.array([data.draw(st.integers(0, int(row.sum()))) for row in counts])
    quotas = class_strata_quotas(counts, rates, budgets)
    np.testing.assert_array_equal(quotas.sum(axis=1), budgets)
    assert np.all((quotas >= 0) & (quotas <= counts))
    # each quota is the real min(c_js, lambda_j f_s c_js) rounded, with lambda_j found by bisection
    for j in range(n_classes):
        low, high = 0.0, 1e9
        for _ in range(200):
            scale = (low + high) / 2
            low, high = (scale, high) if np.minimum(counts[j], scale * rates * counts[j]).sum() < budgets[j] \
                else (low, scale)
        real = np.minimum(counts[j], high * rates * counts[j])
        assert np.all(np.abs(quotas[j] - real) < 1 + 1e-6)


def test_class_quotas_with_the_budgets_ccs_implies_are_ccs():
    counts = np.array([[50, 30, 5, 1], [10, 20, 30, 9]])
    rates = water_level_rates(counts.sum(axis=0), 60)
    implied = counts * rates
    quotas = class_strata_quotas(counts, rates, np.round(implied.sum(axis=1)).astype(int))
    assert np.all(np.abs(quotas - implied) < 1)


def _easy_class_with_outliers(seed=0, size=2000):
    """An easy class (typical scores inside the lowest of 50 strata of [0, 1], 5% outliers) and a hard one."""
    rng = np.random.default_rng(seed)
    easy = np.concatenate([rng.uniform(0, 0.019, size * 19 // 20), rng.uniform(0.5, 1.0, size // 20)])
    hard = np.concatenate([[0.0, 1.0], rng.uniform(0, 1.0, size - 2)])
    return np.concatenate([easy, hard]), np.repeat([0, 1], size)


def test_global_coverage_keeps_every_class_at_the_global_rates():
    """Within each class, outliers against typical samples are kept in the ratio of their global strata's rates."""
    scores, y = _easy_class_with_outliers(size=10000)
    outlier, typical = scores >= 0.5, scores < 0.02

    def rate_ratio(support, label):
        kept = lambda rows: support[rows & (y == label)].mean()  # noqa: E731
        return kept(outlier) / kept(typical)

    ratios = {}
    for scale in ("class", "global"):
        support = NUCSSelector(0.7, sampling="coverage", window=1.0, window_scale=scale,
                               random_state=0).fit(scores, y).support_
        ratios[scale] = rate_ratio(support, 0), rate_ratio(support, 1)
    easy, hard = ratios["global"]
    assert easy == pytest.approx(hard, rel=0.25)
    # each class's own strata over-represent the easy class's outliers
    easy, hard = ratios["class"]
    assert easy > 3 * hard


def test_global_coverage_honours_budgets_and_cut_off():
    scores, y = _easy_class_with_outliers(1)
    selector = NUCSSelector(0.7, sampling="coverage", window_scale="global", window=0.8, min_share=0.5,
                            random_state=0).fit(scores, y)
    assert selector.support_.sum() == 1200
    np.testing.assert_array_equal(np.bincount(y[selector.support_]), selector.budgets_)
    cut = np.quantile(scores, 0.8)
    assert np.all(scores[selector.support_] <= cut + 1e-12)
