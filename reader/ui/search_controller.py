"""The window's search index: one per library folder, kept up to date in another process.

Updating runs ``python -m reader.core.search.build`` in a :class:`QProcess` (a Python thread
that indexes stalls the interface for up to 40 ms; a process, not at all) and reads its JSON
lines of progress. Searching happens here, on the index as it is: while an update runs,
searches use the old index, and a finished update is picked up by the next search.

An update runs when the window starts, when the library folders change, when the file watcher
reports a change, and when the open transcript's notes are saved. Requests that arrive while
one runs are remembered, and bursts (a save is also a folder change) become one update.
Everything the user sees goes out through ``progress``, ``message`` and ``indexUpdated``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from reader.core.errors import display_path
from reader.core.search import build_command, parse_event

if TYPE_CHECKING:  # the index (and Whoosh) is imported when a folder is first indexed
    from reader.core.search import Hit, SearchIndex, SearchResults

log = logging.getLogger(__name__)

# Requests within this time of each other (a save, then the watcher's notice of it) become
# one update.
UPDATE_DELAY_MS = 250
# Another process held the index: try again after this long (it may have missed our change).
BUSY_RETRY_MS = 5000
# On closing the window, how long an update may take to stop before it is killed.
STOP_WAIT_MS = 2000


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """What one search found over every library folder, and why it may be incomplete."""

    query: str
    hits: tuple[Hit, ...] = ()
    total: int = 0
    total_is_exact: bool = True
    notes: tuple[str, ...] = ()  # gentle lines about the query (searched literally…)
    suggestion: str | None = None  # "did you mean"
    waiting: str | None = None  # the index is being built: results come when it is done
    problems: tuple[str, ...] = field(default=())  # one line each


class SearchController(QObject):
    progress = Signal(str)  # "Indexing 12 of 110…"; "" when no update is running
    message = Signal(str)  # one line for the status bar (an index rebuilt, an update failed)
    indexUpdated = Signal()  # an update committed: the same query may find more now
    updateStarted = Signal(QProcess)  # the update process is running

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._indexes: dict[Path, SearchIndex] = {}
        self._pending: dict[Path, bool] = {}  # folders to update -> rebuild from scratch?
        self._process: QProcess | None = None
        self._running: Path | None = None
        self._buffer = b""
        self._quiet = False  # a first build: its "building the index" line is no news
        self._told_rebuild: set[Path] = set()  # damaged indexes already reported
        self._done = False  # the running update said "done": its changes are committed
        self._delay = QTimer(self, singleShot=True, interval=UPDATE_DELAY_MS)
        self._delay.timeout.connect(self._start_next)
        self._closed = False

    # --- the library ---------------------------------------------------------------------

    @property
    def folders(self) -> list[Path]:
        return list(self._indexes)

    def set_folders(self, folders: Iterable[Path]) -> None:
        """Search these library folders; a new folder's index is brought up to date at once."""
        wanted = list(dict.fromkeys(folders))
        for gone in [f for f in self._indexes if f not in wanted]:
            self._indexes.pop(gone).close()
            self._pending.pop(gone, None)
        new = [f for f in wanted if f not in self._indexes]
        if new:
            from reader.core.search import SearchIndex
        for folder in new:
            self._indexes[folder] = SearchIndex(folder)
            self._pending[folder] = False
        if new and self._process is None:
            self._start_next()

    def index_dir(self, folder: Path) -> Path:
        return self._indexes[folder].index_dir

    def request_update(self, rebuild: bool = False) -> None:
        """Bring every folder's index up to date soon (only what changed is read again)."""
        for folder in self._indexes:
            self._pending[folder] = self._pending.get(folder, False) or rebuild
        if self._process is None:
            self._delay.start()

    @property
    def updating(self) -> bool:
        return self._process is not None or bool(self._pending)

    @property
    def ready(self) -> bool:
        """Is every folder's index there and no update running or waiting?"""
        return not self.updating and all(index.exists() for index in self._indexes.values())

    @property
    def process(self) -> QProcess | None:
        """The update process while one runs."""
        return self._process

    def close_indexes(self) -> None:
        """Let go of the index files; the next search opens them afresh."""
        for index in self._indexes.values():
            index.close()

    def close(self) -> None:
        """Stop an update that is running (the next start finishes it) and close the indexes."""
        self._closed = True
        self._delay.stop()
        process = self._process
        if process is not None:
            process.finished.disconnect(self._finished)
            process.kill()
            process.waitForFinished(STOP_WAIT_MS)
            self._process = None
        self.close_indexes()

    # --- searching ------------------------------------------------------------------------

    def search(self, query: str, limit: int) -> SearchOutcome:
        """The best ``limit`` hits over every folder, best first."""
        if not self._indexes:
            return SearchOutcome(query, problems=(
                "Only library folders are searched: open a folder (File › Open Folder…) to "
                "search its transcripts.",))
        from reader.core.search import IndexUnavailable

        found: list[SearchResults] = []
        waiting: str | None = None
        problems: list[str] = []
        for folder, index in self._indexes.items():
            try:
                found.append(index.search(query, limit))
            except IndexUnavailable as error:
                if error.reason == "missing":
                    waiting = "The search index is being built; results will appear here."
                    if not self.updating:
                        self.request_update()
                else:
                    waiting = "The search index is being rebuilt; results will appear here."
                    self._rebuild_damaged(folder, index, error.reason)
            except Exception as error:  # a bug in search must not take the window down
                log.exception("searching %s failed", display_path(folder))
                problems.append(f"{display_path(folder)}: search failed (internal error: "
                                f"{type(error).__name__})")
        return _merge(query, found, limit, waiting, problems)

    def _rebuild_damaged(self, folder: Path, index: SearchIndex, reason: str) -> None:
        index.close()
        if folder in self._told_rebuild:
            return
        self._told_rebuild.add(folder)
        self.message.emit(f"{display_path(index.index_dir)}: the search index was {reason}; "
                          "rebuilding it")
        self._pending[folder] = True
        if self._process is None:
            self._delay.start(0)

    # --- the update process ---------------------------------------------------------------

    def _start_next(self) -> None:
        if self._process is not None or self._closed:
            return
        folder = next((f for f in self._pending if f in self._indexes), None)
        if folder is None:
            self._pending.clear()
            return
        rebuild = self._pending.pop(folder)
        index = self._indexes[folder]
        # A first build announces itself ("building the search index for …"): no news, the
        # progress says enough. A rebuild of an existing index is news, once.
        self._quiet = not index.exists() or folder in self._told_rebuild
        argv = build_command(folder, index.index_dir, rebuild=rebuild)
        process = QProcess(self)
        process.setProgram(argv[0])
        process.setArguments(argv[1:])
        process.readyReadStandardOutput.connect(self._read_events)
        process.readyReadStandardError.connect(self._read_errors)
        process.started.connect(lambda: self.updateStarted.emit(process))
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed_to_start)
        self._process, self._running, self._buffer = process, folder, b""
        self._done = False
        process.start()

    def _read_events(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            event = parse_event(line)
            if event is not None:
                self._event(event)

    def _read_errors(self) -> None:
        if self._process is not None:
            text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
            if text.strip():
                log.warning("search index update: %s", text.rstrip())

    def _event(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "progress" and event.get("phase") == "indexing":
            self.progress.emit(f"Indexing {int(event['done']) + 1} of {int(event['total'])}…")
        elif kind == "progress" and event.get("phase") == "committing":
            self.progress.emit("Saving the search index…")
        elif kind == "message" and not self._quiet:
            self.message.emit(str(event.get("text", "")))
        elif kind == "error":
            log.info("search index: %s", event.get("text"))
        elif kind == "failed":
            self.message.emit(str(event.get("text", "")))
        elif kind == "busy":
            log.info("search index: %s", event.get("text"))
            if self._running is not None:
                self._retry_later(self._running)
        elif kind == "done":
            log.info("%s", event.get("summary"))
            if self._running is not None:
                self._told_rebuild.discard(self._running)
                index = self._indexes.get(self._running)
                if index is not None:
                    index.close()  # opened afresh by the next search (a rebuild replaced it)
            # The changes are committed: show them now. The process goes on for a while
            # (merging small segments, learning abbreviations) and searches meanwhile read
            # the committed index.
            self._done = True
            self.progress.emit("")
            self.indexUpdated.emit()

    def _retry_later(self, folder: Path) -> None:
        def retry() -> None:
            if folder in self._indexes:
                self._pending.setdefault(folder, False)
                self._start_next()

        QTimer.singleShot(BUSY_RETRY_MS, self, retry)

    def _finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._read_events()
        if status != QProcess.ExitStatus.NormalExit or exit_code not in (0, 2, 3):
            where = display_path(self._running) if self._running else "the library"
            self.message.emit(f"{where}: the search index could not be updated "
                              f"(the indexer stopped with status {exit_code})")
        self._process, self._running = None, None
        process.deleteLater()
        self.progress.emit("")
        if not self._done:  # it stopped before saying so: what it committed may be new
            self.indexUpdated.emit()
        if self._pending:
            self._delay.start()

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        process = self._process
        if process is None or error != QProcess.ProcessError.FailedToStart:
            return  # a crash ends in finished(), which reports it
        self.message.emit(f"The search indexer could not be started ({process.errorString()})")
        self._process, self._running = None, None
        process.deleteLater()
        self.progress.emit("")


def _merge(query: str, found: list[SearchResults], limit: int, waiting: str | None,
           problems: list[str]) -> SearchOutcome:
    """One outcome from each folder's results: hits by score (each folder's list already
    keeps one transcript from filling the top), notes once each."""
    hits = sorted((hit for results in found for hit in results.hits),
                  key=lambda hit: -hit.score)[:limit]
    notes = tuple(dict.fromkeys(note for results in found for note in results.notes))
    suggestion = None if hits else next((r.suggestion for r in found if r.suggestion), None)
    return SearchOutcome(
        query, tuple(hits), sum(r.total for r in found),
        all(r.total_is_exact for r in found), notes, suggestion,
        waiting if not hits else None, tuple(problems))
