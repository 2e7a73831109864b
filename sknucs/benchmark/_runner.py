"""Run every (task, method, rate, seed) cell of a benchmark, resumably."""

import hashlib
import inspect
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import ParameterGrid

from .._selector import PAPER_SETTINGS
from ._config import ARCHITECTURES, ORACLE_METRICS, content_hash, fingerprint, track_recipe
from ._methods import METHODS
from ._report import FULL_DATA, write_report
from ._store import TRAINING_KEY, ArrayCache, CellStore, cell_key
from ._tasks import (
    BACKBONE_TRACKS,
    DATASETS,
    NOISY_DATASETS,
    POLLUTED_DATASETS,
    ROTATED_TURNS,
    TRACKS,
    USER_DATASETS,
    build_tasks,
)
from ._weights import backbone_weights_fingerprint, check_weights, weights_fingerprint

logger = logging.getLogger(__name__)

MODEL_COST = {"mlp": 1.0, "cnn": 5.0}
"""Relative training cost per sample-epoch (measured, docs/benchmark.md); weights the ETA."""


def task_fingerprint(task, config):
    """Hash of everything that defines a task's data and recipes (cache key)."""
    recipes = [config.scoring]
    if task.track == "finetune":
        recipes += [config.pretrain, config.finetune, config.source_size, config.finetune_pool_size]
    elif task.track == "transfer":
        recipes += [config.transfer, weights_fingerprint(config.weights), config.image_size, config.mean, config.std]
    elif task.track in BACKBONE_TRACKS:
        recipes += [backbone_weights_fingerprint(config.backbone), *config.backbone.track_parts(task.track)]
    else:
        recipes.append(config.scratch)
    ratio = config.imbalance_ratio if task.dataset.startswith(("fmnist_lt", "fmnist_rot_lt")) else None
    parts = [task.key, len(task.y_pool), config.pool_size, config.val_fraction, ratio, config.data_seed, recipes]
    if task.dataset.startswith("fmnist_step"):
        parts.append(["step", config.step_ratio])
    if task.dataset.startswith(NOISY_DATASETS):  # the labels themselves: a change of the draw is a new task
        parts.append(["noise", config.noise_rate, content_hash(task.y_pool, task.y_val)])
    if task.dataset.startswith("fmnist_rot"):  # the turns drawn: a change of the draw is a new task
        parts.append(["turns", ROTATED_TURNS, content_hash(task.y_pool, task.y_val, task.y_test)])
    if task.dataset.startswith(POLLUTED_DATASETS):
        parts.append(["polluted", config.noise_rate, content_hash(task.X_pool, task.y_pool, task.X_val, task.y_val)])
    if task.track in ("scratch", "finetune"):
        parts.append(ARCHITECTURES)
    if task.dataset.startswith(USER_DATASETS):  # the data is the user's: its place and content are the key
        arrays = (task.X_pool, task.y_pool, task.X_val, task.y_val, task.X_test, task.y_test)
        parts.append([str(Path(config.data_root).resolve()), config.image_size, content_hash(*arrays)])
    return fingerprint(*parts)


KEY_DEFAULTS = {"NUCSSelector": PAPER_SETTINGS}
"""Per selector class, the parameter values that cache keys are written against instead of
today's ``__init__`` defaults: for NUCSSelector the paper's settings. Should its defaults move
away from them, a selector at the new defaults keys those parameters explicitly, so its cells are
not confused with the paper's cached under the old defaults."""


def _resolved_window_cap(value, selector):
    """``window_cap`` as the cap it stands for: ``"auto"`` by its value at the rate, 1 or more as no cap."""
    from sknucs._default_window import featureless_window

    cap = featureless_window(selector.rate) if value == "auto" else value
    return None if cap is not None and cap >= 1 else cap


def _resolved_easy_cut_agreement(value, selector):
    """``easy_cut_agreement`` where it can act (the easy cut ``"auto"`` under the noise filter), None elsewhere."""
    acts = selector.easy_cut == "auto" and selector.sampling == "coverage" and selector.noise_filter is not None
    return value if acts else None


