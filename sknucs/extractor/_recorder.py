"""DifficultyRecorder: per-sample difficulty scores as O(N) running state."""

import math
import numbers

import torch

from ..scores import SCORE_DIRECTIONS
from ._distributed import is_multi_process, rank, sum_across_ranks_
from ._rows import (
    AUM,
    CONF,
    CONF_SQ,
    CORRECT,
    COUNT,
    EL2N,
    ENTROPY,
    FORGET,
    GRAND,
    LISTED,
    LOSS,
    N_COLUMNS,
    diagnose,
    row_values,
    sequential_forgetting,
)

_STATE_VERSION = 1
_TENSOR_KEYS = ("sums", "shift", "last_correct", "presented")
_INT_KEYS = ("version", "n_samples", "n_classes", "n_epochs", "n_batches", "has_features", "finished")
_BUFFER_ELEMENTS = 2**20  # default buffer: about 8 MB of float64 logits
_INTEGER_DTYPES = frozenset(
    {torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.uint16, torch.uint32, torch.uint64}
)


def _check_int(value, name, minimum):
    """``value`` as an int >= ``minimum``: any integer type (numpy's too), never a bool."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}.")
    return int(value)


def _as_tensor(values):
    return values if isinstance(values, torch.Tensor) else torch.as_tensor(values)


def _integer_vector(values, length, name, batch):
    """``values`` as a 1-D integer tensor of ``length`` (checked on the host only)."""
    tensor = _as_tensor(values)
    if tensor.dtype not in _INTEGER_DTYPES:
        raise TypeError(f"Batch {batch}: {name} must be integers, got dtype {tensor.dtype}.")
    if tensor.shape != (length,):
        raise ValueError(
            f"Batch {batch}: {name} must have shape ({length},) to match the logits, "
            f"got {tuple(tensor.shape)}."
        )
    return tensor


class DifficultyRecorder:
    """Accumulate per-sample difficulty scores while any training loop runs.

    Call :meth:`update` once per batch with the batch's sample indices, logits
    and targets (and, for GraNd, the penultimate features), :meth:`end_epoch`
    after each epoch, and :meth:`compute` at the end. The recorder never owns
    the loop, so it works with plain PyTorch, Lightning or any trainer.

    Parameters
    ----------
    n_samples : int
        Size N of the dataset; indices must lie in ``[0, N)``.
    n_classes : int
        Number C of classes (>= 2); targets must lie in ``[0, C)``.
    max_epochs : int or None, default=None
        When set, the recorder finishes after this many :meth:`end_epoch`
        calls and refuses further updates.
    buffer_size : int or None, default=None
        Presentations (rows) held before they are processed together. None
        means ``max(256, min(65536, 2**20 // n_classes))``: blocks of at most
        2**20 logits (8 MB in float64; processing one takes about three times
        that). Larger blocks spread the fixed cost of processing over more
        batches. ``1`` processes every batch in its own :meth:`update` call,
        so that errors about its values are raised there.
    distributed : bool or None, default=None
        Whether ranks of a ``torch.distributed`` job share this recorder's
        work. ``None`` decides when the first rows are processed: True when a
        process group with more than one rank is initialised. When True,
        :meth:`end_epoch` is a collective call that every rank must make.
    process_group : ProcessGroup or None, default=None
        Group to reduce over; ``None`` is the default group.
    device : str, torch.device or None, default=None
        Where the state starts (CPU when None). It moves to the logits' device
        at the first :meth:`update`, so on a GPU it stays on the GPU.

    Notes
    -----
    **State.** One float64 matrix of running sums, shape (10, N): presentation
    count, EL2N, AUM margin, ``p_y - shift``, its square, entropy, loss, number
    of correct presentations, forgetting events and GraNd; plus a float64
    shift, a bool "correct at its last presentation" flag, a bool "presented
    this epoch" flag and an int32 scratch position per sample: 94 bytes per
    sample, independent of C and of the number of epochs. Logits are held
    only until their block is processed (``buffer_size``).

    **Cost.** :meth:`update` checks shapes and keeps references to the batch's
    detached tensors (and, with features, takes their norms): no copy, no host
    sync, no transfer. So the tensors passed in must not be modified in place
    afterwards (fresh outputs of a forward pass never are). A block is
    processed class-major, in place, in about 40 vectorised operations with
    one host sync and one ``index_add_`` into the sums. Feature norms are
    taken in float32 (float64 for float64 features), the features' own
    precision; everything else is float64.

    **Errors.** Shapes and dtypes are checked in :meth:`update`. Values
    (indices outside ``[0, N)``, targets outside ``[0, C)``, NaN or infinite
    logits or features) are checked when the buffer is processed: in the
    :meth:`update` that fills it, in :meth:`end_epoch`, :meth:`compute`,
    :meth:`state_dict` or :meth:`all_reduce`. The error names the batch
    (numbered from 1 since the last reset); bad batches are dropped, every
    other batch is recorded, and the call completes before raising.

    **Semantics.** Each sample's scores are averages over its own
    presentations, so samples seen a different number of times (``drop_last``,
    samplers with replacement) are handled. A sample is correct when its
    target logit is strictly larger than every other logit. Forgetting counts
    correct -> incorrect transitions between consecutive presentations of the
    sample (within a batch, in batch order); a sample never correct gets its
    number of presentations. Variability is the population std of ``p_y``;
    the running sums are of ``p_y - shift`` with the shift moved to the
    running mean at every :meth:`end_epoch`, which avoids the cancellation of
    a plain sum-of-squares.

    **Finishing.** :meth:`compute`, :meth:`all_reduce` and reaching
    ``max_epochs`` finish the recorder: later :meth:`update` or
    :meth:`end_epoch` calls raise until :meth:`reset`. To look at scores in
    the middle of training, load :meth:`state_dict` into a second recorder
    and compute that one.

    **Distributed.** With a ``DistributedSampler`` each rank sees a shard.
    Sums are additive, but forgetting needs each sample's correctness at its
    previous presentation, which may have happened on another rank. So
    :meth:`end_epoch` merges the ranks: it all-reduces the sums (rank 0 keeps
    the total, the other ranks restart from zero so nothing is counted twice)
    and the flags of the samples presented this epoch; after it every rank
    holds the global last-correct flags. :meth:`all_reduce` at the end gives
    every rank the totals. A sample presented on several ranks in one epoch
    (``DistributedSampler`` pads with repeats when N is not a multiple of the
    world size) counts every presentation, and its flag is "correct" only if
    it was correct on all of them.

    Examples
    --------
    >>> import torch
    >>> from sknucs.extractor import DifficultyRecorder
    >>> rec = DifficultyRecorder(n_samples=4, n_classes=3)
    >>> logits = torch.tensor([[2.0, 0.0, 0.0], [0.0, 1.0, 0.0],
    ...                        [0.0, 0.0, 3.0], [1.0, 1.0, 0.0]])
    >>> rec.update(torch.arange(4), logits, torch.tensor([0, 1, 2, 0]))
    >>> rec.end_epoch()
    >>> rec.compute()["forgetting"]
    array([0., 0., 0., 1.])
    """

    def __init__(
        self,
        n_samples,
        n_classes,
        *,
        max_epochs=None,
        buffer_size=None,
        distributed=None,
        process_group=None,
        device=None,
    ):
        self.n_samples = _check_int(n_samples, "n_samples", 1)
        self.n_classes = _check_int(n_classes, "n_classes", 2)
        self.max_epochs = None if max_epochs is None else _check_int(max_epochs, "max_epochs", 1)
        if buffer_size is None:
            buffer_size = max(256, min(65536, _BUFFER_ELEMENTS // self.n_classes))
        self.buffer_size = _check_int(buffer_size, "buffer_size", 1)
        self.distributed = distributed
        self.process_group = process_group
        self._device = torch.device("cpu" if device is None else device)
        self.reset()

    def reset(self):
        """Forget everything recorded; the recorder can record again."""
        n, device = self.n_samples, self._device
        self._sums = torch.zeros(N_COLUMNS, n, dtype=torch.float64, device=device)
        self._shift = torch.zeros(n, dtype=torch.float64, device=device)
        self._last = torch.zeros(n, dtype=torch.bool, device=device)
        self._presented = torch.zeros(n, dtype=torch.bool, device=device)
        self._positions = torch.zeros(n, dtype=torch.int32, device=device)  # scratch
        self._pending = []  # (batch number, indices, targets, logits, feature norms)
        self._scratch = None  # float64 storage for a block's logits, reused
        self._rows = 0
        self._n_epochs = 0
        self._n_batches = 0
        self._has_features = None
        self._finished = False
        self._dist = None

    @property
    def n_epochs(self):
        """Number of completed epochs (:meth:`end_epoch` calls)."""
        return self._n_epochs

    @property
    def n_batches(self):
        """Number of :meth:`update` calls since the last reset."""
        return self._n_batches

    @property
    def finished(self):
        """Whether recording is over (see Notes); :meth:`reset` reopens it."""
        return self._finished

    def __repr__(self):
        return (
            f"DifficultyRecorder(n_samples={self.n_samples}, n_classes={self.n_classes}, "
            f"epochs={self._n_epochs}, batches={self._n_batches}, finished={self._finished})"
        )

    # ------------------------------------------------------------------ recording
    def update(self, indices, logits, targets, features=None):
        """Record one batch.

        Parameters
        ----------
        indices : tensor or array-like of int of shape (batch_size,)
            Dataset index of every row (the last item of an
            :class:`IndexedDataset` batch).
        logits : tensor of shape (batch_size, n_classes)
            The model's outputs for the batch (any float dtype; detached).
        targets : tensor or array-like of int of shape (batch_size,)
            Class codes in ``[0, n_classes)``.
        features : tensor of shape (batch_size, n_features) or None, default=None
            Inputs of the final linear layer; needed for GraNd. Give them in
            every batch or in none.

        Raises
        ------
        ValueError
            Missing indices or shapes that do not match; and, when the buffer
            is processed, bad values in this or an earlier batch (see Notes).
        TypeError
            Indices or targets that are not integers.
        RuntimeError
            When the recorder is finished.
        """
        if self._finished:
            self._check_open("update()")
        if self._dist is None:
            self._is_distributed()  # resolve (and check) it before anything is recorded
        self._n_batches += 1
        batch = self._n_batches
        if indices is None:
            raise ValueError(
                f"Batch {batch}: no sample indices. Wrap the dataset in "
                "sknucs.extractor.IndexedDataset so that every batch carries them."
            )
        z = _as_tensor(logits)
        if not z.is_floating_point() or z.ndim != 2 or z.shape[1] != self.n_classes:
            raise ValueError(
                f"Batch {batch}: logits must be a float tensor of shape (batch_size, "
                f"{self.n_classes}), got {tuple(z.shape)} of dtype {z.dtype}."
            )
        size = z.shape[0]
        idx = _integer_vector(indices, size, "indices", batch)
        t = _integer_vector(targets, size, "targets", batch)
        h_norm = None
        if features is not None:
            h = _as_tensor(features)
            if not h.is_floating_point() or h.ndim != 2 or h.shape[0] != size:
                raise ValueError(
                    f"Batch {batch}: features must be a float tensor of shape ({size}, "
                    f"n_features), got {tuple(h.shape)} of dtype {h.dtype}."
                )
            # In the features' own precision (float32 unless they are float64):
            # half the cost of a float64 norm, and as exact as the features are.
            norm_dtype = torch.float64 if h.dtype == torch.float64 else torch.float32
            h_norm = torch.linalg.vector_norm(h.detach(), dim=1, dtype=norm_dtype)
        if self._has_features is None:
            self._has_features = features is not None
        elif self._has_features != (features is not None):
            earlier = "given" if self._has_features else "not given"
            raise ValueError(
                f"Batch {batch}: features were {earlier} in earlier batches; give them in "
                "every batch or in none."
            )
        if size == 0:
            return
        error = None
        z = z.detach()
        if self._pending and z.device != self._pending[0][3].device:
            error = self._flush()  # a block is processed on one device
        self._pending.append((batch, idx, t, z, h_norm))
        self._rows += size
        if self._rows >= self.buffer_size:
            error = self._flush() or error
        if error is not None:
            raise error

    def _flush(self):
        """Process the buffered batches; return a ValueError about dropped ones, or None."""
        if not self._pending:
            return None
        pending = self._pending  # emptied once processed: an interrupt (Ctrl-C) before then loses nothing
        device = pending[0][3].device
        if self._sums.device != device:
            self._move_to(device)
        batches, start = [], 0
        for number, idx, *_ in pending:
            batches.append((number, start, idx.shape[0]))
            start += idx.shape[0]
        idx = torch.cat([p[1] for p in pending]).to(device=device, dtype=torch.int64, non_blocking=True)
        t = torch.cat([p[2] for p in pending]).to(device=device, dtype=torch.int64, non_blocking=True)
        z = self._logits_scratch(start, device).copy_(torch.cat([p[3] for p in pending]).t())
        h_norm = torch.cat([p[4] for p in pending]).to(device, torch.float64) if self._has_features else None
        error = self._process(idx, t, z, h_norm, batches)
        self._pending, self._rows = [], 0
        return error

    def _logits_scratch(self, rows, device):
        """A contiguous (C, rows) float64 tensor reused from block to block."""
        size = self.n_classes * rows
        if self._scratch is None or self._scratch.numel() < size or self._scratch.device != device:
            self._scratch = torch.empty(size, dtype=torch.float64, device=device)
        return self._scratch[:size].view(self.n_classes, rows)

    def _process(self, idx, t, z, h_norm, batches):
        # Clamped copies keep the gathers in range (out-of-range gathers are fatal
        # on accelerators); the check below sees the raw values.
        values, correct, repeats = row_values(
            idx.clamp(0, self.n_samples - 1),
            t.clamp(0, self.n_classes - 1),
            z,
            h_norm,
            self._shift,
            self._last,
            self._positions,
        )
        # The one host sync: ranges, finiteness, repeated indices.
        idx_min, idx_max, t_min, t_max, total, repeated = torch.stack(
            [*torch.aminmax(idx), *torch.aminmax(t), values.sum(), repeats]
        ).tolist()
        error = None
        in_range = 0 <= idx_min and idx_max < self.n_samples and 0 <= t_min and t_max < self.n_classes
        if not (in_range and math.isfinite(total)):
            keep, error = self._drop_bad_batches(idx, t, h_norm, values, batches)
            idx, values, correct = idx[keep], values[:, keep], correct[keep]
        if repeated:
            values[FORGET] = sequential_forgetting(idx, correct, self._last)
        else:
            self._last.index_copy_(0, idx, correct)
        self._sums.index_add_(1, idx, values)
        if self._is_distributed():
            self._presented.index_fill_(0, idx, True)
        return error

    def _drop_bad_batches(self, idx, t, h_norm, values, batches):
        """Rows to keep (those of good batches) and the error naming the bad ones."""
        n, c = self.n_samples, self.n_classes
        finite = torch.isfinite(values).all(dim=0)
        row_ok = (idx >= 0) & (idx < n) & (t >= 0) & (t < c) & finite
        sizes = torch.tensor([size for _, _, size in batches], device=idx.device)
        batch_of_row = torch.repeat_interleave(torch.arange(len(batches), device=idx.device), sizes)
        bad = torch.zeros(len(batches), dtype=torch.bool, device=idx.device)
        bad[batch_of_row[~row_ok]] = True
        dropped = [batches[i] for i in bad.nonzero().flatten().tolist()]
        number, start, size = dropped[0]
        rows = slice(start, start + size)
        problem = diagnose(idx[rows], t[rows], finite[rows], None if h_norm is None else h_norm[rows], n, c)
        numbers = [b[0] for b in dropped]
        listed = ", ".join(map(str, numbers[:LISTED])) + (", ..." if len(numbers) > LISTED else "")
        error = ValueError(
            f"Batch {number}: {problem} Not recorded: {len(numbers)} batch(es) ({listed}); "
            "every other batch was."
        )
        return ~bad[batch_of_row], error

    def end_epoch(self):
        """Close an epoch (collective on every rank when distributed).

        Processes the buffer, moves the variability shift to the running
        means, merges the ranks' state in a distributed run (see Notes) and
        counts the epoch; reaching ``max_epochs`` finishes the recorder.
        """
        self._check_open("end_epoch()")
        error = self._flush()
        if self._is_distributed():
            self._merge_ranks()
        else:
            self._recentre()
        self._n_epochs += 1
        if self.max_epochs is not None and self._n_epochs >= self.max_epochs:
            self._finished = True
        if error is not None:
            raise error

    def _recentre(self):
        """Move each sample's shift to its mean p_y; keeps (p_y - shift) sums small."""
        s = self._sums
        count = s[COUNT]
        step = torch.where(count > 0, s[CONF] / count.clamp_min(1.0), 0.0)
        self._shift += step
        s[CONF_SQ] -= s[CONF] * step
        s[CONF] = 0.0

    def _merge_ranks(self):
        group = self.process_group
        sum_across_ranks_(self._sums, group)
        self._recentre()  # identical on every rank: the shifts stay equal
        if rank(group) != 0:
            self._sums.zero_()
        seen = self._presented.to(torch.float64)
        flags = sum_across_ranks_(torch.stack([seen, seen * self._last]), group)
        self._last = torch.where(flags[0] > 0, flags[1] == flags[0], self._last)
        self._presented.zero_()

    def all_reduce(self):
        """Give every rank the totals over all ranks, and finish the recorder.

        Call it on every rank after the last :meth:`end_epoch`. Outside a
        multi-process job it only processes the buffer and finishes the
        recorder.

        Raises
        ------
        RuntimeError
            When the recorder is finished, or when it was built with
            ``distributed=False`` inside a multi-process job (its epochs were
            never merged, so forgetting would be wrong).
        """
        self._check_open("all_reduce()")
        error = self._flush()
        if is_multi_process(self.process_group):
            if not self._is_distributed():
                raise RuntimeError(
                    "This recorder was built with distributed=False, so its epochs were not "
                    "merged across ranks; build it with distributed=None or True."
                )
            sum_across_ranks_(self._sums, self.process_group)
        self._finished = True
        if error is not None:
            raise error

    # ------------------------------------------------------------------ results
    def compute(self, allow_missing=False):
        """Per-sample scores, in sample order; finishes the recorder.

        Parameters
        ----------
        allow_missing : bool, default=False
            Give NaN to samples that were never presented instead of raising.

        Returns
        -------
        scores : dict of str to ndarray of shape (n_samples,), float64
            Keys as :data:`sknucs.scores.SCORE_DIRECTIONS` (``"grand"`` only
            when features were given), values equal to the numpy reference
            functions of :mod:`sknucs.scores` applied to each sample's logged
            logits.

        Raises
        ------
        ValueError
            When samples were never presented and ``allow_missing`` is False,
            or when buffered batches hold bad values (see Notes).
        """
        error = self._flush()
        if error is not None:
            raise error
        s = self._sums
        count = s[COUNT]
        missing = count == 0
        n_missing = int(missing.sum())
        if n_missing and not allow_missing:
            first = missing.nonzero().flatten()[:LISTED].tolist()
            hint = " Call all_reduce() on every rank before compute()." if self._dist else ""
            raise ValueError(
                f"{n_missing} of {self.n_samples} samples were never passed to update() "
                f"(first {first}); pass allow_missing=True to give them NaN.{hint}"
            )
        mean = s / count  # NaN columns for missing samples
        conf_dev = mean[CONF]
        forgetting = torch.where(s[CORRECT] > 0, s[FORGET], count)
        scores = {
            "el2n": mean[EL2N],
            "aum": mean[AUM],
            "forgetting": torch.where(missing, float("nan"), forgetting),
            "confidence": self._shift + conf_dev,
            "variability": (mean[CONF_SQ] - conf_dev * conf_dev).clamp_min(0.0).sqrt(),
            "entropy": -mean[ENTROPY],
            "loss": -mean[LOSS],
        }
        if self._has_features:
            scores["grand"] = mean[GRAND]
        self._finished = True
        return {name: scores[name].cpu().numpy() for name in SCORE_DIRECTIONS if name in scores}

    # ------------------------------------------------------------------ persistence
    def state_dict(self):
        """The full state as plain tensors and ints (works with ``torch.save``).

        Processes the buffer first, so the state is complete.

        Returns
        -------
        state : dict
            Copies of the state tensors (``sums``, ``shift``, ``last_correct``,
            ``presented``) and ints (``version``, ``n_samples``, ``n_classes``,
            ``n_epochs``, ``n_batches``, ``has_features`` (-1 unknown),
            ``finished``, ``rank``: the rank that saved it, 0 outside a
            distributed job).
        """
        error = self._flush()
        if error is not None:
            raise error
        return {
            "version": _STATE_VERSION,
            "n_samples": self.n_samples,
            "n_classes": self.n_classes,
            "n_epochs": self._n_epochs,
            "n_batches": self._n_batches,
            "has_features": -1 if self._has_features is None else int(self._has_features),
            "finished": int(self._finished),
            "rank": rank(self.process_group) if self._dist else 0,
            "sums": self._sums.clone(),
            "shift": self._shift.clone(),
            "last_correct": self._last.clone(),
            "presented": self._presented.clone(),
        }

    def load_state_dict(self, state):
        """Restore a state from :meth:`state_dict`; recording resumes exactly.

        Parameters
        ----------
        state : dict
            As returned by :meth:`state_dict` (possibly through
            ``torch.save``/``torch.load``), from a recorder with the same
            ``n_samples`` and ``n_classes``. Anything buffered here is dropped.

        Notes
        -----
        In a distributed job, after :meth:`end_epoch` rank 0 holds the
        totals and the other ranks hold none. Every rank may load the state
        that rank 0 saved after an :meth:`end_epoch` (the usual checkpoint
        written by rank 0 only): on the other ranks its sums are dropped, so
        nothing is counted twice. A rank may always load its own state.
        Loading another rank's state on rank 0 (it holds no totals), or
        another rank's state saved in the middle of an epoch (it lacks the
        other ranks' presentations), raises a ``ValueError``.
        """
        missing = [k for k in _TENSOR_KEYS + _INT_KEYS if k not in state]
        if missing:
            raise ValueError(f"state is missing {missing}; was it made by DifficultyRecorder.state_dict()?")
        if state["version"] != _STATE_VERSION:
            raise ValueError(f"state version {state['version']} is not {_STATE_VERSION}.")
        for key, mine in (("n_samples", self.n_samples), ("n_classes", self.n_classes)):
            if state[key] != mine:
                raise ValueError(f"state has {key}={state[key]}, this recorder {mine}.")
        targets = (self._sums, self._shift, self._last, self._presented)
        for key, target in zip(_TENSOR_KEYS, targets):
            if tuple(state[key].shape) != tuple(target.shape):
                raise ValueError(
                    f"state[{key!r}] has shape {tuple(state[key].shape)}, expected {tuple(target.shape)}."
                )
        drop_sums = self._drops_loaded_sums(state)
        for key, target in zip(_TENSOR_KEYS, targets):
            target.copy_(state[key])
        if drop_sums:
            self._sums.zero_()
        self._pending, self._rows = [], 0
        self._n_epochs = int(state["n_epochs"])
        self._n_batches = int(state["n_batches"])
        self._has_features = None if state["has_features"] < 0 else bool(state["has_features"])
        self._finished = bool(state["finished"])

    # ------------------------------------------------------------------ helpers
    def _drops_loaded_sums(self, state):
        """Whether this rank drops the sums of ``state``, once it is checked that it may load it."""
        saved = state.get("rank")
        if saved is None or state["finished"]:  # a state of an older sknucs, or one that records no more
            return False
        multi = self.distributed is not False and is_multi_process(self.process_group)
        here, saved = (rank(self.process_group) if multi else 0), int(saved)
        if saved == here:
            return False
        if bool(state["presented"].any()):
            raise ValueError(
                f"state was saved on rank {saved} in the middle of an epoch, so it lacks the other "
                f"ranks' presentations of that epoch; load each rank's own state_dict() here (rank "
                f"{here}), or save after end_epoch()."
            )
        if here == 0:
            raise ValueError(
                f"state was saved on rank {saved}; after end_epoch() only rank 0 holds the totals. "
                "Load the state that rank 0 saved (every rank may load it), or each rank's own."
            )
        return True  # rank 0's totals stay on rank 0: nothing is counted twice

    def _check_open(self, what):
        if self._finished:
            raise RuntimeError(
                f"{what} on a finished DifficultyRecorder: compute(), all_reduce() or reaching "
                f"max_epochs={self.max_epochs} ends recording; call reset() to record again."
            )

    def _is_distributed(self):
        if self._dist is None:
            multi = is_multi_process(self.process_group)
            if self.distributed and not multi:
                raise RuntimeError(
                    "distributed=True but torch.distributed is not initialised with more "
                    "than one rank."
                )
            self._dist = multi if self.distributed is None else bool(self.distributed)
        return self._dist

    def _move_to(self, device):
        self._device = device
        self._sums, self._shift, self._last, self._presented, self._positions = (
            t.to(device) for t in (self._sums, self._shift, self._last, self._presented, self._positions)
        )
