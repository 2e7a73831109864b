"""Tests for sknucs.benchmark: tasks, metrics, report, the harness end to end on digits, resume."""

import dataclasses
import importlib
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import sknucs
from sknucs.baselines import ClassBalancedRandomSelector, RandomSelector
from sknucs.benchmark import (
    ALL_METHODS,
    METHODS,
    BenchmarkConfig,
    Method,
    ScoringRecipe,
    TrainRecipe,
    build_tasks,
    run_benchmark,
    smoke_config,
)
from sknucs.benchmark import _cli
from sknucs.benchmark._metrics import classification_metrics, reweighted_accuracy
from sknucs.benchmark._runner import task_fingerprint
from sknucs.benchmark._store import ArrayCache, CellStore
from sknucs.benchmark._tasks import FASHION_MNIST_TOPS, OPEN_SET_OUTLIERS
from sknucs.datasets import FASHION_MNIST_LOOKALIKES, load_fashion_mnist

REAL_FMNIST = Path("/usr/share/datasets/fashion-mnist")
torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models train fastest on one thread, above all on a shared, busy CPU."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


class HardestStandIn:
    """Minimal selector obeying the fit / sample_indices_ contract (keeps the hardest rows)."""

    def __init__(self, rate=0.5, *, random_state=None):
        self.rate = rate
        self.random_state = random_state

    def get_params(self, deep=True):
        return {"rate": self.rate, "random_state": self.random_state}

    def fit(self, scores, y, features=None):
        scores = np.asarray(scores, dtype=float)
        scores = scores.mean(axis=1) if scores.ndim == 2 else scores
        n_keep = len(y) - int(np.round(self.rate * len(y)))
        self.sample_indices_ = np.sort(np.argsort(scores, kind="stable")[len(y) - n_keep:])
        return self


STAND_IN = {"standin": Method("standin", HardestStandIn)}


def _fake_score_dataset(model_factory, dataset, n_classes, *, epochs, seeds, batch_size, lr, optimizer, device,
                        progress):
    """Stand-in for sknucs.extractor.score_dataset: random scores, pixel features."""
    model_factory()
    X = dataset.tensors[0]
    rng = np.random.default_rng(len(X))
    return types.SimpleNamespace(
        scores={"el2n": rng.random((len(X), len(seeds)))},
        features=X.reshape(len(X), -1).numpy().astype(np.float32),
    )


def _extractor_landed():
    try:
        importlib.import_module("sknucs.extractor").score_dataset  # noqa: B018
    except (ImportError, AttributeError):
        return False
    return True


@pytest.fixture
def scorer(monkeypatch):
    """The real score_dataset if it has landed, else the stand-in; counts calls."""
    calls = []
    if _extractor_landed():
        module = importlib.import_module("sknucs.extractor")
        real = module.score_dataset
    else:
        module = types.ModuleType("sknucs.extractor")
        monkeypatch.setitem(sys.modules, "sknucs.extractor", module)
        real = _fake_score_dataset

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "score_dataset", counted, raising=False)
    return calls


@pytest.fixture
def train_counter(monkeypatch):
    from sknucs.benchmark import _context

    calls = []
    original = _context.TaskContext.train_and_evaluate

    def counted(self, indices, seed):
        calls.append((self.task.key, len(indices), seed))
        return original(self, indices, seed)

    monkeypatch.setattr(_context.TaskContext, "train_and_evaluate", counted)
    return calls


def _tiny(**changes):
    config = BenchmarkConfig(
        mode="test", tasks=(("digits", "scratch"),), methods=("standin",), rates=(0.5, 0.8), seeds=(0, 1),
        scratch=TrainRecipe("mlp", epochs=1, batch_size=128),
        pretrain=TrainRecipe("cnn", epochs=1, batch_size=128),
        finetune=TrainRecipe("cnn", epochs=1, batch_size=128),
        scoring=ScoringRecipe(epochs=1, seeds=(0,), batch_size=128), oracle_grid=(0.5, 1.0),
    )
    return dataclasses.replace(config, **changes)


def _landed_methods():
    """Registry methods whose selectors exist and fit on a small problem with features."""
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(4), 30)
    scores, features = rng.random((120, 2)), rng.random((120, 6)) + y[:, None]
    landed = []
    for name in ALL_METHODS:
        try:
            if METHODS[name].oracle:
                from sknucs import oracle_window_search  # noqa: F401
            METHODS[name].build(0.5, random_state=0).fit(scores, y, features=features)
        except (ImportError, NotImplementedError):
            continue
        landed.append(name)
    return landed


_SAVE_MANY = """
import sys
import numpy as np
from sknucs.benchmark._store import ArrayCache
cache = ArrayCache(sys.argv[1])
for _ in range(40):
    cache.save("scores-same", {"scores": np.full((200_000,), float(sys.argv[2]))})
"""


