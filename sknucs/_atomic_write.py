"""Write a file whole or not at all: a temporary file beside it, moved into place once complete."""

import os
import tempfile
from pathlib import Path


def new_file_mode():
    """Permissions of a newly created file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path, write):
    """Call ``write(handle)`` on a binary temporary file in ``path``'s folder, then move it to ``path``.

    The file is flushed to disk and renamed over ``path`` (:func:`os.replace`,
    atomic on POSIX and Windows), with the permissions a new file gets under
    the umask (not :func:`tempfile.mkstemp`'s 0600). On any error, an
    interruption included, the temporary file is removed and ``path`` is left
    as it was. A symbolic link is written through: the file it points to is
    replaced and the link stays, as a plain write would leave it.
    """
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