def _resolved_runs_disagree(value, selector):
    """``runs_disagree`` where it can act (a threshold, coverage under the filter, an ``"auto"`` to replace)."""
    acts = (selector.easy_cut_agreement is not None and selector.sampling == "coverage"
            and selector.noise_filter is not None and "auto" in (selector.exponent, selector.window))
    return value if acts else "keep"


KEY_RESOLVED = {"NUCSSelector": {"window_cap": _resolved_window_cap,
                                 "easy_cut_agreement": _resolved_easy_cut_agreement,
                                 "runs_disagree": _resolved_runs_disagree}}
"""Per selector class (and its subclasses), parameters that cache keys record by what they stand for, so
that equal selectors share their cells: ``window_cap="auto"`` is a rule of the rate that rounds eight (0.9 at
90% pruning, then 0.95) and sixteen (1 at 70%, then 0.95) changed, so a cell keys the cap it ran with; a cap
of 1 cuts nothing (every endpoint is at most 1), so it keys as no cap, as ``window_cap=None``.
``easy_cut_agreement`` (round twenty) conditions only ``easy_cut="auto"``'s cut: with a fixed cut, another
sampling or no noise filter it keys as None, so the variants of earlier rounds keep their cells; likewise
``runs_disagree`` (round twenty-one) keys as ``"keep"`` where it cannot act."""


def selector_params_key(selector):
    """The part of a cell's cache key that describes its selector.

    The parameters that differ from the defaults of the selector's
    ``__init__`` (compared by ``repr``), so that a parameter added to a
    selector later, at a default that keeps the old behaviour, leaves the
    keys of cached cells unchanged; for the parameters in
    :data:`KEY_DEFAULTS`, the reference is the value recorded there instead
    (a default that changed is a change of behaviour); the parameters in
    :data:`KEY_RESOLVED` by what they stand for. A selector without
    ``get_params`` is described by its ``repr``.
    """
    if not hasattr(selector, "get_params"):
        return repr(selector)
    defaults = {name: repr(p.default) for name, p in inspect.signature(type(selector).__init__).parameters.items()}
    for cls in reversed(type(selector).__mro__):
        defaults.update({name: repr(value) for name, value in KEY_DEFAULTS.get(cls.__name__, {}).items()})
    resolvers = {}
    for cls in reversed(type(selector).__mro__):
        resolvers.update(KEY_RESOLVED.get(cls.__name__, {}))
    params = {name: resolvers[name](value, selector) if name in resolvers else value
              for name, value in selector.get_params(deep=False).items()}
    return {name: value for name, value in params.items() if repr(value) != defaults.get(name)}


@dataclass
class _Cell:
    task: object
    method: object  # Method, or None for the full-data row
    rate: float
    seed: int
    fingerprint: str
    model: str
    sample_passes: float  # expected training work: samples processed, all trainings of the cell

    @property
    def cost(self):
        return self.sample_passes * MODEL_COST.get(self.model, 1.0)

    @property
    def name(self):
        return FULL_DATA if self.method is None else self.method.name

    @property
    def key(self):
        return cell_key({"dataset": self.task.dataset, "track": self.task.track, "method": self.name,
                         "rate": self.rate, "seed": self.seed, "fingerprint": self.fingerprint})


def _plan(tasks, config, registry):
    """All cells, task by task, seed by seed, so that a partial run is a complete table per seed."""
    cells = []
    for task in tasks:
        task_fp = task_fingerprint(task, config)
        recipe = track_recipe(config, task.track)
        unit = recipe.sample_passes(len(task.y_pool))
        for seed in config.seeds:
            cells.append(_Cell(task, None, 0.0, seed, task_fp, recipe.model, unit))
            for rate in config.rates:
                for name in config.methods:
                    method = registry[name]
                    selector = method.build(rate, random_state=seed)
                    params = selector_params_key(selector)
                    oracle = _oracle_key(config) if method.oracle else [None]
                    grid = _oracle_params(method, config)
                    if grid is not None:
                        oracle = [*oracle, grid]
                    kept = recipe.sample_passes(len(task.y_pool) * (1 - rate))
                    n_trained = len(config.oracle_grid) if grid is None else len(ParameterGrid(grid))
                    work = kept * (n_trained if method.oracle else 1)
                    cell_fp = fingerprint(task_fp, name, params, *oracle)
                    cells.append(_Cell(task, method, rate, seed, cell_fp, recipe.model, work))
    return cells


