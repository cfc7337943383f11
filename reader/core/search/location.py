"""Where a library's index lives, whether it can be trusted, and who may write it.

One index per library folder, in ``index_root()/<16 hex digits of the library's resolved
path>`` (``indexes/`` in a checkout, the user's cache folder otherwise) unless the caller names
a folder. Beside Whoosh's files the folder holds:

- ``reader-index.json``, the manifest: the schema version, the library, and the size of every
  index file as the last update left it. A file that is missing or has another size (a
  truncated segment, a TOC overwritten with garbage, a crash halfway through a commit) means
  the index cannot be trusted; so does another schema version. The index is a cache: it is
  rebuilt, and the caller is told in one line.
- ``reader-update.lock``: one writer at a time. It is an OS lock (flock), so the system drops
  it when its holder dies: a crashed or killed indexer never blocks the next one. The file may
  stay behind; that holds no one up.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filelock

from reader.core import paths
from reader.core.errors import display_path

# Bump whenever the schema, the analyzer or what goes into a document changes: an index of
# another version is rebuilt.
SCHEMA_VERSION = 1
MANIFEST = "reader-index.json"
LOCK = "reader-update.lock"
_NOT_INDEX_FILES = {MANIFEST, LOCK, "MAIN_WRITELOCK"}


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

    def __str__(self) -> str:
        return display_path(self.folder)

    # --- trust ---------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the index cannot be used as it is; None when it can."""
        manifest = self._manifest()
        if manifest is None:
            return "missing"
        if manifest.get("schema") != SCHEMA_VERSION:
            return "made by another version of the app"
        files = manifest.get("files")
        if not isinstance(files, dict) or not files:
            return "damaged (its list of files is unreadable)"
        for name, size in files.items():
            try:
                actual = (self.folder / name).stat().st_size
            except OSError:
                return f"damaged ({name} is missing)"
            if actual != size:
                return f"damaged ({name} has {actual} bytes, {size} expected)"
        return None

    def _manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def write_manifest(self) -> None:
        """Record the index files as they are now (call after every commit)."""
        files = {entry.name: entry.stat().st_size for entry in os.scandir(self.folder)
                 if entry.is_file() and entry.name not in _NOT_INDEX_FILES
                 and not entry.name.endswith(".tmp")}
        data = {"schema": SCHEMA_VERSION, "library": os.fsdecode(self.library), "files": files}
        temporary = self.folder / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(data, indent=1), "utf-8")
        os.replace(temporary, self.folder / MANIFEST)

    def forget_manifest(self) -> None:
        """Before changing the index: until the next manifest, it is not to be trusted."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / MANIFEST)

    def clear(self) -> None:
        """Remove everything but the lock (whoever waits on it keeps waiting on this file)."""
        self.folder.mkdir(parents=True, exist_ok=True)
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
        """Hold the update lock; IndexBusy after ``wait`` seconds."""
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=wait)
        except filelock.Timeout:
            raise IndexBusy(f"{self}: another process is updating the search index") from None
        try:
            yield
        finally:
            self._lock.release()
