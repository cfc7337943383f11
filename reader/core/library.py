"""A library: the transcripts in one folder (or a list of files the user opened).

Entries are described cheaply (title and show from the first lines) so the list appears at
once; the full parse happens when a transcript is opened. A file that cannot be read stays in
the list with its one-line error, so the user can see what is wrong with it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core import paths
from reader.core.errors import TranscriptError
from reader.core.formats import TRANSCRIPT_SUFFIXES, describe_file

# Files the app itself writes beside transcripts; never transcripts.
SIDECAR_SUFFIXES = (".annotations.json", ".bak", ".tmp")
SEEDED_MARKER = ".bundled-transcripts-copied"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    path: Path
    title: str
    show: str | None
    format: str | None
    error: str | None = None  # the one-line problem, when the file cannot be read

    @property
    def ok(self) -> bool:
        return self.error is None


def describe(path: Path) -> LibraryEntry:
    try:
        title, show, format_name = describe_file(path)
    except TranscriptError as error:
        return LibraryEntry(path, path.name, None, None, str(error))
    return LibraryEntry(path, title, show, format_name)


def is_candidate(path: Path) -> bool:
    name = path.name.lower()
    return (
        path.is_file()
        and not name.startswith(".")
        and path.suffix.lower() in TRANSCRIPT_SUFFIXES
        and not name.endswith(SIDECAR_SUFFIXES)
    )


FileStamp = tuple[int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """(size, modification time in ns): changes whenever the file's content is rewritten.
    None when the file cannot be looked at (gone, no permission)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class EntryCache:
    """Entries from earlier scans, reused while a file's size and modification time are the
    same, so a rescan after a sync tool touches one file reads one file, not the library."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[FileStamp, LibraryEntry]] = {}

    def entry(self, path: Path) -> LibraryEntry:
        stamp = file_stamp(path)
        if stamp is None:
            return describe(path)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        entry = describe(path)
        self._entries[path] = (stamp, entry)
        return entry


def scan_folder(folder: Path, cache: EntryCache | None = None) -> list[LibraryEntry]:
    """Every transcript in ``folder`` and below, sorted by show then title."""
    if not folder.is_dir():
        raise TranscriptError(folder, "is not a folder")
    files = sorted(p for p in folder.rglob("*") if is_candidate(p))
    return sort_entries(cache.entry(p) if cache else describe(p) for p in files)


def entries_for(paths_: Iterable[Path]) -> list[LibraryEntry]:
    """Entries for files and folders named on the command line, in the order given."""
    entries: list[LibraryEntry] = []
    for path in paths_:
        if path.is_dir():
            entries += scan_folder(path)
        else:
            entries.append(describe(path))
    return entries


def sort_entries(entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
    return sorted(entries, key=lambda e: ((e.show or "").casefold(), e.title.casefold()))


def ensure_default_library(
    library: Path | None = None, bundled: Path | None = None, marker_dir: Path | None = None
) -> Path:
    """Create the user's library on first run and copy the bundled interviews into it.

    Copied once: a user who deletes a bundled interview does not get it back on the next start.
    Existing files are never overwritten.
    """
    library = library or paths.default_library_dir()
    bundled = bundled or paths.bundled_transcripts_dir()
    marker = (marker_dir or paths.data_dir()) / SEEDED_MARKER
    library.mkdir(parents=True, exist_ok=True)
    if marker.exists():
        return library
    for source in sorted(bundled.glob("*")):
        target = library / source.name
        if source.is_file() and not target.exists():
            shutil.copyfile(source, target)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("The bundled interviews were copied into the library.\n", encoding="utf-8")
    return library
