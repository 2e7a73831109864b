"""Per-presentation values that the recorder adds to its running sums.

Pure tensor functions over a block of rows (one row per presentation of a
sample); the recorder owns the state they read and write.
"""

import torch

# Rows of the (N_COLUMNS, n_samples) float64 matrix of running sums (one
# column per sample, so a block adds with one index_add_ along dim 1).
# CONF and CONF_SQ hold sums of (p_y - shift) and its square, where shift is
# the sample's mean p_y at the last end_epoch(). ENTROPY sums sum_c p_c log p_c
# and LOSS sums log p_y: both are negated when scores are computed.
(COUNT, EL2N, AUM, CONF, CONF_SQ, ENTROPY, LOSS, CORRECT, FORGET, GRAND) = range(10)
N_COLUMNS = 10
LISTED = 5  # how many offending indices an error message names


def row_values(idx, t, z, h_norm, shift, last, positions):
    """Values of a block of presentations.

    Everything is laid out class-major, so that every reduction over classes
    runs along the outer dimension, vectorised across presentations, and the
    work is done in place in ``z`` and two more (C, rows) tensors.

    Parameters
    ----------
    idx, t : int64 tensors of shape (rows,)
        Sample indices in ``[0, N)`` and targets in ``[0, C)``.
    z : float64 tensor of shape (C, rows), contiguous
        Logits, one column per presentation. Overwritten.
    h_norm : float64 tensor of shape (rows,) or None
        Norms of the penultimate features; None without features.
    shift, last : tensors of shape (N,)
        The recorder's variability shifts and last-correct flags (read only).
    positions : int32 tensor of shape (N,)
        Scratch space, overwritten at ``idx``.

    Returns
    -------
    values : float64 tensor of shape (N_COLUMNS, rows)
        The FORGET row assumes that no index repeats in the block.
    correct : bool tensor of shape (rows,)
        Target logit strictly above every other logit.
    repeats : bool 0-d tensor
        Whether some index occurs more than once.
    """
    target = t.unsqueeze(0)
    shifted = z.sub_(z.amax(dim=0))  # z - max(z), as scipy's log_softmax computes it
    p = shifted.exp()
    total = p.sum(dim=0)
    log_total = total.log()
    p.mul_(total.reciprocal())  # softmax
    # sum_c p_c log p_c = sum_c p_c (z_c - max z) - log_total, as sum_c p_c = 1
    entropy_sum = (p * shifted).sum(dim=0) - log_total
    shifted_y = shifted.gather(0, target).squeeze(0)
    logp_y = shifted_y - log_total
    # z_y - max_{c != y} z_c, computed on z - max(z): the same number, since
    # z_c - max(z) is exact for the logits that can be the largest (Sterbenz).
    margin = shifted_y - shifted.scatter_(0, target, float("-inf")).amax(dim=0)
    # p - onehot(y) in place: subtracting 1 at the target keeps EL2N exact for p_y near 1.
    minus_one = torch.full_like(target, -1.0, dtype=p.dtype)
    el2n = p.scatter_add_(0, target, minus_one).square_().sum(dim=0).sqrt_()
    correct = margin > 0
    dev = logp_y.exp() - shift.index_select(0, idx)
    ones = torch.ones_like(el2n)
    # Without features the row holds GraNd for h = 0 (= EL2N); it is not reported.
    grand = el2n if h_norm is None else el2n * torch.hypot(ones, h_norm)
    was_correct = last.index_select(0, idx)
    values = torch.stack(
        [
            ones,
            el2n,
            margin,
            dev,
            dev * dev,
            entropy_sum,
            logp_y,
            correct.to(torch.float64),
            (was_correct > correct).to(torch.float64),
            grand,
        ]
    )
    rows = torch.arange(idx.shape[0], dtype=torch.int32, device=idx.device)
    positions.index_copy_(0, idx, rows)  # with repeats, one of the rows wins
    return values, correct, (positions.index_select(0, idx) != rows).any()


def sequential_forgetting(idx, correct, last):
    """Forgetting events when samples occur several times in a block; updates ``last``.

    A sample's presentations are taken in row order: the first is compared
    with the stored flag, each later one with the one before.

    Returns
    -------
    events : bool tensor of shape (rows,)
    """
    order = torch.argsort(idx, stable=True)
    idx, correct = idx[order], correct[order]
    repeat = torch.zeros_like(correct)  # same sample as the row before
    repeat[1:] = idx[1:] == idx[:-1]
    was_correct = torch.where(repeat, correct.roll(1), last.index_select(0, idx))
    final = torch.ones_like(correct)  # last presentation of its sample
    final[:-1] = ~repeat[1:]
    last[idx[final]] = correct[final]
    events = torch.empty_like(correct)
    events[order] = was_correct & ~correct
    return events


def diagnose(idx, t, finite, h_norm, n_samples, n_classes):
    """What is wrong with one batch, in words.

    ``finite`` says, per row, whether the row's values came out finite.
    """
    bad = (idx < 0) | (idx >= n_samples)
    if bad.any():
        return (
            f"{int(bad.sum())} sample index(es) outside [0, {n_samples}), first "
            f"{idx[bad][:LISTED].tolist()}; n_samples must be the dataset's length."
        )
    bad = (t < 0) | (t >= n_classes)
    if bad.any():
        return (
            f"{int(bad.sum())} target(s) outside [0, {n_classes}), first "
            f"{t[bad][:LISTED].tolist()} (samples {idx[bad][:LISTED].tolist()})."
        )
    for name, bad in (
        ("features", None if h_norm is None else ~torch.isfinite(h_norm)),
        ("logits", ~finite),
    ):
        if bad is not None and bad.any():
            return (
                f"{name} contain NaN or infinite values for {int(bad.sum())} "
                f"sample(s), first {idx[bad][:LISTED].tolist()}."
            )
    return "logits so large that the scores overflow float64."
