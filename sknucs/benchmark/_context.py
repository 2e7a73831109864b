"""Torch-side state of one task: tensors, pretrained source model, scores (cached)."""

import functools
import logging
import time

import numpy as np
import torch

from ._config import content_hash, track_recipe
from ._metrics import reweighted_accuracy
from ._models import build_model
from ._transfer import PretrainedFactory
from ._training import evaluate, predict, to_tensor, train_model

logger = logging.getLogger(__name__)


class TaskContext:
    """Everything a cell of one task needs, built once per task; scores and weights cached.

    Parameters
    ----------
    task : Task
    config : BenchmarkConfig
    arrays : ArrayCache
        Where scores, features and pretrained weights are cached.
    device : str
    fingerprint : str
        Cache key of the task (see :func:`task_fingerprint`).

    Attributes
    ----------
    recipe : TrainRecipe
        The track's training recipe.
    scores : ndarray of shape (n_pool, n_runs)
        Difficulty scores (higher = harder), one column per scoring seed.
    features : ndarray of shape (n_pool, d)
        Penultimate-layer features of the scoring model.
    scores_digest : str
        Hash of ``scores`` and ``features`` (16 hex digits), written into every
        cell: two cells compare fairly only if they saw the same arrays.
    body_state : dict or None
        Pretrained source body (fine-tune track).

    Notes
    -----
    The transfer track keeps the images scaled to [0, 1]; its model's
    :class:`~sknucs.benchmark._transfer.InputAdapter` resizes and normalises
    them as the pretrained weights expect. On CUDA, training, scoring and
    evaluation run under mixed precision.
    """

    def __init__(self, task, config, arrays, device, fingerprint):
        self.task = task
        self.config = config
        self.device = device
        self.fingerprint = fingerprint
        self.recipe = track_recipe(config, task.track)
        self._pretrained = None
        if task.track == "transfer":  # the model's InputAdapter resizes and normalises
            self._mean, self._std = 0.0, 1.0
            self._pretrained = PretrainedFactory(config, task.n_classes)
        else:
            pool = torch.as_tensor(task.X_pool, dtype=torch.float32) / 255.0
            self._mean, self._std = float(pool.mean()), float(pool.std())
        self.X_pool = self._tensor(task.X_pool)
        self.X_val = self._tensor(task.X_val)
        self.X_test = self._tensor(task.X_test)
        self._test_counts = np.bincount(np.asarray(task.y_test), minlength=task.n_classes)
        self.input_shape = tuple(self.X_pool.shape[1:])
        self.body_state = self._pretrained_body(arrays) if task.track == "finetune" else None
        self.scores, self.features = self._scores(arrays)

    @functools.cached_property
    def scores_digest(self):
        """Hash of the scores and features every selector of this task sees."""
        return content_hash(self.scores, self.features)

    def _tensor(self, X):
        return to_tensor(X, self._mean, self._std)

    def _pretrained_body(self, arrays):
        name = f"pretrained-{self.fingerprint}"
        cached = arrays.load(name)
        if cached is None:
            recipe = self.config.pretrain
            n_source = int(self.task.y_source.max()) + 1
            start = time.perf_counter()
            model = build_model(recipe.model, self.input_shape, n_source, self.config.data_seed)
            train_model(
                model, self._tensor(self.task.X_source), self.task.y_source, seed=self.config.data_seed,
                device=self.device, **recipe.train_kwargs(),
            )
            cached = {k: v.detach().cpu().numpy() for k, v in model.body.state_dict().items()}
            arrays.save(name, cached)
            logger.info("%s: pretrained on %d source samples in %.1f s", self.task.key,
                        len(self.task.y_source), time.perf_counter() - start)
        return {k: torch.as_tensor(v) for k, v in cached.items()}

    def _scores(self, arrays):
        return self._scored(arrays, functools.partial(self.new_model, None), self.X_pool,
                            lambda features: np.asarray(features, dtype=np.float32))

    def _scored(self, arrays, new_model, inputs, selector_features, how=""):
        """The selectors' scores and features of the pool, from the scoring runs of ``new_model`` (cached).

        ``new_model()`` is initialised from the generator :func:`score_dataset` seeds, trained on
        ``inputs`` (the pool's rows) by the config's scoring recipe; ``selector_features`` turns the
        recorded features into the ones the selectors receive; ``how`` completes the log line.
        """
        name = f"scores-{self.fingerprint}"
        cached = arrays.load(name)
        if cached is None:
            from sknucs.extractor import score_dataset

            recipe = self.config.scoring
            start = time.perf_counter()
            result = score_dataset(
                new_model, torch.utils.data.TensorDataset(inputs, torch.as_tensor(self.task.y_pool)),
                self.task.n_classes, epochs=recipe.epochs, seeds=tuple(recipe.seeds),
                batch_size=recipe.batch_size, lr=recipe.lr, optimizer=recipe.optimizer, device=self.device,
                progress=False,
            )
            cached = {"scores": np.asarray(result.scores[recipe.score], dtype=np.float64),  # as recorded
                      "features": selector_features(result.features)}
            arrays.save(name, cached)
            logger.info("%s: scored %d samples%s (%d runs x %d epochs) in %.1f s", self.task.key,
                        len(self.task.y_pool), how, len(recipe.seeds), recipe.epochs, time.perf_counter() - start)
        return self.config.scoring.selector_scores(cached["scores"]), cached["features"]

    def new_model(self, seed):
        """A fresh model of the track: random init, or the pretrained body with a new head.

        ``seed`` seeds the (head's) initialisation; None draws from torch's global generator.
        The transfer track's model is the pretrained one with a new head.
        """
        if self._pretrained is not None:
            return self._pretrained(seed)
        return build_model(self.recipe.model, self.input_shape, self.task.n_classes, seed, self.body_state)

    def train_and_evaluate(self, indices, seed):
        """Train the track's recipe on the pool rows ``indices``.

        Returns
        -------
        test : dict
            Test accuracy, balanced accuracy and worst-class accuracy.
        val : dict
            On the validation split: ``accuracy``, and ``reweighted``, its
            per-class recalls weighted by the test set's class shares (see
            :func:`~sknucs.benchmark._metrics.reweighted_accuracy`).
        """
        indices = torch.as_tensor(np.asarray(indices, dtype=np.int64))
        recipe = self.recipe
        model = train_model(
            self.new_model(seed), self.X_pool[indices], torch.as_tensor(self.task.y_pool)[indices],
            seed=seed, device=self.device, **recipe.train_kwargs(),
        )
        n_classes = self.task.n_classes
        test = evaluate(model, self.X_test, self.task.y_test, n_classes, device=self.device)
        y_val = np.asarray(self.task.y_val)
        predicted = predict(model, self.X_val, device=self.device)
        val = {"accuracy": float(np.mean(predicted == y_val)),
               "reweighted": reweighted_accuracy(y_val, predicted, self._test_counts)}
        return test, val
