"""Benchmark tasks: the pool, validation and test arrays of one (dataset, track) pair."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

from ..datasets import (
    FASHION_MNIST_LOOKALIKES,
    asymmetric_label_noise,
    confusion_label_noise,
    duplicate_images,
    load_cifar,
    load_digits_split,
    load_fashion_mnist,
    load_image_folder,
    long_tailed_indices,
    occlude_images,
    open_set_noise,
    rotated_classes,
    step_imbalanced_indices,
    symmetric_label_noise,
)

DATASETS = ("fmnist", "fmnist_lt", "fmnist_step", "fmnist_noisy", "fmnist_asym", "fmnist_pair", "fmnist_confusion",
            "fmnist_lt_noisy", "fmnist_tops", "fmnist_openset", "fmnist_occluded", "fmnist_dup",
            "fmnist_neardup", "fmnist_rot", "fmnist_rot_lt", "fmnist_rot_noisy", "digits", "digits_noisy", "cifar10",
            "cifar100", "imagefolder")
FASHION_MNIST_TOPS = (0, 2, 4, 6)
"""Fashion-MNIST's four look-alike upper-body garments (T-shirt/top, pullover, coat, shirt): ``fmnist_tops``,
a fine-grained task whose clean labels a probe on the features often contradicts."""
NOISY_DATASETS = ("fmnist_noisy", "fmnist_asym", "fmnist_pair", "fmnist_confusion", "fmnist_lt_noisy", "digits_noisy",
                  "fmnist_rot_noisy")
"""Data sets whose pool and validation labels carry ``BenchmarkConfig.noise_rate`` label noise: symmetric
(``fmnist_noisy``, ``fmnist_lt_noisy``, ``digits_noisy``, ``fmnist_rot_noisy`` over forty classes), between
look-alike classes (``fmnist_asym``), from each class to the next (``fmnist_pair``) or on the rows a reference
classifier finds most ambiguous, to the class it confuses them with (``fmnist_confusion``)."""
OPEN_SET_OUTLIERS = (8, 9)
"""Fashion-MNIST's classes that ``fmnist_openset`` leaves out of the task (bag, ankle boot) and draws its
outliers from."""
POLLUTED_DATASETS = ("fmnist_openset", "fmnist_occluded", "fmnist_dup", "fmnist_neardup")
"""Data sets of which ``BenchmarkConfig.noise_rate`` of the pool and validation rows are images to leave out:
outliers of no class under a random label (``fmnist_openset``) or occluded images (``fmnist_occluded``); or
of the pool's rows copies of other pool rows (``fmnist_dup``, :data:`DUPLICATE_COPIES` copies of each), or
copies moved by up to :data:`NEAR_COPY_SHIFT` pixels (``fmnist_neardup``)."""
DUPLICATE_COPIES = 3
"""Copies of each duplicated image in ``fmnist_dup`` and ``fmnist_neardup``: 30% of the pool as copies are 10% of
its images four times."""
NEAR_COPY_SHIFT = 1
"""Largest move, in pixels along each axis, of a copy in ``fmnist_neardup``: near-copies, not found as copies."""
ROTATED_TURNS = 4
"""Turns of ``fmnist_rot``, ``fmnist_rot_lt`` and ``fmnist_rot_noisy``: each garment in four orientations, forty
classes."""
BACKBONE_TRACKS = ("backbone_frozen", "backbone_finetune")
"""Tracks on the pretrained backbone of ``BenchmarkConfig.backbone`` (see :mod:`sknucs.benchmark._backbone`)."""
TRACKS = ("scratch", "finetune", "transfer") + BACKBONE_TRACKS
USER_DATASETS = ("cifar10", "cifar100", "imagefolder")
"""Data sets read from ``BenchmarkConfig.data_root`` (``--data-root``)."""


@dataclass
class Task:
    """Arrays of one benchmark task; images are uint8, labels 0..C-1.

    Attributes
    ----------
    dataset : str
        Name used in the results (for the fine-tune track it names the
        target classes, e.g. ``"fmnist[5-9]"``).
    track : {"scratch", "finetune", "transfer", "backbone_frozen", "backbone_finetune"}
    X_pool, y_pool : ndarray
        Training pool the selectors choose from.
    X_val, y_val : ndarray
        Held out from the pool, the same for every method.
    X_test, y_test : ndarray
    X_source, y_source : ndarray or None
        Source-task training set (fine-tune track only).
    notes : str
        How the pool was built, for the outputs.
    """

    dataset: str
    track: str
    X_pool: np.ndarray
    y_pool: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    X_source: np.ndarray | None = None
    y_source: np.ndarray | None = None
    notes: str = ""

    @property
    def key(self):
        """``"dataset/track"``, the task's name in results and caches."""
        return f"{self.dataset}/{self.track}"

    @property
    def n_classes(self):
        return int(self.y_pool.max()) + 1


