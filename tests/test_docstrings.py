"""The Examples sections of the package's docstrings run (doctest).

Every module of sknucs is imported, except ``__main__`` (it runs the command)
and modules whose optional dependency (torch, matplotlib) is missing.
"""

import doctest
import importlib
import pkgutil

import pytest

import sknucs

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(sknucs.__path__, prefix="sknucs.")
    if not info.name.endswith("__main__")
)
OPTIONAL = {"torch", "torchvision", "matplotlib"}


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
    for test in finder.find(module, name, globs={}):
        if test.examples and test.name.startswith(name):
            runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed (see above)"
