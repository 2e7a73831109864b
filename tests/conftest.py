"""Shared fixtures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_python():
    """``run_python(*args)``: ``python *args`` in a fresh interpreter importing this checkout."""

    def run(*args, check=True):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, *map(str, args)], capture_output=True,
                              text=True, env=env, check=False)
        if check and done.returncode != 0:
            pytest.fail(f"python {' '.join(map(str, args))} failed:\n{done.stderr}")
        return done

    return run
