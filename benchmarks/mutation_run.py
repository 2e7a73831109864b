"""Mutation testing of the core: does a test fail when the code is changed slightly?

Each mutant is one small change to one module, made on its syntax tree:

- a comparison made strict or loose, or negated (``<`` / ``<=``, ``==`` / ``!=``);
- an arithmetic operator swapped (``+`` / ``-``, ``*`` / ``/``, ``//`` -> ``/``);
- a number constant plus one (``0`` -> ``1``, ``0.5`` -> ``1.5``);
- a boolean flipped (``True`` / ``False``, ``and`` / ``or``, ``not x`` -> ``x``);
- a unary minus dropped;
- a returned value replaced by ``None``.

Each mutant is written into a temporary copy of the package and that
module's own fast tests run against it (``pytest -x -q -p no:cacheprovider``)
in a forked child of a process that has already imported numpy, scipy,
scikit-learn, hypothesis and pytest (so a mutant costs its tests, not the
imports). A mutant is *killed* when the tests fail (or time out), and
*survives* when they pass. Docstrings and other string constants are not
mutated.

Usage::

    nice -n 10 python benchmarks/mutation_run.py --budget 3600 --out mutation.json
    nice -n 10 python benchmarks/mutation_run.py --shuffle 0 --budget 3000   # a sample
    python benchmarks/mutation_run.py --list     # the mutants, without running them
    python benchmarks/mutation_run.py --survivors-of mutation.json --out rerun.json   # after new tests
"""

import argparse
import ast
import copy
import json
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

LOGGER = logging.getLogger("mutation_run")
ROOT = Path(__file__).resolve().parent.parent

#: Module (relative to sknucs/) -> its targeted fast tests (pytest arguments).
_SELECTOR = "tests/test_selector.py"
TARGETS = {
    "_rounding.py": [_SELECTOR, "-k", "size or n_keep or proportional_reproduces"],
    "_class_difficulty.py": [_SELECTOR, "-k", "winsorized or negative or difficulty"],
    "_budgets.py": [_SELECTOR, "-k", "budget or share or harder or proportional or saturates "
                    "or zero_scores or free_classes or scale or allocate or floor"],
    "_sorting.py": ["tests/test_sorting.py", _SELECTOR, "-k",
                    "sort or tie or random_state or shuffling or order"],
    "_window.py": [_SELECTOR, "-k", "window or stratified or coverage or global or size"],
    "_selector.py": [_SELECTOR, "tests/test_validation.py"],
    "baselines/_groups.py": ["tests/test_baselines.py"],
    "baselines/_random.py": ["tests/test_baselines.py"],
    "baselines/_class_balanced_random.py": ["tests/test_baselines.py"],
    "baselines/_top_k.py": ["tests/test_baselines.py"],
    "baselines/_ccs.py": ["tests/test_baselines.py"],
    "baselines/_moderate.py": ["tests/test_baselines.py"],
}

EDGE_CASES = "tests/test_core_edge_cases.py"
"""Tests of edge cases that earlier runs found untested; run for a mutant of any module that survives its own."""

_COMPARE_SWAPS = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAPS = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}


def _docstring_nodes(tree):
    """Constant nodes that are docstrings (never mutated)."""
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                nodes.add(id(body[0].value))
    return nodes


