"""Writing a file so that a crash at any moment leaves the old or the new version, never a mix.

:func:`write_atomic` writes a temp file in the same folder (``.<name>.<random>.tmp``, the
name shortened if a long one would not fit: :func:`temp_prefix`), fsyncs it, gives it the old
file's permissions, keeps the old file as ``<name>.bak`` (a hard link, so no copy is made),
renames the temp file over the old one and fsyncs the folder so the rename itself survives a
power cut. A process killed half-way leaves a stray temp file, which
:func:`remove_stray_temp_files` deletes (call it while holding the file's lock, so no other
writer's temp file is in flight).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"
# The longest file name, in bytes, on the usual filesystems (ext4, APFS, Btrfs; NTFS allows 255
# UTF-16 units, never fewer than the UTF-8 bytes). A transcript's name may use most of it.
NAME_MAX = 255
_RANDOM_PART = 8  # characters mkstemp puts between the prefix and the suffix
TEMP_NAME_ROOM = 2 + _RANDOM_PART + len(TEMP_SUFFIX)  # "." + name + "." + random + ".tmp"

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


def name_fits(name: str, room: int = 0) -> bool:
    """Does ``name`` leave ``room`` bytes in a file name?"""
    return len(os.fsencode(name)) + room <= NAME_MAX


def fit_name(name: str, room: int) -> str:
    """``name``, or if it leaves fewer than ``room`` bytes in a file name, its start followed
    by ``~`` and a digest of the whole name (so two long names never share a short one)."""
    if name_fits(name, room):
        return name
    tag = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    keep = len(name)
    while keep and not name_fits(name[:keep] + tag, room):
        keep -= 1
    return name[:keep] + tag


def temp_prefix(path: Path) -> str:
    """Temp files of ``path`` are ``<prefix><random>.tmp``; shortened for long names (a valid
    transcript name plus ".annotations.json" and the temp parts may not fit in a name)."""
    return f".{fit_name(path.name, TEMP_NAME_ROOM)}."


def _random_part() -> str:
    return secrets.token_hex(_RANDOM_PART // 2)


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
    # Named like the temp files of ``path`` (the same length; stray ones are removed alike).
    staging = path.parent / f"{temp_prefix(path)}{_random_part()}{TEMP_SUFFIX}"
    try:
        try:
            os.link(path, staging)
        except FileNotFoundError:
            return
        except FileExistsError:  # another name this long and random: never in practice
            staging = path.parent / f"{temp_prefix(path)}{_random_part()}{TEMP_SUFFIX}"
            os.link(path, staging)
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
