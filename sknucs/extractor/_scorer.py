"""score_dataset: train a model (per seed), record every score, extract features."""

import logging
import operator
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch.nn import functional as F
from torch.utils.data import DataLoader, RandomSampler

from ._dataset import IndexedDataset, check_tensor_inputs, reject_mapping, split_batch
from ._features import capture, extract_features
from ._models import build_torchvision_model, find_head
from ._precision import mixed_precision
from ._recorder import _INTEGER_DTYPES, DifficultyRecorder, _check_int
from ._seed_checkpoint import SeedCheckpoint

logger = logging.getLogger(__name__)

_DEFAULT_LR = {"sgd": 0.01, "adam": 1e-3, "adamw": 1e-3}


@dataclass
class ScoringResult:
    """What :func:`score_dataset` returns.

    Attributes
    ----------
    scores : dict of str to ndarray of shape (n_samples, n_seeds), float64
        Every score of :data:`sknucs.scores.SCORE_DIRECTIONS`, one column per
        seed, rows in dataset order. Pass a column, or the whole array (the
        selector averages over runs), to a selector.
    features : ndarray of shape (n_samples, n_features), float32
        Features of every sample from the last seed's trained model.
    model : torch.nn.Module
        The last seed's trained model (in eval mode).
    seeds : tuple of int
        The seeds, in column order.
    """

    scores: dict
    features: np.ndarray
    model: torch.nn.Module = field(repr=False)
    seeds: tuple


def _make_optimizer(name, params, lr, momentum, weight_decay):
    if name not in _DEFAULT_LR:
        raise ValueError(f"optimizer must be one of {sorted(_DEFAULT_LR)}, got {name!r}.")
    lr = _DEFAULT_LR[name] if lr is None else lr
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=momentum, weight_decay=weight_decay)
    cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
    return cls(params, lr=lr, weight_decay=weight_decay)


def _progress_bar(total, desc, enabled):
    """A tqdm bar when tqdm is installed and ``enabled``, else None."""
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc=desc, leave=False)


def _check_model_factory(model_factory, weights):
    """Reject what cannot build a fresh model per seed, before any training."""
    if isinstance(model_factory, torch.nn.Module):
        raise TypeError(
            f"model_factory must build a fresh model for each seed, got a {type(model_factory).__name__} "
            "instance: pass a callable that returns a new nn.Module, e.g. lambda: MyNet(), or a "
            "torchvision model name."
        )
    if not isinstance(model_factory, str) and not callable(model_factory):
        raise TypeError(f"model_factory must be a callable or a model name, got {type(model_factory).__name__}.")
    if weights is not None and not isinstance(model_factory, str):
        raise ValueError(
            "weights= goes with a torchvision model name; load weights inside your "
            "model_factory (sknucs.extractor.load_weights) instead."
        )


def _describe(value):
    """A tensor's dtype and shape, or any other object's type, for error messages."""
    if isinstance(value, torch.Tensor):
        return f"a tensor of dtype {value.dtype} and shape {tuple(value.shape)}"
    return f"a {type(value).__name__}"


def _check_targets(y, n_classes):
    """A batch's targets as an int64 tensor, checked on the host before the loss.

    Parameters
    ----------
    y : object
        The batch's targets, as collated.
    n_classes : int
        Number of classes.

    Returns
    -------
    y : torch.Tensor of shape (batch_size,), int64
        The targets (the same tensor when already int64).

    Raises
    ------
    ValueError
        When the targets are not a 1-D integer tensor, or lie outside
        ``[0, n_classes)``.
    """
    if not isinstance(y, torch.Tensor) or y.dtype not in _INTEGER_DTYPES or y.ndim != 1:
        raise ValueError(
            f"The dataset's targets must be integer class labels, one per sample (a batch of "
            f"shape (batch_size,)), got {_describe(y)} in a batch: give (x, y) items with y an "
            "int or a 0-d integer tensor, e.g. TensorDataset(x, y.long().view(-1))."
        )
    low, high = torch.aminmax(y)
    if low < 0 or high >= n_classes:
        bad = y[(y < 0) | (y >= n_classes)]
        raise ValueError(
            f"The dataset has targets outside [0, {n_classes}) (n_classes={n_classes}): "
            f"{bad[:5].tolist()}."
        )
    return y.long()


