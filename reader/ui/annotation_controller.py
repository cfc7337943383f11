"""Highlights and notes of the open transcript: the one place the window edits them through.

Owns the core :class:`AnnotationStore` of the open transcript, the undo stack, saving (every
edit is saved within a second; switching transcripts and quitting flush at once) and watching
the sidecar for other writers (another window, the command line, a sync tool): their changes are
merged and shown. Everything the user sees goes out through ``changed`` and ``message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.annotations import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    citation,
    color_hex,
)
from reader.core.errors import TranscriptError
from reader.core.model import Transcript
from reader.ui.annotation_commands import (
    AddHighlight,
    DeleteHighlight,
    SetTranscriptNote,
    UpdateHighlight,
)
from reader.ui.highlight_painter import PaintedSpan

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationStore

# Edits arrive in bursts (a colour tried, then another): one write per second at most.
SAVE_DELAY_MS = 1000
# Another writer's save is a burst of notices (temp file, rename); read once it settles.
DISK_SETTLE_MS = 250


class AnnotationController(QObject):
    changed = Signal()  # the highlights or notes of the open transcript changed
    message = Signal(str)  # one line for the status bar
    saved = Signal()  # the open transcript's notes were written to disk (search re-indexes them)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.current_color = DEFAULT_COLOR
        self._store: AnnotationStore | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._disk_timer = QTimer(self, singleShot=True, interval=DISK_SETTLE_MS)
        self._disk_timer.timeout.connect(self._check_disk)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self._disk_timer.start())
        self._watcher.directoryChanged.connect(lambda _path: self._disk_timer.start())

    # --- the open transcript -----------------------------------------------------------

    @property
    def store(self) -> AnnotationStore | None:
        return self._store

    @property
    def transcript(self) -> Transcript | None:
        return self._store.transcript if self._store else None

    def open(self, transcript: Transcript | None) -> None:
        """Show ``transcript``'s highlights (None: no transcript). Saves the previous one's.
        The same file re-read after an edit keeps its undo history and re-anchors."""
        previous = self._store
        if (previous is not None and transcript is not None
                and previous.transcript.source == transcript.source):
            orphans_before = sum(1 for a in previous.annotations() if a.orphaned)
            changed = previous.retarget(transcript)
            orphaned = sum(1 for a in previous.annotations() if a.orphaned) - orphans_before
            moved = changed - max(0, orphaned)
            if changed:
                parts = []
                if moved > 0:
                    parts.append(f"{moved} highlight{'s' if moved != 1 else ''} moved with the "
                                 "edited text")
                if orphaned > 0:
                    parts.append(f"{orphaned} could not be found: see Orphaned highlights")
                if parts:
                    self.message.emit("; ".join(parts))
                self._schedule_save()
            self.changed.emit()
            return
        self.flush()
        self.undo_stack.clear()
        self._store = None
        if transcript is not None and transcript.source is not None:
            # Imported on first open: re-anchoring and file locks wait until the window shows.
            from reader.core.annotations import AnnotationStore

            store = AnnotationStore(transcript)
            try:
                loaded = store.load()
            except TranscriptError as error:
                self.message.emit(str(error))
            else:
                for line in loaded.messages:
                    self.message.emit(line)
                if loaded.orphaned:
                    self.message.emit(
                        f"{loaded.orphaned} highlight{'s' if loaded.orphaned != 1 else ''} "
                        "could not be found in the changed text: see Orphaned highlights")
            self._store = store
        self._rewatch()
        self.changed.emit()

    def annotations(self) -> list[Annotation]:
        return self._store.annotations() if self._store else []

    def get(self, annotation_id: str) -> Annotation | None:
        return self._store.get(annotation_id) if self._store else None

    def at(self, offset: int) -> Annotation | None:
        """The highlight under ``offset`` (the innermost, when they overlap)."""
        hits = [a for a in self.annotations()
                if a.start is not None and a.end is not None and a.start <= offset < a.end]
        return min(hits, key=lambda a: (a.end or 0) - (a.start or 0)) if hits else None

    def painted_spans(self) -> list[PaintedSpan]:
        return [PaintedSpan(a.start, a.end, color_hex(a.color), bool(a.note.strip()))
                for a in self.annotations()
                if a.start is not None and a.end is not None]

    def known_tags(self) -> list[str]:
        return sorted({t for a in self.annotations() for t in a.tags}, key=str.casefold)

    @property
    def transcript_note(self) -> str:
        return self._store.transcript_note if self._store else ""

    def citation(self, annotation_id: str) -> str | None:
        annotation = self.get(annotation_id)
        if self._store is None or annotation is None:
            return None
        return citation(self._store.transcript, annotation)

    # --- edits (each one undoable) -----------------------------------------------------

    def highlight(self, start: int, end: int, color: str | None = None) -> Annotation | None:
        if self._store is None or end <= start:
            return None
        text = self._store.transcript.text[start:end]
        if not text.strip():
            return None
        # A selection dragged past a word's edge takes the spaces with it; keep the words.
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        command = AddHighlight(self._store, start, end, color or self.current_color,
                               self._edited)
        self._push(command)
        return command.annotation

    def set_color(self, annotation_id: str, color: str) -> None:
        if color not in COLORS:
            raise ValueError(f"unknown colour {color!r}")
        self._update(annotation_id, "Change Colour", color=color)

    def set_note(self, annotation_id: str, note: str, tags: tuple[str, ...] | None = None
                 ) -> None:
        self._update(annotation_id, "Edit Note", note=note, tags=tags)

    def set_tags(self, annotation_id: str, tags: tuple[str, ...]) -> None:
        self._update(annotation_id, "Edit Tags", tags=tags)

    def reattach(self, annotation_id: str, start: int, end: int) -> None:
        self._update(annotation_id, "Re-attach Highlight", reattach=(start, end))

    def delete(self, annotation_id: str) -> None:
        if self._store is not None and self._store.get(annotation_id) is not None:
            self._push(DeleteHighlight(self._store, annotation_id, self._edited))

    def set_transcript_note(self, text: str) -> None:
        if self._store is not None and text != self._store.transcript_note:
            self._push(SetTranscriptNote(self._store, text, self._edited))

    def _update(self, annotation_id: str, text: str, **edit: object) -> None:
        if self._store is None or self._store.get(annotation_id) is None:
            return
        self._push(UpdateHighlight(self._store, annotation_id, text, self._edited,
                                   **edit))  # type: ignore[arg-type]

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)  # runs redo() once

    def _edited(self) -> None:
        self._schedule_save()
        self.changed.emit()

    # --- saving and other writers ------------------------------------------------------

    def _schedule_save(self) -> None:
        self._save_timer.start()

    def flush(self) -> None:
        """Save now if anything is unsaved (on quit, before opening another transcript)."""
        self._save_timer.stop()
        if self._store is not None and self._store.dirty:
            self.save()

    def save(self) -> None:
        if self._store is None:
            return
        try:
            result = self._store.save()
        except TranscriptError as error:
            self.message.emit(str(error))
            return
        for line in result.messages:
            self.message.emit(line)
        self._rewatch()
        if result.merged_ids:
            self.changed.emit()
        self.saved.emit()

    def _rewatch(self) -> None:
        current = self._watcher.files() + self._watcher.directories()
        if current:
            self._watcher.removePaths(current)
        if self._store is None:
            return
        wanted: list[Path] = []
        for path in self._store.watched_paths():
            # The file is replaced on every save (a new inode), so watch its folder too.
            wanted += [p for p in (path, path.parent) if p.exists()]
        if wanted:
            self._watcher.addPaths(sorted({str(p) for p in wanted}))

    def _check_disk(self) -> None:
        store = self._store
        if store is None or not store.changed_on_disk():
            return
        try:
            loaded = store.load()
        except TranscriptError as error:
            self.message.emit(str(error))
            return
        for line in loaded.messages:
            self.message.emit(line)
        self._rewatch()
        if loaded.changed_ids:
            self.message.emit("Notes updated: another window or program changed them")
            self.changed.emit()
