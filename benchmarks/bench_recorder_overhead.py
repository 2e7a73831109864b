"""Overhead of DifficultyRecorder on a CPU training epoch (Fashion-MNIST, MLP 784-256-10).

Each repeat times one full training epoch of each variant (no recorder; the
recorder fed logits; the recorder fed logits and the penultimate features,
captured with a forward hook as score_dataset does), in rotating order, from
the same initial weights and batch order. Reports medians over repeats of the
wall-clock and the process CPU time (the machine may be shared; CPU time is
what this process itself spent) and writes the table to
benchmarks/results/recorder_overhead.md.

    python benchmarks/bench_recorder_overhead.py [--repeats 7] [--batch-size 128] [--threads 1]
"""

import argparse
import gzip
import os
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from sknucs.extractor import DifficultyRecorder

DATA = Path("/usr/share/datasets/fashion-mnist")
RESULTS = Path(__file__).resolve().parent / "results" / "recorder_overhead.md"


def _read_idx(path):
    """Array from an idx file (gzip): big-endian header, then uint8 data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = np.frombuffer(raw, dtype=">i4", count=ndim, offset=4)
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def _load_train():
    x = _read_idx(DATA / "train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255.0
    y = _read_idx(DATA / "train-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy((x - x.mean()) / x.std()), torch.from_numpy(y)


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


VARIANTS = {
    "plain": "plain training step",
    "logits": "+ recorder.update(indices, logits, targets)",
    "features": "+ recorder.update(..., features=penultimate) (GraNd too)",
}


def run_epoch(x, y, batch_size, variant):
    """Train one epoch from fixed weights and order; return (wall s, CPU s)."""
    model = _model()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    order = torch.randperm(len(y), generator=torch.Generator().manual_seed(1))
    recorder, seen = DifficultyRecorder(len(y), 10), []
    if variant == "features":  # capture the last layer's input, as score_dataset does
        model[2].register_forward_hook(lambda mod, args, out: seen.__setitem__(slice(None), [args[0]]))
    wall, cpu = time.perf_counter(), time.process_time()
    for idx in order.split(batch_size):
        xb, yb = x[idx], y[idx]
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if variant != "plain":
            recorder.update(idx, logits, yb, features=seen[0] if seen else None)
    if variant != "plain":
        recorder.end_epoch()
        recorder.compute()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x, y = _load_train()
    n_batches = -(-len(y) // args.batch_size)
    for variant in VARIANTS:  # warm-up
        run_epoch(x[:4096], y[:4096], args.batch_size, variant)
    times = {variant: [] for variant in VARIANTS}
    names = list(VARIANTS)
    for r in range(args.repeats):
        for variant in names[r % 3 :] + names[: r % 3]:  # rotate the order
            times[variant].append(run_epoch(x, y, args.batch_size, variant))
    wall = {v: statistics.median(t[0] for t in ts) for v, ts in times.items()}
    cpu = {v: statistics.median(t[1] for t in ts) for v, ts in times.items()}
    lines = [
        f"Fashion-MNIST train ({len(y)} samples), MLP 784-256-10, SGD, batch {args.batch_size} "
        f"({n_batches} steps), CPU, torch {torch.__version__}, {args.threads} thread(s), "
        f"{os.cpu_count()} cores; median of {args.repeats} epochs per variant, the variants "
        "interleaved (rotating order). The recorder variants include end_epoch() and compute().",
        "",
        "| variant | wall s / epoch | ms / step | overhead (wall) | CPU s / epoch | overhead (CPU) |",
        "|---|---|---|---|---|---|",
    ]
    for variant, label in VARIANTS.items():
        lines.append(
            f"| {label} | {wall[variant]:.3f} | {1e3 * wall[variant] / n_batches:.3f} | "
            f"{100 * (wall[variant] / wall['plain'] - 1):+.1f}% | {cpu[variant]:.3f} | "
            f"{100 * (cpu[variant] / cpu['plain'] - 1):+.1f}% |"
        )
    lines += [
        "",
        "Command: `PYTHONPATH=. python benchmarks/bench_recorder_overhead.py "
        f"--repeats {args.repeats} --batch-size {args.batch_size} --threads {args.threads}`",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
