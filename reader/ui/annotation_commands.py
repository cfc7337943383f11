"""Undoable edits of highlights and notes (one QUndoCommand each).

The core store keeps records immutable, so a command holds the record before and after the edit
and undo puts the earlier one back (``AnnotationStore.restore`` makes it the newest edit, so a
merge with another writer keeps the undo).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reader.core.annotations import Annotation, AnnotationStore

Changed = Callable[[], None]


class AddHighlight(QUndoCommand):
    def __init__(self, store: AnnotationStore, start: int, end: int, color: str,
                 changed: Changed) -> None:
        super().__init__("Highlight")
        self._store, self._changed = store, changed
        self._span, self._color = (start, end), color
        self.annotation: Annotation | None = None

    def redo(self) -> None:
        if self.annotation is None:
            self.annotation = self._store.add_highlight(*self._span, color=self._color)
        else:
            self.annotation = self._store.restore(self.annotation)
        self._changed()

    def undo(self) -> None:
        if self.annotation is not None:
            self._store.delete(self.annotation.id)
        self._changed()


class DeleteHighlight(QUndoCommand):
    def __init__(self, store: AnnotationStore, annotation_id: str, changed: Changed) -> None:
        super().__init__("Delete Highlight")
        self._store, self._changed, self._id = store, changed, annotation_id
        self._deleted: Annotation | None = None

    def redo(self) -> None:
        if self._store.get(self._id) is not None:
            self._deleted = self._store.delete(self._id)
        self._changed()

    def undo(self) -> None:
        if self._deleted is not None:
            self._store.restore(self._deleted)
        self._changed()


class UpdateHighlight(QUndoCommand):
    """Colour, note or tags (whichever is given)."""

    def __init__(self, store: AnnotationStore, annotation_id: str, text: str, changed: Changed,
                 *, color: str | None = None, note: str | None = None,
                 tags: tuple[str, ...] | None = None, reattach: tuple[int, int] | None = None,
                 ) -> None:
        super().__init__(text)
        self._store, self._changed, self._id = store, changed, annotation_id
        self._color, self._note, self._tags = color, note, tags
        self._reattach = reattach
        self._before: Annotation | None = None
        self._after: Annotation | None = None

    def redo(self) -> None:
        if self._after is not None:
            self._store.restore(self._after)
        elif (before := self._store.get(self._id)) is not None:
            self._before = before
            if self._reattach is not None:
                self._store.reattach(self._id, *self._reattach)
            self._after = self._store.update(self._id, color=self._color, note=self._note,
                                             tags=self._tags)
        self._changed()

    def undo(self) -> None:
        if self._before is not None:
            self._store.restore(self._before)
        self._changed()


class SetTranscriptNote(QUndoCommand):
    def __init__(self, store: AnnotationStore, text: str, changed: Changed) -> None:
        super().__init__("Edit Transcript Note")
        self._store, self._changed = store, changed
        self._before, self._after = store.transcript_note, text

    def redo(self) -> None:
        self._store.set_transcript_note(self._after)
        self._changed()

    def undo(self) -> None:
        self._store.set_transcript_note(self._before)
        self._changed()
