"""Test helpers: the numpy reference scores by name, and presentation logs scored with them."""

import numpy as np

from sknucs.scores import (
    aum_score,
    confidence_score,
    el2n_score,
    entropy_score,
    forgetting_score,
    grand_score,
    loss_score,
    variability_score,
)

# Every score that needs no features, by name.
REFERENCE = {
    "el2n": el2n_score,
    "aum": aum_score,
    "forgetting": forgetting_score,
    "confidence": confidence_score,
    "variability": variability_score,
    "entropy": entropy_score,
    "loss": loss_score,
}


class PresentationLog:
    """Every (indices, logits, targets, features) batch, in presentation order."""

    def __init__(self):
        self.batches = []

    def add(self, indices, logits, targets, features=None):
        """Log a batch of torch tensors (logits and features as float64 copies)."""
        h = None if features is None else features.detach().cpu().double().numpy()
        self.batches.append(
            (
                indices.cpu().numpy().astype(np.int64),
                logits.detach().cpu().double().numpy(),
                targets.cpu().numpy(),
                h,
            )
        )

    def presentations(self, n_samples):
        """Per-sample lists of (logits row, target, features row)."""
        seqs = [[] for _ in range(n_samples)]
        for idx, z, t, h in self.batches:
            for row, i in enumerate(idx):
                seqs[i].append((z[row], t[row], None if h is None else h[row]))
        return seqs

    def reference_scores(self, n_samples):
        """Reference scores per sample, grouped by number of presentations; NaN if unseen."""
        seqs = self.presentations(n_samples)
        with_features = self.batches[0][3] is not None
        names = list(REFERENCE) + (["grand"] if with_features else [])
        out = {name: np.full(n_samples, np.nan) for name in names}
        counts = np.array([len(s) for s in seqs])
        for k in np.unique(counts[counts > 0]):
            members = np.flatnonzero(counts == k)
            z = np.stack([np.stack([seqs[i][e][0] for i in members]) for e in range(k)])
            y = np.array([seqs[i][0][1] for i in members])
            for name, f in REFERENCE.items():
                out[name][members] = f(z, y)
            if with_features:
                h = np.stack([np.stack([seqs[i][e][2] for i in members]) for e in range(k)])
                out["grand"][members] = grand_score(z, y, h)
        return out, counts