def _check_items(dataset):
    """Raise unless the dataset's items are ``(input, target, ...)`` sequences, as training needs."""
    inner = dataset.dataset if isinstance(dataset, IndexedDataset) else dataset  # it adds indices itself
    item = inner[0]
    reject_mapping(item)
    if not isinstance(item, (tuple, list)) or len(item) < 2:
        raise ValueError(
            f"score_dataset trains on (input, target) items; the dataset's first item is a "
            f"{type(item).__name__}{'' if not isinstance(item, (tuple, list)) else f' of {len(item)}'}: give "
            "it (x, y) pairs, e.g. TensorDataset(x, y) (it adds the sample indices itself)."
        )


class _ShuffledBatches:
    """Shuffled batches of ``batch_size`` indices, a last batch of one sample folded into the one before.

    A batch of one sample makes BatchNorm fail in train mode ("Expected more
    than 1 value per channel"), and ``drop_last`` would leave that sample
    unscored in a one-epoch run. The order is that of ``RandomSampler`` with
    ``generator``, the shuffle of ``DataLoader(shuffle=True)``: every other
    batch is the one it gives.
    """

    def __init__(self, n_samples, batch_size, generator):
        self.sampler = RandomSampler(range(n_samples), generator=generator)
        self.batch_size = batch_size
        self.n_samples = n_samples

    def __iter__(self):
        fold = self.batch_size > 1
        batch, remaining = [], self.n_samples
        for index in self.sampler:
            batch.append(index)
            remaining -= 1
            if len(batch) >= self.batch_size and not (fold and remaining == 1):
                yield batch
                batch = []
        if batch:
            yield batch

    def __len__(self):
        full, rest = divmod(self.n_samples, self.batch_size)
        return full if rest == 1 and full and self.batch_size > 1 else full + (rest > 0)


def _check_logits(logits, n_classes):
    """The logits of a training forward pass, checked: one row of ``n_classes`` logits per sample.

    torchvision's GoogLeNet and Inception v3 return, in train mode, a named
    tuple of the logits and their auxiliary classifiers' outputs: their main
    output, ``.logits``, is taken.
    """
    if not isinstance(logits, torch.Tensor):
        main = getattr(logits, "logits", None)
        if not isinstance(main, torch.Tensor):
            raise TypeError(f"The model returned a {type(logits).__name__} in train mode, not a tensor of logits: "
                            "score_dataset trains on the one tensor of logits that the model returns.")
        logits = main
    if logits.ndim != 2 or logits.shape[1] != n_classes:
        raise ValueError(f"The model gave outputs of shape {tuple(logits.shape)}, expected (batch_size, "
                         f"{n_classes}) for n_classes={n_classes}: give it a head of {n_classes} outputs "
                         "(sknucs.extractor.replace_head).")
    return logits


def _train_and_record(model, loader, n_samples, n_classes, epochs, optimizer, device, amp, seed, progress):
    """Train ``model`` for ``epochs`` epochs and return its recorded scores."""
    amp_dtype, scale = mixed_precision(device) if amp else (None, False)
    scaler = torch.amp.GradScaler("cuda", enabled=scale)
    recorder = DifficultyRecorder(n_samples, n_classes, distributed=False)
    bar = _progress_bar(epochs * len(loader), f"seed {seed}", progress)
    with torch.random.fork_rng(devices=[]):  # one sample, drawn outside the training's random stream
        example = check_tensor_inputs(split_batch(loader.collate_fn([loader.dataset[0]]))[0]).to(device)
    head_name, head = find_head(model, example)
    with capture(head, use_input=True) as seen:
        for epoch in range(epochs):
            model.train()
            start, total_loss = time.perf_counter(), torch.zeros((), device=device)
            for batch in loader:
                x, y, idx = split_batch(batch)
                y = _check_targets(y, n_classes)  # on the host: a bad target is fatal on a GPU
                x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
                seen.clear()
                with torch.autocast(device.type, dtype=amp_dtype, enabled=amp):
                    logits = _check_logits(model(x), n_classes)
                    loss = F.cross_entropy(logits, y)
                if not seen:
                    raise ValueError(f"The head find_head chose, {head_name!r}, was not called in the model's "
                                     "forward pass: GraNd and the features need the input of the layer that "
                                     "gives the logits (name it fc, head or classifier).")
                recorder.update(idx, logits, y, features=seen[-1])
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
                total_loss += loss.detach() * len(idx)
                if bar is not None:
                    bar.update()
            recorder.end_epoch()
            logger.info(
                "seed %d, epoch %d/%d: mean loss %.4f (%.1f s)",
                seed, epoch + 1, epochs, total_loss.item() / len(loader.dataset), time.perf_counter() - start,
            )
    if bar is not None:
        bar.close()
    return recorder.compute()


