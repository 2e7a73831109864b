"""Run the example of docs/finetuning.md under several global seeds.

One run of the page's comparison (all data / NUCS coreset / random subset)
moves by points with the seed; this repeats steps 1-4 of the page with
``torch.manual_seed(s)`` for each seed ``s`` and prints one line per seed.

    PYTHONPATH=. python benchmarks/finetuning_example_seeds.py --seeds 0 1 2 3 4 5
"""

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_docs import code_blocks  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4, 5])
    args = parser.parse_args(argv)
    blocks = [code for kind, code, marker in code_blocks((ROOT / "docs" / "finetuning.md").read_text())
              if kind == "python" and (marker is None or marker[0] == "requires")][:4]
    os.chdir(tempfile.mkdtemp())
    for seed in args.seeds:
        namespace = {}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            for number, code in enumerate(blocks):
                if number == 0:
                    code = code.replace("torch.manual_seed(0)", f"torch.manual_seed({seed})")
                exec(code, namespace)
        accuracies = [line.split()[-1] for line in printed.getvalue().splitlines()
                      if "test accuracy" in line]
        print(f"seed {seed}: window k = {namespace['selector'].window_}, test accuracy "
              f"all data {accuracies[0]}, NUCS coreset {accuracies[1]}, random subset {accuracies[2]}")


if __name__ == "__main__":
    main()
