"""Every third-party module the core imports at load time is a declared dependency."""

import ast
import sys
import tomllib
from pathlib import Path

import sklearn
from packaging.requirements import Requirement

import sknucs

ROOT = Path(sknucs.__file__).parent
# Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"sklearn": "scikit-learn"}
# Subpackages with their own extra (imported on demand, never by `import sknucs`).
EXTRAS = {"extractor", "benchmark"}


def _requirements():
    pyproject = tomllib.loads((ROOT.parent / "pyproject.toml").read_text())
    return {Requirement(r).name: Requirement(r) for r in pyproject["project"]["dependencies"]}


def _top_level_imports(path):
    """Modules imported at module level (not inside functions: those are optional)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_core_imports_are_declared():
    declared = set(_requirements())
    core = [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in EXTRAS]
    imported = {name for path in core for name in _top_level_imports(path)}
    third_party = imported - set(sys.stdlib_module_names) - {"sknucs"}
    missing = {DISTRIBUTIONS.get(name, name) for name in third_party} - declared
    assert not missing, f"imported by the core but not in pyproject's dependencies: {missing}"


def test_scikit_learn_range_is_bounded_and_holds_the_installed_version():
    # The core imports scikit-learn's private _param_validation and _fit_context.
    requirement = _requirements()["scikit-learn"]
    assert any(spec.operator == "<" for spec in requirement.specifier)
    assert requirement.specifier.contains(sklearn.__version__)
