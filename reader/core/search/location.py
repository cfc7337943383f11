"""Where a library's index lives, whether it can be trusted, and who may write it.

One index per library folder, in ``index_root()/<16 hex digits of the library's resolved
path>`` (``indexes/`` in a checkout, the user's cache folder otherwise) unless the caller names
a folder. Beside Whoosh's files the folder holds:

- ``reader-index.json``, the manifest: the schema version, the library, the size of every
  index file as the last update left it, and what was indexed of each transcript (its stamp,
  fingerprint, text hash, reader version, the stamp of its notes), so an update of a large
  library reads one small file instead of a thousand documents. A file that is missing or has
  another size (a truncated segment, a TOC overwritten with garbage, a crash halfway through a
  commit) means the index cannot be trusted; so does another schema version. The index is a
  cache: it is rebuilt, and the caller is told in one line.
- ``reader-update.lock``: one writer at a time. It is an OS lock (flock), so the system drops
  it when its holder dies: a crashed or killed indexer never blocks the next one. The file may
  stay behind; that holds no one up.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import filelock

from reader.core import paths
from reader.core.errors import TranscriptError, display_path, printable
from reader.core.search.documents import TranscriptRecord

# Bump whenever the schema, the analyzer or what goes into a document changes: an index of
# another version is rebuilt.
SCHEMA_VERSION = 4  # 3: long passages cut at ~480 characters; 4: stored data not compressed
MANIFEST = "reader-index.json"
LOCK = "reader-update.lock"
_TOC = re.compile(r"^_MAIN_\d+\.toc$")  # Whoosh's table of contents, one per commit


def _engine_file(name: str) -> bool:
    """A file of Whoosh's index (a segment's, or a table of contents): what the manifest
    vouches for. Caches kept beside them (the vocabulary, the related passages'
    abbreviations, rewritten after an update) are not: one of them changing is no damage."""
    return (name.startswith("MAIN_") and name != "MAIN_WRITELOCK") or bool(_TOC.match(name))


def has_index(folder: Path) -> bool:
    """Is there an index (a table of contents) in ``folder``? Says nothing about its health."""
    try:
        return any(_TOC.match(name) for name in os.listdir(folder))
    except OSError:
        return False


def _parsed(raw: bytes) -> dict[str, Any] | None:
    """A manifest's content; None when it is not one (garbage, not UTF-8, not an object)."""
    try:
        data = json.loads(raw)
    except ValueError:  # UnicodeDecodeError too
        return None
    return data if isinstance(data, dict) else None


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    """Changes whenever the manifest is written: it is always replaced, never edited."""
    return info.st_size, info.st_mtime_ns, info.st_ino


def _read_with_stamp(path: Path) -> tuple[bytes, tuple[int, int, int]]:
    """The file's bytes and the stamp of what was read. Raises OSError."""
    with open(path, "rb") as stream:
        return stream.read(), _stamp(os.fstat(stream.fileno()))


class IndexBusy(Exception):
    """Another process is updating the index. ``str()`` is one line."""


def default_index_dir(library: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(library)).hexdigest()[:16]
    return paths.index_root() / digest


class IndexFolder:
    def __init__(self, folder: Path, library: Path) -> None:
        self.folder = folder
        self.library = library
        self._lock = filelock.FileLock(str(folder / LOCK))
        # The manifest :meth:`problem` parsed, by the file's stamp: :meth:`records` reads the
        # same file just after (on 1,000 transcripts the parse is about 15 ms).
        self._parsed: tuple[tuple[int, int, int], dict[str, Any]] | None = None

    def __str__(self) -> str:
        return display_path(self.folder)

    # --- trust ---------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the index cannot be used as it is; None when it can."""
        try:
            raw, stamp = _read_with_stamp(self.folder / MANIFEST)
        except FileNotFoundError:  # an update stopped between Whoosh's commit and ours
            return "unfinished (an update was stopped)" if has_index(self.folder) \
                else "missing"
        except OSError as error:
            return f"damaged (its manifest cannot be read: {error.strerror or error})"
        manifest = _parsed(raw)
        if manifest is None:
            return "damaged (its manifest is unreadable)"
        self._parsed = stamp, manifest
        if manifest.get("schema") != SCHEMA_VERSION:
            return "made by another version of the app"
        if manifest.get("library") != os.fsdecode(self.library):
            return f"made for another library ({printable(str(manifest.get('library')))})"
        files = manifest.get("files")
        if not isinstance(files, dict) or not files or not isinstance(
                manifest.get("transcripts"), list):
            return "damaged (its manifest is unreadable)"
        for name, size in files.items():
            try:
                actual = (self.folder / name).stat().st_size
            except OSError:
                return f"damaged ({name} is missing)"
            if actual != size:
                return f"damaged ({name} has {actual} bytes, {size} expected)"
        return None

    def _manifest(self) -> dict[str, Any] | None:
        kept, self._parsed = self._parsed, None
        try:
            if kept is not None and _stamp(os.stat(self.folder / MANIFEST)) == kept[0]:
                return kept[1]
            return _parsed((self.folder / MANIFEST).read_bytes())
        except OSError:
            return None

    def records(self) -> dict[str, TranscriptRecord]:
        """What the last update indexed, by path (call when :meth:`problem` found none)."""
        manifest = self._manifest() or {}
        records = (TranscriptRecord.from_data(data) for data in manifest.get("transcripts", ()))
        return {record.path: record for record in records}

    def write_manifest(self, records: Iterable[TranscriptRecord]) -> None:
        """Record the index files as they are now, and what they hold (after every commit)."""
        files = {entry.name: entry.stat().st_size for entry in os.scandir(self.folder)
                 if entry.is_file() and _engine_file(entry.name)}
        data = {"schema": SCHEMA_VERSION, "library": os.fsdecode(self.library), "files": files,
                "transcripts": [record.stamp_data() for record in records]}
        temporary = self.folder / f".{MANIFEST}.tmp"
        # Paths that are not UTF-8 (lone surrogates) survive as JSON escapes.
        temporary.write_text(json.dumps(data, ensure_ascii=True), "ascii")
        os.replace(temporary, self.folder / MANIFEST)

    def make(self) -> None:
        """Create the folder if need be; TranscriptError (one line) when it cannot be, e.g.
        a file has its name. A file is never removed: it may be the user's."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise TranscriptError(self.folder, "is a file, not a folder: the search index "
                                               "cannot be kept there") from None
        except OSError as error:
            raise TranscriptError(self.folder, f"the search index folder cannot be made "
                                               f"({error.strerror or error})") from None

    def clear(self) -> None:
        """Remove everything but the lock (whoever waits on it keeps waiting on this file)."""
        self.make()
        for entry in os.scandir(self.folder):
            if entry.name == LOCK:
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

    # --- one writer ----------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self, wait: float) -> Iterator[None]:
        """Hold the update lock; IndexBusy after ``wait`` seconds; TranscriptError when the
        folder cannot be made or written (read only)."""
        self.make()
        try:
            self._lock.acquire(timeout=wait)
        except filelock.Timeout:
            raise IndexBusy(f"{self}: another process is updating the search index") from None
        except OSError as error:  # a read-only disk or folder: the index can only be read
            raise TranscriptError(self.folder, f"the search index cannot be updated here "
                                               f"({error.strerror or error})") from None
        try:
            yield
        finally:
            self._lock.release()
