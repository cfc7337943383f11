"""A library: the transcripts in one folder (or a list of files the user opened).

Entries are described cheaply (title and show from the first lines) so the list appears at
once; the full parse happens when a transcript is opened. A file that cannot be read stays in
the list with its one-line error, so the user can see what is wrong with it.

Folders are walked without following links to folders (a link to ``/`` must not make the app
read the whole disk) and without entering hidden folders (``.git``, ``.stversions``: sync tools
and version control keep thousands of copies there). The app's own notes exports saved into a
library folder are not transcripts and are left out of the walk, and so out of the list, the
search index and related passages (see notes_export_files.py).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import paths
from reader.core.errors import TranscriptError, display_path, printable
from reader.core.formats import TRANSCRIPT_SUFFIXES, describe_file
from reader.core.notes_export_files import is_notes_export, may_be_notes_export

log = logging.getLogger(__name__)

# Files the app itself writes beside transcripts (sidecars, their backups, temp and lock files,
# corrupt sidecars kept aside); never transcripts, and their changes are not library changes.
SIDECAR_SUFFIXES = (".annotations.json", ".bak", ".tmp", ".lock")
SIDECAR_MARKERS = (".annotations.json.",)  # "talk.txt.annotations.json.corrupt-2026…"
SEEDED_MARKER = ".bundled-transcripts-copied"
# Files read together with the transcript they are named after (companions.py), never listed.
COMPANION_SUFFIXES = (".chapters.json",)


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

    @property
    def problem(self) -> str | None:
        """The error without the path in front (the list shows the path elsewhere)."""
        if self.error is None:
            return None
        return self.error.removeprefix(f"{display_path(self.path)}: ")


def describe(path: Path) -> LibraryEntry:
    """The library's line for ``path``. Never raises: one bad file must not stop a scan."""
    name = printable(path.name)
    try:
        title, show, format_name = describe_file(path)
    except TranscriptError as error:
        return LibraryEntry(path, name, None, None, str(error))
    except Exception as error:  # a bug in a reader: list the file, keep the evidence
        log.exception("reading %s failed", display_path(path))
        problem = f"could not be read: internal error ({type(error).__name__}: {error})"
        return LibraryEntry(path, name, None, None, str(TranscriptError(path, problem)))
    return LibraryEntry(path, printable(title), printable(show) if show else None, format_name)


def is_app_file(path: Path | str) -> bool:
    """A file the app writes beside transcripts (sidecar, backup, temp, lock)."""
    name = os.path.basename(os.fspath(path)).lower()
    return name.endswith(SIDECAR_SUFFIXES) or any(m in name for m in SIDECAR_MARKERS)


def is_candidate_name(name: str) -> bool:
    """Could a file with this name be a transcript? (Content decides the format later.)"""
    lower = name.lower()
    return (
        not lower.startswith(".")
        and os.path.splitext(lower)[1] in TRANSCRIPT_SUFFIXES
        and not is_app_file(lower)
        and not lower.endswith(COMPANION_SUFFIXES)
    )


def is_candidate(path: Path) -> bool:
    return is_candidate_name(path.name) and path.is_file()


FileStamp = tuple[int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """(size, modification time in ns): changes whenever the file's content is rewritten.
    None when the file cannot be looked at (gone, no permission)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns


@dataclass(slots=True)
class FolderWalk:
    files: list[Path] = field(default_factory=list)  # candidate transcripts, sorted
    folders: list[Path] = field(default_factory=list)  # the folder and its visible subfolders


def walk_folder(folder: Path) -> FolderWalk:
    """Candidate transcripts and visible subfolders under ``folder``. Names decide, except
    that ``.md`` and ``.json`` files have their first bytes read to leave out notes exports.

    Raises TranscriptError when ``folder`` itself cannot be listed; subfolders that vanish or
    cannot be read while walking are skipped (a sync tool may be moving them)."""
    try:
        os.listdir(folder)
    except FileNotFoundError:
        raise TranscriptError(folder, "no such folder") from None
    except NotADirectoryError:
        raise TranscriptError(folder, "is not a folder") from None
    except PermissionError:
        raise TranscriptError(folder, "cannot be read (permission denied)") from None
    except OSError as error:
        raise TranscriptError(folder, f"cannot be read ({error.strerror or error})") from None
    walk = FolderWalk()
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        walk.folders.append(base)
        for name in files:
            # Not only regular files: a FIFO or a broken link named like a transcript is
            # listed with its problem (reading it says why), never silently left out.
            if is_candidate_name(name):
                path = base / name
                if not (may_be_notes_export(name) and is_notes_export(path)):
                    walk.files.append(path)
    walk.files.sort()
    return walk


class EntryCache:
    """Entries from earlier scans, reused while a file's size and modification time are the
    same, so a rescan after a sync tool touches one file reads one file, not the library."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[FileStamp, LibraryEntry]] = {}

    def entry(self, path: Path) -> LibraryEntry:
        stamp = file_stamp(path)
        if stamp is None:
            self._entries.pop(path, None)
            return describe(path)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        entry = describe(path)
        self._entries[path] = (stamp, entry)
        return entry


def scan_folder(folder: Path, cache: EntryCache | None = None) -> list[LibraryEntry]:
    """Every transcript in ``folder`` and below, sorted by show then title."""
    files = walk_folder(folder).files
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
    Existing files are never overwritten. The "copied" marker is written only after every copy
    succeeded, so a failed first run (a full disk, a read-only folder) is tried again next time.
    Raises TranscriptError (one line) when the library folder cannot be created.
    """
    library = library or paths.default_library_dir()
    bundled = bundled or paths.bundled_transcripts_dir()
    marker = (marker_dir or paths.data_dir()) / SEEDED_MARKER
    try:
        library.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TranscriptError(library, f"cannot create the library folder "
                                       f"({error.strerror or error})") from None
    if marker.exists():
        return library
    sources = sorted(p for p in bundled.glob("*") if p.is_file()) if bundled.is_dir() else []
    if not sources:
        log.warning("no bundled transcripts in %s", bundled)
        return library
    try:
        for source in sources:
            target = library / source.name
            if not target.exists():
                shutil.copyfile(source, target)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("The bundled interviews were copied into the library.\n",
                          encoding="utf-8")
    except OSError as error:
        raise TranscriptError(library, f"cannot copy the bundled interviews into the library "
                                       f"({error.strerror or error})") from None
    return library
