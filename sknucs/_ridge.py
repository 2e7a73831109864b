"""Closed-form ridge classifier with exact leave-one-out choice of alpha."""

import numpy as np
from threadpoolctl import threadpool_limits

from ._blocks import feature_blocks, row_blocks


def ridge_classifier_loo(X, codes, n_classes, alphas, rows=None):
    """Fit a one-vs-all ridge classifier, alpha chosen by leave-one-out.

    The targets are +1 for the sample's class and -1 elsewhere, with an
    unpenalised intercept, as in :class:`sklearn.linear_model.RidgeClassifierCV`.
    One eigendecomposition of the ``d x d`` Gram matrix of the centred rows
    (of the ``n x n`` kernel matrix when there are fewer rows than features)
    gives the fit and the exact leave-one-out residuals for every alpha.

    Parameters
    ----------
    X : ndarray of shape (n_rows, n_features), float32 or float64
        The rows, of which ``rows`` are the training rows; the products are
        computed in this dtype.
    codes : ndarray of shape (n_samples,), dtype int
        Class codes of the training rows in ``0..n_classes-1``; classes
        absent from them get a column of -1 targets and are never predicted.
    n_classes : int
        Number of classes, C.
    alphas : ndarray of shape (n_alphas,)
        Positive regularisation strengths to choose from.
    rows : ndarray of int of shape (n_samples,), default=None
        The training rows of ``X`` (every row when None); copied whole only
        when they fit in one block, else read a block at a time.

    Returns
    -------
    coef : ndarray of shape (n_features, n_classes), dtype of ``X``
        Decision function ``X @ coef + intercept``.
    intercept : ndarray of shape (n_classes,)
    alpha : float
        The alpha of smallest mean squared leave-one-out error (the
        smallest such alpha on ties).
    loo_errors : ndarray of shape (n_alphas,)
        Mean squared leave-one-out error of each alpha, over samples and
        classes.

    Notes
    -----
    With the centred rows ``Xc = U diag(sqrt(s)) V^T``, the hat matrix of
    alpha is ``11^T / n + Z diag(1 / (s + alpha)) Z^T`` with ``Z = Xc V``, so
    its diagonal (the leverages) and the fitted values of every alpha cost
    ``O(n d)`` once ``Z`` is known. The leave-one-out residual is the
    residual divided by one minus the leverage. The cost is dominated by
    the Gram matrix and ``Z``: ``O(n d^2)``. With fewer rows than features
    the same ``V`` (its columns of nonzero ``s``) comes from the kernel
    matrix ``Xc Xc^T = U diag(s) U^T`` as ``V = Xc^T U diag(1 / sqrt(s))``,
    in ``O(n^2 d)``: wide embeddings of a few hundred rows (2,048 or 4,096
    features) would otherwise pay a ``d x d`` eigendecomposition per fit.
    The leave-one-out errors come from the ``n x C`` fitted values,
    ``O(n d C)`` per alpha; row by row they would cost ``O(n d^2)``, which
    measured faster only from about ``C = 2 d`` (2.0x at 1,000 classes of
    256 features, slower at 300: docs/results/many_classes.md), too little
    to keep a second path. The ``n x C`` targets and fitted values are held
    a block of rows at a time (:func:`sknucs._blocks.row_blocks`), so that
    a thousand classes do not multiply the memory by a thousand. Besides
    ``Z`` (``n x d``), the rows are centred a block at a time for the Gram
    matrix and ``Z`` (:func:`sknucs._blocks.feature_blocks`: the
    benchmark's features are one block, the same products as with the whole
    matrix), so that a fit holds one copy of the training rows' size, not
    three (the training rows, their centred copy and ``Z``). Rows that fit
    in one block are copied and centred once, as the whole matrix was.
    """
    rows = np.arange(X.shape[0]) if rows is None else np.asarray(rows)
    n_samples = rows.size
    blocks = feature_blocks(n_samples, X.shape[1])
    if len(blocks) == 1:  # one block: the rows copied and centred once, held for both passes
        X = X[rows]
        mean = X.mean(axis=0, dtype=np.float64)
        X -= mean.astype(X.dtype)
        rows, shift = None, None
    else:  # the rows read three times: for their mean, the Gram matrix and Z
        mean = sum(X[rows[b]].sum(axis=0, dtype=np.float64) for b in blocks) / n_samples
        shift = mean.astype(X.dtype)
    # The +-1 targets' column means, exactly as np.mean gives them (integer sums are exact in float64).
    target_mean = (2.0 * np.bincount(codes, minlength=n_classes) - n_samples) / n_samples

    eigenvalues, eigenvectors = _principal_axes(X, rows, shift)
    axes = eigenvectors.astype(X.dtype)
    rotated = np.empty((n_samples, axes.shape[1]), dtype=X.dtype)
    for b in blocks:
        np.matmul(_centred(X, b if rows is None else rows[b], shift), axes, out=rotated[b])
    projected_targets = sum((rotated[b].T @ _centred_targets(codes[b], target_mean, X.dtype)).astype(np.float64)
                            for b in row_blocks(n_samples, n_classes))
    shrink = 1.0 / (eigenvalues[:, None] + alphas[None, :])
    leverages = np.empty((n_samples, alphas.size), dtype=X.dtype)
    for b in feature_blocks(n_samples, rotated.shape[1]):
        leverages[b] = np.square(rotated[b]) @ shrink.astype(X.dtype)
    leverages += 1.0 / n_samples

    loo_errors = _loo_errors_by_classes(rotated, codes, target_mean, projected_targets, shrink, leverages)
    best = int(np.argmin(loo_errors))
    coef = eigenvectors @ (projected_targets * shrink[:, best : best + 1])
    intercept = target_mean - mean @ coef
    return coef.astype(X.dtype), intercept, float(alphas[best]), loo_errors


