"""Test metrics of one trained model (numpy)."""

import numpy as np


def _class_recalls(y_true, y_pred, n_classes):
    """Boolean mask of the classes present in ``y_true``, and their recalls."""
    support = np.bincount(y_true, minlength=n_classes)
    hits = np.bincount(y_true[y_true == y_pred], minlength=n_classes)
    present = support > 0
    return present, hits[present] / support[present]


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
    _, recall = _class_recalls(y_true, y_pred, n_classes)
    return {
        "accuracy": float(np.mean(y_true == y_pred)),
        "balanced_accuracy": float(recall.mean()),
        "worst_class_accuracy": float(recall.min()),
    }


def reweighted_accuracy(y_true, y_pred, test_counts):
    """Validation accuracy re-weighted to the test set's class balance.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Integer labels of the validation split and the predictions.
    test_counts : array-like of shape (n_classes,)
        Number of test samples of each class.

    Returns
    -------
    score : float
        ``sum_c w_c recall_c`` over the classes present in ``y_true``, with
        ``w_c`` the test share of class c renormalised over those classes: an
        estimate of test accuracy from a split whose class balance differs
        from the test set's (a long-tailed validation split and a balanced
        test set give balanced accuracy; equal balances give accuracy).
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    test_counts = np.asarray(test_counts, dtype=np.float64)
    present, recall = _class_recalls(y_true, y_pred, len(test_counts))
    weights = test_counts[present]
    if weights.sum() == 0:
        raise ValueError("No class of the validation split appears in the test set.")
    return float(np.dot(weights / weights.sum(), recall))