def _mutations(node, skip):
    """(description, apply) pairs for one node; apply(node) mutates it in place."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is not None:
                def apply(n, i=i, swap=swap):
                    n.ops[i] = swap()
                yield f"{type(op).__name__} -> {swap.__name__}", apply
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap is not None:
            def apply(n, swap=swap):
                n.op = swap()
            yield f"{type(node.op).__name__} -> {swap.__name__}", apply
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        def apply(n, other=other):
            n.op = other()
        yield f"{type(node.op).__name__} -> {other.__name__}", apply
    elif isinstance(node, ast.Constant) and id(node) not in skip:
        value = node.value
        if isinstance(value, bool):
            def apply(n):
                n.value = not n.value
            yield f"{value} -> {not value}", apply
        elif isinstance(value, (int, float)):
            def apply(n):
                n.value = n.value + 1
            yield f"{value!r} -> {value + 1!r}", apply
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield f"drop {type(node.op).__name__}", None  # handled by the parent rewrite
    elif isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        def apply(n):
            n.value = ast.Constant(None)
        yield "return None", apply


class _DropUnary(ast.NodeTransformer):
    """Replace the unary operation at one (line, column) by its operand."""

    def __init__(self, lineno, col):
        self.lineno, self.col = lineno, col

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if (node.lineno, node.col_offset) == (self.lineno, self.col):
            return node.operand
        return node


def enumerate_mutants(source):
    """Every mutant of ``source``: list of (line, description, mutated source)."""
    tree = ast.parse(source)
    skip = _docstring_nodes(tree)
    mutants = []
    for index, node in enumerate(ast.walk(tree)):
        for description, apply in _mutations(node, skip):
            mutated = copy.deepcopy(tree)
            target = list(ast.walk(mutated))[index]
            if apply is None:
                mutated = _DropUnary(node.lineno, node.col_offset).visit(mutated)
            else:
                apply(target)
            try:
                text = ast.unparse(ast.fix_missing_locations(mutated))
            except Exception:  # an operator that cannot be printed: skip
                continue
            mutants.append((node.lineno, description, text))
    return mutants


def _run_tests(workdir, tests, timeout):
    """Run ``tests`` in a forked child importing sknucs from ``workdir``: 'killed' or 'survived'."""
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.chdir(workdir)
            sys.path.insert(0, str(workdir))
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest
            code = pytest.main([*tests, "-x", "-q", "-p", "no:cacheprovider",
                                "-W", "ignore"])
        except BaseException:
            code = 99
        os._exit(int(code))
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "killed"  # a timeout: the mutant broke something (e.g. a loop)
        time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", nargs="*", default=list(TARGETS),
                        help="modules under sknucs/ (default: all targets)")
    parser.add_argument("--budget", type=float, default=3600,
                        help="seconds; mutants left when it runs out are reported as not run")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per mutant")
    parser.add_argument("--out", type=Path, default=Path("mutation.json"))
    parser.add_argument("--list", action="store_true", help="list mutants and exit")
    parser.add_argument("--survivors-of", type=Path, metavar="JSON",
                        help="run only the mutants that survived in this earlier --out file "
                             "(after tests were added for them)")
    parser.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                        help="run the mutants of all modules in a random order, so that a "
                             "run cut short by --budget is a uniform sample")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    # Imported once here so that every forked child starts with them loaded.
    import hypothesis  # noqa: F401
    import numpy  # noqa: F401
    import pytest  # noqa: F401
    import scipy.stats  # noqa: F401
    import sklearn.base  # noqa: F401
    import sklearn.utils.estimator_checks  # noqa: F401

    start = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="sknucs-mutants-") as tmp:
        workdir = Path(tmp)
        shutil.copytree(ROOT / "sknucs", workdir / "sknucs")
        shutil.copytree(ROOT / "tests", workdir / "tests")
        shutil.copy(ROOT / "pyproject.toml", workdir / "pyproject.toml")
        originals = {m: (workdir / "sknucs" / m).read_text() for m in args.modules}
        queue = []
        for module, original in originals.items():
            mutants = enumerate_mutants(original)
            LOGGER.info("%s: %d mutants", module, len(mutants))
            queue += [(module, line, description, text) for line, description, text in mutants]
        if args.list:
            for module, line, description, _ in queue:
                print(f"{module}:{line}: {description}")
            return
        if args.survivors_of is not None:
            survived = {(r["module"], r["line"], r["mutation"])
                        for r in json.loads(args.survivors_of.read_text()) if r["status"] == "survived"}
            queue = [entry for entry in queue if entry[:3] in survived]
        if args.shuffle is not None:
            random.Random(args.shuffle).shuffle(queue)
        for module, line, description, text in queue:
            entry = {"module": module, "line": line, "mutation": description}
            if time.monotonic() - start > args.budget:
                entry["status"] = "not run"
            else:
                path = workdir / "sknucs" / module
                path.write_text(text)
                entry["status"] = _run_tests(workdir, TARGETS[module], args.timeout)
                if entry["status"] == "survived":  # the core's edge cases, a few seconds for every module
                    entry["status"] = _run_tests(workdir, [EDGE_CASES], args.timeout)
                path.write_text(originals[module])
                LOGGER.info("%s:%d %s: %s", module, line, description, entry["status"])
            results.append(entry)
            args.out.write_text(json.dumps(results, indent=1))
    run = [r for r in results if r["status"] != "not run"]
    killed = sum(r["status"] == "killed" for r in run)
    LOGGER.info("killed %d of %d run (%.1f%%); %d not run", killed, len(run),
                100 * killed / max(len(run), 1), len(results) - len(run))


if __name__ == "__main__":
    main()
