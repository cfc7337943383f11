"""The transcript store: what the window and the command line ask about the library.

Headless (no Qt), in the spirit of Anki's ``pylib`` under its Qt front end: the store owns the
list of folders and files the user opened, their resolved paths, one cache of parsed
transcripts keyed by file stamp, and the policy for merging a rescan with what is listed. The
window shows ``entries()`` and wires signals; it keeps no library state of its own.

Paths are resolved once, on the way in, so ``--library ./Podcasts`` and an absolute path to a
file inside it name one file, listed once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript
from reader.core.library import (
    EntryCache,
    FileStamp,
    LibraryEntry,
    file_stamp,
    is_app_file,
    sort_entries,
    walk_folder,
)
from reader.core.model import Transcript


def resolve(path: Path | str) -> Path:
    """The one spelling of a path the store uses: user-expanded, absolute, links resolved."""
    expanded = Path(path).expanduser()
    try:
        return expanded.resolve()
    except (OSError, RuntimeError):  # a link loop: keep the absolute spelling
        return Path(os.path.abspath(expanded))


# A scan reports (entries just described, how many are done, how many in all) this often, so a
# window can fill its list in as files are read.
ScanProgress = Callable[[list[LibraryEntry], int, int], None]
PROGRESS_BATCH = 25


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a rescan found."""

    changed: bool  # the list differs from before (the view needs to redraw)
    problems: tuple[str, ...] = ()  # folders that could not be read, one line each


