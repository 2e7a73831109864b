"""The pretrained-backbone tracks (torch, timm): a linear head on frozen features, or full fine-tuning."""

import copy
import logging
import time

import numpy as np
import torch
from sklearn.decomposition import PCA
from torch import nn

from ._config import content_hash, fingerprint
from ._context import TaskContext
from ._models import seeded
from ._training import to_tensor
from ._transfer import InputAdapter
from ._weights import backbone_weights_fingerprint

logger = logging.getLogger(__name__)

_CHUNK = 2048
"""Images per logged step of the feature extraction."""


class BackboneContext(TaskContext):
    """Cells of the ``backbone_frozen`` and ``backbone_finetune`` tracks (``config.backbone``).

    Parameters
    ----------
    task, config, arrays, device, fingerprint
        As for :class:`~sknucs.benchmark._context.TaskContext`, whose
        ``train_and_evaluate`` this class shares.

    Attributes
    ----------
    recipe : TrainRecipe
        The head's recipe (frozen) or the fine-tuning one.
    scores : ndarray of shape (n_pool, n_runs)
        EL2N of linear heads trained on the frozen features, one column per
        scoring seed.
    features : ndarray of shape (n_pool, n_features)
        The selectors' features: the backbone's pooled features of the pool,
        standardised with the pool's mean and std, projected on their first
        ``config.backbone.selector_dims`` principal components.
    frozen_features : dict of str to Tensor
        ``"pool"``, ``"val"``, ``"test"``: the backbone's pooled features at
        the track's input size, standardised with the pool's mean and std.
    X_pool, X_val, X_test : Tensor
        Frozen track: ``frozen_features``. Fine-tune track: the images
        scaled to [0, 1].

    Notes
    -----
    The backbone's pooled features of each image array are computed once at
    the track's input size and cached under a hash of the array's content
    and of everything that changes them (weights, size, normalisation), so
    the two data sets share the test set's features.
    """

    def __init__(self, task, config, arrays, device, fingerprint):  # shares train_and_evaluate, not this set-up
        from sknucs.extractor import build_timm_model

        self.task = task
        self.config = config
        self.device = device
        self.fingerprint = fingerprint
        recipe = config.backbone
        self.frozen = task.track == "backbone_frozen"
        self.recipe = recipe.head if self.frozen else recipe.finetune
        self.image_size = recipe.frozen_size if self.frozen else recipe.finetune_size
        self._test_counts = np.bincount(np.asarray(task.y_test), minlength=task.n_classes)
        self._backbone = build_timm_model(recipe.backbone, task.n_classes, weights=recipe.weights)
        self._weights_key = backbone_weights_fingerprint(recipe)
        pool, val, test = (self._backbone_features(X, arrays) for X in (task.X_pool, task.X_val, task.X_test))
        mean, std = pool.mean(0), pool.std(0) + 1e-6
        self.frozen_features = {name: torch.as_tensor((f - mean) / std)
                                for name, f in (("pool", pool), ("val", val), ("test", test))}
        self.scores, self.features = self._linear_scores(self.frozen_features["pool"].numpy(), arrays)
        if self.frozen:
            self.X_pool, self.X_val, self.X_test = self.frozen_features.values()
        else:
            self.X_pool, self.X_val, self.X_test = (to_tensor(X, 0.0, 1.0) for X in
                                                    (task.X_pool, task.X_val, task.X_test))

    def _adapted(self, model):
        recipe = self.config.backbone
        return InputAdapter(model, self.image_size, recipe.mean, recipe.std)

    def _backbone_features(self, X, arrays):
        """Pooled features of the uint8 images ``X`` at the track's input size (cached)."""
        from sknucs.extractor import PreLogits, extract_features

        recipe = self.config.backbone
        name = "backbone-features-" + fingerprint(recipe.backbone, self._weights_key, self.image_size,
                                                  recipe.mean, recipe.std, content_hash(X), X.shape)
        cached = arrays.load(name)
        if cached is not None:
            return cached["features"]
        model = self._adapted(PreLogits(self._backbone))
        start, chunks = time.perf_counter(), []
        for begin in range(0, len(X), _CHUNK):
            images = to_tensor(X[begin:begin + _CHUNK], 0.0, 1.0)
            chunks.append(extract_features(model, torch.utils.data.TensorDataset(images), layer="model.output",
                                           batch_size=256, device=self.device))
            done, elapsed = begin + len(images), time.perf_counter() - start
            logger.info("%s: backbone features %d/%d at %dx%d (%.0f images/s, ETA ~%.0f s)", self.task.key, done,
                        len(X), self.image_size, self.image_size, done / elapsed, elapsed / done * (len(X) - done))
        features = np.concatenate(chunks)
        arrays.save(name, {"features": features, "seconds": np.float64(time.perf_counter() - start)})
        return features

    def _linear_scores(self, pool, arrays):
        """EL2N of linear heads on the frozen features, recorded by :func:`score_dataset` (cached)."""
        n_features, n_classes = pool.shape[1], self.task.n_classes
        return self._scored(arrays, lambda: nn.Linear(n_features, n_classes), torch.as_tensor(pool),
                            self._selector_features, " with linear heads")

    def _selector_features(self, features):
        dims = self.config.backbone.selector_dims
        if dims is None or dims >= min(features.shape):  # a pool smaller than dims: its own rank already
            return np.asarray(features, dtype=np.float32)
        pca = PCA(n_components=dims, svd_solver="randomized", random_state=self.config.data_seed)
        return pca.fit_transform(features).astype(np.float32)

    def new_model(self, seed):
        """A linear head on the features (frozen), or the backbone with a new head (fine-tune), seeded by ``seed``."""
        n_classes = self.task.n_classes
        if self.frozen:
            return seeded(seed, nn.Linear, self.X_pool.shape[1], n_classes)
        model = copy.deepcopy(self._backbone)
        seeded(seed, model.reset_classifier, n_classes)
        return self._adapted(model)