def test_two_processes_saving_the_same_arrays_never_collide(tmp_path):
    # Two runs sharing a cache (a preset split with --tasks) may compute the same task's arrays at once.
    runs = [subprocess.Popen([sys.executable, "-c", _SAVE_MANY, str(tmp_path), str(value)],
                             stderr=subprocess.PIPE, text=True) for value in (1, 2)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    saved = ArrayCache(tmp_path).load("scores-same")["scores"]
    assert saved[0] in (1.0, 2.0) and np.all(saved == saved[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores-same.npz"]  # no temporary file left


def test_a_method_name_registered_twice_is_refused():
    from sknucs.benchmark._methods import Method, _registry

    build = sknucs.benchmark.METHODS["random"].build
    with pytest.raises(ValueError, match="registered twice: nucs_cap95"):
        _registry((Method("nucs_cap95", build), Method("random", build), Method("nucs_cap95", build)))
    assert list(_registry((Method("a", build), Method("b", build)))) == ["a", "b"]


def test_package_import_does_not_import_torch():
    code = "import sknucs.benchmark, sys; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_classification_metrics():
    y_true = np.array([0, 0, 0, 0, 1, 1, 2, 2])
    y_pred = np.array([0, 0, 0, 1, 1, 0, 2, 2])
    m = classification_metrics(y_true, y_pred, n_classes=4)
    assert m["accuracy"] == pytest.approx(6 / 8)
    assert m["balanced_accuracy"] == pytest.approx((0.75 + 0.5 + 1.0) / 3)
    assert m["worst_class_accuracy"] == pytest.approx(0.5)


def test_reweighted_accuracy_estimates_accuracy_on_the_test_balance():
    y_val = np.array([0, 0, 0, 0, 0, 0, 1, 1, 2, 2])  # long-tailed validation split
    y_pred = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    recalls = np.array([1.0, 0.5, 0.0])
    balanced = reweighted_accuracy(y_val, y_pred, test_counts=[100, 100, 100])
    assert balanced == pytest.approx(recalls.mean())
    assert balanced == pytest.approx(classification_metrics(y_val, y_pred, 3)["balanced_accuracy"])
    same_balance = reweighted_accuracy(y_val, y_pred, test_counts=[60, 20, 20])
    assert same_balance == pytest.approx(np.mean(y_val == y_pred))
    # a class absent from the validation split drops out, the others' weights renormalised
    assert reweighted_accuracy(y_val, y_pred, test_counts=[1, 1, 1, 5]) == pytest.approx(recalls.mean())
    with pytest.raises(ValueError, match="test set"):
        reweighted_accuracy(y_val, y_pred, test_counts=[0, 0, 0, 5])


def test_build_tasks_scratch_digits():
    (task,) = build_tasks("digits", "scratch", _tiny(pool_size=1000, val_fraction=0.2))
    assert task.key == "digits/scratch" and task.X_source is None
    assert len(task.y_pool) + len(task.y_val) == 1000 and len(task.y_val) == 200
    assert set(np.unique(task.y_val)) == set(range(10))
    assert task.X_pool.dtype == np.uint8 and task.X_pool.shape[1:] == (8, 8)
    # no validation image is also a pool image (digits has no exact duplicates across this split)
    pool = {x.tobytes() for x in task.X_pool}
    assert sum(x.tobytes() in pool for x in task.X_val) <= 2


def test_build_tasks_finetune_both_directions():
    tasks = build_tasks("digits", "finetune", _tiny(source_size=300))
    assert [t.dataset for t in tasks] == ["digits[5-9]", "digits[0-4]"]
    for task in tasks:
        assert task.n_classes == 5
        np.testing.assert_array_equal(np.unique(task.y_test), np.arange(5))
        np.testing.assert_array_equal(np.unique(task.y_source), np.arange(5))
        assert len(task.y_source) == 300
    # without subsampling, the target of one direction is the source of the other
    forward, backward = build_tasks("digits", "finetune", _tiny())
    source = {x.tobytes() for x in backward.X_source}
    assert len(source) > 600 and all(x.tobytes() in source for x in forward.X_pool)
    assert not any(x.tobytes() in source for x in forward.X_source)


def test_build_tasks_rejects_unknown_names():
    with pytest.raises(ValueError, match="Unknown dataset"):
        build_tasks("mnist", "scratch", _tiny())
    with pytest.raises(ValueError, match="Unknown track"):
        build_tasks("digits", "linear", _tiny())


def test_run_benchmark_rejects_unknown_method(tmp_path):
    with pytest.raises(ValueError, match="Unknown methods"):
        run_benchmark(_tiny(methods=("nope",)), cache_dir=tmp_path)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_lt_task_is_long_tailed_with_balanced_test():
    (task,) = build_tasks("fmnist_lt", "scratch", _tiny())
    counts = np.bincount(np.concatenate([task.y_pool, task.y_val]))
    assert counts[0] == 6000 and counts[-1] == 60 and np.all(np.diff(counts) < 0)
    np.testing.assert_array_equal(np.bincount(task.y_test), np.full(10, 1000))


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_step_task_has_two_class_sizes():
    (task,) = build_tasks("fmnist_step", "scratch", _tiny())
    counts = np.bincount(np.concatenate([task.y_pool, task.y_val]))
    np.testing.assert_array_equal(counts, [6000] * 5 + [600] * 5)
    np.testing.assert_array_equal(np.bincount(task.y_test), np.full(10, 1000))


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
@pytest.mark.parametrize("track", ["scratch", "finetune"])
def test_fmnist_noisy_task_flips_pool_and_validation_labels_only(track):
    config = _tiny(pool_size=5000, finetune_pool_size=2000, source_size=500)
    for clean, noisy in zip(build_tasks("fmnist", track, config), build_tasks("fmnist_noisy", track, config)):
        np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
        wrong = np.mean(np.concatenate([clean.y_pool != noisy.y_pool, clean.y_val != noisy.y_val]))
        assert wrong == pytest.approx(config.noise_rate, abs=1e-3)
        np.testing.assert_array_equal(clean.y_test, noisy.y_test)
        if track == "finetune":
            np.testing.assert_array_equal(clean.y_source, noisy.y_source)
    assert task_fingerprint(noisy, config) != task_fingerprint(
        noisy, dataclasses.replace(config, noise_rate=0.4))


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_tops_task_holds_the_four_upper_body_garments_renumbered():
    config = _tiny(pool_size=2000, finetune_pool_size=1000, source_size=500)
    (every,), (tops,) = build_tasks("fmnist", "scratch", _tiny()), build_tasks("fmnist_tops", "scratch", config)
    np.testing.assert_array_equal(np.unique(tops.y_pool), np.arange(4))
    np.testing.assert_array_equal(np.bincount(tops.y_test), np.full(4, 1000))
    assert len(tops.y_pool) + len(tops.y_val) == 2000
    # each renumbered class is the garment it stands for: its images are that garment's images
    garments = {x.tobytes(): label for x, label in zip(np.concatenate([every.X_pool, every.X_val]),
                                                       np.concatenate([every.y_pool, every.y_val]))}
    for image, label in zip(tops.X_pool[:200], tops.y_pool[:200]):
        assert garments[image.tobytes()] == FASHION_MNIST_TOPS[label]
    forward, backward = build_tasks("fmnist_tops", "finetune", config)
    assert forward.dataset == "fmnist_tops[2-3]" and backward.dataset == "fmnist_tops[0-1]"
    assert forward.n_classes == backward.n_classes == 2


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_asym_task_flips_lookalike_classes_only():
    config = _tiny(pool_size=5000, noise_rate=0.4)
    (clean,), (noisy,) = build_tasks("fmnist", "scratch", config), build_tasks("fmnist_asym", "scratch", config)
    np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
    y_true = np.concatenate([clean.y_pool, clean.y_val])
    y_noisy = np.concatenate([noisy.y_pool, noisy.y_val])
    wrong = y_true != y_noisy
    for source, target in FASHION_MNIST_LOOKALIKES.items():
        assert np.mean(wrong[y_true == source]) == pytest.approx(0.4, abs=1e-3)
        assert np.all(y_noisy[wrong & (y_true == source)] == target)
    assert not wrong[~np.isin(y_true, list(FASHION_MNIST_LOOKALIKES))].any()
    np.testing.assert_array_equal(clean.y_test, noisy.y_test)
    assert task_fingerprint(noisy, config) != task_fingerprint(clean, config)
    assert task_fingerprint(noisy, config) != task_fingerprint(noisy, dataclasses.replace(config, noise_rate=0.2))


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_lt_noisy_task_is_the_long_tail_with_symmetric_noise():
    config = _tiny(imbalance_ratio=10.0, noise_rate=0.1)
    (clean,), (noisy,) = build_tasks("fmnist_lt", "scratch", config), build_tasks("fmnist_lt_noisy", "scratch", config)
    np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
    wrong = np.concatenate([clean.y_pool != noisy.y_pool, clean.y_val != noisy.y_val])
    assert np.mean(wrong) == pytest.approx(0.1, abs=1e-3)
    fingerprints = {task_fingerprint(noisy, c) for c in (config, dataclasses.replace(config, noise_rate=0.2),
                                                         dataclasses.replace(config, imbalance_ratio=100.0))}
    assert len(fingerprints) == 3 and task_fingerprint(clean, config) not in fingerprints


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_confusion_task_relabels_ambiguous_rows_as_a_confused_class():
    config = _tiny(pool_size=3000, noise_rate=0.2)
    (clean,), (noisy,) = build_tasks("fmnist", "scratch", config), build_tasks("fmnist_confusion", "scratch", config)
    np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
    y_true, y_noisy = np.concatenate([clean.y_pool, clean.y_val]), np.concatenate([noisy.y_pool, noisy.y_val])
    wrong = y_true != y_noisy
    assert np.mean(wrong) == pytest.approx(0.2, abs=1e-3)
    # a labeller's confusions: mostly among the upper-body garments (T-shirt, pullover, coat, shirt)
    tops = np.isin(y_true[wrong], (0, 2, 4, 6)) & np.isin(y_noisy[wrong], (0, 2, 4, 6))
    assert tops.mean() > 0.5
    np.testing.assert_array_equal(clean.y_test, noisy.y_test)
    assert task_fingerprint(noisy, config) != task_fingerprint(noisy, dataclasses.replace(config, noise_rate=0.1))


@pytest.mark.parametrize("track", ["scratch", "finetune"])
def test_digits_noisy_task_is_the_digits_with_symmetric_noise(track):
    config = _tiny(noise_rate=0.2)
    for clean, noisy in zip(build_tasks("digits", track, config), build_tasks("digits_noisy", track, config)):
        np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
        wrong = np.concatenate([clean.y_pool != noisy.y_pool, clean.y_val != noisy.y_val])
        assert np.mean(wrong) == pytest.approx(0.2, abs=2e-3)
        np.testing.assert_array_equal(clean.y_test, noisy.y_test)
        assert task_fingerprint(noisy, config) != task_fingerprint(noisy, dataclasses.replace(config, noise_rate=0.4))


def test_a_noisy_task_is_keyed_by_its_labels():
    # The cache key is otherwise the recipe: a new draw of the noise (as when the corruptions got a stream of
    # their own) must not be served the cells and scores of the old one.
    config = _tiny(noise_rate=0.2)
    task = build_tasks("digits_noisy", "scratch", config)[0]
    relabelled = dataclasses.replace(task, y_pool=np.roll(task.y_pool, 1))
    assert task_fingerprint(task, config) != task_fingerprint(relabelled, config)
    assert task_fingerprint(task, config) == task_fingerprint(build_tasks("digits_noisy", "scratch", config)[0], config)


@pytest.mark.parametrize("selector", [RandomSelector, ClassBalancedRandomSelector])
def test_random_coresets_of_a_noisy_task_draw_apart_from_its_noise(selector):
    # symmetric_label_noise(y, random_state=s) flipped RandomState(s).permutation(n)[:k], the rows that
    # RandomSelector(random_state=s) keeps on n rows: the noise now draws from a stream of its own, so the
    # random coresets of every seed hold about the pool's share of it.
    config = _tiny(noise_rate=0.2)
    clean, noisy = build_tasks("digits", "scratch", config)[0], build_tasks("digits_noisy", "scratch", config)[0]
    wrong = clean.y_pool != noisy.y_pool
    for seed in (config.data_seed, 1):
        kept = selector(0.9, random_state=seed).fit(
            np.zeros(wrong.size), noisy.y_pool).sample_indices_
        assert 0.05 < wrong[kept].mean() < 0.4


def test_fmnist_asym_refuses_the_finetune_track():
    with pytest.raises(ValueError, match="halves of the classes"):
        build_tasks("fmnist_asym", "finetune", _tiny())


def test_end_to_end_digits_and_resume(tmp_path, scorer, train_counter):
    config = _tiny()
    out = tmp_path / "out"
    rows = run_benchmark(config, cache_dir=tmp_path / "cache", out_dir=out, methods=STAND_IN)
    # 2 seeds x (full + 2 rates x 1 method)
    assert len(rows) == 6 and len(train_counter) == 6 and len(scorer) == 1
    n_pool = rows[0]["n_pool"]
    for row in rows:
        expected = n_pool - int(np.round(row["rate"] * n_pool))
        assert row["n_selected"] == expected
        assert 0 <= row["worst_class_accuracy"] <= row["balanced_accuracy"] <= 1
    assert {r["method"] for r in rows} == {"full", "standin"}
    # outputs
    csv_lines = (out / "results.csv").read_text().splitlines()
    assert len(csv_lines) == 7 and csv_lines[0].startswith("dataset,track,method,rate,seed")
    markdown = (out / "results.md").read_text()
    assert "| standin |" in markdown and "Full data (rate 0)" in markdown and '"mode": "test"' in markdown
    assert (out / "accuracy.png").read_bytes()[:4] == b"\x89PNG"

    # rerun: nothing is recomputed, the same rows come back
    train_counter.clear()
    again = run_benchmark(config, cache_dir=tmp_path / "cache", methods=STAND_IN)
    assert train_counter == [] and len(scorer) == 1 and again == rows

    # an interrupted run (last cell lost, half-written line): only that cell is recomputed,
    # scores come from the cache; its model was recorded before the cell, so it is not trained again
    cells = tmp_path / "cache" / "cells.jsonl"

    def cut_last_line(path):
        lines = path.read_text().splitlines()
        path.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:20])

    def measured(row):  # everything but the wall-clock timings and whether the model was trained again
        return {k: v for k, v in row.items() if not k.endswith("seconds") and k != "reused_training"}

    cut_last_line(cells)
    resumed = run_benchmark(config, cache_dir=tmp_path / "cache", methods=STAND_IN)
    assert train_counter == [] and len(scorer) == 1
    assert resumed[-1]["reused_training"] and not rows[-1]["reused_training"]
    assert measured(resumed[-1]) == measured(rows[-1])
    # the training lost too: trained again, to the same accuracies
    cut_last_line(cells)
    cut_last_line(tmp_path / "cache" / "trainings.jsonl")
    resumed = run_benchmark(config, cache_dir=tmp_path / "cache", methods=STAND_IN)
    assert len(train_counter) == 1 and not resumed[-1]["reused_training"]
    assert measured(resumed[-1]) == measured(rows[-1])  # same seed, same recipe: deterministic
    train_counter.clear()
    run_benchmark(config, cache_dir=tmp_path / "cache", methods=STAND_IN)
    assert train_counter == []  # the re-added row did not merge into the cut line

    # a changed recipe is a different cell
    train_counter.clear()
    run_benchmark(dataclasses.replace(config, seeds=(0,), rates=(0.5,),
                                      scratch=TrainRecipe("mlp", epochs=2, batch_size=128)),
                  cache_dir=tmp_path / "cache", methods=STAND_IN)
    assert len(train_counter) == 2


def test_interrupt_mid_run_then_resume(tmp_path, scorer, train_counter, monkeypatch):
    from sknucs.benchmark import _context

    counted = _context.TaskContext.train_and_evaluate

    def dies_on_third(self, indices, seed):
        if len(train_counter) == 2:
            raise KeyboardInterrupt
        return counted(self, indices, seed)

    monkeypatch.setattr(_context.TaskContext, "train_and_evaluate", dies_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_benchmark(_tiny(), cache_dir=tmp_path, methods=STAND_IN)
    assert len(CellStore(tmp_path / "cells.jsonl")) == 2
    monkeypatch.setattr(_context.TaskContext, "train_and_evaluate", counted)
    train_counter.clear()
    rows = run_benchmark(_tiny(), cache_dir=tmp_path, methods=STAND_IN)
    assert len(rows) == 6 and len(train_counter) == 4


def test_cells_record_their_scores_and_a_rerun_on_other_scores_warns(tmp_path, scorer, caplog):
    import json

    config = _tiny(seeds=(0,), rates=(0.5,))
    rows = run_benchmark(config, cache_dir=tmp_path, methods=STAND_IN)
    digests = {row["scores_digest"] for row in rows}
    assert len(digests) == 1 and len(digests.pop()) == 16
    # the cached scores replaced (as on another machine) and one cell left to compute
    arrays = next((tmp_path / "arrays").glob("scores-*.npz"))
    stored = dict(np.load(arrays))
    np.savez(arrays, **{**stored, "scores": stored["scores"] + 1.0})
    cells = tmp_path / "cells.jsonl"
    cells.write_text(cells.read_text().splitlines()[0] + "\n")
    with caplog.at_level("WARNING", logger="sknucs.benchmark._runner"):
        again = run_benchmark(config, cache_dir=tmp_path, methods=STAND_IN)
    assert "1 cached cells were computed from other scores" in caplog.text
    assert again[0]["scores_digest"] != again[1]["scores_digest"]
    # the same scores: no warning
    caplog.clear()
    cells.write_text(json.dumps(again[1]) + "\n")
    with caplog.at_level("WARNING", logger="sknucs.benchmark._runner"):
        run_benchmark(config, cache_dir=tmp_path, methods=STAND_IN)
    assert "other scores" not in caplog.text


def test_scores_where_higher_is_easier_reach_the_selectors_as_ranks_of_their_negation(tmp_path, scorer):
    received = []

    class Recording(HardestStandIn):
        def fit(self, scores, y, features=None):
            received.append(np.asarray(scores, dtype=float).mean(axis=1))
            return super().fit(scores, y, features)

    methods = {"standin": Method("standin", Recording)}
    for score in ("el2n", "aum"):
        config = _tiny(rates=(0.5,), seeds=(0,), scoring=ScoringRecipe(epochs=1, seeds=(0,), score=score))
        run_benchmark(config, cache_dir=tmp_path, methods=methods)
    el2n, aum_ranks = received
    assert np.corrcoef(np.argsort(np.argsort(el2n)), np.argsort(np.argsort(aum_ranks)))[0, 1] > 0.5
    assert aum_ranks.min() > 0 and aum_ranks.max() <= 1
    recorded = {"aum": np.array([[2.0, 0.5], [-1.0, 0.1], [0.0, -3.0], [0.0, 0.2]])}
    np.testing.assert_allclose(ScoringRecipe(score="aum").selector_scores(recorded["aum"]),
                               [[0.25, 0.25], [1.0, 0.75], [0.625, 1.0], [0.625, 0.5]])
    np.testing.assert_array_equal(ScoringRecipe().selector_scores(recorded["aum"]), recorded["aum"])
    with pytest.raises(ValueError, match="'AUM' is not a recorded score"):
        ScoringRecipe(score="AUM")


def test_a_method_that_keeps_another_ones_coreset_reuses_its_model(tmp_path, scorer, train_counter):
    twin = {**STAND_IN, "twin": Method("twin", HardestStandIn)}  # another name, the same coresets
    first = run_benchmark(_tiny(rates=(0.5,), seeds=(0,)), cache_dir=tmp_path, methods=twin)
    assert len(train_counter) == 2 and not first[1]["reused_training"]  # the full-data row and standin's
    train_counter.clear()
    second = run_benchmark(_tiny(methods=("twin",), rates=(0.5,), seeds=(0, 1)), cache_dir=tmp_path,
                           methods=twin)
    # seed 0: twin's coreset is standin's, its model reused; seed 1 trains (full data and twin)
    assert train_counter == [("digits/scratch", second[3]["n_pool"], 1),
                             ("digits/scratch", second[3]["n_selected"], 1)]
    assert second[1]["reused_training"] and second[1]["accuracy"] == first[1]["accuracy"]
    assert second[1]["method"] == "twin" and second[1]["fingerprint"] != first[1]["fingerprint"]
    assert not second[3]["reused_training"]


def test_parameter_oracle_trains_every_candidate_once_and_keeps_the_best_by_validation(
        tmp_path, scorer, train_counter):
    from sknucs.benchmark._methods import METHODS

    grid = {"window": (0.6, 1.0), "window_scale": ("class", "global")}
    oracle = {"searched": Method("searched", METHODS["nucs"].build, oracle=True, oracle_params=grid)}
    config = _tiny(methods=("searched",), rates=(0.5,), seeds=(0,))
    row = run_benchmark(config, cache_dir=tmp_path, methods=oracle)[1]
    # the full-data row, then one training per distinct candidate coreset, none repeated for the pick
    assert len(row["oracle_values"]) == len(row["oracle_test_values"]) == 4
    assert len(train_counter) == 1 + 4
    best = int(np.argmax(row["oracle_values"]))
    assert row["accuracy"] == row["oracle_test_values"][best] and row["window"] in (0.6, 1.0)
    # the grid is part of the cell's key: another grid is another cell, which trains only the
    # coresets the first grid did not (window 0.8 on both scales)
    train_counter.clear()
    other = {"searched": Method("searched", METHODS["nucs"].build, oracle=True,
                                oracle_params={**grid, "window": (0.8, 1.0)})}
    again = run_benchmark(config, cache_dir=tmp_path, methods=other)[1]
    assert len(train_counter) == 2 and len(again["oracle_test_values"]) == 4
    assert row["oracle_test_values"][2:] == again["oracle_test_values"][2:]  # window 1.0 (the grid's order)


def test_a_proxy_search_as_a_method_records_the_window_of_its_pick(tmp_path, scorer):
    from sknucs import CoresetSearch, NUCSSelector

    def build(rate, random_state):
        return CoresetSearch(NUCSSelector(rate, random_state=random_state), {"window": [0.6, 1.0]},
                             scoring="ridge", random_state=random_state)

    row = run_benchmark(_tiny(methods=("searched",), rates=(0.5,), seeds=(0,)), cache_dir=tmp_path,
                        methods={"searched": Method("searched", build)})[1]
    assert row["window"] in (0.6, 1.0)


def test_oracle_cell_reuses_the_evaluate_trainings(tmp_path, scorer, train_counter, monkeypatch):
    seen = {}

    def fake_oracle(selector, scores, y, evaluate, *, features=None, grid=None, n_jobs=None):
        values = []
        for k in grid:  # windows stand in as different keep sets
            indices = np.sort(np.argsort(scores.mean(1))[: int(len(y) * k * (1 - selector.rate))])
            values.append(evaluate(indices))
            seen[k] = indices
        best = int(np.argmax(values))
        return types.SimpleNamespace(grid=np.asarray(grid), values=np.asarray(values),
                                     best_window=grid[best], best_indices=seen[grid[best]],
                                     coresets=tuple(seen[k] for k in grid))

    monkeypatch.setattr(sknucs, "oracle_window_search", fake_oracle, raising=False)
    oracle = {"oracle": Method("oracle", HardestStandIn, oracle=True)}
    rows = run_benchmark(_tiny(methods=("oracle",), rates=(0.5,), seeds=(0,), oracle_grid=(0.4, 0.7, 1.0)),
                         cache_dir=tmp_path, methods=oracle)
    oracle_row = rows[1]
    assert oracle_row["method"] == "oracle" and len(oracle_row["oracle_values"]) == 3
    assert oracle_row["window"] == (0.4, 0.7, 1.0)[int(np.argmax(oracle_row["oracle_values"]))]
    test_values = oracle_row["oracle_test_values"]  # the test accuracy of each window's training
    assert len(test_values) == 3 and test_values[(0.4, 0.7, 1.0).index(oracle_row["window"])] == oracle_row["accuracy"]
    assert oracle_row["n_selected"] == len(seen[oracle_row["window"]])
    assert len(train_counter) == 1 + 3  # full row + one training per window, none repeated


@pytest.mark.parametrize("metric", ["reweighted", "accuracy"])
def test_oracle_maximises_its_configured_validation_metric(tmp_path, scorer, monkeypatch, metric):
    from sknucs.benchmark import _context

    grid = (0.4, 0.7, 1.0)
    # the two metrics disagree: accuracy prefers the first window, reweighted the last
    val_by_size = {}

    def fake_train(self, indices, seed):
        rank = len(val_by_size)
        val_by_size[len(indices)] = {"accuracy": 0.9 - 0.1 * rank, "reweighted": 0.5 + 0.1 * rank}
        test = {"accuracy": 0.5, "balanced_accuracy": 0.5, "worst_class_accuracy": 0.5}
        return test, val_by_size[len(indices)]

    def fake_oracle(selector, scores, y, evaluate, *, features=None, grid=None, n_jobs=None):
        sets = [np.arange(int(len(y) * k * (1 - selector.rate))) for k in grid]
        values = [evaluate(indices) for indices in sets]
        best = int(np.argmax(values))
        return types.SimpleNamespace(grid=np.asarray(grid), values=np.asarray(values),
                                     best_window=grid[best], best_indices=sets[best], coresets=tuple(sets))

    monkeypatch.setattr(_context.TaskContext, "train_and_evaluate", fake_train)
    monkeypatch.setattr(sknucs, "oracle_window_search", fake_oracle, raising=False)
    oracle = {"oracle": Method("oracle", HardestStandIn, oracle=True)}
    config = _tiny(methods=("oracle",), rates=(0.5,), seeds=(0,), oracle_grid=grid, oracle_metric=metric)
    row = run_benchmark(config, cache_dir=tmp_path, methods=oracle)[1]
    assert row["window"] == (grid[0] if metric == "accuracy" else grid[-1])
    assert row["oracle_values"] == [v[metric] for v in list(val_by_size.values())[1:]]
    assert row["val_accuracy"] == val_by_size[row["n_selected"]]["accuracy"]
    assert row["oracle_test_values"] == [0.5, 0.5, 0.5]


def test_oracle_metric_keys_only_oracle_cells_and_keeps_old_keys(tmp_path):
    from sknucs.benchmark._runner import _plan, selector_params_key

    config = _tiny(methods=("random", "nucs_o"), rates=(0.5,), seeds=(0,))
    tasks = build_tasks("digits", "scratch", config)

    def keys(metric):
        return {c.name: c.key for c in _plan(tasks, dataclasses.replace(config, oracle_metric=metric), METHODS)}

    reweighted, accuracy = keys("reweighted"), keys("accuracy")
    assert reweighted["random"] == accuracy["random"] and reweighted["nucs_o"] != accuracy["nucs_o"]
    from sknucs.benchmark._config import fingerprint

    cell = next(c for c in _plan(tasks, dataclasses.replace(config, oracle_metric="accuracy"), METHODS)
                if c.name == "nucs_o")
    params = selector_params_key(METHODS["nucs_o"].build(0.5, random_state=0))
    # the key the cell had before the metric existed
    assert cell.fingerprint == fingerprint(task_fingerprint(tasks[0], config), "nucs_o", params,
                                           list(config.oracle_grid))
    with pytest.raises(ValueError, match="oracle_metric"):
        run_benchmark(dataclasses.replace(config, oracle_metric="f1"), cache_dir=tmp_path)


def test_selector_key_holds_only_parameters_away_from_their_defaults():
    from sknucs import NUCSSelector
    from sknucs.benchmark._runner import selector_params_key

    from sknucs.benchmark._runner import KEY_DEFAULTS

    paper = KEY_DEFAULTS["NUCSSelector"]
    assert selector_params_key(NUCSSelector(0.7, random_state=3, **paper)) == {"rate": 0.7, "random_state": 3}
    # a default that moved away from the recorded one is keyed explicitly
    default = NUCSSelector(0.9, random_state=3)
    moved = {name for name, value in paper.items() if repr(getattr(default, name)) != repr(value)}
    assert set(selector_params_key(default)) == {"rate", "random_state"} | moved
    key = selector_params_key(METHODS["nucs_perclass"].build(0.7, random_state=0))
    assert set(key) == {"rate", "random_state", "window_search"} and "per_class=True" in repr(key["window_search"])
    assert selector_params_key(METHODS["nucs_floor"].build(0.5, random_state=0))["min_share"] == 0.5

    class Later(NUCSSelector):  # a parameter added at a default that keeps the old behaviour
        def __init__(self, rate=0.5, *, random_state=None, new_option=None):
            super().__init__(rate, random_state=random_state)
            self.new_option = new_option

    assert selector_params_key(Later(0.7, random_state=3)) == selector_params_key(
        NUCSSelector(0.7, random_state=3, **paper))
    assert selector_params_key(HardestStandIn(0.7)) == {"rate": 0.7}
    no_params = types.SimpleNamespace(rate=0.7)
    assert selector_params_key(no_params) == repr(no_params)


@pytest.mark.parametrize("rate, window_cap, keyed", [
    (0.5, "auto", None), (0.7, "auto", 0.95), (0.7, 1.0, None), (0.9, "auto", 0.95), (0.9, 0.95, 0.95),
    (0.9, 0.9, 0.9), (0.9, 1.0, None), (0.9, None, None)])
def test_selector_key_records_the_cap_that_window_cap_stands_for(rate, window_cap, keyed):
    # "auto" is a rule of the rate that rounds eight and sixteen changed: a cell keys the cap it ran with,
    # and a cap of 1 (which cuts nothing) keys as no cap, so the old rule's cells are never taken for the new
    from sknucs import NUCSSelector
    from sknucs.benchmark._runner import selector_params_key

    key = selector_params_key(NUCSSelector(rate, window_cap=window_cap, random_state=0))
    assert key.get("window_cap") == (None if keyed is None else pytest.approx(keyed))
    assert ("window_cap" in key) == (keyed is not None)


def test_selector_key_records_easy_cut_agreement_only_where_it_acts():
    # round twenty's condition acts on easy_cut="auto" under the noise filter; elsewhere the variants of
    # earlier rounds keep their keys, subclasses included (the benchmark's fit without features is one)
    from sknucs import NUCSSelector
    from sknucs.benchmark._runner import selector_params_key

    assert selector_params_key(NUCSSelector(0.7, random_state=0))["easy_cut_agreement"] == 0.3
    for params in ({"easy_cut": 0.0}, {"easy_cut": 0.3}, {"easy_cut_agreement": None}, {"noise_filter": None},
                   {"sampling": "window", "easy_cut": "auto"}):
        assert "easy_cut_agreement" not in selector_params_key(NUCSSelector(0.7, random_state=0, **params))

    class Subclass(NUCSSelector):
        pass

    assert selector_params_key(Subclass(0.7, easy_cut=0.0, window_cap=1.0, random_state=0)) == selector_params_key(
        NUCSSelector(0.7, easy_cut=0.0, window_cap=None, random_state=0))


def test_smoke_preset_with_landed_methods(tmp_path, scorer):
    """The whole smoke preset (both tracks) with every selector that has landed, plus the stand-in."""
    methods = tuple(_landed_methods()) + ("standin",)
    fast = {"epochs": 2}
    config = smoke_config()
    config = dataclasses.replace(
        config, methods=methods, oracle_grid=(0.5, 1.0),
        scratch=dataclasses.replace(config.scratch, **fast), pretrain=dataclasses.replace(config.pretrain, **fast),
        finetune=dataclasses.replace(config.finetune, **fast), scoring=dataclasses.replace(config.scoring, epochs=1),
    )
    rows = run_benchmark(config, cache_dir=tmp_path, out_dir=tmp_path / "out", methods=STAND_IN)
    tasks = {(r["dataset"], r["track"]) for r in rows}
    assert tasks == {("digits", "scratch"), ("digits[5-9]", "finetune"), ("digits[0-4]", "finetune")}
    assert len(rows) == 3 * (1 + 2 * len(methods))
    assert all(0 <= r["accuracy"] <= 1 for r in rows)
    full = [r["accuracy"] for r in rows if r["method"] == "full" and r["track"] == "scratch"]
    assert full[0] > 0.5  # the MLP learns digits even in the smoke recipe


def test_cli_writes_outputs(tmp_path, scorer, monkeypatch, capsys):
    monkeypatch.setitem(METHODS, "standin", STAND_IN["standin"])
    monkeypatch.setitem(_cli.PRESETS, "smoke", lambda: _tiny(mode="smoke"))
    assert _cli.main(["--mode", "smoke", "--seeds", "3", "--out", str(tmp_path / "o"),
                      "--cache", str(tmp_path / "c"), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "| standin |" in printed and str(tmp_path / "o" / "accuracy.png") in printed
    rows = [json.loads(line) for line in (tmp_path / "c" / "cells.jsonl").read_text().splitlines()]
    assert {r["seed"] for r in rows} == {3}


@pytest.mark.parametrize("options, message", [
    (["--seeds", "0", "0", "1"], "seeds repeat 0: each would be run and counted twice"),
    (["--tasks", "digits/scratch", "digits/scratch"], "tasks repeat digits/scratch"),
    (["--methods", "random", "random"], "methods repeat random"),
    (["--rates", "0.5", "1.0"], r"rates must lie in \(0, 1\)"),
    (["--rates", "0"], r"rates must lie in \(0, 1\)"),
    (["--rates", "nan"], r"rates must lie in \(0, 1\)"),
    (["--seeds", "-1"], r"seeds must be integers in \[0, 2\*\*32\)"),
    (["--tasks", "digits"], "a task is DATASET/TRACK"),
    (["--tasks", "foo/scratch"], "Unknown task 'foo/scratch'"),
    (["--methods", "foo"], "Unknown methods"),
    (["--threads", "0"], "at least 1"),
])
def test_cli_refuses_bad_options_before_any_work(tmp_path, capsys, options, message):
    # Each was found only after scoring and training, or (repeats) counted twice in every mean.
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["--mode", "smoke", "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "o"), *options])
    assert exit_info.value.code == 2 and re.search(message, capsys.readouterr().err)
    assert not (tmp_path / "c").exists()  # nothing scored, nothing cached


def test_cli_refuses_an_out_that_is_a_file_before_any_work(tmp_path, capsys):
    (tmp_path / "o").write_text("")
    with pytest.raises(SystemExit):
        _cli.main(["--mode", "smoke", "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "o")])
    assert "is a file" in capsys.readouterr().err and not (tmp_path / "c").exists()


def test_cli_refuses_a_cache_that_is_a_file_before_any_work(tmp_path, capsys):
    # it was a traceback (NotADirectoryError) once a task's scores had been computed, to be saved there
    (tmp_path / "c").write_text("")
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["--mode", "smoke", "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "o")])
    assert exit_info.value.code == 2 and "--cache" in capsys.readouterr().err and not (tmp_path / "o").exists()


@pytest.mark.parametrize("module, named", [("torch", "PyTorch"), ("matplotlib", "matplotlib")])
def test_cli_without_an_extra_is_one_line_before_any_work(tmp_path, capsys, monkeypatch, module, named):
    # `pip install sknucs` then `python -m sknucs.benchmark`: a traceback once made --out (torch), or
    # one after every cell had trained, at the plot (matplotlib, in no extra the benchmark named).
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == module else real_find_spec(name, *a))
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["--mode", "smoke", "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and f"needs {named}" in err and "pip install 'sknucs[torch,plot]'" in err
    assert not (tmp_path / "c").exists() and not (tmp_path / "o").exists()


def test_progress_eta_extrapolates_the_cells_own_seconds():
    from sknucs.benchmark._runner import _Progress

    task = types.SimpleNamespace(key="t")
    cells = [types.SimpleNamespace(cost=1.0, task=task, name="m", rate=0.5, seed=0) for _ in range(4)]
    progress = _Progress(cells)
    progress.start -= 100.0  # a task's scoring before its first cell: not the pace of the cells
    progress.step(cells[0], {"seconds": 2.0, "accuracy": 0.5, "worst_class_accuracy": 0.5})
    assert progress.eta() == pytest.approx(6.0)  # 3 cells left at 2 s each, not 3 x 100 s
    for cell in cells[1:]:
        progress.step(cell, {"seconds": 2.0, "accuracy": 0.5, "worst_class_accuracy": 0.5})
    assert progress.eta() == 0.0


def test_run_benchmark_refuses_repeats():
    config = dataclasses.replace(smoke_config(), seeds=(0, 1, 0))
    with pytest.raises(ValueError, match="seeds repeat 0"):
        run_benchmark(config, cache_dir="unused")


def test_a_change_of_model_width_changes_the_cache_key(monkeypatch):
    from sknucs.benchmark import _config, _runner

    config = smoke_config()
    task = build_tasks("digits", "scratch", config)[0]
    before = _runner.task_fingerprint(task, config)
    monkeypatch.setitem(_config.ARCHITECTURES, "mlp", {"hidden": 128})
    assert _runner.task_fingerprint(task, config) != before


@pytest.mark.parametrize("n, epochs, steps, expected", [
    (10, 3, None, [4, 4, 2] * 3),          # epochs: every pass, last batch smaller
    (10, 3, 7, [4, 4, 2, 4, 4, 2, 4]),     # steps: passes repeat, the last stops part-way
    (10, 3, 2, [4, 4]),
])
def test_train_model_takes_epochs_or_exactly_steps(n, epochs, steps, expected):
    torch = pytest.importorskip("torch")
    from sknucs.benchmark._training import train_model

    sizes = []
    model = torch.nn.Linear(3, 2)
    model.register_forward_hook(lambda module, args, out: sizes.append(len(args[0])))
    train_model(model, torch.zeros(n, 3), torch.zeros(n), epochs=epochs, steps=steps, batch_size=4, lr=0.1, seed=0)
    assert sizes == expected


def test_train_model_rejects_zero_steps():
    torch = pytest.importorskip("torch")
    from sknucs.benchmark._training import train_model

    with pytest.raises(ValueError, match="steps"):
        train_model(torch.nn.Linear(3, 2), torch.zeros(4, 3), torch.zeros(4), epochs=1, steps=0,
                    batch_size=4, lr=0.1, seed=0)


def test_recipe_steps_enter_the_cache_key_only_when_set():
    config = smoke_config()
    task = build_tasks("digits", "finetune", config)[0]

    assert "steps" not in repr(config.finetune)  # keys of caches made before the field stay valid
    stepped = dataclasses.replace(config, finetune=dataclasses.replace(config.finetune, steps=50))
    assert task_fingerprint(task, stepped) != task_fingerprint(task, config)
    assert stepped.finetune.sample_passes(1000) == 50 * stepped.finetune.batch_size
    assert config.finetune.sample_passes(1000) == 1000 * config.finetune.epochs


def _report_rows(methods, rates=(0.5, 0.9), tasks=(("fmnist", "scratch"),)):
    """Synthetic cells, two seeds each, with the full-data reference."""
    rows = []
    for dataset, track in tasks:
        for method, rate in [("full", 0.0)] + [(m, r) for m in methods for r in rates]:
            for seed in (0, 1):
                rows.append({"dataset": dataset, "track": track, "method": method, "rate": rate,
                             "seed": seed, "accuracy": 0.8 - rate / 10 + seed / 100,
                             "worst_class_accuracy": 0.5 - rate / 10, "balanced_accuracy": 0.7,
                             "n_selected": 10, "seconds": 1.0})
    return rows


def test_results_csv_floats_carry_no_noise(tmp_path):
    from sknucs.benchmark._report import write_csv

    row = {**_report_rows(["random"])[0], "accuracy": 0.8492999999999998,
           "seconds": 12.345678912, "window": 0.1 + 0.2, "oracle_values": [0.1 + 0.2, 0.7]}
    write_csv([row], tmp_path / "results.csv")
    text = (tmp_path / "results.csv").read_text()
    assert "0.8493," in text and "0.8492999" not in text
    assert "12.3457," in text and ",0.3," in text and '"[0.3, 0.7]"' in text
    assert "0.30000000000000004" not in text


def test_results_csv_reads_back_into_cache_rows(tmp_path):
    from sknucs.benchmark._report import read_csv, write_csv
    from sknucs.benchmark._store import CellStore, cell_key

    rows = [{**row, "fingerprint": "abc", "n_pool": 20, "window": None if i else 0.7,
             "oracle_values": [0.5, 0.25] if i else None} for i, row in enumerate(_report_rows(["random"]))]
    write_csv(rows, tmp_path / "results.csv")
    back = read_csv(tmp_path / "results.csv")
    assert [cell_key(r) for r in back] == [cell_key(r) for r in rows]
    assert back[0]["window"] == 0.7 and back[1]["window"] is None and back[1]["oracle_values"] == [0.5, 0.25]
    assert isinstance(back[0]["seed"], int) and isinstance(back[0]["n_selected"], int)
    assert back[0]["accuracy"] == rows[0]["accuracy"] and back[0]["select_seconds"] is None
    store = CellStore(tmp_path / "cells.jsonl")
    for row in back:
        store.add(row)
    assert all(cell_key(r) in CellStore(tmp_path / "cells.jsonl") for r in rows)
    # a digest of digits only stays text; a results.csv written before the digest existed still reads
    write_csv([{**rows[0], "scores_digest": "0123456789012345"}], tmp_path / "digest.csv")
    assert read_csv(tmp_path / "digest.csv")[0]["scores_digest"] == "0123456789012345"
    old = (tmp_path / "results.csv").read_text().replace(",scores_digest", "", 1)
    (tmp_path / "old.csv").write_text(old.replace(",\n", "\n").replace(",\r\n", "\r\n"))
    assert [cell_key(r) for r in read_csv(tmp_path / "old.csv")] == [cell_key(r) for r in rows]
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="not a benchmark results.csv"):
        read_csv(tmp_path / "other.csv")


def test_results_md_lists_only_the_settings_of_the_tasks_present(tmp_path):
    from sknucs.benchmark import full_config, gpu_config, pretrained_config, quick_config, write_report
    from sknucs.benchmark._report import used_settings

    config = quick_config()
    write_report(_report_rows(["random", "nucs"]), config, tmp_path, notes={})
    recipe = json.loads((tmp_path / "results.md").read_text().split("```json\n")[1].split("```")[0])
    assert recipe == used_settings(config)
    for unused in ("transfer", "weights", "image_size", "mean", "std", "pretrain", "finetune",
                   "source_size", "finetune_pool_size", "imbalance_ratio", "data_root"):
        assert unused not in recipe
    assert {"scratch", "pool_size", "scoring", "methods", "rates", "seeds"} <= set(recipe)
    full = used_settings(full_config())
    assert {"pretrain", "finetune", "imbalance_ratio", "scratch"} <= set(full)
    assert not {"transfer", "mean", "image_size"} & set(full)
    gpu = used_settings(gpu_config())
    assert {"transfer", "weights", "image_size", "mean", "std", "data_root"} <= set(gpu)
    assert not {"scratch", "pretrain", "imbalance_ratio"} & set(gpu)
    # the backbone, the step and noise settings, NUCS-O's grid: only where a task or method reads them
    smoke = used_settings(dataclasses.replace(smoke_config(), methods=("random", "nucs")))
    assert not {"backbone", "step_ratio", "noise_rate", "oracle_grid", "oracle_metric"} & set(smoke)
    noisy = used_settings(dataclasses.replace(smoke_config(), tasks=(("fmnist_noisy", "scratch"),),
                                              methods=("random", "nucs_o")))
    assert {"noise_rate", "oracle_grid", "oracle_metric"} <= set(noisy) and "step_ratio" not in noisy
    assert {"backbone", "pool_size"} <= set(used_settings(pretrained_config()))


def test_close_rates_keep_their_own_columns():
    from sknucs.benchmark._report import markdown_tables

    rows = [{**row, "rate": rate} for rate in (0.5, 0.501) for row in _report_rows(["random"]) if row["rate"]]
    header = next(line for line in markdown_tables(rows, "accuracy").splitlines() if line.startswith("| method"))
    assert header == "| method | 50% | 50.1% |"


def test_plot_panels_have_their_own_titles():
    pytest.importorskip("matplotlib")
    from sknucs.benchmark._report import accuracy_figure

    figure = accuracy_figure(_report_rows(["random", "nucs"],
                                          tasks=(("fmnist", "scratch"), ("fmnist_lt", "scratch"))))
    titles = [ax.get_title() for ax in figure.axes]
    assert len(titles) == 4 and len(set(titles)) == 4


def test_plot_colours_are_fixed_by_method_and_contrast_with_white():
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_rgb

    from sknucs.benchmark._report import accuracy_figure, method_style

    def colours(figure):
        return {bars.get_label(): bars.lines[0].get_color() for bars in figure.axes[0].containers}

    few = colours(accuracy_figure(_report_rows(["nucs", "balanced_random"])))
    many = colours(accuracy_figure(_report_rows(["random", "ccs", "balanced_random", "nucs"])))
    assert few["nucs"] == many["nucs"] and few["balanced_random"] == many["balanced_random"]

    def contrast_with_white(colour):
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
        return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)

    styles = {name: method_style(name)[0] for name in METHODS}
    assert len(set(styles.values())) == len(styles)
    assert min(map(contrast_with_white, styles.values())) >= 3
    assert method_style("not_a_method") == method_style("not_a_method")


@pytest.mark.parametrize("name", sorted(name for name, method in METHODS.items() if not method.oracle))
def test_every_registered_method_builds_a_selector_that_keeps_the_coreset_size(name):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(4), 75)
    features = rng.normal(size=(y.size, 5)) + y[:, None]
    scores = rng.random((y.size, 2))
    selector = METHODS[name].build(0.7, random_state=0).fit(scores, y, features=features)
    assert len(selector.sample_indices_) == sknucs.n_keep_for(y.size, 0.7)
    assert np.unique(selector.sample_indices_).size == len(selector.sample_indices_)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_openset_task_hides_bags_and_boots_under_the_first_eight_labels():
    config = _tiny(pool_size=4000, noise_rate=0.25)
    (task,) = build_tasks("fmnist_openset", "scratch", config)
    X_train, y_train, _, _ = load_fashion_mnist()
    origin = {x.tobytes(): label for x, label in zip(X_train, y_train)}
    true_pool = np.array([origin[x.tobytes()] for x in task.X_pool])
    true_val = np.array([origin[x.tobytes()] for x in task.X_val])
    outlier = np.isin(np.concatenate([true_pool, true_val]), OPEN_SET_OUTLIERS)
    assert outlier.mean() == pytest.approx(0.25, abs=1e-3)
    labels = np.concatenate([task.y_pool, task.y_val])
    assert set(np.unique(labels)) == set(range(8)) and np.array_equal(labels[~outlier],
                                                                        np.concatenate([true_pool, true_val])[~outlier])
    assert task.n_classes == 8 and set(np.unique(task.y_test)) == set(range(8)) and len(task.y_test) == 8000
    assert task_fingerprint(task, config) != task_fingerprint(task, dataclasses.replace(config, noise_rate=0.2))


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_occluded_task_hides_part_of_the_images_and_keeps_labels():
    config = _tiny(pool_size=2000, noise_rate=0.2)
    (clean,), (occluded,) = build_tasks("fmnist", "scratch", config), build_tasks("fmnist_occluded", "scratch", config)
    np.testing.assert_array_equal(clean.y_pool, occluded.y_pool)
    changed = np.concatenate([(clean.X_pool != occluded.X_pool).reshape(len(clean.y_pool), -1).any(axis=1),
                              (clean.X_val != occluded.X_val).reshape(len(clean.y_val), -1).any(axis=1)])
    assert changed.mean() == pytest.approx(0.2, abs=1e-3)
    np.testing.assert_array_equal(clean.X_test, occluded.X_test)
    assert task_fingerprint(occluded, config) != task_fingerprint(clean, config)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_dup_task_copies_pool_images_with_their_labels():
    config = _tiny(pool_size=2000, noise_rate=0.3)
    (clean,), (dup,) = build_tasks("fmnist", "scratch", config), build_tasks("fmnist_dup", "scratch", config)
    changed = (clean.X_pool != dup.X_pool).reshape(len(clean.y_pool), -1).any(axis=1)
    assert changed.mean() == pytest.approx(0.3, abs=1e-3)
    distinct = np.unique(dup.X_pool.reshape(len(dup.y_pool), -1), axis=0, return_index=True)[1]
    assert distinct.size == pytest.approx(0.7 * len(dup.y_pool), abs=2)
    as_row = {dup.X_pool[i].tobytes(): dup.y_pool[i] for i in distinct}
    assert all(as_row[image.tobytes()] == label for image, label in zip(dup.X_pool, dup.y_pool))
    np.testing.assert_array_equal(clean.X_val, dup.X_val)
    np.testing.assert_array_equal(clean.X_test, dup.X_test)
    assert task_fingerprint(dup, config) != task_fingerprint(clean, config)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_neardup_task_moves_the_copies_of_fmnist_dup():
    config = _tiny(pool_size=2000, noise_rate=0.3)
    (exact,), (near,) = build_tasks("fmnist_dup", "scratch", config), build_tasks("fmnist_neardup", "scratch", config)
    np.testing.assert_array_equal(exact.y_pool, near.y_pool)
    moved = (exact.X_pool != near.X_pool).reshape(len(near.y_pool), -1).any(axis=1)
    assert moved.mean() == pytest.approx(0.3, abs=1e-3)
    assert np.unique(near.X_pool.reshape(len(near.y_pool), -1), axis=0).shape[0] == pytest.approx(
        len(near.y_pool), abs=3)  # no exact copy left (up to all-equal moves of a few images)
    np.testing.assert_array_equal(exact.X_val, near.X_val)
    assert "near-copies" in near.notes and task_fingerprint(near, config) != task_fingerprint(exact, config)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_rot_tasks_have_forty_classes_of_turned_garments():
    config = _tiny(pool_size=4000)
    (rot,), (rot_lt,) = build_tasks("fmnist_rot", "scratch", config), build_tasks("fmnist_rot_lt", "scratch", config)
    assert rot.n_classes == rot_lt.n_classes == 40 and set(rot.y_test) == set(range(40))
    counts = np.bincount(rot_lt.y_pool, minlength=40)
    assert counts[0] > 20 * counts[-1] > 0  # the long tail runs over the forty classes
    assert np.bincount(rot.y_pool, minlength=40).min() > 0.8 * len(rot.y_pool) / 40
    garments = np.concatenate([rot.y_pool, rot.y_test]) // 4
    (plain,) = build_tasks("fmnist", "scratch", config)
    assert np.bincount(garments, minlength=10).min() > 0  # every garment, in its four turns
    assert task_fingerprint(rot, config) != task_fingerprint(plain, config)
    other = _tiny(pool_size=4000, imbalance_ratio=10)
    assert task_fingerprint(rot_lt, other) != task_fingerprint(rot_lt, config)


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
def test_fmnist_rot_noisy_flips_a_share_of_the_forty_classes_labels():
    config = _tiny(pool_size=4000, noise_rate=0.3)
    (clean,), (noisy,) = build_tasks("fmnist_rot", "scratch", config), build_tasks("fmnist_rot_noisy", "scratch", config)
    np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
    wrong = clean.y_pool != noisy.y_pool
    assert wrong.mean() == pytest.approx(0.3, abs=0.01) and noisy.n_classes == 40
    np.testing.assert_array_equal(clean.y_test, noisy.y_test)
    assert task_fingerprint(noisy, config) != task_fingerprint(clean, config)


@pytest.mark.parametrize("dataset", ["fmnist_openset", "fmnist_occluded", "fmnist_dup", "fmnist_neardup"])
def test_polluted_data_sets_refuse_the_finetune_tracks(dataset):
    for track in ("finetune", "backbone_finetune"):
        with pytest.raises(ValueError, match="scratch, transfer and backbone_frozen"):
            build_tasks(dataset, track, _tiny())


@pytest.mark.skipif(not REAL_FMNIST.is_dir(), reason="Fashion-MNIST not installed at " + str(REAL_FMNIST))
@pytest.mark.parametrize("track", ["scratch", "finetune"])
def test_fmnist_pair_task_turns_each_class_into_the_next(track):
    config = _tiny(pool_size=5000, finetune_pool_size=1000, noise_rate=0.3)
    for clean, noisy in zip(build_tasks("fmnist", track, config), build_tasks("fmnist_pair", track, config)):
        np.testing.assert_array_equal(clean.X_pool, noisy.X_pool)
        y_true = np.concatenate([clean.y_pool, clean.y_val])
        y_noisy = np.concatenate([noisy.y_pool, noisy.y_val])
        n_classes = clean.n_classes
        wrong = y_true != y_noisy
        np.testing.assert_array_equal(y_noisy[wrong], (y_true[wrong] + 1) % n_classes)  # the last into the first
        for code in range(n_classes):
            assert np.mean(wrong[y_true == code]) == pytest.approx(0.3, abs=2e-3)
        np.testing.assert_array_equal(clean.y_test, noisy.y_test)
        assert task_fingerprint(noisy, config) != task_fingerprint(noisy, dataclasses.replace(config, noise_rate=0.2))
