"""Private, atomic file writes — the one helper every module uses to put user data on disk.

Folders are created 0700, files 0600. Text/bytes are written to a temp file in the same
folder, fsync'ed, then renamed over the target, so a crash never leaves a half-written file
hiding the previous good one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from voice_coach.errors import StorageError

DIR_MODE = 0o700
FILE_MODE = 0o600


def _storage_error(path: Path, e: OSError) -> StorageError:
    if e.errno == errno.ENOSPC:
        why = "the disk is full — free some space and try again"
    elif e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "the folder is read-only or not yours — choose another with --recordings"
    else:
        why = e.strerror or str(e)
    return StorageError(f"cannot write {path}: {why}")


def private_mkdir(path: str | os.PathLike) -> Path:
    """Create `path` (and parents) with mode 0700 if missing; return it as a Path."""
    p = Path(path)
    try:
        p.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        # chmod only when needed: an existing private folder on a read-only disk stays readable.
        if stat.S_IMODE(p.stat().st_mode) != DIR_MODE:
            os.chmod(p, DIR_MODE)
    except OSError as e:
        raise _storage_error(p, e) from e
    return p


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Open a temp file beside `path` for binary writing; on a clean exit it is fsync'ed, made
    0600 and renamed over `path` (then the folder is fsync'ed). On any error the temp file is
    removed and `path` is untouched; OSErrors become a one-line `StorageError`. A missing
    folder is created private (0700); an existing one keeps its mode — the file is 0600 either
    way, and a folder the user chose for an export ("brief --html ~/Documents/brief.html")
    is theirs (QA37 F9)."""
    p = Path(path)
    if not p.parent.is_dir():
        private_mkdir(p.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as e:  # read-only folder, disk full
        raise _storage_error(p, e) from e
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, p)
        dir_fd = os.open(p.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _storage_error(p, e) from e
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically (temp file + fsync + rename), mode 0600."""
    with atomic_writer(path) as f:
        f.write(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 `text` to `path` atomically, mode 0600."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def open_private_new(path: str | os.PathLike) -> int:
    """Open a new file for writing with mode 0600, failing if it exists (mode `x`). Returns an fd."""
    p = Path(path)
    private_mkdir(p.parent)
    try:
        return os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except OSError as e:
        raise _storage_error(p, e) from e