def _data_root(dataset, config):
    if config.data_root is None:
        raise ValueError(f"Dataset {dataset!r} is read from a local directory: pass --data-root DIR "
                         "(BenchmarkConfig.data_root).")
    root = Path(config.data_root)
    if not root.is_dir():
        raise FileNotFoundError(f"--data-root {config.data_root!r} is not a directory (dataset {dataset!r}).")
    return root


def _load_image_folder(root, image_size):
    """``root/train`` and ``root/test`` (or ``root/val``), one subfolder per class in each."""
    test = next((root / name for name in ("test", "val") if (root / name).is_dir()), None)
    if not (root / "train").is_dir() or test is None:
        raise FileNotFoundError(f"--data-root {str(root)!r}: an image folder data set needs train/ and "
                                "test/ (or val/) subdirectories, one folder per class in each.")
    X_train, y_train, classes = load_image_folder(root / "train", image_size=image_size)
    counts = np.bincount(y_train, minlength=len(classes))
    if len(classes) < 2 or counts.min() < 2:
        few = [f"{name} ({count})" for name, count in zip(classes, counts) if count < 2]
        raise ValueError(f"--data-root {str(root)!r}: train/ needs at least 2 class folders of at least 2 images "
                         "each (a pool and a validation split are drawn from every class); "
                         + (f"it has {len(classes)}." if len(classes) < 2 else f"too few: {', '.join(few)}."))
    X_test, y_test, test_classes = load_image_folder(test, image_size=image_size)
    if test_classes != classes:
        raise ValueError(f"{test} has classes {test_classes[:5]}..., {root / 'train'} has {classes[:5]}...: "
                         "the two must hold the same class folders.")
    return X_train, y_train, X_test, y_test


def _load(dataset, config):
    if dataset in ("cifar10", "cifar100"):
        return load_cifar(_data_root(dataset, config), n_classes=int(dataset.removeprefix("cifar")))
    if dataset == "imagefolder":
        return _load_image_folder(_data_root(dataset, config), config.image_size)
    if dataset in ("digits", "digits_noisy"):
        return load_digits_split(test_size=0.25, random_state=config.data_seed)
    X_train, y_train, X_test, y_test = load_fashion_mnist()
    if dataset == "fmnist_tops":
        train, test = np.isin(y_train, FASHION_MNIST_TOPS), np.isin(y_test, FASHION_MNIST_TOPS)
        return (X_train[train], np.searchsorted(FASHION_MNIST_TOPS, y_train[train]),
                X_test[test], np.searchsorted(FASHION_MNIST_TOPS, y_test[test]))
    if dataset == "fmnist_openset":
        train, test = ~np.isin(y_train, OPEN_SET_OUTLIERS), ~np.isin(y_test, OPEN_SET_OUTLIERS)
        return X_train[train], y_train[train], X_test[test], y_test[test]
    if dataset.startswith("fmnist_rot"):  # one draw of turns over the training and test images
        X, y, _ = rotated_classes(np.concatenate([X_train, X_test]), np.concatenate([y_train, y_test]),
                                  ROTATED_TURNS, random_state=config.data_seed)
        X_train, y_train, X_test, y_test = X[:len(y_train)], y[:len(y_train)], X[len(y_train):], y[len(y_train):]
    if dataset in ("fmnist_lt", "fmnist_lt_noisy", "fmnist_rot_lt"):
        keep = long_tailed_indices(y_train, config.imbalance_ratio, config.data_seed)
        X_train, y_train = X_train[keep], y_train[keep]
    elif dataset == "fmnist_step":
        keep = step_imbalanced_indices(y_train, config.step_ratio, random_state=config.data_seed)
        X_train, y_train = X_train[keep], y_train[keep]
    return X_train, y_train, X_test, y_test


