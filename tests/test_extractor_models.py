import pytest

torch = pytest.importorskip("torch")
torchvision = pytest.importorskip("torchvision")
torch.set_num_threads(1)  # tiny tensors: threads only add waiting on a small shared machine

from torch import nn  # noqa: E402
from torchvision.models import ResNet18_Weights, VisionTransformer  # noqa: E402

from sknucs.extractor import build_torchvision_model, find_head, load_weights, replace_head  # noqa: E402


def _tiny_vit():
    return VisionTransformer(image_size=32, patch_size=16, num_layers=1, num_heads=2, hidden_dim=32, mlp_dim=32)


def _same_weights(a, b, skip=()):
    sa, sb = a.state_dict(), b.state_dict()
    return all(torch.equal(sa[k], sb[k]) for k in sa if not k.startswith(skip))


def test_resnet18_head():
    model = torchvision.models.resnet18(weights=None)
    assert find_head(model)[0] == "fc"
    replace_head(model, 7)
    assert model.fc.out_features == 7 and model.fc.in_features == 512
    assert model(torch.randn(2, 3, 32, 32)).shape == (2, 7)


def test_vit_head():
    model = _tiny_vit()
    assert find_head(model)[0] == "heads.head"
    replace_head(model, 5)
    assert model.heads.head.out_features == 5
    assert model(torch.randn(2, 3, 32, 32)).shape == (2, 5)


def test_generic_last_linear_and_no_linear():
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3, bias=False))
    assert find_head(model)[0] == "2"
    replace_head(model, 9)
    assert model[2].out_features == 9 and model[2].bias is None
    with pytest.raises(ValueError, match="has no nn.Linear"):
        find_head(nn.Sequential(nn.Conv2d(3, 4, 3)))


def test_load_weights_from_local_file_and_checkpoint(tmp_path):
    source, target = _tiny_vit(), _tiny_vit()
    assert not _same_weights(source, target)
    torch.save(source.state_dict(), tmp_path / "w.pt")
    load_weights(target, tmp_path / "w.pt")
    assert _same_weights(source, target)
    # A training checkpoint of a DDP model: wrapped and "module."-prefixed.
    other = _tiny_vit()
    state = {f"module.{k}": v for k, v in other.state_dict().items()}
    torch.save({"state_dict": state, "epoch": 3}, tmp_path / "ckpt.pt")
    load_weights(target, str(tmp_path / "ckpt.pt"))
    assert _same_weights(other, target)


def test_build_torchvision_model_from_local_file(tmp_path):
    pretrained = torchvision.models.resnet18(weights=None)
    torch.save(pretrained.state_dict(), tmp_path / "imagenet_head.pt")
    model = build_torchvision_model("resnet18", 10, weights=tmp_path / "imagenet_head.pt")
    assert model.fc.out_features == 10
    assert _same_weights(model, pretrained, skip=("fc.",))
    # A file that already has the 10-class head keeps it.
    torch.save(model.state_dict(), tmp_path / "fine_tuned.pt")
    again = build_torchvision_model("resnet18", 10, weights=tmp_path / "fine_tuned.pt")
    assert _same_weights(again, model)
    assert build_torchvision_model("resnet18", 4).fc.out_features == 4


def test_build_torchvision_model_from_weights_enum_without_download(monkeypatch, tmp_path):
    pretrained = torchvision.models.resnet18(weights=None)
    calls = []

    def fake_get_state_dict(self, *args, **kwargs):
        calls.append(self)
        return pretrained.state_dict()

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))  # an empty cache: a real download would be needed
    monkeypatch.setattr(ResNet18_Weights, "get_state_dict", fake_get_state_dict)
    model = build_torchvision_model("resnet18", 3, weights=ResNet18_Weights.IMAGENET1K_V1)
    assert calls == [ResNet18_Weights.IMAGENET1K_V1]
    assert model.fc.out_features == 3 and _same_weights(model, pretrained, skip=("fc.",))


def test_bad_weights():
    with pytest.raises(FileNotFoundError, match="No weights file"):
        load_weights(_tiny_vit(), "/nonexistent/w.pt")
    with pytest.raises(TypeError, match="weights must be a path"):
        load_weights(_tiny_vit(), 3)
