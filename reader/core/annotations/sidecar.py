"""Sidecar files on disk: where they are, their lock, reading them, and corrupt ones.

Beside ``talk.vtt`` (the app writes nothing else there):

- ``talk.vtt.annotations.json``: the sidecar (W3C Web Annotation JSON, docs/annotations.md);
- ``talk.vtt.annotations.json.bak``: the version before the last save;
- ``talk.vtt.annotations.json.lock``: the lock a writer holds while it saves, removed when it
  lets go (one left by a writer that died is reused and removed by the next save);
- ``.talk.vtt.annotations.json.<random>.tmp``: a save in progress (removed if a writer died);
- ``talk.vtt.annotations.json.corrupt-20261129T052400Z``: a file that was not a readable
  sidecar, renamed aside so nothing overwrites it.

A transcript's name may be nearly as long as a file name can be. Temp and corrupt files whose
names would then be too long are named by the start of the name, ``~`` and a digest of the
whole name; when the sidecar's own name (or its lock's) does not fit, the notes are kept in the
fallback folder.

When the transcript's folder cannot be written, the same names are used in the per-user
fallback folder (:func:`fallback_sidecar_path`), keyed by the transcript's resolved path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import filelock

from reader.core import paths
from reader.core.annotations.atomic import (
    TEMP_NAME_ROOM,
    backup_path,
    fit_name,
    is_name_too_long,
    is_read_only_error,
    name_fits,
)
from reader.core.annotations.model import AnnotationDocument
from reader.core.annotations.w3c import SidecarFormatError, decode
from reader.core.errors import TranscriptError, display_path

SIDECAR_SUFFIX = ".annotations.json"
LOCK_SUFFIX = ".lock"
CORRUPT_MARKER = ".corrupt-"
LOCK_TIMEOUT = 10.0  # seconds; a save that waits longer reports the file as busy

Stamp = tuple[int, int, int] | None  # (size, mtime_ns, inode); None: no file

# Never blocks on a FIFO or a device swapped in after the type check; no controlling terminal;
# bytes as they are on Windows (where the first two flags do not exist).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class SidecarError(TranscriptError):
    """A sidecar that cannot be read or written. ``str()`` is one line naming the file."""


class CorruptSidecar(SidecarError):
    """The file is not valid JSON, or not shaped like a sidecar."""


def sidecar_path(transcript: Path) -> Path:
    """``talk.vtt`` -> ``talk.vtt.annotations.json`` in the same folder."""
    return transcript.with_name(transcript.name + SIDECAR_SUFFIX)


def fallback_sidecar_path(transcript: Path) -> Path:
    """Where the sidecar goes when the transcript's folder is read-only: the user's data
    folder, named after the transcript and a digest of its resolved path."""
    try:
        resolved = transcript.resolve()
    except (OSError, RuntimeError):
        resolved = Path(os.path.abspath(transcript))
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    tail = f".{digest}{SIDECAR_SUFFIX}"
    # A long transcript name is cut (the digest already tells transcripts apart) so that the
    # fallback's temp files fit too; names that fitted before are kept as they were.
    name = transcript.name
    while name and not name_fits(name + tail, TEMP_NAME_ROOM):
        name = name[:-1]
    return paths.data_dir() / "annotations" / f"{name}{tail}"


def lock_path(sidecar: Path) -> Path:
    return sidecar.with_name(sidecar.name + LOCK_SUFFIX)


def stamp_of(path: Path) -> Stamp:
    """Changes whenever the file is replaced: every save makes a new file (a new inode)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