class TranscriptStore:
    def __init__(self) -> None:
        self._folders: list[Path] = []
        self._files: list[Path] = []  # opened one by one, outside the folders
        self._entries: list[LibraryEntry] = []
        self._entry_cache = EntryCache()
        # Keyed by the file's stamp and its companions' (an outline added beside it re-reads it).
        self._parsed: dict[Path, tuple[tuple[FileStamp, tuple[object, ...]], Transcript]] = {}
        self._subfolders: list[Path] = []
        # Removed from the library by the user: not listed, still on disk.
        self._excluded: set[Path] = set()
        self._scanned = True  # False after set_folders/open_paths(scan=False), until a refresh
        # A scan may run on a worker thread while the window reads the store: ``_lock`` guards
        # the lists (held briefly, never while reading files) and one scan runs at a time. The
        # entry cache is only touched by the scan in progress.
        self._lock = threading.RLock()
        self._scan_lock = threading.Lock()

    # --- what is listed ---------------------------------------------------------------

    @property
    def folders(self) -> list[Path]:
        return list(self._folders)

    def entries(self) -> list[LibraryEntry]:
        with self._lock:
            return list(self._entries)

    @property
    def needs_scan(self) -> bool:
        """Folders or files were set without scanning them (a window scans in the
        background)."""
        return not self._scanned

    def candidate_count(self) -> int:
        """How many files a scan would describe (walks the folders; reads no file)."""
        with self._lock:
            folders, files = list(self._folders), list(self._files)
        found: set[Path] = set()
        for folder in folders:
            try:
                found.update(walk_folder(folder).files)
            except TranscriptError:
                continue
        return len(found | set(files))

    def entry(self, path: Path) -> LibraryEntry | None:
        path = resolve(path)
        return next((e for e in self._entries if e.path == path), None)

    def watched_paths(self) -> tuple[list[Path], list[Path]]:
        """(folders with their visible subfolders, listed files) for a file-system watcher."""
        return list(self._subfolders), [e.path for e in self._entries]

    def open_paths(self, paths: Iterable[Path | str], *, scan: bool = True) -> Refresh:
        """Open files and folders (the command line, File ▸ Open): folders join the watched
        folders, files are listed once each (a file removed from the library comes back).
        ``scan=False`` leaves the scan to the caller (``refresh``, perhaps on a thread)."""
        with self._lock:
            for path in map(resolve, paths):
                if path.is_dir():
                    if path not in self._folders:
                        self._folders.append(path)
                else:
                    self._excluded.discard(path)
                    if path not in self._files:
                        self._files.append(path)
            self._scanned = scan and self._scanned
        return self.refresh() if scan else Refresh(False)

    def set_folders(self, folders: Iterable[Path | str], *, scan: bool = True) -> Refresh:
        """Make these folders the library (File ▸ Open Folder, ``--library``)."""
        with self._lock:
            self._folders = list(dict.fromkeys(map(resolve, folders)))
            self._files = []
            self._scanned = False
        return self.refresh() if scan else Refresh(False)

    # --- removing ----------------------------------------------------------------------

    @property
    def removed(self) -> list[Path]:
        """Files the user removed from the library (they stay on disk)."""
        with self._lock:
            return sorted(self._excluded)

    def set_removed(self, paths: Iterable[Path | str], *, scan: bool = True) -> Refresh:
        """Files not to list (remembered between runs by the window)."""
        with self._lock:
            removed = set(map(resolve, paths))
            if removed != self._excluded:
                self._excluded = removed
                self._scanned = scan and self._scanned
        return self.refresh() if scan else Refresh(False)

    def remove(self, path: Path | str) -> Refresh:
        """Take ``path`` out of the library without touching the file."""
        path = resolve(path)
        with self._lock:
            self._excluded.add(path)
            if path in self._files:
                self._files.remove(path)
        return self.refresh()

    def remove_folder(self, folder: Path | str) -> Refresh:
        """Stop listing ``folder`` (and its subfolders) as part of the library; nothing on disk
        changes. Files opened one by one stay listed."""
        folder = resolve(folder)
        with self._lock:
            if folder in self._folders:
                self._folders.remove(folder)
        return self.refresh()

    def folder_of(self, path: Path | str) -> Path | None:
        """The library folder ``path`` is listed from (None: a file opened on its own)."""
        path = resolve(path)
        return next((f for f in self.folders if path.is_relative_to(f)), None)

    # --- scanning ----------------------------------------------------------------------

    def refresh(self, progress: ScanProgress | None = None) -> Refresh:
        """Rescan the folders and re-describe the files. Unchanged files are not read again;
        a folder that vanished or cannot be read is reported and its entries leave the list,
        files opened one by one stay listed (with their error, if they are gone). ``progress``
        hears about every PROGRESS_BATCH files described. Safe to call from a worker thread
        while other threads read the store."""
        with self._scan_lock:
            with self._lock:
                folders, files = list(self._folders), list(self._files)
                excluded = set(self._excluded)
            return self._scan(folders, files, excluded, progress)

    def _scan(self, folders: list[Path], files: list[Path], excluded: set[Path],
              progress: ScanProgress | None) -> Refresh:
        problems: list[str] = []
        found: dict[Path, None] = {}
        subfolders: list[Path] = []
        for folder in folders:
            try:
                walk = walk_folder(folder)
            except TranscriptError as error:
                problems.append(str(error))
                continue
            subfolders += walk.folders
            found.update(dict.fromkeys(walk.files))
        in_folders = [p for p in found if p not in excluded]
        singles = [p for p in files
                   if p not in found and not any(f in p.parents for f in folders)]
        described: list[LibraryEntry] = []
        batch: list[LibraryEntry] = []
        total = len(in_folders) + len(singles)
        for path in in_folders + singles:
            entry = self._entry_cache.entry(path)
            described.append(entry)
            batch.append(entry)
            if progress is not None and (len(batch) >= PROGRESS_BATCH
                                         or len(described) == total):
                progress(batch, len(described), total)
                batch = []
        entries = sort_entries(described[:len(in_folders)]) + described[len(in_folders):]
        live = set(in_folders) | set(singles)
        with self._lock:
            self._subfolders = subfolders
            # A copy of the keys: the window may be parsing a transcript meanwhile.
            for stale in [p for p in list(self._parsed) if p not in live]:
                self._parsed.pop(stale, None)
            changed = entries != self._entries
            self._entries = entries
            self._scanned = True
        return Refresh(changed, tuple(problems))

    # --- transcripts --------------------------------------------------------------------

    def transcript(self, path: Path) -> Transcript:
        """The parsed transcript, read again only when the file's size or time changed.
        Raises TranscriptError (one line) when it cannot be read."""
        path = resolve(path)
        stamp = _stamp(path)
        cached = self._parsed.get(path)
        if cached is not None and stamp is not None and cached[0] == stamp:
            return cached[1]
        transcript = load_transcript(path)
        if stamp is not None:
            self._parsed[path] = (stamp, transcript)
        return transcript

    def keep_outline(self, transcript: Transcript) -> None:
        """Hold ``transcript`` as what its file holds: the same text with another outline
        (the user's chapters merged in), so it stays current and is what a re-open finds."""
        if transcript.source is None:
            return
        path = resolve(transcript.source)
        cached = self._parsed.get(path)
        if cached is not None and cached[1].text_hash == transcript.text_hash:
            self._parsed[path] = (cached[0], transcript)

    def is_current(self, transcript: Transcript) -> bool:
        """True while ``transcript`` is what its file holds (nothing to reload)."""
        if transcript.source is None:
            return True
        cached = self._parsed.get(resolve(transcript.source))
        return (cached is not None and cached[1] is transcript
                and _stamp(resolve(transcript.source)) == cached[0])

    @staticmethod
    def is_app_file(path: Path | str) -> bool:
        """Files the app writes itself (sidecars, backups, temp and lock files): a watcher
        ignores their changes, so a save never looks like a library change."""
        return is_app_file(path)


def _stamp(path: Path) -> tuple[FileStamp, tuple[object, ...]] | None:
    # Imported here: the companion readers load with the other readers, after the window shows.
    from reader.core.companions import companion_stamp

    stamp = file_stamp(path)
    return None if stamp is None else (stamp, companion_stamp(path))
