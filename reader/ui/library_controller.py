"""The library side of the window: showing the store's entries, rescanning when the disk
changes, opening files and folders. The store owns the library; this shows it, re-watches what
it lists, and keeps the reader where they were."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from reader.core.errors import display_path
from reader.core.formats import TRANSCRIPT_SUFFIXES
from reader.core.store import Refresh, resolve

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

EMPTY_LIBRARY = ("Your library is empty.\n\nUse File › Open File… or File › Open Folder… "
                 "to read a transcript.")


class LibraryController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _status(self, problems: tuple[str, ...]) -> None:
        if problems:
            self.window.statusBar().showMessage(" · ".join(problems))

    def show_library(self, problems: tuple[str, ...] = ()) -> None:
        """Show the store's entries and open the last-read one (else the first)."""
        window = self.window
        entries = window.store.entries()
        window.library.set_entries(entries)
        self.rewatch()
        if not entries:
            window._show_problem("\n\n".join([*problems, EMPTY_LIBRARY]), status=False)
            return
        self._status(problems)
        last = window.state.last_transcript()
        if not (last and window.library.select_path(resolve(last))):
            window.library.select_path(entries[0].path)

    def rewatch(self) -> None:
        window = self.window
        folders, files = window.store.watched_paths()
        window.watcher.watch(folders, files)
        window.search.set_folders(window.store.folders)

    def refresh_library(self) -> None:
        """Something changed on disk: rescan, and redraw only if the list or the open
        transcript really changed (the app's own saves beside a transcript change neither)."""
        window = self.window
        result = window.store.refresh()
        self.rewatch()
        self._status(result.problems)
        current = window._current_path
        if result.changed:
            window.library.set_entries(window.store.entries())
            if current is not None and window.library.select_path(current):
                return
            if not window.store.entries():
                window._show_problem(EMPTY_LIBRARY, status=False)
            elif current is not None:
                window._show_problem(f"{display_path(current)}: no longer in the library folder")
            return
        transcript = window.transcript
        if transcript is not None and not window.store.is_current(transcript):
            entry = window.store.entry(transcript.source) if transcript.source else None
            if entry is not None:
                window.open_entry(entry)  # edited in place: reload, keep the reader's place

    def set_folder(self, folder: Path) -> None:
        """Make ``folder`` the library."""
        self.apply(self.window.store.set_folders([folder]))

    def add_files(self, paths: list[Path]) -> None:
        """Add files to the list (once each) and open the first of them."""
        self.apply(self.window.store.open_paths(paths),
                   select=resolve(paths[0]) if paths else None)

    def apply(self, result: Refresh, select: Path | None = None) -> None:
        window = self.window
        window.library.set_entries(window.store.entries())
        self.rewatch()
        self._status(result.problems)
        if select is not None and window.library.select_path(select):
            return
        entries = window.store.entries()
        current = window._current_path
        if not entries:
            window._show_problem("\n\n".join([*result.problems, EMPTY_LIBRARY]), status=False)
        elif current is None or not window.library.select_path(current):
            window.library.select_path(entries[0].path)

    def ask_open_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(TRANSCRIPT_SUFFIXES))
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Open Transcripts", "", f"Transcripts ({patterns});;All files (*)")
        if files:
            self.add_files([Path(f) for f in files])

    def ask_open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Open a Folder of Transcripts")
        if folder:
            self.set_folder(Path(folder))
