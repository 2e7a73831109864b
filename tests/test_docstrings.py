"""The Examples sections of the package's docstrings run (doctest).

Every module of sknucs is imported, except ``__main__`` (it runs the command)
and modules whose optional dependency (torch, matplotlib) is missing; examples
that import a missing optional dependency are skipped.
"""

import doctest
import importlib
import importlib.util
import pkgutil
import re

import pytest

import sknucs

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(sknucs.__path__, prefix="sknucs.")
    if not info.name.endswith("__main__")
)
OPTIONAL = {"torch", "torchvision", "matplotlib"}
MISSING = {name for name in OPTIONAL if importlib.util.find_spec(name) is None}
IMPORTED = re.compile(r"^\s*(?:import|from)\s+(\w+)", re.MULTILINE)


def needs_missing_dependency(test):
    return any(set(IMPORTED.findall(example.source)) & MISSING for example in test.examples)


@pytest.mark.parametrize("name", ["sknucs", *MODULES])
def test_docstring_examples(name, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] in OPTIONAL or "pip install" in str(exc):
            pytest.skip(f"{name} needs an optional dependency: {exc}")
        raise
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    skipped = []
    for test in finder.find(module, name, globs={}):
        if not (test.examples and test.name.startswith(name)):
            continue
        if needs_missing_dependency(test):
            skipped.append(test.name)
            continue
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed (see above)"
    if skipped:
        pytest.skip(f"examples need {sorted(MISSING)}: {skipped}")