def _oracle_params(method, config):
    """The parameter grid of a method's training-scored search, None for a search of the window alone."""
    if not method.oracle or method.oracle_params is None:
        return None
    return {name: list(config.oracle_grid) if values is None else list(values)
            for name, values in method.oracle_params.items()}


def _oracle_key(config):
    """What defines an oracle search beyond the selector: its grid, and its metric unless the first one."""
    grid = list(config.oracle_grid)
    return [grid] if config.oracle_metric == "accuracy" else [grid, config.oracle_metric]


def _coreset_key(indices):
    """Dictionary key of a coreset: its row indices as int64 bytes."""
    return np.asarray(indices, np.int64).tobytes()


class _Trainings:
    """Every model trained so far, by task, seed and coreset, so that a coreset is trained once.

    On one machine and thread count, training is deterministic given the
    task's data and recipe (its fingerprint), the seed and the coreset's
    rows in their order, so a method (or an oracle's candidate) that keeps
    the coreset another one kept reuses that model's accuracies: a study
    whose variants differ from the default in a few cells trains only
    those. (Another thread count changes the floating-point sums and so
    the accuracies, by a few tenths of a point on Fashion-MNIST; a reused
    model is what the first run trained.)

    Parameters
    ----------
    path : str or path-like
        The JSON-lines file (``trainings.jsonl`` beside ``cells.jsonl``).
    """

    def __init__(self, path):
        self.store = CellStore(path, key=TRAINING_KEY)

    def train(self, context, indices, seed):
        """``context.train_and_evaluate(indices, seed)`` unless done before; returns (test, val, reused)."""
        digest = hashlib.sha256(_coreset_key(indices)).hexdigest()[:32]
        row = {"task": context.fingerprint, "seed": seed, "coreset": digest}
        key = cell_key(row, TRAINING_KEY)
        if key in self.store:
            return self.store[key]["test"], self.store[key]["val"], True
        test, val = context.train_and_evaluate(indices, seed)
        self.store.add({**row, "test": test, "val": val})
        return test, val, False


def _test_accuracies(coresets, trained):
    """Test accuracy of the model an oracle search trained on each coreset (hindsight, not a method)."""
    return [float(trained[_coreset_key(kept)][0]["accuracy"]) for kept in coresets]


def _training_evaluate(cell, context, trainings):
    """``evaluate(indices)`` of an oracle search, and the dict where it keeps every (test, val) it trained."""
    trained = {}

    def evaluate(indices):
        result = trainings.train(context, indices, cell.seed)[:2]
        trained[_coreset_key(indices)] = result
        return result[1][context.config.oracle_metric]

    return evaluate, trained


def _run_parameter_oracle(cell, context, trainings):
    """A cell whose selector's parameters are searched by training on every candidate's coreset."""
    from sknucs import CoresetSearch

    evaluate, trained = _training_evaluate(cell, context, trainings)
    search = CoresetSearch(cell.method.build(cell.rate, random_state=cell.seed),
                           _oracle_params(cell.method, context.config), scoring=evaluate)
    search.fit(context.scores, cell.task.y_pool, features=context.features)
    indices = np.asarray(search.sample_indices_, np.int64)
    test, val = trained[_coreset_key(indices)]
    extra = {"window": float(search.best_estimator_.window_),
             "oracle_values": [float(v) for v in search.cv_results_["score"]],
             "oracle_test_values": _test_accuracies(search.candidate_indices_, trained)}
    return indices, test, val, extra


