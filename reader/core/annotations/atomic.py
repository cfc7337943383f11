"""Writing a file so that a crash at any moment leaves the old or the new version, never a mix.

:func:`write_atomic` writes a temp file in the same folder (``.<name>.<random>.tmp``), fsyncs
it, gives it the old file's permissions, keeps the old file as ``<name>.bak`` (a hard link, so
no copy is made), renames the temp file over the old one and fsyncs the folder so the rename
itself survives a power cut. A process killed half-way leaves a stray temp file, which
:func:`remove_stray_temp_files` deletes (call it while holding the file's lock, so no other
writer's temp file is in flight).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"

# Read once: os.umask can only be read by setting it, which is not thread-safe later on.
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# Errors that mean "this folder cannot be written" rather than "something broke".
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def is_read_only_error(error: OSError) -> bool:
    return isinstance(error, PermissionError) or error.errno in READ_ONLY_ERRNOS


def is_name_too_long(error: OSError) -> bool:
    return error.errno == errno.ENAMETOOLONG


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _make_temp(folder: Path, prefix: str) -> tuple[int, str]:
    """The one place a new file is created in ``folder`` (tests make folders read-only here)."""
    return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=folder)


def _fsync(fd: int) -> None:
    if sys.platform == "darwin":  # plain fsync does not flush the drive's cache on macOS
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:  # some filesystems (and FUSE mounts) refuse fsync on folders
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _replace(source: str | Path, target: Path) -> None:
    """os.replace, retried briefly on Windows, where a virus scanner or sync client may hold
    the target open for a moment."""
    for attempt in range(5 if os.name == "nt" else 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def _file_mode(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _keep_backup(path: Path) -> None:
    """``<name>.bak`` becomes the current version of ``path`` (if there is one)."""
    backup = backup_path(path)
    staging = path.parent / f"{temp_prefix(backup)}{uuid.uuid4().hex}{TEMP_SUFFIX}"
    try:
        try:
            os.link(path, staging)
        except FileNotFoundError:
            return
        except OSError:  # no hard links on this filesystem (FAT, some network shares)
            shutil.copyfile(path, staging)
        _replace(staging, backup)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging)


def write_atomic(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path``'s content with ``data`` atomically and durably (see the module doc).
    Raises OSError; a PermissionError (or EROFS) means the folder cannot be written."""
    fd, temp = _make_temp(path.parent, temp_prefix(path))
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), _file_mode(path))
            _fsync(stream.fileno())
        if keep_backup and path.exists():
            _keep_backup(path)
        _replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def remove_stray_temp_files(path: Path) -> list[Path]:
    """Delete temp files a killed writer of ``path`` left behind; returns what was deleted."""
    removed: list[Path] = []
    prefix = temp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
