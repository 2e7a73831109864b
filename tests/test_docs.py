"""Every code example in README.md and docs/*.md runs.

Rules for page authors:

- Fenced ``python`` blocks, and the code of ``.. plot::`` directives inside
  ``{eval-rst}`` blocks (matplotlib's plot directive), of a page run in order, in one
  namespace, in a temporary working directory, so a block may use what an
  earlier block of the same page defined.
- Every line of a ``bash``/``console`` block must work as written in a fresh
  clone (``$ `` prompts and ``#`` comments are stripped, ``\\`` continuations
  joined); :func:`check_shell_line` says how each kind is checked.
  ``sknucs select`` lines run through :func:`sknucs.cli.main`; ``make``
  targets, ``pip install -e`` extras, ``python -m`` modules, scripts and
  ``sknucs`` subcommands must exist (the benchmark's and ``sknucs demo``'s
  arguments are parsed, not run). A bare ``sknucs`` must come after a
  ``source .venv/bin/activate`` line of the page: ``make`` installs the
  command into ``.venv/bin``, which is not on the PATH. A line of any other
  kind fails until this file learns how to check it.
- A MyST comment line ``% requires: NAME[, NAME...]`` right above a block skips
  that block when one of the names cannot be imported (a module such as
  ``torch``, or a module attribute such as ``sknucs.RidgeWindowPredictor``).
  Later blocks must not depend on a block that may be skipped.
- ``% not-run: REASON`` right above a block shows it without running it (only for
  code that needs what tests never have, e.g. a download); say why.
"""

import importlib
import importlib.util
import os
import re
import shlex
import textwrap
import tomllib
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


VENV = ".venv"
MAKEFILE = (ROOT / "Makefile").read_text()
MAKE_TARGETS = set(re.findall(r"^([\w.-]+):", MAKEFILE, re.MULTILINE))
EXTRAS = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"])
SHOWN_ONLY = {"cat", "apt-get", "sudo", "mkdir", "cp"}
"""Commands shown to the reader and not checked: they do not depend on this project."""


def shell_commands(code):
    """The commands of a shell block as word lists, without prompts, comments and ``NAME=value``."""
    for line in code.replace("\\\n", " ").splitlines():
        words = shlex.split(line.strip().removeprefix("$ "), comments=True)
        while words and re.fullmatch(r"\w+=\S*", words[0]):
            words = words[1:]
        if words:
            yield words


def _check_sknucs(args):
    if args[:1] == ["select"]:
        assert cli.main(args) == 0
    elif args[:1] == ["demo"]:  # trains networks for minutes: only parsed
        cli.build_parser().parse_known_args(args)
    else:
        assert cli.main(args) == 0


def _check_python(args):
    if args[0] == "-m":
        module, rest = args[1], args[2:]
        assert importlib.util.find_spec(module) is not None, f"no module {module}"
        if module == "sknucs.benchmark":
            from sknucs.benchmark._cli import build_parser

            build_parser().parse_args(rest)
        elif module == "sknucs":
            _check_sknucs(rest)
    else:
        assert (ROOT / args[0]).is_file(), f"no script {args[0]}"


def _check_pip(args):
    assert args[:2] == ["install", "-e"] and len(args) == 3, (
        "sknucs installs from the clone: pip install -e . or pip install -e '.[extra,...]'"
    )
    match = re.fullmatch(r"\.(?:\[(?P<extras>[\w,-]+)\])?", args[2])
    assert match, f"install the clone: '.' or '.[extras]', not {args[2]!r}"
    unknown = set((match["extras"] or "").split(",")) - EXTRAS - {""}
    assert not unknown, f"extras {sorted(unknown)} are not in pyproject.toml"


