"""Every code example in README.md and docs/*.md runs.

Rules for page authors:

- Fenced ``python`` blocks, and the code of ``.. plot::`` directives inside
  ``{eval-rst}`` blocks (matplotlib's plot directive), of a page run in order, in one
  namespace, in a temporary working directory, so a block may use what an
  earlier block of the same page defined.
- In ``bash``/``console`` blocks, lines starting with ``sknucs select`` run
  through :func:`sknucs.cli.main` (``$ `` prompts are stripped); other shell
  lines (``make``, ``pip``, ``sknucs demo``) are shown, not run.
- A MyST comment line ``% requires: NAME[, NAME...]`` right above a block skips
  that block when one of the names cannot be imported (a module such as
  ``torch``, or a module attribute such as ``sknucs.RidgeWindowPredictor``).
  Later blocks must not depend on a block that may be skipped.
- ``% not-run: REASON`` right above a block shows it without running it (only for
  code that needs what tests never have, e.g. a download); say why.
"""

import importlib
import os
import re
import shlex
import textwrap
from pathlib import Path

import pytest

from sknucs import cli

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>[^`\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
MARKER = re.compile(r"^%\s*(?P<kind>requires|not-run):\s*(?P<value>.+?)\s*$")
SHELL_INFOS = {"bash", "console", "sh", "shell"}
PLOT_DIRECTIVE = re.compile(r"^\.\. plot::[ \t]*\n(?P<body>(?:[ \t]+.*\n|[ \t]*\n)*)",
                            re.MULTILINE)


def plot_directive_code(rst):
    """The code of the ``.. plot::`` directives in a block of reStructuredText."""
    for match in PLOT_DIRECTIVE.finditer(rst + "\n"):
        lines = textwrap.dedent(match["body"]).splitlines()
        yield "\n".join(line for line in lines if not line.startswith(":")) + "\n"


def code_blocks(text):
    """``(kind, code, marker)`` for each runnable fenced block, in page order."""
    for match in FENCE.finditer(text):
        info = match["info"].strip().split(" ")[0]
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = MARKER.match(before.strip())
        marker = (marker["kind"], marker["value"]) if marker else None
        body = textwrap.dedent(match["body"])
        if info == "python":
            yield "python", body, marker
        elif info in SHELL_INFOS:
            yield "shell", body, marker
        elif info == "{eval-rst}":
            for code in plot_directive_code(body):
                yield "python", code, marker


def missing_requirements(value):
    missing = []
    for name in (part.strip() for part in value.split(",")):
        try:
            importlib.import_module(name)
            continue
        except ImportError:
            pass
        module, _, attribute = name.rpartition(".")
        try:
            if module and hasattr(importlib.import_module(module), attribute):
                continue
        except ImportError:
            pass
        missing.append(name)
    return missing


def run_shell(code):
    for line in code.splitlines():
        line = line.strip().removeprefix("$ ")
        if line.startswith("sknucs select"):
            assert cli.main(shlex.split(line)[1:]) == 0, line


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"docs_{page.stem}"}
    skipped = []
    for number, (kind, code, marker) in enumerate(code_blocks(page.read_text()), 1):
        if marker and marker[0] == "not-run":
            continue
        if marker and (missing := missing_requirements(marker[1])):
            skipped.append(f"block {number} needs {', '.join(missing)}")
            continue
        try:
            if kind == "python":
                exec(compile(code, f"{page.name}:block{number}", "exec"), namespace)
            else:
                run_shell(code)
        except Exception as exc:
            raise AssertionError(f"{page.name}, code block {number} failed: {exc!r}") from exc
    if os.environ.get("MPLBACKEND") and "matplotlib.pyplot" in importlib.sys.modules:
        importlib.import_module("matplotlib.pyplot").close("all")
    if skipped:
        pytest.skip(f"{page.name}: ran the rest; {'; '.join(skipped)}")


def test_marker_parsing():
    page = (
        "text\n\n% requires: torch, sknucs.NoSuchThing\n```python\nx = 1\n```\n\n"
        "```bash\n$ sknucs select --help\nmake demo\n```\n\n"
        "% not-run: needs the internet\n````python\ny = 2\n````\n```text\nz\n```\n"
        "1. item\n\n   ```python\n   if True:\n       w = 3\n   ```\n"
        "```{eval-rst}\n.. autofunction:: f\n\n.. plot::\n   :context: reset\n\n"
        "   import math\n\n   v = math.pi\n```\n"
    )
    blocks = list(code_blocks(page))
    assert [(kind, marker) for kind, _, marker in blocks] == [
        ("python", ("requires", "torch, sknucs.NoSuchThing")),
        ("shell", None),
        ("python", ("not-run", "needs the internet")),
        ("python", None),
        ("python", None),
    ]
    assert blocks[-2][1] == "if True:\n    w = 3\n"
    assert blocks[-1][1].strip() == "import math\n\nv = math.pi"
    assert missing_requirements("numpy, sknucs.NUCSSelector, sknucs.NoSuchThing") == [
        "sknucs.NoSuchThing"
    ]


def public_modules():
    """``sknucs`` and its modules and subpackages without a leading underscore."""
    import pkgutil

    import sknucs

    names = ["sknucs"] + [f"sknucs.{info.name}" for info in pkgutil.iter_modules(sknucs.__path__)
                          if not info.name.startswith("_")]
    return names


@pytest.mark.parametrize("module_name", public_modules())
def test_api_reference_lists_every_public_name(module_name):
    """docs/api.md documents each name of each public module's ``__all__``."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:  # an optional dependency (torch) is missing
        pytest.skip(f"{module_name}: {exc}")
    api = (ROOT / "docs" / "api.md").read_text()
    documented = set(re.findall(r"^\.\. auto(?:class|function|data):: (\S+)", api, re.MULTILINE))
    assert hasattr(module, "__all__"), f"{module_name} has no __all__"
    missing = [name for name in module.__all__ if f"{module_name}.{name}" not in documented]
    assert not missing, f"docs/api.md lacks {module_name}: {missing}"