def _run_cell(cell, context, trainings):
    y_pool = cell.task.y_pool
    start = time.perf_counter()
    extra = {"window": None}
    reused = False
    if cell.method is None:
        indices = np.arange(len(y_pool))
        test, val, reused = trainings.train(context, indices, cell.seed)
    elif cell.method.oracle and cell.method.oracle_params is not None:
        indices, test, val, extra = _run_parameter_oracle(cell, context, trainings)
    elif cell.method.oracle:
        from sknucs import oracle_window_search

        evaluate, trained = _training_evaluate(cell, context, trainings)
        search = oracle_window_search(
            cell.method.build(cell.rate, random_state=cell.seed), context.scores, y_pool, evaluate,
            features=context.features, grid=list(context.config.oracle_grid),
        )
        indices = np.asarray(search.best_indices, np.int64)
        test, val = trained.get(_coreset_key(indices)) or trainings.train(context, indices, cell.seed)[:2]
        extra = {"window": float(search.best_window), "oracle_values": [float(v) for v in search.values],
                 "oracle_test_values": _test_accuracies(search.coresets, trained)}
    else:
        selector = cell.method.build(cell.rate, random_state=cell.seed)
        selector.fit(context.scores, y_pool, features=context.features)
        indices = selector.sample_indices_
        window = getattr(getattr(selector, "best_estimator_", selector), "window_", None)
        extra = {"window": None if window is None else float(window),
                 "select_seconds": round(time.perf_counter() - start, 3)}
        test, val, reused = trainings.train(context, indices, cell.seed)
    return {
        "dataset": cell.task.dataset, "track": cell.task.track, "method": cell.name,
        "rate": cell.rate, "seed": cell.seed, "fingerprint": cell.fingerprint,
        **test, "val_accuracy": val["accuracy"], "n_selected": int(len(indices)),
        "n_pool": int(len(y_pool)), **extra, "reused_training": reused,
        "seconds": round(time.perf_counter() - start, 3),
        "scores_digest": context.scores_digest,
    }


class _Progress:
    """Logs cells done / total and an ETA weighted by each cell's expected training cost.

    The ETA extrapolates the cells' own seconds, not the wall time since the start: a task's
    scoring, done once before its first cell, would otherwise be charged to every cell left.
    """

    def __init__(self, todo):
        self.remaining = sum(c.cost for c in todo)
        self.n_todo = len(todo)
        self.done_cost, self.n_done, self.cell_seconds = 0.0, 0, 0.0
        self.start = time.perf_counter()

    def eta(self):
        """Seconds the cells left should take, at the pace of those done (NaN before any)."""
        if not self.done_cost:
            return float("nan")
        return max(0.0, self.cell_seconds / self.done_cost * self.remaining)

    def step(self, cell, row):
        self.n_done += 1
        self.done_cost += cell.cost
        self.remaining -= cell.cost
        self.cell_seconds += row["seconds"]
        elapsed = time.perf_counter() - self.start
        eta = self.eta()
        logger.info(
            "[%d/%d] %s %s rate=%.2f seed=%d: test acc %.4f, worst class %.4f (%.1f s); "
            "elapsed %.0f s, ETA ~%.0f s",
            self.n_done, self.n_todo, cell.task.key, cell.name, cell.rate, cell.seed,
            row["accuracy"], row["worst_class_accuracy"], row["seconds"], elapsed, eta,
        )


def _warn_other_scores(task, digest, cells, store):
    """Warn when cached cells of ``task`` were computed from other scores than the ones now in use.

    The scores and features are cached by the task's recipe, not by their
    values: computed again on another machine (or restored cells beside
    arrays computed here) they differ, and a table that mixes both compares
    selectors that saw different scores. Cells without a digest (written
    before it was recorded) cannot be checked.
    """
    other = sum(1 for c in cells if c.task is task and c.key in store
                and store[c.key].get("scores_digest") not in (None, digest))
    if other:
        logger.warning("%s: %d cached cells were computed from other scores than these (digest %s); a "
                       "table that mixes them compares selectors that saw different scores: delete those "
                       "cells from cells.jsonl to recompute them", task.key, other, digest)


def task_context(task, config, arrays, device="cpu"):
    """The scores and features of ``task`` (computed, or read from ``arrays``), as its track makes them.

    Parameters
    ----------
    task : Task
    config : BenchmarkConfig
    arrays : ArrayCache
    device : str, default="cpu"

    Returns
    -------
    TaskContext
        A ``BackboneContext`` on the pretrained-backbone tracks.
    """
    from ._context import TaskContext

    context_type = TaskContext
    if task.track in BACKBONE_TRACKS:
        from ._backbone import BackboneContext as context_type
    return context_type(task, config, arrays, device, task_fingerprint(task, config))


