"""Arrays in and out of files for the command line: .npy, .csv, .txt.

Reading turns every problem into a ``ValueError`` (or ``OSError`` for a
missing file) whose message names the file; writing is atomic.
"""

import csv
import os
import tempfile
from pathlib import Path

import numpy as np

from ._atomic_write import write_atomically

READ_FORMATS = (".npy", ".csv", ".txt")
NPY_MAGIC = b"\x93NUMPY"
"""First bytes of every file that :func:`numpy.save` writes."""
WRITE_FORMATS = (".npy", ".csv", ".txt")


def _suffix(path, formats, what):
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        raise ValueError(
            f"{what} {str(path)!r} has an unsupported format {suffix or '(no extension)'!r}; "
            f"use one of {', '.join(formats)}."
        )
    return suffix


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_rows(path, suffix, whole_lines=False):
    """The file's rows of fields; blank lines before and after the data are dropped.

    A blank line between rows of data is refused with its line number:
    pandas writes a missing value of a one-column file as one, and dropping
    it would move every later row up by one. A byte-order mark (Excel's
    "CSV UTF-8") is not part of the first field. With ``whole_lines``
    (labels), each line of a ``.txt`` file is one field, spaces inside
    kept (``sea lion``), unless every field of every line is a number: a
    table of numbers stays a table (and is refused as labels).
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        if suffix == ".csv":
            rows = [[field.strip() for field in row] for row in csv.reader(handle)]
        else:
            lines = list(handle)
            rows = [line.split() for line in lines]
            if whole_lines and not all(_is_number(field) for row in rows for field in row):
                rows = [[line.strip()] if line.strip() else [] for line in lines]
    filled = [i for i, row in enumerate(rows) if any(row)]
    if not filled:
        return []
    blank = next((i for i in range(filled[0], filled[-1]) if not any(rows[i])), None)
    if blank is not None:
        raise ValueError(
            f"{path}: line {blank + 1} is blank between rows of data (a missing value?); every "
            f"sample needs its row: fill it in or remove that sample from every input."
        )
    return rows[filled[0]:filled[-1] + 1]


def is_default_header(row):
    """Whether ``row`` is ``0, 1, ..., m-1``: what pandas' ``to_csv`` writes above unnamed columns."""
    return row == [str(i) for i in range(len(row))]


def _drop_header(rows):
    """Drop a first row of names above rows of numbers, and the row numbers a header marks.

    A header whose first name is empty (``,score``) is what pandas'
    ``to_csv`` writes above its index: that first column holds row
    numbers, not data, and is dropped with the header. A first row
    ``0, 1, ..., m-1`` above decimal numbers is pandas' header of unnamed
    columns (``Series.to_csv(index=False)`` writes ``0``), not data: a
    writer of decimals writes its first row with decimals too. Above
    integers it cannot be told from data and is kept. An index of row
    numbers under an empty first name is dropped above words too (word
    labels written by ``Series.to_csv()``).
    """
    if (len(rows) > 1 and len(rows[0]) > 1 and rows[0][0] == ""
            and [row[0] for row in rows[1:]] == [str(i) for i in range(len(rows) - 1)]):
        return [row[1:] for row in rows[1:]]
    if len(rows) < 2 or not all(_is_number(field) for row in rows[1:] for field in row):
        return rows
    if not all(map(_is_number, rows[0])):
        if len(rows[0]) > 1 and rows[0][0] == "":
            return [row[1:] for row in rows[1:]]
        return rows[1:]
    if is_default_header(rows[0]) and not all(_is_integer(field) for row in rows[1:] for field in row):
        return rows[1:]
    return rows


