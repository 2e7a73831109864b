"""The one training recipe every method shares (torch)."""

import numpy as np
import torch
from torch import nn

from ..extractor._precision import mixed_precision
from ._metrics import classification_metrics


def to_tensor(X, mean, std):
    """uint8 images (n, H, W) or (n, H, W, C) to standardised float32 (n, C, H, W)."""
    X = torch.as_tensor(np.asarray(X), dtype=torch.float32).div_(255.0)
    X = X.unsqueeze(1) if X.ndim == 3 else X.permute(0, 3, 1, 2).contiguous()
    return X.sub_(mean).div_(std)


def train_model(model, X, y, *, epochs, batch_size, lr, seed, device="cpu", weight_decay=0.0, steps=None):
    """Train ``model`` in place with Adam and cross-entropy on in-memory tensors.

    Parameters
    ----------
    model : nn.Module
    X : Tensor of shape (n_samples, C, H, W)
    y : Tensor of shape (n_samples,)
    epochs, batch_size : int
        The last, smaller batch of each epoch is kept.
    lr : float
    seed : int
        Seeds the per-epoch shuffling.
    device : str, default="cpu"
        On CUDA, under mixed precision (:func:`mixed_precision`).
    weight_decay : float, default=0.0
    steps : int or None, default=None
        If set, exactly this many optimisation steps instead of ``epochs``
        passes: the data is reshuffled after each pass and the last pass
        stops part-way.

    Returns
    -------
    model : nn.Module
        The same model, trained, in eval mode.
    """
    model.to(device).train()
    y = torch.as_tensor(y, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    dtype, scale = mixed_precision(device)
    scaler = torch.amp.GradScaler("cuda", enabled=scale)
    if steps is not None and steps < 1:
        raise ValueError(f"steps must be a positive integer or None, got {steps!r}.")
    for batch in _batches(len(y), epochs, steps, batch_size, generator):
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(torch.device(device).type, dtype=dtype, enabled=dtype is not None):
            loss = loss_fn(model(X[batch].to(device)), y[batch].to(device))
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    return model.eval()


def _batches(n, epochs, steps, batch_size, generator):
    """Index batches of shuffled passes over ``n`` samples: ``epochs`` passes, or ``steps`` batches."""
    per_pass = -(-n // batch_size)
    total = epochs * per_pass if steps is None else steps
    for done in range(total):
        if done % per_pass == 0:
            order = torch.randperm(n, generator=generator)
        start = (done % per_pass) * batch_size
        yield order[start:start + batch_size]


@torch.no_grad()
def predict(model, X, *, batch_size=1024, device="cpu"):
    """Predicted labels, as a numpy int64 array."""
    model.to(device).eval()
    dtype, _ = mixed_precision(device)
    with torch.autocast(torch.device(device).type, dtype=dtype, enabled=dtype is not None):
        labels = [model(X[i:i + batch_size].to(device)).argmax(1).cpu() for i in range(0, len(X), batch_size)]
    return torch.cat(labels).numpy().astype(np.int64)


def evaluate(model, X, y, n_classes, *, device="cpu"):
    """Accuracy, balanced accuracy and worst-class accuracy of ``model`` on (X, y)."""
    return classification_metrics(np.asarray(y), predict(model, X, device=device), n_classes)
