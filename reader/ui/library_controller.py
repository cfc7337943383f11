"""The library side of the window: showing the store's entries, scanning (a large library on a
worker thread, the list filling in as files are read), rescanning when the disk changes,
opening files and folders (menus, drops, Open Recent), removing entries. The store owns the
library; this shows it, re-watches what it lists, and keeps the reader where they were."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from reader.core.errors import display_path
from reader.core.formats import TRANSCRIPT_SUFFIXES
from reader.core.library import LibraryEntry
from reader.core.store import Refresh, resolve
from reader.ui.library_scanner import LibraryScan

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

EMPTY_LIBRARY = ("Your library is empty.\n\nUse File › Open File… or File › Open Folder…, "
                 "or drop transcripts or a folder on this window. File › Open Recent › "
                 "Default Library brings back the bundled interviews.")
READING = "Reading your library…"
# Up to this many files are described before the window shows (a few milliseconds each: the
# list is complete at once); more are read on a worker thread while the window is up.
SYNC_SCAN_FILES = 40


class LibraryController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._scan: LibraryScan | None = None
        self._rescan = False  # something asked for a rescan while one was running
        self._wanted: Path | None = None  # open this once the scan lists it
        self._problems: tuple[str, ...] = ()
        self._after_scan = ""  # said in the status bar once the library is listed
        self.scans_started = 0
        # Told of every file or folder the user opens (File ▸ Open Recent listens).
        self.remember: Callable[[Path], None] = lambda _path: None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @property
    def scanning(self) -> bool:
        return self._scan is not None

    def _status(self, problems: tuple[str, ...]) -> None:
        if problems:
            self.window.statusBar().showMessage(" · ".join(problems))

    # --- showing ------------------------------------------------------------------------

    def show_library(self, problems: tuple[str, ...] = ()) -> None:
        """Show the store's entries and open the last-read one (else the first). A library
        not scanned yet is scanned: at once when small, else in the background."""
        window = self.window
        last = window.state.last_transcript()
        if window.store.needs_scan:
            self._problems = problems
            self._scan_soon(resolve(last) if last else None)
            return
        entries = window.store.entries()
        window.library.set_entries(entries)
        self.rewatch()
        if not entries:
            window._show_problem("\n\n".join([*problems, EMPTY_LIBRARY]), status=False)
            return
        self._status(problems)
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
        if self._scan is not None:
            self._rescan = True
            return
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

    # --- opening -----------------------------------------------------------------------

    def add_folder(self, folder: Path) -> None:
        """Add ``folder`` to the library's folders (remembered for the next start), as a drop
        does, and say so: the library holds several folders, and File ▸ Remove Folder from
        Library takes one off again."""
        store = self.window.store
        before = store.folders
        store.open_paths([folder], scan=False)
        self.window.state.set_library_folders(store.folders)
        where = display_path(resolve(folder))
        self._after_scan = (f"{where}: already in the library" if resolve(folder) in before
                            else f"Added {where} to the library "
                                 "(File › Remove Folder from Library takes it off)")
        self._scan_soon(None)

    def add_files(self, paths: list[Path]) -> None:
        """Add files to the list (once each) and open the first of them."""
        if self._scan is not None:
            self.window.store.open_paths(paths, scan=False)
            self._wanted = resolve(paths[0]) if paths else None
            self._rescan = True
            return
        self.apply(self.window.store.open_paths(paths),
                   select=resolve(paths[0]) if paths else None)

    def open_paths(self, paths: list[Path]) -> None:
        """Files and folders together (a drop, the command line): folders join the library,
        the first file is opened."""
        files = [p for p in paths if not p.is_dir()]
        folders = [p for p in paths if p.is_dir()]
        if folders:
            self.window.store.open_paths(folders, scan=False)
            self.window.state.set_library_folders(self.window.store.folders)
        if files:
            self.add_files(files)
        elif folders:
            self._scan_soon(None)

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
        state = self.window.state
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Open Transcripts", str(state.dialog_folder(self.window.store.folders)),
            f"Transcripts ({patterns});;All files (*)")
        if files:
            state.set_dialog_folder(Path(files[0]).parent)
            for name in files:
                self.remember(Path(name))
            self.add_files([Path(f) for f in files])

    def ask_open_folder(self) -> None:
        state = self.window.state
        folder = QFileDialog.getExistingDirectory(
            self.window, "Open a Folder of Transcripts",
            str(state.dialog_folder(self.window.store.folders)))
        if folder:
            state.set_dialog_folder(Path(folder))
            self.remember(Path(folder))
            self.add_folder(Path(folder))

    def remove(self, entry: LibraryEntry) -> None:
        """Take an entry out of the list; the file stays where it is."""
        window = self.window
        was_open = window._current_path == entry.path
        result = window.store.remove(entry.path)
        if was_open:
            window._current_path = None
        self.apply(result)
        window.statusBar().showMessage(
            f"{entry.title}: removed from the library (the file is still in "
            f"{display_path(entry.path.parent)})", 8000)

    def remove_folder(self, folder: Path) -> None:
        """Stop listing a folder of the library (remembered for the next start); nothing on
        disk changes, and File ▸ Open Recent (the default library is always there) or a drop
        brings it back."""
        window = self.window
        current = window._current_path
        self.remember(folder)  # so Open Recent, as the message says, brings it back
        # The remembered library loses this folder only: a library named for this run alone
        # (folders on the command line, --library) must not replace it.
        remembered = window.state.library_folders()
        kept = window.store.folders if remembered is None else remembered
        result = window.store.remove_folder(folder)
        window.state.set_library_folders([f for f in kept if resolve(f) != resolve(folder)])
        if current is not None and window.store.entry(current) is None:
            window._current_path = None
        self.apply(result)
        window.statusBar().showMessage(
            f"{display_path(folder)}: removed from the library (its files are still there; "
            "File › Open Recent brings it back)", 8000)

    # --- scanning ----------------------------------------------------------------------

    def _scan_soon(self, wanted: Path | None) -> None:
        """Scan now if the library is small, else on a worker thread."""
        window = self.window
        self._wanted = wanted
        if self._scan is not None:
            self._rescan = True
            return
        if window.store.candidate_count() <= SYNC_SCAN_FILES:
            result = window.store.refresh()
            problems = (*self._problems, *result.problems)
            self._problems = ()
            self.apply(Refresh(result.changed, problems), select=wanted)
            self._say_after_scan(problems)
            return
        self._start_scan()

    def _start_scan(self) -> None:
        window = self.window
        self.scans_started += 1
        if window._current_path is None:
            window._show_problem(READING, status=False)
        window.statusBar().showMessage(READING)
        scan = LibraryScan(window.store, self)
        scan.batch.connect(self._scan_batch)
        scan.finishedScan.connect(self._scan_finished)
        self._scan = scan
        scan.start()

    def _scan_batch(self, entries: list[LibraryEntry], done: int, total: int) -> None:
        window = self.window
        window.library.append_entries(entries)
        window.statusBar().showMessage(f"{READING} {done:,} of {total:,}")
        wanted = self._wanted
        if window._current_path is None and wanted is not None \
                and any(e.path == wanted for e in entries):
            window.library.select_path(wanted)

    def _scan_finished(self, result: Refresh | None) -> None:
        scan, self._scan = self._scan, None
        if scan is not None:
            scan.wait()
            scan.deleteLater()
        if result is None:
            return  # cancelled: the window is closing
        problems = (*self._problems, *result.problems)
        self._problems = ()
        window = self.window
        window.statusBar().clearMessage()
        self.apply(Refresh(result.changed, problems), select=self._wanted)
        if not problems and window.store.entries():
            count = len(window.store.entries())
            window.statusBar().showMessage(
                f"{count:,} transcript{'s' if count != 1 else ''} in the library", 4000)
        self._say_after_scan(problems)
        if self._rescan:
            self._rescan = False
            self._scan_soon(self._wanted)

    def _say_after_scan(self, problems: tuple[str, ...]) -> None:
        note, self._after_scan = self._after_scan, ""
        if note and not problems:  # a problem stays in view
            self.window.statusBar().showMessage(note, 10000)

    def stop(self) -> None:
        """Stop a scan in progress (the window is closing)."""
        scan = self._scan
        if scan is not None:
            scan.cancel()
            scan.wait()

    # --- window events: drops, closing --------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if isinstance(event, QDragEnterEvent | QDropEvent) \
                    and event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove,
                                         QEvent.Type.Drop):
                paths = dropped_paths(event)
                if not paths:
                    return False
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.dropped(paths)
                return True
            if event.type() == QEvent.Type.Close:
                self.stop()
        return super().eventFilter(watched, event)

    def dropped(self, paths: list[Path]) -> None:
        for path in paths:
            self.remember(path)
        self.open_paths(paths)
        names = ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        self.window.statusBar().showMessage(f"Added {names}", 6000)


def dropped_paths(event: QDropEvent) -> list[Path]:
    """The local files and folders in a drag (URLs from a browser are not transcripts)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