class PathLock:
    """The lock for one sidecar, shared by every store in the process (two filelock objects
    for one path in one process would block each other): a thread lock for this process, a
    file lock for the others."""

    def __init__(self, sidecar: Path) -> None:
        self.sidecar = sidecar
        self._threads = threading.RLock()
        self._file = filelock.FileLock(str(lock_path(sidecar)))
        self._depth = 0  # holds by this process's threads, nested: the outermost unlocks

    @contextlib.contextmanager
    def hold(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Raises SidecarError after ``timeout`` seconds or when the lock file is not usable
        (naming it), OSError when it cannot be created (a read-only folder, a name too long)."""
        if not self._threads.acquire(timeout=timeout):
            raise SidecarError(self.sidecar, f"is busy (locked for more than {timeout:g} s)")
        try:
            try:
                self._file.acquire(timeout=timeout)
            except filelock.Timeout:
                raise SidecarError(self.sidecar, f"is busy: another program holds "
                                                 f"{lock_path(self.sidecar).name}") from None
            except OSError as error:
                if is_read_only_error(error) or is_name_too_long(error):
                    raise  # the folder cannot take the notes: the caller uses the fallback
                # e.g. the lock file is a folder: blame it, not the sidecar (may not exist)
                raise SidecarError(lock_path(self.sidecar),
                                   f"cannot be used as the lock for {self.sidecar.name} "
                                   f"({error.strerror or error})") from None
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._remove_lock_file()
                self._file.release()
        finally:
            self._threads.release()

    def _remove_lock_file(self) -> None:
        """Take the lock file away while still holding it, so no empty ``.lock`` file stays
        beside every annotated transcript (and travels with the folder). Safe with filelock 4:
        a writer that opened this file and waits for it finds it unlinked once it gets it, and
        opens the path anew; nobody can hold the name while we hold the file."""
        with contextlib.suppress(OSError):
            os.unlink(lock_path(self.sidecar))


_LOCKS: dict[str, PathLock] = {}
_LOCKS_GUARD = threading.Lock()


def lock_for(sidecar: Path) -> PathLock:
    key = os.path.abspath(sidecar)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = PathLock(Path(key))
        return lock


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a file")


def _read_regular(path: Path) -> bytes:
    """The bytes of ``path`` (through links), refusing anything but a regular file: a FIFO
    would block the read forever and /dev/zero would never end. Raises OSError."""
    kind = _kind(os.stat(path).st_mode)
    if kind is None:
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as stream:
            # Checked again on what was opened: the path may have been replaced since.
            kind = _kind(os.fstat(descriptor).st_mode)
            if kind is None:
                return stream.read()
    raise SidecarError(path, f"cannot be read (it is {kind}, not a regular file)")


def read_document(path: Path) -> AnnotationDocument | None:
    """The sidecar at ``path``; None if there is none. Raises CorruptSidecar or SidecarError."""
    try:
        raw = _read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SidecarError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise CorruptSidecar(path, f"is not valid JSON ({error})") from None
    try:
        return decode(data)
    except SidecarFormatError as error:
        raise CorruptSidecar(path, f"is not an annotations file ({error})") from None


def set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.corrupt-<UTC time>`` (never over an existing file)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = fit_name(path.name, len(f"{CORRUPT_MARKER}{stamp}-99"))  # a long name is shortened
    for attempt in range(1, 100):
        extra = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{name}{CORRUPT_MARKER}{stamp}{extra}")
        if not target.exists():
            os.rename(path, target)
            return target
    raise FileExistsError(f"too many corrupt copies of {path.name}")


def _read_backup(path: Path) -> tuple[AnnotationDocument | None, str]:
    backup = backup_path(path)
    try:
        document = read_document(backup)
    except CorruptSidecar:
        with contextlib.suppress(OSError):
            return None, f"the backup is not usable either (kept as {set_aside(backup).name})"
        return None, f"the backup {backup.name} is not usable either"
    except SidecarError:
        return None, f"the backup {backup.name} is not usable either"
    if document is None:
        return None, "there is no backup"
    count = len(document.annotations())
    return document, f"loaded the backup {backup.name} ({count} highlights)"


class DiskCopy(NamedTuple):
    document: AnnotationDocument | None  # None: no file (or a corrupt one without a backup)
    # The file was corrupt and this is its backup: an older version, so a highlight missing
    # from it was not removed by anyone (see merge.py) and must be kept.
    from_backup: bool = False


def recover(path: Path, problem: CorruptSidecar, messages: list[str],
            locked: bool = False) -> DiskCopy:
    """``path`` was found corrupt: keep it aside, load its backup, say so in one line.

    Takes the lock unless ``locked`` (a writer may have fixed the file meanwhile; renaming it
    then would set a good file aside). In a read-only folder the file is left where it is."""
    try:
        context = contextlib.nullcontext() if locked else lock_for(path).hold()
        with context:
            try:
                return DiskCopy(read_document(path))  # fixed by someone in the meantime?
            except CorruptSidecar as still:
                problem = still
            aside = set_aside(path)
            kept = f"kept as {aside.name}"
    except OSError as error:
        if is_name_too_long(error):  # no lock file fits beside it
            kept = "left in place (its name is too long to lock it)"
        elif is_read_only_error(error):
            kept = "left in place (the folder is read-only)"
        else:
            raise SidecarError(path, f"cannot be set aside ({error.strerror or error})") from None
    document, loaded = _read_backup(path)
    messages.append(f"{display_path(path)}: {problem.problem}; {kept}; {loaded}")
    return DiskCopy(document, from_backup=True)


def read_or_recover(path: Path, messages: list[str], locked: bool = False) -> DiskCopy:
    try:
        return DiskCopy(read_document(path))
    except CorruptSidecar as problem:
        return recover(path, problem, messages, locked)
