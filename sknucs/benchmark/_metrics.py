"""Test metrics of one trained model (numpy)."""

import numpy as np


def classification_metrics(y_true, y_pred, n_classes):
    """Accuracy, balanced accuracy and worst-class accuracy.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Integer labels in ``[0, n_classes)``.
    n_classes : int

    Returns
    -------
    metrics : dict
        ``accuracy``; ``balanced_accuracy``, the mean of the per-class
        recalls; ``worst_class_accuracy``, the smallest per-class recall
        (classes absent from ``y_true`` are ignored).
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    support = np.bincount(y_true, minlength=n_classes)
    hits = np.bincount(y_true[y_true == y_pred], minlength=n_classes)
    present = support > 0
    recall = hits[present] / support[present]
    return {
        "accuracy": float(np.mean(y_true == y_pred)),
        "balanced_accuracy": float(recall.mean()),
        "worst_class_accuracy": float(recall.min()),
    }