def check_shell_line(words, state):
    """Check one shell command of a page, as a user of a fresh clone would run it.

    Parameters
    ----------
    words : list of str
        The command, split as the shell splits it.
    state : dict
        Per page: ``"activated"`` becomes True at ``source .venv/bin/activate``.

    Raises
    ------
    AssertionError
        If the command would fail, or is of a kind not checked here.
    """
    command, args = words[0], words[1:]
    if command == "make":
        missing = [target for target in args if target not in MAKE_TARGETS]
        assert not missing, f"no make target {missing}"
    elif command in ("source", ".") and args == [f"{VENV}/bin/activate"]:
        assert re.search(rf"^VENV \?= {re.escape(VENV)}$", MAKEFILE, re.MULTILINE)
        state["activated"] = True
    elif command == ".ci/run":
        assert os.access(ROOT / command, os.X_OK), ".ci/run is not an executable file"
    elif command in ("sknucs", f"{VENV}/bin/sknucs"):
        assert command != "sknucs" or state["activated"], (
            "sknucs lives in .venv/bin after make: show `source .venv/bin/activate` earlier on "
            "the page, or call .venv/bin/sknucs"
        )
        _check_sknucs(args)
    elif command in ("python", "python3", f"{VENV}/bin/python"):
        _check_python(args)
    elif command == "pip":
        _check_pip(args)
    else:
        assert command in SHOWN_ONLY, f"test_docs does not know how to check {command!r}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"docs_{page.stem}"}
    state = {"activated": False}
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
                for words in shell_commands(code):
                    check_shell_line(words, state)
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


def test_shell_line_checks_catch_what_fails_in_a_fresh_clone():
    state = {"activated": False}
    failing = [
        ["sknucs", "--version"],                     # not on the PATH before activation
        ["make", "no-such-target"],
        ["pip", "install", "sknucs[torch]"],         # not the clone
        ["pip", "install", "-e", ".[no_such_extra]"],
        ["python", "-m", "sknucs.no_such_module"],
        ["python", "-m", "sknucs.benchmark", "--mode", "no_such_mode"],
        ["python", "benchmarks/no_such_script.py"],
        ["sknucs_typo", "select"],
    ]
    for words in failing:
        with pytest.raises((AssertionError, SystemExit)):
            check_shell_line(words, state)
    check_shell_line(["source", ".venv/bin/activate"], state)
    check_shell_line(["sknucs", "--version"], state)
    check_shell_line(["pip", "install", "-e", ".[torch,plot]"], state)
    assert list(shell_commands("$ make demo   # comment\nPYTHONPATH=. python x.py \\\n  --a 1\n")) == [
        ["make", "demo"], ["python", "x.py", "--a", "1"]]


def _ci_make_targets():
    return re.findall(r"^make (\S+)", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)


@pytest.mark.parametrize("page", ["README.md", "docs/install.md"])
def test_pages_say_what_ci_runs(page):
    line = next(line for line in (ROOT / page).read_text().splitlines()
                if "`.ci/run`" in line and "make" in line)
    assert re.findall(r"`make (\S+)`", line) == _ci_make_targets()


def _quick_preset_methods():
    from sknucs.benchmark import quick_config

    return quick_config().methods


def test_readme_demo_paragraph_names_the_quick_presets_methods():
    from sknucs.benchmark import METHODS

    quick_start = (ROOT / "README.md").read_text().split("## Quick start")[1].split("\n## ")[0]
    named = [name for name in re.findall(r"`(\w+)`", quick_start) if name in METHODS]
    assert named == list(_quick_preset_methods())


EXAMPLES = sorted((ROOT / "examples").glob("plot_*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_gallery_example_runs(script, tmp_path, monkeypatch, capsys):
    """The gallery's scripts (run again by ``make docs``) work with the installed extras."""
    import runpy

    matplotlib = pytest.importorskip("matplotlib")
    if "imblearn" in script.read_text():
        pytest.importorskip("imblearn")
    matplotlib.use("Agg")
    from threadpoolctl import threadpool_limits

    monkeypatch.chdir(tmp_path)
    with threadpool_limits(limits=1):  # as in docs/conf.py: small models, no BLAS threads
        runpy.run_path(str(script), run_name="__main__")
    import matplotlib.pyplot as plt

    assert plt.get_fignums(), f"{script.name} draws no figure for the gallery"
    plt.close("all")


def test_gallery_outputs_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "docs/auto_examples/" in ignored and "docs/sg_execution_times.rst" in ignored