def _stratified_subset(y, size, seed):
    """Row indices of a stratified subsample of ``size`` rows (all rows if ``size`` is None)."""
    rows = np.arange(len(y))
    if size is None or size >= len(y):
        return rows
    kept, _ = train_test_split(rows, train_size=size, stratify=y, random_state=seed)
    return np.sort(kept)


def _add_noise(X, y, n_classes, config, noisy):
    """``y`` with the label noise of ``noisy`` (a name of :data:`NOISY_DATASETS`) at ``config.noise_rate``.

    ``X``, the rows' images, only matters to ``fmnist_confusion``'s reference classifier.
    """
    if noisy == "fmnist_confusion":
        return confusion_label_noise(X, y, config.noise_rate, n_classes, random_state=config.data_seed)[0]
    if noisy == "fmnist_asym":
        return asymmetric_label_noise(y, FASHION_MNIST_LOOKALIKES, config.noise_rate, random_state=config.data_seed)[0]
    if noisy == "fmnist_pair":  # pair flipping: every class to the next, the last to the first
        pairs = {code: (code + 1) % n_classes for code in range(n_classes)}
        return asymmetric_label_noise(y, pairs, config.noise_rate, random_state=config.data_seed)[0]
    return symmetric_label_noise(y, config.noise_rate, n_classes, random_state=config.data_seed)[0]


def _pool_and_val(X, y, pool_size, config, noisy=None):
    """Stratified pool and validation split; with ``noisy`` (a noisy data set's name), both get its label noise."""
    rows = _stratified_subset(y, pool_size, config.data_seed)
    n_classes = len(np.unique(y))
    n_val = max(int(round(config.val_fraction * len(rows))), n_classes)
    pool, val = train_test_split(rows, test_size=n_val, stratify=y[rows], random_state=config.data_seed)
    pool, val = np.sort(pool), np.sort(val)
    y_pool, y_val = y[pool], y[val]
    if noisy:  # one draw over pool and validation together, the test set stays clean
        labels = _add_noise(np.concatenate([X[pool], X[val]]), np.concatenate([y_pool, y_val]), n_classes, config,
                            noisy)
        y_pool, y_val = labels[: len(pool)], labels[len(pool):]
    return X[pool], y_pool, X[val], y_val


def _pollute(dataset, X_pool, y_pool, X_val, y_val, config):
    """Pool and validation with ``config.noise_rate`` of their rows polluted as ``dataset`` pollutes them.

    One draw over pool and validation together, as for label noise: outliers from
    :data:`OPEN_SET_OUTLIERS`' training images under a uniform label, or occluded images. Duplicates
    (``fmnist_dup``, and moved by up to :data:`NEAR_COPY_SHIFT` pixels ``fmnist_neardup``) are copies of pool
    rows in the pool only, so that no validation image is also a pool row.
    """
    if dataset in ("fmnist_dup", "fmnist_neardup"):
        shift = NEAR_COPY_SHIFT if dataset == "fmnist_neardup" else 0
        X_pool, y_pool, _ = duplicate_images(X_pool, y_pool, config.noise_rate, copies=DUPLICATE_COPIES,
                                             shift=shift, random_state=config.data_seed)
        return X_pool, y_pool, X_val, y_val
    X, y = np.concatenate([X_pool, X_val]), np.concatenate([y_pool, y_val])
    if dataset == "fmnist_openset":
        X_train, y_train, _, _ = load_fashion_mnist()
        outliers = X_train[np.isin(y_train, OPEN_SET_OUTLIERS)]
        X, y, _ = open_set_noise(X, y, outliers, config.noise_rate, int(y.max()) + 1,
                                 random_state=config.data_seed)
    else:
        X, _ = occlude_images(X, config.noise_rate, random_state=config.data_seed)
    n_pool = len(y_pool)
    return X[:n_pool], y[:n_pool], X[n_pool:], y[n_pool:]