def first_row(path):
    """The fields of the first non-blank line of a text file (``.csv`` or ``.txt``); None for ``.npy``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".npy":
        return None
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for line in handle:
            row = [field.strip() for field in next(csv.reader([line]))] if suffix == ".csv" else line.split()
            if any(row):
                return row
    return None


def _is_integer(text):
    """Whether ``text`` is an int64 written as Python writes it (``7``, ``-2``; not ``07``, ``+7``, ``7.0``)."""
    try:
        value = int(text)
    except ValueError:
        return False
    return str(value) == text and -2**63 <= value < 2**63


def same_number_labels(labels):
    """Text labels that spell one number two ways (``1`` and ``1.0``, ``07`` and ``7``): the first such pair.

    Labels read as text stay as written, each spelling its own class; a
    file that mixes spellings of one number was most likely meant to hold
    one class.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        Labels as :func:`read_array` returns them with ``numeric=False``.

    Returns
    -------
    tuple of str or None
        Two distinct labels that read as the same number, or None (always
        None for integer labels).
    """
    if labels.dtype.kind != "U":
        return None
    seen = {}
    for label in np.unique(labels):
        try:
            value = float(label)
        except ValueError:
            continue
        if value == value and value in seen:  # NaN spellings are not compared
            return seen[value], str(label)
        seen[value] = str(label)
    return None


def missing_labels(labels):
    """Rows whose label is missing: NaN, or text that reads as NaN (``nan``, as numpy writes a missing value).

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        Labels as :func:`read_array` returns them with ``numeric=False``,
        or floats from a ``.npy`` file.

    Returns
    -------
    rows : ndarray of int
        The rows of missing labels, ascending (empty when none is).
    """
    if labels.dtype.kind == "f":
        return np.flatnonzero(np.isnan(labels))
    if labels.dtype.kind != "U":
        return np.empty(0, dtype=np.intp)
    spellings = [label for label in np.unique(labels) if _is_number(label) and float(label) != float(label)]
    return np.flatnonzero(np.isin(labels, spellings))


def joined_number_labels(labels):
    """The separator that joins numbers in every label (``3;0.5`` in a ``.csv``), or None.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        Labels as :func:`read_array` returns them with ``numeric=False``.

    Returns
    -------
    str or None
        ``";"``, ``","``, a tab or a space when every distinct label is two
        or more numbers joined by it: rows of several columns that the
        file's format did not split, not labels. None otherwise (always for
        integer labels).
    """
    if labels.dtype.kind != "U" or labels.size == 0:
        return None
    separators = {_joining_separator(label) for label in np.unique(labels)}
    return separators.pop() if len(separators) == 1 and None not in separators else None


def _joining_separator(field):
    """The separator that joins two or more numbers into ``field``, or None."""
    separator = next((mark for mark in (";", ",", "\t", " ") if mark in field), None)
    parts = field.split() if separator in ("\t", " ") else field.split(separator) if separator else []
    return separator if len(parts) >= 2 and all(map(_is_number, parts)) else None


def _separator_hint(field):
    """A hint when ``field`` is numbers joined by a separator that its file's format does not split at."""
    separator = _joining_separator(field)
    if separator is None:
        return ""
    return f" Numbers separated by {separator!r}? A .csv file is split at commas, a .txt file at spaces or tabs."


def _rows_to_array(rows, path, numeric):
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        width = len(rows[0])
        line = next(i for i, row in enumerate(rows) if len(row) != width)
        raise ValueError(
            f"{path}: row {line + 1} has {len(rows[line])} columns, the first has {width}."
        )
    table = np.array(rows, dtype=str)
    if all(_is_integer(field) for field in table.ravel()):
        return table.astype(np.int64)
    if not numeric:  # labels: another spelling of an integer is another class
        return table
    if table.shape[1] == 2 and any(len(field) > 1 and field.startswith("0") and field.isdigit()
                                   for field in table[:, 1]):
        row = next(i for i, field in enumerate(table[:, 1]) if len(field) > 1 and field.startswith("0"))
        raise ValueError(f"{path}: data row {row} (0-based) reads {','.join(table[row])!r}, digits after a "
                         "leading 0 in the second column: decimals written with a comma (0,734)? Write them "
                         "with a point (0.734).")
    # a first row of names only is a header (kept when a later row is not all numbers): look past it
    header = int(len(rows) > 1 and not any(map(_is_number, rows[0])))
    bad = next((i for i, row in enumerate(rows[header:]) if not all(map(_is_number, row))), None)
    if bad is not None:
        field = next(field for field in rows[header + bad] if not _is_number(field))
        missing = ", a missing value?" if field == "" else ""
        raise ValueError(f"{path}: {field!r} is not a number (data row {bad}, 0-based, header "
                         f"excluded{missing}).{_separator_hint(field)}")
    return table.astype(np.float64)


def _load_npy(path, what):
    """:func:`numpy.load` without pickles, with messages that name the file."""
    with open(path, "rb") as handle:
        if handle.read(len(NPY_MAGIC)) != NPY_MAGIC:
            raise ValueError(
                f"{what} {str(path)!r} is not a .npy file (those are written by numpy.save); "
                f"if it holds text, name it .csv or .txt."
            )
    try:
        return np.load(path, allow_pickle=False)
    except ValueError as exc:
        if "allow_pickle" not in str(exc):
            raise ValueError(f"{what} {str(path)!r} is not a readable .npy file ({exc}).") from exc
        raise ValueError(
            f"{what} {str(path)!r} holds Python objects (an object array), which are not "
            f"loaded; save numbers, or labels as strings (array.astype(str))."
        ) from exc
    except (OSError, EOFError) as exc:
        raise ValueError(f"{what} {str(path)!r} is not a readable .npy file ({exc}).") from exc


