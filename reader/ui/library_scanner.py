"""Scanning the library on a worker thread: the store describes file after file (the slow
part of opening a large library) while the window stays responsive and fills its list in."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from reader.core.library import LibraryEntry
from reader.core.store import Refresh, TranscriptStore


class _Cancelled(Exception):
    pass


class LibraryScan(QThread):
    """One run of ``store.refresh`` off the GUI thread. Signals arrive on the GUI thread."""

    batch = Signal(object, int, int)  # (list of LibraryEntry just described, done, total)
    finishedScan = Signal(object)  # Refresh, or None when cancelled

    def __init__(self, store: TranscriptStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop after the batch being read (the window is closing)."""
        self._cancel.set()

    def run(self) -> None:
        result: Refresh | None
        try:
            result = self._store.refresh(self._progress)
        except _Cancelled:
            result = None
        self.finishedScan.emit(result)

    def _progress(self, entries: list[LibraryEntry], done: int, total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        self.batch.emit(entries, done, total)