def _backbone_finetune_task(dataset, X_train, y_train, X_test, y_test, config):
    """The fine-tune track's smaller pool and stratified test subsample (``config.backbone``)."""
    recipe = config.backbone
    X_pool, y_pool, X_val, y_val = _pool_and_val(X_train, y_train, recipe.finetune_pool_size, config)
    test = _stratified_subset(y_test, recipe.finetune_test_size, config.data_seed)
    notes = (f"pool {len(y_pool)} of {len(y_train)} training samples, validation {len(y_val)}, "
             f"test {len(test)} of {len(y_test)}")
    return Task(dataset, "backbone_finetune", X_pool, y_pool, X_val, y_val, X_test[test], y_test[test], notes=notes)


def _class_range(classes):
    return f"{classes[0]}-{classes[-1]}"


def build_tasks(dataset, track, config):
    """Build the tasks of one ``(dataset, track)`` pair.

    Parameters
    ----------
    dataset : {"fmnist", "fmnist_lt", "fmnist_step", "fmnist_noisy", "fmnist_asym", "fmnist_pair", \
            "fmnist_confusion", "fmnist_lt_noisy", "fmnist_tops", "fmnist_openset", "fmnist_occluded", "fmnist_dup", \
            "fmnist_neardup", "fmnist_rot", "fmnist_rot_lt", "fmnist_rot_noisy", "digits", "digits_noisy", "cifar10", \
            "cifar100", "imagefolder"}
        ``fmnist_lt``: exponential long tail (``config.imbalance_ratio``);
        ``fmnist_step``: the last half of the classes keep
        ``1 / config.step_ratio`` of their samples; ``fmnist_noisy``:
        ``config.noise_rate`` of the pool's and validation split's labels
        flipped uniformly to another class (the test set stays clean);
        ``fmnist_asym``: ``config.noise_rate`` of the pool's and validation
        split's T-shirts, pullovers, sandals and sneakers labelled as their
        look-alike class (``FASHION_MNIST_LOOKALIKES``); ``fmnist_pair``:
        ``config.noise_rate`` of every class's pool and validation labels
        turned into the next class (the last into the first; pair flipping,
        on the target classes of the fine-tune track); ``fmnist_confusion``:
        the ``config.noise_rate`` of the pool and validation rows that a
        reference classifier (logistic regression on the images' principal
        components, out of fold) finds most ambiguous labelled as the class
        it confuses them with (instance-dependent noise,
        :func:`~sknucs.datasets.confusion_label_noise`); ``fmnist_lt_noisy``:
        the long tail, then symmetric noise as ``fmnist_noisy`` (a tail
        class receives flipped rows from every head class); ``fmnist_tops``:
        the four upper-body garments only (:data:`FASHION_MNIST_TOPS`,
        renumbered 0..3), a fine-grained task; ``digits_noisy``:
        the digits with symmetric noise as ``fmnist_noisy``;
        ``fmnist_openset``: classes 0-7 only, then ``config.noise_rate`` of
        the pool's and validation split's rows replaced by bags and ankle
        boots (:data:`OPEN_SET_OUTLIERS`) under a label drawn uniformly
        (open-set noise); ``fmnist_occluded``: as ``fmnist``, then
        ``config.noise_rate`` of the pool's and validation split's images
        half hidden by a square of random pixels, labels right;
        ``fmnist_dup``: as ``fmnist``, then ``config.noise_rate`` of the
        pool's rows replaced by copies of other pool rows, label included
        (:data:`DUPLICATE_COPIES` of each), validation untouched;
        ``fmnist_neardup``: as ``fmnist_dup``, each copy moved by up to
        :data:`NEAR_COPY_SHIFT` pixels. These four build the scratch,
        transfer and backbone_frozen tracks only. ``fmnist_rot``: every
        training and test image turned by a random multiple of a quarter
        turn, the turn part of the label (:func:`~sknucs.datasets.rotated_classes`,
        forty classes); ``fmnist_rot_lt``: those forty classes under the
        long tail of ``config.imbalance_ratio``; ``fmnist_rot_noisy``: the
        forty classes with symmetric noise as ``fmnist_noisy`` (a wrong
        label drawn from the other 39).
        The last three are read from ``config.data_root``; an image folder
        is loaded at ``config.image_size`` (all in memory).
    track : {"scratch", "finetune", "transfer", "backbone_frozen", "backbone_finetune"}
    config : BenchmarkConfig

    Returns
    -------
    tasks : list of Task
        One task for the scratch, transfer and backbone tracks (every class;
        ``backbone_finetune`` takes ``config.backbone``'s pool and test
        sizes); two for
        the fine-tune track: the lower half of the classes as source for the
        upper half as target, and the reverse. Target labels are renumbered
        0..C/2-1.
    """
    if dataset not in DATASETS:
        raise ValueError(f"Unknown dataset {dataset!r}; expected one of {DATASETS}.")
    if track not in TRACKS:
        raise ValueError(f"Unknown track {track!r}; expected one of {TRACKS}.")
    if dataset == "fmnist_asym" and track == "finetune":
        raise ValueError("fmnist_asym's look-alike pairs (T-shirt -> shirt, ...) cross the fine-tune track's "
                         "halves of the classes: use it with another track.")
    if dataset in POLLUTED_DATASETS and track not in ("scratch", "transfer", "backbone_frozen"):
        raise ValueError(f"{dataset} is built for the scratch, transfer and backbone_frozen tracks only, "
                         f"got {track!r}.")
    X_train, y_train, X_test, y_test = _load(dataset, config)
    noisy = dataset if dataset in NOISY_DATASETS else None
    if track == "backbone_finetune":
        return [_backbone_finetune_task(dataset, X_train, y_train, X_test, y_test, config)]
    if track in ("scratch", "transfer", "backbone_frozen"):
        X_pool, y_pool, X_val, y_val = _pool_and_val(X_train, y_train, config.pool_size, config, noisy)
        notes = f"pool {len(y_pool)} of {len(y_train)} training samples, validation {len(y_val)}"
        if dataset in POLLUTED_DATASETS:
            X_pool, y_pool, X_val, y_val = _pollute(dataset, X_pool, y_pool, X_val, y_val, config)
            notes += (f", {config.noise_rate:.0%} of the pool copies" if dataset == "fmnist_dup"
                      else f", {config.noise_rate:.0%} of the pool near-copies" if dataset == "fmnist_neardup"
                      else f", {config.noise_rate:.0%} of both polluted")
        return [Task(dataset, track, X_pool, y_pool, X_val, y_val, X_test, y_test, notes=notes)]
    classes = np.unique(y_train)
    if len(classes) < 4:
        raise ValueError(f"The fine-tune track pretrains on one half of {dataset}'s classes and fine-tunes on the "
                         f"other, each half of at least 2 classes: it has {len(classes)}. Use another track.")
    halves = (classes[: len(classes) // 2], classes[len(classes) // 2:])
    tasks = []
    for source_classes, target_classes in (halves, halves[::-1]):
        source = np.isin(y_train, source_classes)
        X_source, y_source = X_train[source], np.searchsorted(source_classes, y_train[source])
        keep = _stratified_subset(y_source, config.source_size, config.data_seed)
        target = np.isin(y_train, target_classes)
        X_pool, y_pool, X_val, y_val = _pool_and_val(
            X_train[target], np.searchsorted(target_classes, y_train[target]), config.finetune_pool_size, config,
            noisy,
        )
        test = np.isin(y_test, target_classes)
        notes = (
            f"source classes {_class_range(source_classes)} ({len(keep)} samples), target classes "
            f"{_class_range(target_classes)}: pool {len(y_pool)} of {int(target.sum())}, "
            f"validation {len(y_val)}"
        )
        tasks.append(Task(
            f"{dataset}[{_class_range(target_classes)}]", track, X_pool, y_pool, X_val, y_val,
            X_test[test], np.searchsorted(target_classes, y_test[test]),
            X_source[keep], y_source[keep], notes,
        ))
    return tasks
