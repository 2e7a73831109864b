"""Two real processes on the gloo backend must give the single-process scores."""

import contextlib
import datetime
import pickle

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import torch.distributed as dist  # noqa: E402
import torch.multiprocessing as mp  # noqa: E402
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset  # noqa: E402

from _score_reference import PresentationLog  # noqa: E402
from sknucs.extractor import DifficultyRecorder, IndexedDataset  # noqa: E402

N, C, EPOCHS, WORLD = 42, 3, 6, 2


def _table():
    """Fixed logits per (epoch, sample), as a model changing every epoch would give."""
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, C, (N,), generator=g)
    logits = torch.randn(EPOCHS, N, C, generator=g) * 1.5
    logits[:, torch.arange(N), y] += 0.8
    return logits, y


@contextlib.contextmanager
def _gloo_rank(rank, init_file):
    """This process as ``rank`` of a gloo group of WORLD, one thread; the group destroyed on leaving."""
    torch.set_num_threads(1)
    dist.init_process_group(
        "gloo",
        init_method=f"file://{init_file}",
        rank=rank,
        world_size=WORLD,
        timeout=datetime.timedelta(seconds=60),
    )
    try:
        yield
    finally:
        dist.destroy_process_group()


def _run_ranks(worker, tmp_path, stem):
    """Run ``worker(rank, init_file, out_dir)`` on WORLD processes; the result each pickled to ``{stem}{rank}.pkl``."""
    # fork where the platform has it: a spawned child re-imports torch, which
    # takes ~10 s per process on a small shared machine; nothing here uses CUDA.
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    mp.start_processes(
        worker, args=(str(tmp_path / "init"), str(tmp_path)), nprocs=WORLD, join=True, start_method=method
    )
    results = []
    for rank in range(WORLD):
        with open(tmp_path / f"{stem}{rank}.pkl", "rb") as f:
            results.append(pickle.load(f))
    return results


def _worker(rank, init_file, out_dir):
    with _gloo_rank(rank, init_file):
        logits, y = _table()
        ds = IndexedDataset(TensorDataset(y))  # items (y_i, i)
        sampler = DistributedSampler(ds, num_replicas=WORLD, rank=rank, shuffle=True, seed=0)
        # 21 samples per rank, batches of 5, drop_last: one sample per rank skipped per epoch.
        loader = DataLoader(ds, batch_size=5, sampler=sampler, drop_last=True)
        rec = DifficultyRecorder(N, C)
        seen = []
        for epoch in range(EPOCHS):
            sampler.set_epoch(epoch)
            for targets, idx in loader:
                z = logits[epoch, idx]
                rec.update(idx, z, targets, features=z[:, :2] * 3)
                seen.append((epoch, idx))
            rec.end_epoch()
        rec.all_reduce()
        result = {"scores": rec.compute(allow_missing=True), "seen": seen}
        with open(f"{out_dir}/rank{rank}.pkl", "wb") as f:
            pickle.dump(result, f)


def test_two_gloo_ranks_give_single_process_scores(tmp_path):
    results = _run_ranks(_worker, tmp_path, "rank")

    # One process replays every presentation that either rank made, epoch by epoch.
    logits, y = _table()
    single, log = DifficultyRecorder(N, C), PresentationLog()
    ranks_of = np.full((EPOCHS, N), -1)
    for epoch in range(EPOCHS):
        for rank, result in enumerate(results):
            for e, idx in result["seen"]:
                if e == epoch:
                    z = logits[epoch, idx]
                    single.update(idx, z, y[idx], features=z[:, :2] * 3)
                    log.add(idx, z, y[idx], z[:, :2] * 3)
                    ranks_of[epoch, idx.numpy()] = rank
        single.end_epoch()
    expected = single.compute(allow_missing=True)
    reference, counts = log.reference_scores(N)

    # Samples move between ranks from epoch to epoch, so forgetting needs the merge.
    moved = (ranks_of[1:] != ranks_of[:-1]) & (ranks_of[1:] >= 0) & (ranks_of[:-1] >= 0)
    assert moved.sum() > N
    assert (expected["forgetting"][counts > 0] > 0).sum() > 5
    assert counts.min() < EPOCHS  # drop_last skipped some presentations

    for result in results:  # every rank holds the totals
        for name, values in expected.items():
            got = result["scores"][name]
            np.testing.assert_allclose(got, values, rtol=1e-12, atol=1e-14, err_msg=name)
            rtol = 1e-6 if name == "grand" else 1e-10  # feature norms in float32
            np.testing.assert_allclose(got, reference[name], rtol=rtol, atol=1e-12, err_msg=name)
        np.testing.assert_array_equal(result["scores"]["forgetting"], expected["forgetting"])


def _resume_worker(rank, init_file, out_dir):
    """Rank 0 alone saves the recorder after an epoch; every rank loads that file and goes on."""
    with _gloo_rank(rank, init_file):
        logits, y = _table()
        ds = IndexedDataset(TensorDataset(y))
        sampler = DistributedSampler(ds, num_replicas=WORLD, rank=rank, shuffle=True, seed=0)
        loader = DataLoader(ds, batch_size=5, sampler=sampler)

        def train(rec, epochs, stop_after=None):
            for epoch in epochs:
                sampler.set_epoch(epoch)
                for step, (targets, idx) in enumerate(loader):
                    if step == stop_after:
                        return
                    rec.update(idx, logits[epoch, idx], targets)
                rec.end_epoch()

        uninterrupted = DifficultyRecorder(N, C)
        train(uninterrupted, range(EPOCHS))
        uninterrupted.all_reduce()

        first = DifficultyRecorder(N, C)
        train(first, range(2))
        if rank == 0:
            torch.save(first.state_dict(), f"{out_dir}/rank0.pt")
        mid = DifficultyRecorder(N, C)
        train(mid, range(1), stop_after=2)
        torch.save(mid.state_dict(), f"{out_dir}/mid{rank}.pt")
        torch.save(first.state_dict(), f"{out_dir}/own{rank}.pt")
        dist.barrier()
        resumed = DifficultyRecorder(N, C)
        resumed.load_state_dict(torch.load(f"{out_dir}/rank0.pt", weights_only=True))
        train(resumed, range(2, EPOCHS))
        resumed.all_reduce()
        refusals = []
        for name in (f"own{1 - rank}", f"mid{1 - rank}"):  # another rank's state: refused on rank 0, or mid-epoch
            try:
                DifficultyRecorder(N, C).load_state_dict(torch.load(f"{out_dir}/{name}.pt", weights_only=True))
                refusals.append(None)
            except ValueError as exc:
                refusals.append(str(exc))
        result = {"expected": uninterrupted.compute(), "resumed": resumed.compute(), "refusals": refusals}
        with open(f"{out_dir}/resume{rank}.pkl", "wb") as f:
            pickle.dump(result, f)


def test_state_saved_by_rank_zero_resumes_on_every_rank(tmp_path):
    for rank, result in enumerate(_run_ranks(_resume_worker, tmp_path, "resume")):
        for name, values in result["expected"].items():  # nothing counted twice
            np.testing.assert_array_equal(result["resumed"][name], values, err_msg=name)
        own, mid = result["refusals"]
        if rank == 0:
            assert "only rank 0 holds the totals" in own
        else:
            assert own is None  # rank 0's state after end_epoch(): its sums are dropped here
        assert "in the middle of an epoch" in mid