def _centred_targets(codes, target_mean, dtype):
    """The rows' one-vs-all targets, +1 for their class and -1 elsewhere, minus each column's mean."""
    targets = np.full((codes.size, target_mean.size), -1.0, dtype=dtype)
    targets[np.arange(codes.size), codes] = 1.0
    targets -= target_mean.astype(dtype)
    return targets


def _principal_axes(X, rows, shift):
    """Eigenvalues ``s`` (clipped at 0) and unit axes ``V`` (columns) of the centred rows' Gram matrix.

    From the ``d x d`` Gram matrix (:func:`gram_axes`), or, with fewer rows
    than features, from the ``n x n`` kernel matrix (:func:`kernel_axes`).
    """
    n_rows = X.shape[0] if rows is None else rows.size
    return (gram_axes if n_rows >= X.shape[1] else kernel_axes)(X, rows, shift)


def _centred(X, rows, shift):
    """``X[rows] - shift``: ``rows`` an index array, a slice or None (every row); ``X[rows]`` itself when ``shift`` is None."""
    picked = X if rows is None else X[rows]
    if shift is None:
        return picked
    if isinstance(rows, np.ndarray):  # a gathered copy: centred in place
        picked -= shift
        return picked
    return picked - shift


# An eigendecomposition gains nothing from threads, and on a busy machine
# idle BLAS threads made it 10-50x slower (scipy's default driver syevr the
# worst): numpy's syevd on one thread is steady.

def gram_axes(X, rows=None, shift=None):
    """``s`` and ``V`` from the ``d x d`` Gram matrix ``Xc^T Xc``: ``O(n d^2 + d^3)``.

    ``Xc`` is ``X[rows] - shift`` (every row when ``rows`` is None, ``X``
    taken as centred when ``shift`` is None), formed a block of rows at a
    time (:func:`sknucs._blocks.feature_blocks`); the blocks' products, in
    ``X``'s dtype, are summed in float64.
    """
    gram = np.zeros((X.shape[1], X.shape[1]))
    for b in feature_blocks(X.shape[0] if rows is None else rows.size, X.shape[1]):
        block = _centred(X, b if rows is None else rows[b], shift)
        gram += (block.T @ block).astype(np.float64)
    with threadpool_limits(1, user_api="blas"):
        eigenvalues, axes = np.linalg.eigh(gram)
    return np.maximum(eigenvalues, 0.0), axes


def kernel_axes(X, rows=None, shift=None):
    """``s`` and ``V`` from the ``n x n`` kernel matrix ``Xc Xc^T = U diag(s) U^T``: ``O(n^2 d + n^3)``.

    ``Xc`` as in :func:`gram_axes`, held whole (the path of fewer rows than
    features: a few hundred or thousand rows). ``V = Xc^T U diag(1 / sqrt(s))``;
    its columns of zero ``s`` (up to the rounding of the rows' dtype) are
    set to 0: the centred rows have no extent along them, so they add
    nothing to the fit or the leverages. Only the ``n`` axes of the rows'
    span are returned (``V`` is ``d x n``): the others have ``s = 0``.
    """
    centred = _centred(X, rows, shift)
    kernel = (centred @ centred.T).astype(np.float64)
    with threadpool_limits(1, user_api="blas"):
        eigenvalues, left = np.linalg.eigh(kernel)
    eigenvalues = np.maximum(eigenvalues, 0.0)
    extent = eigenvalues > eigenvalues.max(initial=0.0) * centred.shape[0] * np.finfo(centred.dtype).eps
    inverse_root = np.zeros_like(eigenvalues)
    inverse_root[extent] = 1.0 / np.sqrt(eigenvalues[extent])
    return eigenvalues, centred.T.astype(np.float64) @ (left * inverse_root)


def _loo_errors_by_classes(rotated, codes, target_mean, projected_targets, shrink, leverages):
    """Mean squared leave-one-out error of each alpha from the ``n x C`` fitted values: ``O(n d C)`` each.

    The targets and fitted values are held a block of rows at a time
    (:func:`sknucs._blocks.row_blocks`); with one block, each error is the
    mean over every row, as without blocks.
    """
    n_samples = rotated.shape[0]
    loo_errors = np.zeros(shrink.shape[1])
    for rows in row_blocks(n_samples, target_mean.size):
        targets = _centred_targets(codes[rows], target_mean, rotated.dtype)
        weight = targets.shape[0] / n_samples
        for i in range(shrink.shape[1]):
            fitted = rotated[rows] @ (projected_targets * shrink[:, i : i + 1]).astype(rotated.dtype)
            residuals = (targets - fitted) / np.maximum(1.0 - leverages[rows, i : i + 1], 1e-12)
            loo_errors[i] += np.mean(np.square(residuals)) * weight
    return loo_errors
