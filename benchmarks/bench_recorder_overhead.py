"""Overhead of DifficultyRecorder on a CPU training epoch (Fashion-MNIST, MLP 784-256-10).

Each round trains one epoch of each variant (no recorder; the recorder fed
logits; the recorder fed logits and the penultimate features, which the loop's
forward pass returns) from the same initial weights and batch order, the
variants taking turns every --chunk steps so that they share the machine's
conditions. Reports medians over rounds of the wall-clock and of the process
CPU time (on a shared machine CPU time is what this process itself spent) and
writes the table to benchmarks/results/recorder_overhead.md
(recorder_overhead_after_step.md with --after-step).

    python benchmarks/bench_recorder_overhead.py [--repeats 11] [--batch-size 128] [--threads 1] [--chunk 16] [--after-step]
"""

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from sknucs.datasets import load_fashion_mnist
from sknucs.extractor import DifficultyRecorder

from _output import publish

RESULTS = Path(__file__).resolve().parent / "results" / "recorder_overhead.md"


def _load_train():
    pixels, labels, _, _ = load_fashion_mnist()
    x = pixels.reshape(-1, 784).astype(np.float32) / 255.0
    y = labels.astype(np.int64)
    return torch.from_numpy((x - x.mean()) / x.std()), torch.from_numpy(y)


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


VARIANTS = {
    "plain": "plain training step",
    "logits": "+ recorder.update(indices, logits, targets)",
    "features": "+ recorder.update(..., features=penultimate) (GraNd too)",
}


class EpochRun:
    """One training epoch of one variant, advanced a chunk of steps at a time."""

    def __init__(self, x, y, batch_size, variant, after_step):
        self.x, self.y, self.variant, self.after_step = x, y, variant, after_step
        self.model = _model()
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.05, momentum=0.9)
        order = torch.randperm(len(y), generator=torch.Generator().manual_seed(1))
        self.batches = list(order.split(batch_size))
        self.recorder = DifficultyRecorder(len(y), 10) if variant != "plain" else None
        self.wall = self.cpu = 0.0

    def _record(self, idx, logits, yb, hidden):
        features = hidden if self.variant == "features" else None
        self.recorder.update(idx, logits, yb, features=features)

    def run(self, n_steps):
        """Train the next ``n_steps`` batches (and finish the epoch after the last)."""
        wall, cpu = time.perf_counter(), time.process_time()
        chunk, self.batches = self.batches[:n_steps], self.batches[n_steps:]
        for idx in chunk:
            xb, yb = self.x[idx], self.y[idx]
            hidden = self.model[1](self.model[0](xb))  # the penultimate features
            logits = self.model[2](hidden)
            loss = F.cross_entropy(logits, yb)
            if self.recorder is not None and not self.after_step:
                self._record(idx, logits, yb, hidden)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            if self.recorder is not None and self.after_step:
                self._record(idx, logits, yb, hidden)
        if not self.batches and self.recorder is not None:
            self.recorder.end_epoch()
            self.recorder.compute()
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu
        return bool(self.batches)


def run_round(x, y, batch_size, chunk, rotation, after_step):
    """One epoch of every variant, interleaved chunk by chunk; returns {variant: (wall, cpu)}."""
    names = list(VARIANTS)
    names = names[rotation % len(names) :] + names[: rotation % len(names)]
    runs = {name: EpochRun(x, y, batch_size, name, after_step) for name in names}
    while any([runs[name].run(chunk) for name in names]):
        pass
    return {name: (run.wall, run.cpu) for name, run in runs.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=16, help="steps per turn of a variant")
    parser.add_argument(
        "--after-step",
        action="store_true",
        help="call update() after the optimiser step instead of right after the forward pass",
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x, y = _load_train()
    n_batches = -(-len(y) // args.batch_size)
    run_round(x[:4096], y[:4096], args.batch_size, args.chunk, 0, args.after_step)  # warm-up
    rounds = [run_round(x, y, args.batch_size, args.chunk, r, args.after_step) for r in range(args.repeats)]
    wall = {v: statistics.median(r[v][0] for r in rounds) for v in VARIANTS}
    cpu = {v: statistics.median(r[v][1] for r in rounds) for v in VARIANTS}
    # Paired: the ratio within each round, then the median over rounds.
    wall_ratio = {v: statistics.median(r[v][0] / r["plain"][0] for r in rounds) for v in VARIANTS}
    cpu_ratio = {v: statistics.median(r[v][1] / r["plain"][1] for r in rounds) for v in VARIANTS}
    lines = [
        f"Fashion-MNIST train ({len(y)} samples), MLP 784-256-10, SGD, batch {args.batch_size} "
        f"({n_batches} steps), CPU, torch {torch.__version__}, {args.threads} thread(s), "
        f"{os.cpu_count()} cores. Each round trains one epoch of every variant, interleaved "
        f"{args.chunk} steps at a time; medians over {args.repeats} rounds. The recorder "
        f"variants call update() {'after the optimiser step' if args.after_step else 'right after the forward pass'} "
        "and include end_epoch() and compute(). Overhead = median over rounds of the "
        "round's time ratio to the plain epoch, minus 1.",
        "",
        "| variant | wall s / epoch | ms / step | overhead (wall) | CPU s / epoch | overhead (CPU) |",
        "|---|---|---|---|---|---|",
    ]
    for variant, label in VARIANTS.items():
        lines.append(
            f"| {label} | {wall[variant]:.3f} | {1e3 * wall[variant] / n_batches:.3f} | "
            f"{100 * (wall_ratio[variant] - 1):+.1f}% | {cpu[variant]:.3f} | "
            f"{100 * (cpu_ratio[variant] - 1):+.1f}% |"
        )
    lines += [
        "",
        "Command: `PYTHONPATH=. python benchmarks/bench_recorder_overhead.py "
        f"--repeats {args.repeats} --batch-size {args.batch_size} --threads {args.threads} "
        f"--chunk {args.chunk}{' --after-step' if args.after_step else ''}`",
    ]
    results = RESULTS.with_name("recorder_overhead_after_step.md") if args.after_step else RESULTS
    publish("\n".join(lines) + "\n", results)


if __name__ == "__main__":
    main()
