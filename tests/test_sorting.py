"""The one sort by (class, score): order, and ties broken by a seeded permutation."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from sknucs._sorting import (
    _shuffle_tied_runs,
    regroup_by_class,
    sort_as_one_pool,
    sort_by_class_and_score,
)


def _check_sorted(codes, scores, order, starts):
    assert_array_equal(np.sort(order), np.arange(scores.size))
    assert np.all(np.diff(codes[order]) >= 0)
    for j in range(starts.size - 1):
        assert np.all(np.diff(scores[order[starts[j]:starts[j + 1]]]) >= 0)


@pytest.mark.parametrize("kind", ["distinct", "float32", "integer", "many_runs"])
def test_order_is_by_class_then_score(kind):
    rng = np.random.default_rng(0)
    n = 200_000 if kind == "many_runs" else 5_000
    codes = rng.integers(0, 7, n)
    scores = {
        "distinct": rng.random(n),
        "float32": rng.random(n).astype(np.float32).astype(float),
        "integer": rng.integers(0, 5, n).astype(float),
        # More than 2**16 runs of equal scores: the 64-bit key path.
        "many_runs": np.repeat(rng.permutation(n // 2), 2).astype(float),
    }[kind]
    order, starts, sorted_scores = sort_by_class_and_score(
        codes, scores, 7, np.random.RandomState(0))
    _check_sorted(codes, scores, order, starts)
    assert_array_equal(sorted_scores, scores[order])


@pytest.mark.parametrize("n_runs, run_length, offset, seeds", [
    (3, 4, 0.0, 40),       # small integers: permutation, then a 16-bit radix sort
    (3, 4, 0.5, 40),       # few runs of equal floats: radix sort of run numbers
    (70_000, 2, 0.5, 12),  # more than 2**16 runs: the 64-bit key
    (70_000, 2, 0.0, 12),  # integers spanning more than 2**16: argsort, then the key
    (2**16, 2, 0.5, 12),   # the last run number that fits 16 bits
    (2**16 + 1, 2, 0.5, 12),  # the first that does not
])
def test_ties_follow_a_seeded_permutation_not_the_index(n_runs, run_length, offset, seeds):
    scores = np.repeat(np.arange(n_runs) + offset, run_length)
    firsts = []
    for seed in range(seeds):
        order, _, _ = sort_as_one_pool(scores, np.random.RandomState(seed))
        assert np.all(np.diff(scores[order]) >= 0)
        firsts.append(order[0])
    assert_array_equal(order, sort_as_one_pool(scores, np.random.RandomState(seed))[0])
    # Each row of the first run comes first for some seed: no index order.
    assert set(firsts) == set(range(run_length))


def test_negative_and_large_integer_scores_keep_their_order():
    rng = np.random.default_rng(2)
    for scores in (rng.integers(-50, 50, 3000).astype(float),
                   rng.integers(0, 2**20, 3000).astype(float),
                   rng.permutation(np.arange(2**16 + 1, dtype=float)),  # spans 2**16
                   rng.permutation(np.arange(2**16, dtype=float)),  # the widest 16-bit span
                   np.full(3000, 7.0)):
        order, _, _ = sort_as_one_pool(scores, np.random.RandomState(0))
        assert_array_equal(scores[order], np.sort(scores))


def test_only_tied_rows_move_and_distinct_scores_draw_nothing():
    sorted_scores = np.array([0.1, 0.2, 0.2, 0.2, 0.5, 0.7, 0.7, 0.9])
    by_score = np.arange(8)
    state = np.random.RandomState(3)
    _shuffle_tied_runs(by_score, sorted_scores, state)
    assert_array_equal(by_score[[0, 4, 7]], [0, 4, 7])
    assert sorted(by_score[1:4]) == [1, 2, 3] and sorted(by_score[5:7]) == [5, 6]
    long_run = np.arange(22)  # 20 equal scores: left in row order once in 20! draws
    _shuffle_tied_runs(long_run, np.array([0.1] + [0.2] * 20 + [0.5]), np.random.RandomState(0))
    assert sorted(long_run[1:21]) == list(range(1, 21)) and list(long_run[1:21]) != list(range(1, 21))
    untouched = np.random.RandomState(3)
    before = untouched.get_state()[1].copy()
    _shuffle_tied_runs(np.arange(3), np.array([0.1, 0.2, 0.3]), untouched)
    assert_array_equal(untouched.get_state()[1], before)


def test_regroup_by_class_keeps_the_global_order_inside_classes():
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 4, 1000)
    scores = rng.integers(0, 10, 1000).astype(float)
    pool, _, _ = sort_as_one_pool(scores, np.random.RandomState(0))
    order, starts = regroup_by_class(pool, codes, 4)
    _check_sorted(codes, scores, order, starts)
    rank_in_pool = np.argsort(pool)
    for j in range(4):
        assert np.all(np.diff(rank_in_pool[order[starts[j]:starts[j + 1]]]) > 0)


def test_scores_integer_only_at_the_start_are_not_taken_for_integers():
    # The integer check looks at the first rows first, then at all of them.
    rng = np.random.default_rng(3)
    scores = np.concatenate([rng.integers(0, 5, 2000), rng.random(2000) * 5])
    order, _, _ = sort_as_one_pool(scores, np.random.RandomState(0))
    assert_array_equal(scores[order], np.sort(scores))


def test_integer_scores_take_a_permutation_then_a_stable_sort():
    # The documented construction for small integers (counts): a seeded
    # permutation of the rows, then a stable sort of their scores.
    scores = np.random.default_rng(4).integers(0, 20, 5000).astype(float)
    order, _, _ = sort_as_one_pool(scores, np.random.RandomState(7))
    shuffle = np.random.RandomState(7).permutation(scores.size)
    assert_array_equal(order, shuffle[np.argsort(scores[shuffle], kind="stable")])
