"""Related passages for the window, computed off the GUI thread.

The reading position changes many times a second while scrolling; a query is asked for once
it settles (:data:`SETTLE_MS`), and only the latest one is answered: a worker thread holds its
own search indexes (one per library folder, never shared with the search field's, since a
Whoosh searcher belongs to one thread) and answers requests in turn, skipping any that a newer
one replaced while it was busy. Whoosh is pure Python, so the worker shares the interpreter
with the window; the interpreter switches threads every few milliseconds, which keeps the
window responsive while a query runs (see docs/benchmarks.md for a query's cost).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from reader.core.errors import display_path
from reader.core.model import Transcript

if TYPE_CHECKING:  # related passages and the index are imported when first asked for
    from reader.core.related import RelatedFinder
    from reader.core.search import Hit

log = logging.getLogger(__name__)

SETTLE_MS = 300  # the reading position must rest this long before a query
LIMIT = 20  # related passages listed


@dataclass(frozen=True, slots=True)
class RelatedRequest:
    number: int
    transcript: Transcript
    offset: int
    folders: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class RelatedOutcome:
    number: int  # of the request answered
    transcript: Transcript | None = None
    start: int = 0  # the passage the query started from
    end: int = 0
    query: str = ""  # the key terms used
    hits: tuple[Hit, ...] = ()
    waiting: str | None = None  # the index is being built
    problems: tuple[str, ...] = field(default=())


class _Worker(QObject):
    answered = Signal(object)  # RelatedOutcome

    def __init__(self) -> None:
        super().__init__()
        self._finders: dict[Path, RelatedFinder] = {}
        self._latest = 0
        self._lock = threading.Lock()

    def note_latest(self, number: int) -> None:  # called from the GUI thread
        with self._lock:
            self._latest = number

    @Slot(object)
    def run(self, request: RelatedRequest) -> None:
        with self._lock:
            if request.number < self._latest:
                return  # a newer request is queued behind this one
        self.answered.emit(self._answer(request))

    @Slot()
    def close(self) -> None:
        for finder in self._finders.values():
            finder.index.close()
        self._finders.clear()

    def _answer(self, request: RelatedRequest) -> RelatedOutcome:
        from reader.core.related import RelatedFinder, passage_at
        from reader.core.search import IndexUnavailable, SearchIndex

        for gone in [f for f in self._finders if f not in request.folders]:
            self._finders.pop(gone).index.close()
        passage = passage_at(request.transcript, request.offset)
        if passage is None:
            return RelatedOutcome(request.number, request.transcript)
        hits: list[Hit] = []
        query, waiting, problems = "", None, []
        for folder in request.folders:
            finder = self._finders.get(folder)
            if finder is None:
                finder = self._finders[folder] = RelatedFinder(SearchIndex(folder))
            try:
                results = finder.related(request.transcript, passage.start, LIMIT)
            except IndexUnavailable:
                waiting = "The search index is being built; related passages will appear here."
                continue
            except Exception as error:  # a bug here must not take the window down
                log.exception("related passages in %s failed", display_path(folder))
                problems.append(f"{display_path(folder)}: related passages failed (internal "
                                f"error: {type(error).__name__})")
                continue
            query = query or results.query
            hits.extend(results.hits)
        hits.sort(key=lambda hit: -hit.score)
        return RelatedOutcome(request.number, request.transcript, passage.start, passage.end,
                              query, tuple(hits[:LIMIT]), waiting if not hits else None,
                              tuple(problems))


class RelatedController(QObject):
    answered = Signal(object)  # RelatedOutcome, for the latest request only
    _requested = Signal(object)
    _closing = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders: tuple[Path, ...] = ()
        self._number = 0
        self._pending: tuple[Transcript, int] | None = None
        self._last: tuple[Transcript, int] | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.run_now)
        self._thread = QThread(self)
        self._thread.setObjectName("related passages")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._closing.connect(self._worker.close)
        self._worker.answered.connect(self._answered)
        self.busy = False  # the thread starts with the first query: a window that never
        # shows the Related tab never has one

    def set_folders(self, folders: list[Path]) -> None:
        self._folders = tuple(folders)

    def request(self, transcript: Transcript | None, offset: int) -> None:
        """Related passages for the passage at ``offset``, once the position settles."""
        if transcript is None:
            self._pending = None
            self._settle.stop()
            return
        self._pending = (transcript, offset)
        self._settle.start()

    def run_now(self) -> None:
        """Ask at once (the position settled, or the reader asked for a highlight's)."""
        self._settle.stop()
        if self._pending is None:
            return
        transcript, offset = self._last = self._pending
        self._pending = None
        self._number += 1
        self._worker.note_latest(self._number)
        self.busy = True
        if not self._thread.isRunning():
            self._thread.start()
        self._requested.emit(RelatedRequest(self._number, transcript, offset, self._folders))

    def again(self) -> None:
        """The index changed: the last query again."""
        if self._last is not None and self._pending is None:
            self._pending = self._last
            self.run_now()

    def _answered(self, outcome: RelatedOutcome) -> None:
        if outcome.number == self._number:
            self.busy = False
            self.answered.emit(outcome)

    def close(self) -> None:
        self._settle.stop()
        if self._thread.isRunning():
            self._closing.emit()
            self._thread.quit()
            self._thread.wait()
