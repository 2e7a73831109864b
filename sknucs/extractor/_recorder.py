"""DifficultyRecorder: per-sample difficulty scores as O(N) running state."""

import torch

from ..scores import SCORE_DIRECTIONS
from ._distributed import is_multi_process, rank, sum_across_ranks_

# Columns of the (n_samples, _N_COLUMNS) float64 matrix of running sums.
# _CONF and _CONF_SQ hold sums of (p_y - shift) and its square, where shift is
# the sample's mean p_y at the last end_epoch(); see DifficultyRecorder Notes.
(_COUNT, _EL2N, _AUM, _CONF, _CONF_SQ, _ENTROPY, _LOSS, _CORRECT, _FORGET, _GRAND) = range(10)
_N_COLUMNS = 10
_STATE_VERSION = 1
_TENSOR_KEYS = ("sums", "shift", "last_correct", "presented")
_INT_KEYS = ("version", "n_samples", "n_classes", "n_epochs", "n_batches", "has_features", "finished")
_LISTED = 5  # how many offending indices an error message names


def _check_int(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}.")
    return value


def _integer_vector(values, length, name, batch, device):
    """``values`` as a 1-D int64 tensor of ``length`` on ``device``."""
    tensor = torch.as_tensor(values).detach()
    if tensor.dtype in (torch.bool, torch.complex64, torch.complex128) or tensor.is_floating_point():
        raise TypeError(f"Batch {batch}: {name} must be integers, got dtype {tensor.dtype}.")
    if tensor.shape != (length,):
        raise ValueError(
            f"Batch {batch}: {name} must have shape ({length},) to match the logits, "
            f"got {tuple(tensor.shape)}."
        )
    return tensor.to(device=device, dtype=torch.int64, non_blocking=True)


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
    distributed : bool or None, default=None
        Whether ranks of a ``torch.distributed`` job share this recorder's
        work. ``None`` decides at the first :meth:`update` or
        :meth:`end_epoch`: True when a process group with more than one rank
        is initialised. When True, :meth:`end_epoch` is a collective call that
        every rank must make.
    process_group : ProcessGroup or None, default=None
        Group to reduce over; ``None`` is the default group.
    device : str, torch.device or None, default=None
        Where the state starts (CPU when None). It moves to the logits' device
        at the first :meth:`update`, so on a GPU it stays on the GPU.

    Notes
    -----
    **State.** One float64 matrix of running sums, shape (N, 10): presentation
    count, EL2N, AUM margin, ``p_y - shift``, its square, entropy, loss, number
    of correct presentations, forgetting events and GraNd; plus a float64
    shift per sample, an int8 last-correctness flag per sample (-1 never seen,
    0 wrong, 1 right) and a bool "presented this epoch" flag. Memory is
    O(N), independent of C and of the number of epochs; no logits are kept.
    Every batch is a handful of vectorised tensor operations on the logits'
    device with one host sync (for the input checks).

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
    holds the global last-correctness flags. :meth:`all_reduce` at the end
    gives every rank the totals. A sample presented on several ranks in one
    epoch (``DistributedSampler`` pads with repeats when N is not a multiple
    of the world size) counts every presentation, and its flag is "correct"
    only if it was correct on all of them.

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
        self, n_samples, n_classes, *, max_epochs=None, distributed=None, process_group=None, device=None
    ):
        self.n_samples = _check_int(n_samples, "n_samples", 1)
        self.n_classes = _check_int(n_classes, "n_classes", 2)
        self.max_epochs = None if max_epochs is None else _check_int(max_epochs, "max_epochs", 1)
        self.distributed = distributed
        self.process_group = process_group
        self._device = torch.device("cpu" if device is None else device)
        self.reset()

    def reset(self):
        """Forget everything recorded; the recorder can record again."""
        n, device = self.n_samples, self._device
        self._sums = torch.zeros(n, _N_COLUMNS, dtype=torch.float64, device=device)
        self._shift = torch.zeros(n, dtype=torch.float64, device=device)
        # One slot more than samples: writes that must be discarded go to slot n.
        self._last = torch.full((n + 1,), -1, dtype=torch.int8, device=device)
        self._presented = torch.zeros(n, dtype=torch.bool, device=device)
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
            Dataset index of every row (the third item of an
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
            Missing indices, shapes that do not match, indices outside
            ``[0, n_samples)``, targets outside ``[0, n_classes)``, NaN or
            infinite logits or features (the message names the batch number,
            counted from 1 since the last reset).
        RuntimeError
            When the recorder is finished.
        """
        self._check_open("update()")
        self._n_batches += 1
        batch = self._n_batches
        if indices is None:
            raise ValueError(
                f"Batch {batch}: no sample indices. Wrap the dataset in "
                "sknucs.extractor.IndexedDataset so that every batch carries them."
            )
        z = torch.as_tensor(logits).detach()
        if not z.is_floating_point() or z.ndim != 2 or z.shape[1] != self.n_classes:
            raise ValueError(
                f"Batch {batch}: logits must be a float tensor of shape (batch_size, "
                f"{self.n_classes}), got {tuple(z.shape)} of dtype {z.dtype}."
            )
        size, device = z.shape[0], z.device
        idx = _integer_vector(indices, size, "indices", batch, device)
        t = _integer_vector(targets, size, "targets", batch, device)
        h = None if features is None else torch.as_tensor(features).detach().to(device)
        if h is not None and (not h.is_floating_point() or h.ndim != 2 or h.shape[0] != size):
            raise ValueError(
                f"Batch {batch}: features must be a float tensor of shape ({size}, "
                f"n_features), got {tuple(h.shape)} of dtype {h.dtype}."
            )
        if self._has_features is None:
            self._has_features = h is not None
        elif self._has_features != (h is not None):
            earlier = "given" if self._has_features else "not given"
            raise ValueError(
                f"Batch {batch}: features were {earlier} in earlier batches; give them in "
                "every batch or in none."
            )
        if size == 0:
            return
        self._check_values(batch, idx, t, z, h)
        self._move_to(device)
        if self._is_distributed():
            self._presented[idx] = True
        self._accumulate(idx, t, z, h)

    def _check_values(self, batch, idx, t, z, h):
        """Raise on out-of-range indices or targets and on non-finite inputs (one sync)."""
        checks = [*torch.aminmax(idx), *torch.aminmax(t), torch.isfinite(z).all()]
        if h is not None:
            checks.append(torch.isfinite(h).all())
        idx_min, idx_max, t_min, t_max, *finite = torch.stack(
            [c.to(torch.int64) for c in checks]
        ).tolist()
        if idx_min < 0 or idx_max >= self.n_samples:
            bad = idx[(idx < 0) | (idx >= self.n_samples)]
            raise ValueError(
                f"Batch {batch}: {bad.numel()} sample index(es) outside [0, {self.n_samples}), "
                f"first {bad[:_LISTED].tolist()}; n_samples must be the dataset's length."
            )
        if t_min < 0 or t_max >= self.n_classes:
            bad = (t < 0) | (t >= self.n_classes)
            raise ValueError(
                f"Batch {batch}: {int(bad.sum())} target(s) outside [0, {self.n_classes}), "
                f"first {t[bad][:_LISTED].tolist()} (samples {idx[bad][:_LISTED].tolist()})."
            )
        for ok, name, values in zip(finite, ("logits", "features"), (z, h)):
            if not ok:
                bad = ~torch.isfinite(values).all(dim=1)
                raise ValueError(
                    f"Batch {batch}: {name} contain NaN or infinite values for "
                    f"{int(bad.sum())} sample(s), first {idx[bad][:_LISTED].tolist()}."
                )

    def _accumulate(self, idx, t, z, h):
        # Sorting by index (stably) groups repeated presentations of a sample
        # within the batch, in batch order, for the forgetting transitions.
        order = torch.argsort(idx, stable=True)
        idx, col, z = idx[order], t[order].unsqueeze(1), z[order].to(torch.float64)
        logp = torch.log_softmax(z, dim=1)
        p = logp.exp()
        p_y = p.gather(1, col)
        el2n = torch.linalg.vector_norm(p.scatter(1, col, p_y - 1.0), dim=1)
        margin = z.gather(1, col).squeeze(1) - z.scatter(1, col, float("-inf")).amax(dim=1)
        correct = margin > 0
        dev = p_y.squeeze(1) - self._shift[idx]
        columns = [
            torch.ones_like(margin),
            el2n,
            margin,
            dev,
            dev * dev,
            -(p * logp).sum(dim=1),
            -logp.gather(1, col).squeeze(1),
            correct.to(torch.float64),
            self._forgetting_events(idx, correct),
        ]
        if h is not None:
            h = h[order].to(torch.float64)
            columns.append(el2n * torch.sqrt(1.0 + (h * h).sum(dim=1)))
        self._sums[:, : len(columns)].index_add_(0, idx, torch.stack(columns, dim=1))

    def _forgetting_events(self, idx, correct):
        """Forgetting events of a batch sorted by index; updates the last-correct flags."""
        repeat = torch.zeros_like(correct)  # same sample as the row before
        repeat[1:] = idx[1:] == idx[:-1]
        was_correct = torch.where(repeat, correct.roll(1), self._last[idx] == 1)
        final = torch.ones_like(correct)  # last presentation of its sample in the batch
        final[:-1] = ~repeat[1:]
        self._last[torch.where(final, idx, self.n_samples)] = correct.to(torch.int8)
        return (was_correct & ~correct).to(torch.float64)

    def end_epoch(self):
        """Close an epoch (collective on every rank when distributed).

        Moves the variability shift to the running means, merges the ranks'
        state in a distributed run (see Notes) and counts the epoch; reaching
        ``max_epochs`` finishes the recorder.
        """
        self._check_open("end_epoch()")
        if self._is_distributed():
            self._merge_ranks()
        else:
            self._recentre()
        self._n_epochs += 1
        if self.max_epochs is not None and self._n_epochs >= self.max_epochs:
            self._finished = True

    def _recentre(self):
        """Move each sample's shift to its mean p_y; keeps (p_y - shift) sums small."""
        s = self._sums
        count = s[:, _COUNT]
        step = torch.where(count > 0, s[:, _CONF] / count.clamp_min(1.0), 0.0)
        self._shift += step
        s[:, _CONF_SQ] -= s[:, _CONF] * step
        s[:, _CONF] = 0.0

    def _merge_ranks(self):
        group = self.process_group
        sum_across_ranks_(self._sums, group)
        self._recentre()  # identical on every rank: the shifts stay equal
        if rank(group) != 0:
            self._sums.zero_()
        seen = self._presented.to(torch.float64)
        flags = sum_across_ranks_(torch.stack([seen, seen * (self._last[:-1] == 1)], dim=1), group)
        everywhere_correct = (flags[:, 1] == flags[:, 0]).to(torch.int8)
        self._last[:-1] = torch.where(flags[:, 0] > 0, everywhere_correct, self._last[:-1])
        self._presented.zero_()

    def all_reduce(self):
        """Give every rank the totals over all ranks, and finish the recorder.

        Call it on every rank after the last :meth:`end_epoch`. Outside a
        multi-process job it only finishes the recorder.

        Raises
        ------
        RuntimeError
            When the recorder is finished, or when it was built with
            ``distributed=False`` inside a multi-process job (its epochs were
            never merged, so forgetting would be wrong).
        """
        self._check_open("all_reduce()")
        if is_multi_process(self.process_group):
            if not self._is_distributed():
                raise RuntimeError(
                    "This recorder was built with distributed=False, so its epochs were not "
                    "merged across ranks; build it with distributed=None or True."
                )
            sum_across_ranks_(self._sums, self.process_group)
        self._finished = True

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
            When samples were never presented and ``allow_missing`` is False.
        """
        s = self._sums
        count = s[:, _COUNT]
        missing = count == 0
        n_missing = int(missing.sum())
        if n_missing and not allow_missing:
            first = missing.nonzero().flatten()[:_LISTED].tolist()
            hint = " Call all_reduce() on every rank before compute()." if self._dist else ""
            raise ValueError(
                f"{n_missing} of {self.n_samples} samples were never passed to update() "
                f"(first {first}); pass allow_missing=True to give them NaN.{hint}"
            )
        mean = s / count.unsqueeze(1)  # NaN rows for missing samples
        conf_dev = mean[:, _CONF]
        forgetting = torch.where(s[:, _CORRECT] > 0, s[:, _FORGET], count)
        scores = {
            "el2n": mean[:, _EL2N],
            "aum": mean[:, _AUM],
            "forgetting": torch.where(missing, float("nan"), forgetting),
            "confidence": self._shift + conf_dev,
            "variability": (mean[:, _CONF_SQ] - conf_dev * conf_dev).clamp_min(0.0).sqrt(),
            "entropy": mean[:, _ENTROPY],
            "loss": mean[:, _LOSS],
        }
        if self._has_features:
            scores["grand"] = mean[:, _GRAND]
        self._finished = True
        return {name: scores[name].cpu().numpy() for name in SCORE_DIRECTIONS if name in scores}

    # ------------------------------------------------------------------ persistence
    def state_dict(self):
        """The full state as plain tensors and ints (works with ``torch.save``).

        Returns
        -------
        state : dict
            Copies of the state tensors (``sums``, ``shift``, ``last_correct``,
            ``presented``) and ints (``version``, ``n_samples``, ``n_classes``,
            ``n_epochs``, ``n_batches``, ``has_features`` (-1 unknown),
            ``finished``).
        """
        return {
            "version": _STATE_VERSION,
            "n_samples": self.n_samples,
            "n_classes": self.n_classes,
            "n_epochs": self._n_epochs,
            "n_batches": self._n_batches,
            "has_features": -1 if self._has_features is None else int(self._has_features),
            "finished": int(self._finished),
            "sums": self._sums.clone(),
            "shift": self._shift.clone(),
            "last_correct": self._last[:-1].clone(),
            "presented": self._presented.clone(),
        }

    def load_state_dict(self, state):
        """Restore a state from :meth:`state_dict`; recording resumes exactly.

        Parameters
        ----------
        state : dict
            As returned by :meth:`state_dict` (possibly through
            ``torch.save``/``torch.load``), from a recorder with the same
            ``n_samples`` and ``n_classes``.
        """
        missing = [k for k in _TENSOR_KEYS + _INT_KEYS if k not in state]
        if missing:
            raise ValueError(f"state is missing {missing}; was it made by DifficultyRecorder.state_dict()?")
        if state["version"] != _STATE_VERSION:
            raise ValueError(f"state version {state['version']} is not {_STATE_VERSION}.")
        for key, mine in (("n_samples", self.n_samples), ("n_classes", self.n_classes)):
            if state[key] != mine:
                raise ValueError(f"state has {key}={state[key]}, this recorder {mine}.")
        targets = (self._sums, self._shift, self._last[:-1], self._presented)
        for key, target in zip(_TENSOR_KEYS, targets):
            if tuple(state[key].shape) != tuple(target.shape):
                raise ValueError(
                    f"state[{key!r}] has shape {tuple(state[key].shape)}, expected {tuple(target.shape)}."
                )
        for key, target in zip(_TENSOR_KEYS, targets):
            target.copy_(state[key])
        self._last[-1] = -1
        self._n_epochs = int(state["n_epochs"])
        self._n_batches = int(state["n_batches"])
        self._has_features = None if state["has_features"] < 0 else bool(state["has_features"])
        self._finished = bool(state["finished"])

    # ------------------------------------------------------------------ helpers
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
        if self._sums.device != device:
            self._device = device
            self._sums, self._shift, self._last, self._presented = (
                t.to(device) for t in (self._sums, self._shift, self._last, self._presented)
            )