def read_array(path, *, what, numeric=True):
    """Read a 1-D or 2-D array from ``.npy``, ``.csv`` or ``.txt``.

    Parameters
    ----------
    path : str or path-like
        File to read. ``.npy``: :func:`numpy.save` output (no pickles).
        ``.csv``: comma-separated rows. ``.txt``: whitespace-separated rows
        (with ``numeric=False``, one label per line, spaces inside kept,
        unless every field is a number). A text file with one column gives
        a 1-D array; a first line of names above rows of numbers is skipped
        as a header.
    what : str
        Name of the input in error messages (e.g. ``"--scores"``).
    numeric : bool, default=True
        Whether the values must be numbers. When False (labels), integers
        written as Python writes them are returned as int64, anything else
        as strings (``07`` and ``7`` stay two labels).

    Returns
    -------
    values : ndarray of shape (n,) or (n, m)

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the format is unsupported, the file unreadable, ragged, empty,
        of more than 2 dimensions, or not numeric when it must be.
    """
    suffix = _suffix(path, READ_FORMATS, what)
    if not Path(path).is_file():
        raise FileNotFoundError(f"{what} file {str(path)!r} does not exist.")
    if suffix == ".npy":
        values = _load_npy(path, what)
    else:
        try:
            rows = _drop_header(_read_rows(path, suffix, whole_lines=not numeric))
        except UnicodeDecodeError as exc:
            raise ValueError(f"{what} {str(path)!r} is not a UTF-8 text file.") from exc
        if not rows:
            raise ValueError(f"{what} {str(path)!r} is empty.")
        values = _rows_to_array(rows, path, numeric)
        if values.shape[1] == 1:
            values = values[:, 0]
    if values.ndim not in (1, 2) or values.shape[0] == 0:
        raise ValueError(
            f"{what} {str(path)!r} must hold a non-empty 1-D or 2-D array, got shape {values.shape}."
        )
    if numeric and values.dtype.kind not in "biuf":
        raise ValueError(f"{what} {str(path)!r} must hold numbers, got dtype {values.dtype}.")
    return values


def check_output_path(path):
    """Fail early, before any work, on an output path that cannot be written.

    Parameters
    ----------
    path : str or path-like
        Where the indices will go; its extension picks the format.

    Returns
    -------
    path : Path

    Raises
    ------
    ValueError
        If the extension is not one of ``WRITE_FORMATS``, the folder does
        not exist or cannot be written to (a temporary file is created in it
        and removed), or the path is a folder. A symbolic link is checked,
        and written, as the file it points to.
    """
    path = Path(path)
    _suffix(path, WRITE_FORMATS, "--out")
    target = Path(os.path.realpath(path))  # a link is written through, into its target's folder
    if not target.parent.is_dir():
        raise ValueError(f"--out folder {str(target.parent)!r} does not exist.")
    if target.is_dir():
        raise ValueError(f"--out {str(path)!r} is a folder; name a file in it.")
    try:  # the temporary file that write_indices renames into place goes there
        handle, probe = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ValueError(f"--out folder {str(target.parent)!r} cannot be written to ({exc.strerror or exc}); "
                         "choose another --out.") from exc
    os.close(handle)
    os.unlink(probe)
    return path


def write_indices(path, indices):
    """Write integer indices atomically: all of the file or none of it.

    The indices go to a temporary file in the destination's folder, which
    is flushed to disk and then renamed over ``path`` (:func:`os.replace`,
    atomic on POSIX and Windows). An interruption leaves the old file, if
    any, untouched and no partial file behind.

    Parameters
    ----------
    path : str or path-like
        ``.npy`` (int64 array), ``.txt`` (one index per line) or ``.csv``
        (a header ``index``, then one index per line).
    indices : array-like of int
        The indices to write.
    """
    path = check_output_path(path)
    indices = np.asarray(indices, dtype=np.int64)

    def write(handle):
        if path.suffix.lower() == ".npy":
            np.save(handle, indices, allow_pickle=False)
        else:
            header = "index\n" if path.suffix.lower() == ".csv" else ""
            handle.write(header.encode())
            np.savetxt(handle, indices, fmt="%d")

    write_atomically(path, write)
