"""Rows a block at a time, so that a matrix of one value per row and class is never held whole."""

#: Elements of one block of a rows x classes matrix (16 MiB in float32, 32 MiB in float64). With
#: 10 classes one block holds 419,430 rows, so on pools of the benchmark's size every computation is
#: one block: the same products as with the whole matrix.
BLOCK_ELEMENTS = 2**22


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
    step = max(1, BLOCK_ELEMENTS // max(n_columns, 1))
    return [slice(start, start + step) for start in range(0, max(n_rows, 1), step)]