def _settings(model_factory, weights, n_samples, n_classes, epochs, batch_size, optimizer, lr, momentum,
              weight_decay):
    """What a seed's run depends on besides the seed, as a checkpoint records it (a callable by its name)."""
    model = model_factory if isinstance(model_factory, str) else getattr(
        model_factory, "__qualname__", type(model_factory).__qualname__)
    return {"model": model, "weights": None if weights is None else str(weights), "n_samples": n_samples,
            "n_classes": int(n_classes), "epochs": epochs, "batch_size": batch_size, "optimizer": optimizer,
            "lr": None if lr is None else float(lr), "momentum": float(momentum),
            "weight_decay": float(weight_decay)}


def score_dataset(
    model_factory,
    dataset,
    n_classes,
    *,
    epochs=5,
    seeds=(0, 1, 2),
    batch_size=128,
    lr=None,
    optimizer="sgd",
    momentum=0.9,
    weight_decay=0.0,
    weights=None,
    device=None,
    amp=None,
    num_workers=0,
    feature_layer=None,
    progress=True,
    checkpoint=None,
):
    """Train a fresh model per seed, record every difficulty score, extract features.

    For users who do not want to write the training loop: each seed builds a
    model, trains it with cross-entropy for ``epochs`` epochs on shuffled
    batches while a :class:`DifficultyRecorder` records every batch (GraNd
    uses the input of the final linear layer, captured with a hook), and the
    last seed's model then embeds the dataset with :func:`extract_features`.

    Parameters
    ----------
    model_factory : callable or str
        A callable returning a fresh ``nn.Module`` whose output has
        ``n_classes`` logits (e.g. ``lambda: MyNet()``; not a model
        instance, since every seed trains a new model), or a torchvision
        model name (``"resnet18"``) given an ``n_classes`` head (see
        :func:`build_torchvision_model`).
    dataset : torch.utils.data.Dataset
        Non-empty map-style dataset of ``(x, y)`` tuples, ``x`` a tensor and
        ``y`` an integer class label (an int or a 0-d integer tensor) in
        ``[0, n_classes)``. Dict items (Hugging Face style) need a wrapper,
        see the extractor guide.
    n_classes : int
        Number of classes.
    epochs : int, default=5
        Epochs per seed; every epoch is recorded.
    seeds : int or sequence of distinct int, default=(0, 1, 2)
        One training run per seed (model initialisation and data order);
        floats such as ``0.5`` are refused, not truncated. Three by
        default: :class:`~sknucs.NUCSSelector` averages the runs and reads
        how far they agree on the order inside each class
        (``score_agreement_``), which tells it where to give up its easy
        cut; one run (``seeds=0``) costs a third and leaves that
        agreement unknown (``benchmarks/one_run_check.py``: with one run
        the default met 24 of 30 fine-tuned cells where three met 27).
    batch_size : int, default=128
        Training batch size (also used for feature extraction). When the
        samples leave one for a last batch, it joins the batch before (of
        ``batch_size + 1``): BatchNorm refuses a batch of one in train mode.
    lr : float or None, default=None
        Learning rate; None means 0.01 for SGD and 1e-3 for Adam/AdamW.
    optimizer : {"sgd", "adam", "adamw"}, default="sgd"
        Optimiser.
    momentum : float, default=0.9
        SGD momentum.
    weight_decay : float, default=0.0
        Weight decay.
    weights : str, os.PathLike, torchvision WeightsEnum member or None, default=None
        Pretrained weights, only with a torchvision model name (see
        :func:`load_weights`).
    device : str, torch.device or None, default=None
        Default: CUDA when available, else CPU.
    amp : bool or None, default=None
        Mixed precision (bfloat16 autocast, or float16 with loss scaling on
        GPUs without bfloat16). Default: on for CUDA, off elsewhere; only
        CUDA supports it.
    num_workers : int, default=0
        DataLoader worker processes.
    feature_layer : str, torch.nn.Module or None, default=None
        Layer for the features; see :func:`extract_features`.
    progress : bool, default=True
        Show a tqdm bar per seed when tqdm is installed. Each epoch is logged
        at INFO level either way.
    checkpoint : str, os.PathLike or None, default=None
        A folder that keeps each finished seed's scores and model weights
        (``seed_<s>.npz``, ``seed_<s>.pt``; created if missing). Called
        again with the same folder, ``score_dataset`` reads the seeds it
        finds there instead of training them, so an interrupted scoring
        resumes at the seed it was on, with the same result as an
        uninterrupted one (on CPU). A seed file written with other
        settings (data set size, ``n_classes``, ``epochs``,
        ``batch_size``, optimiser and its parameters, the model's name,
        ``weights``) is refused with a ``ValueError``.

    Returns
    -------
    result : ScoringResult
        ``scores`` (name -> (n_samples, n_seeds)), ``features``, ``model``,
        ``seeds``.

    Raises
    ------
    TypeError
        When ``model_factory`` is a model instance or not callable, or the
        dataset's items are dicts; both before any training.
    ValueError
        When an argument is out of range, the dataset is empty, or a batch's
        targets are not 1-D integer labels in ``[0, n_classes)`` (checked
        before its loss).

    Notes
    -----
    The scores are those of the training forward passes, in train mode and
    before each step, as forgetting and AUM are defined; on CPU, runs with
    the same seed are identical. Each run seeds torch's global generator;
    the caller's random state (CPU, and the CUDA device used) is restored on
    return. GraNd and the features take the input of the head: the
    ``nn.Linear`` whose output the model returns on the first sample
    (:func:`find_head` with ``example``), whatever order the layers were
    declared in.

    Examples
    --------
    >>> import torch
    >>> from torch.utils.data import TensorDataset
    >>> from sknucs.extractor import score_dataset
    >>> ds = TensorDataset(torch.randn(64, 5), torch.randint(0, 3, (64,)))
    >>> def mlp():
    ...     return torch.nn.Sequential(torch.nn.Linear(5, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
    >>> result = score_dataset(mlp, ds, 3, epochs=2, seeds=(0, 1), progress=False)
    >>> result.scores["el2n"].shape, result.features.shape
    ((64, 2), (64, 16))
    """
    if isinstance(seeds, (int, np.integer)):
        seeds = (seeds,)  # one run
    try:
        seeds = tuple(operator.index(s) for s in seeds)  # 0.5 is refused, not cut to 0
    except TypeError:
        raise TypeError(f"seeds must be an integer or a sequence of integers, e.g. (0, 1); got {seeds!r}.") from None
    if not seeds:
        raise ValueError("seeds must hold at least one seed.")
    if len(set(seeds)) < len(seeds):
        raise ValueError(f"seeds must be distinct: {seeds} would train the same run twice and weigh it "
                         "twice in the mean.")
    epochs = _check_int(epochs, "epochs", 1)
    batch_size = _check_int(batch_size, "batch_size", 1)
    _check_model_factory(model_factory, weights)
    if len(dataset) == 0:
        raise ValueError("The dataset is empty: score_dataset needs at least one sample.")
    device = torch.device(device if device is not None else ("cuda" if torch.cuda.is_available() else "cpu"))
    amp = device.type == "cuda" if amp is None else bool(amp)
    if amp and device.type != "cuda":
        raise ValueError(f"amp=True needs a CUDA device, got {device}.")
    per_seed = []
    cuda_devices = [device.index if device.index is not None else torch.cuda.current_device()] \
        if device.type == "cuda" else []
    store = None if checkpoint is None else SeedCheckpoint(checkpoint, _settings(
        model_factory, weights, len(dataset), n_classes, epochs, batch_size, optimizer, lr, momentum, weight_decay))
    with torch.random.fork_rng(devices=cuda_devices):  # the caller's random state is left as it was
        _check_items(dataset)
        for seed in seeds:
            torch.manual_seed(seed)
            if isinstance(model_factory, str):
                model = build_torchvision_model(model_factory, n_classes, weights=weights)
            else:
                model = model_factory()
            model.to(device)
            done = None if store is None else store.load(seed)
            if done is not None:
                model.load_state_dict(done[1])
                per_seed.append(done[0])
                continue
            generator = torch.Generator().manual_seed(seed)
            loader = DataLoader(
                IndexedDataset(dataset),
                batch_sampler=_ShuffledBatches(len(dataset), batch_size, generator),
                num_workers=num_workers,
                pin_memory=device.type == "cuda",
                generator=generator,
            )
            opt = _make_optimizer(optimizer, model.parameters(), lr, momentum, weight_decay)
            per_seed.append(
                _train_and_record(model, loader, len(dataset), n_classes, epochs, opt, device, amp, seed, progress)
            )
            if store is not None:
                store.save(seed, per_seed[-1], model)
        features = extract_features(model, dataset, layer=feature_layer, batch_size=batch_size, device=device)
    scores = {name: np.stack([s[name] for s in per_seed], axis=1) for name in per_seed[0]}
    model.eval()
    return ScoringResult(scores=scores, features=features, model=model, seeds=seeds)