def check_plan(config, registry=None):
    """Raise ``ValueError`` unless ``config`` names known methods and tasks, each once, and rates in (0, 1).

    A repeated seed, rate, method or task would be planned twice and counted twice in every mean;
    rate 0 is the full-data row that every task trains anyway.

    Parameters
    ----------
    config : BenchmarkConfig
    registry : dict of str -> Method, default=None
        The methods that can run (:data:`METHODS` when None).
    """
    registry = METHODS if registry is None else registry
    for name, values in (("seeds", config.seeds), ("rates", config.rates), ("methods", config.methods),
                         ("tasks", ["/".join(task) for task in config.tasks])):
        repeated = sorted({str(v) for v in values if list(values).count(v) > 1})
        if repeated:
            raise ValueError(f"{name} repeat {', '.join(repeated)}: each would be run and counted twice.")
    unknown = [m for m in config.methods if m not in registry]
    if unknown:
        raise ValueError(f"Unknown methods {unknown}; known: {sorted(registry)}.")
    for task in config.tasks:
        if len(task) != 2 or task[0] not in DATASETS or task[1] not in TRACKS:
            raise ValueError(f"Unknown task {'/'.join(map(str, task))!r}: a task is DATASET/TRACK with DATASET one "
                             f"of {', '.join(DATASETS)} and TRACK one of {', '.join(TRACKS)}.")
    bad = [r for r in config.rates if not 0 < r < 1]  # also NaN
    if bad:
        raise ValueError(f"rates must lie in (0, 1), the fraction of the pool removed; got {bad} (rate 0, the "
                         "whole pool, is the full-data row every task trains).")
    bad = [s for s in config.seeds if not 0 <= s < 2**32]
    if bad:
        raise ValueError(f"seeds must be integers in [0, 2**32); got {bad}.")


def run_benchmark(config, *, cache_dir, out_dir=None, methods=None, device="cpu"):
    """Run (or resume) a benchmark and write its report.

    Parameters
    ----------
    config : BenchmarkConfig
        What to run (see :func:`quick_config`, :func:`full_config`).
    cache_dir : str or path-like
        Finished cells (``cells.jsonl``), scores, features and pretrained
        weights (``arrays/``). A rerun with the same cache computes only
        the cells that are not there yet.
    out_dir : str or path-like, default=None
        Where ``results.csv``, ``results.md`` and ``accuracy.png`` go; None
        writes nothing.
    methods : dict of str -> Method, default=None
        Extra or replacement entries for :data:`METHODS`.
    device : str, default="cpu"

    Returns
    -------
    rows : list of dict
        One row per cell of ``config``, in plan order.
    """
    registry = {**METHODS, **(methods or {})}
    check_plan(config, registry)
    if config.oracle_metric not in ORACLE_METRICS:
        raise ValueError(f"oracle_metric must be one of {ORACLE_METRICS}; got {config.oracle_metric!r}.")
    if any(track == "transfer" for _, track in config.tasks):
        check_weights(config.weights)
    cache_dir = Path(cache_dir)
    store = CellStore(cache_dir / "cells.jsonl")
    trainings = _Trainings(cache_dir / "trainings.jsonl")
    arrays = ArrayCache(cache_dir / "arrays")
    tasks = [t for dataset, track in config.tasks for t in build_tasks(dataset, track, config)]
    for task in tasks:
        logger.info("%s: %s", task.key, task.notes)
    cells = _plan(tasks, config, registry)
    todo = [c for c in cells if c.key not in store]
    logger.info("%d cells: %d cached, %d to run", len(cells), len(cells) - len(todo), len(todo))
    progress = _Progress(todo)
    context = None
    for cell in todo:
        if context is None or context.task is not cell.task:
            context = task_context(cell.task, config, arrays, device)
            _warn_other_scores(cell.task, context.scores_digest, cells, store)
        row = _run_cell(cell, context, trainings)
        store.add(row)
        progress.step(cell, row)
    rows = [store[c.key] for c in cells]
    if out_dir is not None:
        write_report(rows, config, out_dir, notes={t.key: t.notes for t in tasks})
    return rows
