"""Rows a block at a time, so that a matrix of one value per row and class (or per row and feature) is never held whole."""

#: Elements of one block of a rows x classes matrix (16 MiB in float32, 32 MiB in float64). With
#: 10 classes one block holds 419,430 rows, so on pools of the benchmark's size every computation is
#: one block: the same products as with the whole matrix.
BLOCK_ELEMENTS = 2**22

#: Elements of one block of the features' rows held in a temporary (the centred or squared rows of
#: the ridge fits and of the standardisation: 128 MiB in float32). The benchmark's largest features
#: (22,500 rows x 1,280 frozen-backbone features, 28.8 million elements) are one block, so its fits
#: compute the same products as with the whole matrix; ImageNet's 1.28 million rows x 1,280 features
#: are 49 blocks.
FEATURE_BLOCK_ELEMENTS = 2**25


def row_blocks(n_rows, n_columns):
    """Slices of consecutive rows, each spanning at most :data:`BLOCK_ELEMENTS` elements (at least one row).

    Parameters
    ----------
    n_rows, n_columns : int
        Shape of the matrix held block by block.

    Returns
    -------
    list of slice
        In row order, covering ``range(n_rows)``; one slice when the whole
        matrix fits in a block (and one empty slice when there are no rows).
    """
    return _blocks(n_rows, n_columns, BLOCK_ELEMENTS)


def feature_blocks(n_rows, n_features):
    """Slices of consecutive rows of the features, each at most :data:`FEATURE_BLOCK_ELEMENTS` elements.

    As :func:`row_blocks`, for temporaries of the features' shape.
    """
    return _blocks(n_rows, n_features, FEATURE_BLOCK_ELEMENTS)


def _blocks(n_rows, n_columns, elements):
    step = max(1, elements // max(n_columns, 1))
    return [slice(start, start + step) for start in range(0, max(n_rows, 1), step)]
