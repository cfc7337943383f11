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
from collections.abc import Iterable
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
        self._parsed: dict[Path, tuple[FileStamp, Transcript]] = {}
        self._subfolders: list[Path] = []

    # --- what is listed ---------------------------------------------------------------

    @property
    def folders(self) -> list[Path]:
        return list(self._folders)

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def entry(self, path: Path) -> LibraryEntry | None:
        path = resolve(path)
        return next((e for e in self._entries if e.path == path), None)

    def watched_paths(self) -> tuple[list[Path], list[Path]]:
        """(folders with their visible subfolders, listed files) for a file-system watcher."""
        return list(self._subfolders), [e.path for e in self._entries]

    def open_paths(self, paths: Iterable[Path | str]) -> Refresh:
        """Open files and folders (the command line, File ▸ Open): folders join the watched
        folders, files are listed once each."""
        for path in map(resolve, paths):
            if path.is_dir():
                if path not in self._folders:
                    self._folders.append(path)
            elif path not in self._files:
                self._files.append(path)
        return self.refresh()

    def set_folders(self, folders: Iterable[Path | str]) -> Refresh:
        """Make these folders the library (File ▸ Open Folder, ``--library``)."""
        self._folders = list(dict.fromkeys(map(resolve, folders)))
        self._files = []
        return self.refresh()

    def refresh(self) -> Refresh:
        """Rescan the folders and re-describe the files. Unchanged files are not read again;
        a folder that vanished or cannot be read is reported and its entries leave the list,
        files opened one by one stay listed (with their error, if they are gone)."""
        problems: list[str] = []
        found: dict[Path, None] = {}
        subfolders: list[Path] = []
        for folder in self._folders:
            try:
                walk = walk_folder(folder)
            except TranscriptError as error:
                problems.append(str(error))
                continue
            subfolders += walk.folders
            found.update(dict.fromkeys(walk.files))
        in_folders = list(found)
        singles = [p for p in self._files
                   if p not in found and not any(f in p.parents for f in self._folders)]
        entries = sort_entries(self._entry_cache.entry(p) for p in in_folders)
        entries += [self._entry_cache.entry(p) for p in singles]
        self._subfolders = subfolders
        live = set(in_folders) | set(singles)
        for stale in [p for p in self._parsed if p not in live]:
            del self._parsed[stale]
        changed = entries != self._entries
        self._entries = entries
        return Refresh(changed, tuple(problems))

    # --- transcripts --------------------------------------------------------------------

    def transcript(self, path: Path) -> Transcript:
        """The parsed transcript, read again only when the file's size or time changed.
        Raises TranscriptError (one line) when it cannot be read."""
        path = resolve(path)
        stamp = file_stamp(path)
        cached = self._parsed.get(path)
        if cached is not None and stamp is not None and cached[0] == stamp:
            return cached[1]
        transcript = load_transcript(path)
        if stamp is not None:
            self._parsed[path] = (stamp, transcript)
        return transcript

    def is_current(self, transcript: Transcript) -> bool:
        """True while ``transcript`` is what its file holds (nothing to reload)."""
        if transcript.source is None:
            return True
        cached = self._parsed.get(resolve(transcript.source))
        return (cached is not None and cached[1] is transcript
                and file_stamp(resolve(transcript.source)) == cached[0])

    @staticmethod
    def is_app_file(path: Path | str) -> bool:
        """Files the app writes itself (sidecars, backups, temp and lock files): a watcher
        ignores their changes, so a save never looks like a library change."""
        return is_app_file(path)
