"""A script's child run in a fresh process, importing ``sknucs`` from this tree or from an earlier checkout."""

import json
import os
import subprocess
import sys
from pathlib import Path


def run_child(script, arguments, source=None):
    """Run ``script --child *arguments`` in a fresh process, ``sknucs`` imported from ``source`` when given.

    The child prints one JSON object on its last line of output, with a
    ``"library"`` entry naming the folder it imported ``sknucs`` from.

    Returns
    -------
    dict
        That object.

    Raises
    ------
    RuntimeError
        If the child failed (the end of its error output is given), or imported
        ``sknucs`` from elsewhere than the checkout ``source``.
    """
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, str(script), "--child", *map(str, arguments)], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the run of {source or 'this tree'} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if source is not None and not result["library"].startswith(str(Path(source).resolve())):
        raise RuntimeError(f"the baseline run imported {result['library']}, not the checkout {source}")
    return result
