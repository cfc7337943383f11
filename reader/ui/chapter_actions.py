"""The user's own chapters: add one at the reading place, rename, delete, and keep an automatic
section as one's own. Menu items, shortcuts, and the chapter sidebar's context menu.

The chapters live in the transcript's sidecar with the highlights
(:meth:`~reader.core.annotations.AnnotationStore.add_chapter`); the outline everything reads is
``with_user_chapters(transcript, store.user_chapters())`` (reader/core/sections), shown by
swapping the open transcript for the merged one. A chapter changed by another window or the
command line shows up when the notes are reloaded.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QMenu

from reader.core.model import ChapterKind, Transcript
from reader.core.store import TranscriptStore
from reader.ui.annotation_controller import AnnotationController
from reader.ui.chapter_panel import ChapterPanel
from reader.ui.transcript_view import TranscriptView


class ChapterActions(QObject):
    def __init__(self, window: QMainWindow, store: TranscriptStore,
                 annotations: AnnotationController, view: TranscriptView,
                 panel: ChapterPanel) -> None:
        super().__init__(window)
        self.window, self.store, self.annotations = window, store, annotations
        self.view, self.panel = view, panel
        self._base: Transcript | None = None  # the open transcript before user chapters
        # Each file's transcript as read (source and automatic chapters), by its path: the
        # store keeps the merged outline, so a re-open finds that one, and the merge must
        # start from the outline without the user's chapters (a deleted one, or an automatic
        # section it replaced, comes out right).
        self._as_read: dict[Path, Transcript] = {}
        self.add_action = self._action("Add &Chapter Here…", "Ctrl+Shift+K", self.ask_add)
        self.rename_action = self._action("&Rename Chapter…", "F2", self.ask_rename)
        self.delete_action = self._action("Delete C&hapter", "Ctrl+Alt+Shift+K",
                                          self.delete_current)
        self.keep_action = self._action("&Keep as My Chapter", "Ctrl+Alt+K", self.keep_current)
        panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.list.customContextMenuRequested.connect(self._sidebar_menu)
        annotations.changed.connect(self._notes_changed)

    def _action(self, text: str, key: str | None, slot: object) -> QAction:
        act = QAction(text, self)
        if key is not None:
            act.setShortcut(QKeySequence(key))
        if callable(slot):
            act.triggered.connect(lambda _=False, s=slot: s())
        return act

    def install(self, menu: QMenu) -> None:
        chapters = menu.addMenu("&Chapters")
        chapters.addActions([self.add_action, self.rename_action, self.keep_action,
                             self.delete_action])

    # --- the outline --------------------------------------------------------------------

    def outline(self, transcript: Transcript) -> Transcript:
        """``transcript`` (just opened, its notes loaded) with the user's chapters merged in;
        the store keeps the merged one, so it counts as what the file holds."""
        self._base = self._read_outline(transcript)
        return self._merge()

    def _read_outline(self, transcript: Transcript) -> Transcript:
        """``transcript`` as read: without the user's chapters merged in."""
        if transcript.source is None:
            return transcript
        known = self._as_read.get(transcript.source)
        if not _has_user_chapters(transcript):
            self._as_read[transcript.source] = transcript  # just read (or read again)
            return transcript
        if known is not None and known.text_hash == transcript.text_hash:
            return known
        return transcript  # merged before this window saw it: the merge replaces them

    def _merge(self) -> Transcript:
        from reader.core.sections import with_user_chapters  # loaded with the first transcript

        assert self._base is not None
        store = self.annotations.store
        merged = with_user_chapters(self._base, store.user_chapters() if store else [])
        if merged is not self._base:
            self.store.keep_outline(merged)
        self.annotations.open(merged)  # the same file: its store only takes the new object
        self.panel.set_transcript(merged)
        return merged

    def refresh(self) -> None:
        """Show the outline again after the user's chapters changed, keeping the place."""
        if self._base is None or self.view.transcript is None:
            return
        offset = self.view.top_offset()
        merged = self._merge()
        self.view.set_transcript(merged, offset, self.annotations.painted_spans())
        self.panel.set_current_chapter(merged.chapter_index_at(offset))
        self.annotations.changed.emit()  # the notes panel names chapters: redraw it

    def _notes_changed(self) -> None:
        current = self.view.transcript
        store = self.annotations.store
        if current is None or store is None or self._base is None:
            return
        if store.transcript is not current:
            return  # opening another transcript: outline() comes next
        shown = {(c.id, c.title, c.start) for c in current.chapters if c.kind is ChapterKind.USER}
        stored = {(c.id, c.title, current.blocks[current.block_index_at(c.start)].start)
                  for c in store.user_chapters()}
        if shown != stored:
            self.refresh()

    # --- edits ----------------------------------------------------------------------------

    def add_chapter(self, offset: int, title: str) -> str | None:
        """A chapter titled ``title`` at the paragraph holding ``offset``; its id."""
        store = self.annotations.store
        if store is None or not title.strip():
            return None
        mark = store.add_chapter(offset, " ".join(title.split()))
        self._saved()
        return mark.id

    def rename(self, chapter_id: str, title: str) -> None:
        store = self.annotations.store
        if store is None or not title.strip() or store.get(chapter_id) is None:
            return
        store.rename_chapter(chapter_id, " ".join(title.split()))
        self._saved()

    def delete(self, chapter_id: str) -> None:
        store = self.annotations.store
        if store is None or store.get(chapter_id) is None:
            return
        store.delete(chapter_id)
        self._saved()

    def keep(self, chapter_id: str) -> str | None:
        """An automatic (or the source's) chapter kept as the user's own, same title and place."""
        transcript = self.view.transcript
        index = transcript.chapter_by_id(chapter_id) if transcript else None
        if transcript is None or index is None:
            return None
        chapter = transcript.chapters[index]
        if chapter.kind is ChapterKind.USER:
            return chapter.id
        return self.add_chapter(chapter.start, chapter.title)

    def _saved(self) -> None:
        self.annotations.save()  # at once: a chapter is one deliberate edit, not a burst
        self.refresh()

    # --- asking the user --------------------------------------------------------------

    def _chosen(self) -> str | None:
        """The chapter chosen in the sidebar, else the one being read."""
        transcript = self.view.transcript
        if transcript is None:
            return None
        row = self.panel.current_chapter()
        if row is None:
            row = transcript.chapter_index_at(self.view.top_offset())
        return transcript.chapters[row].id if row is not None else None

    def _title(self, label: str, text: str = "") -> str | None:
        title, ok = QInputDialog.getText(self.window, "Chapter", label, QLineEdit.EchoMode.Normal,
                                         text)
        return title if ok and title.strip() else None

    def reading_place(self) -> int:
        """The text cursor if it is on screen (a click put it there), else the top line."""
        cursor, top = self.view.offset_at_cursor(), self.view.top_offset()
        return cursor if top <= cursor <= self.view.bottom_offset() else top

    def ask_add(self, offset: int | None = None) -> None:
        if self.view.transcript is None:
            return
        where = self.reading_place() if offset is None else offset
        title = self._title("Title of the new chapter (it starts at this paragraph):")
        if title is not None:
            self.add_chapter(where, title)

    def ask_rename(self, chapter_id: str | None = None) -> None:
        chapter = self._user_chapter(chapter_id or self._chosen())
        if chapter is not None:
            title = self._title("New title:", chapter.title)
            if title is not None:
                self.rename(chapter.id, title)

    def delete_current(self, chapter_id: str | None = None) -> None:
        chapter = self._user_chapter(chapter_id or self._chosen())
        if chapter is not None:
            self.delete(chapter.id)

    def keep_current(self, chapter_id: str | None = None) -> None:
        target = chapter_id or self._chosen()
        if target is not None:
            self.keep(target)

    def _user_chapter(self, chapter_id: str | None) -> _Chosen | None:
        transcript = self.view.transcript
        index = transcript.chapter_by_id(chapter_id) if transcript and chapter_id else None
        if transcript is None or index is None:
            return None
        chapter = transcript.chapters[index]
        if chapter.kind is not ChapterKind.USER:
            self._status("Only your own chapters can be renamed or deleted; keep an automatic "
                         "section as your chapter first")
            return None
        return _Chosen(chapter.id, chapter.title)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _sidebar_menu(self, point: QPoint) -> None:
        transcript = self.view.transcript
        if transcript is None:
            return
        index = self.panel.list.indexAt(point)
        chapter = transcript.chapters[index.row()] if index.isValid() else None
        menu = QMenu(self.panel)
        menu.addAction(self.add_action)
        if chapter is not None and chapter.kind is ChapterKind.USER:
            menu.addAction("Rename…", lambda: self.ask_rename(chapter.id))
            menu.addAction("Delete", lambda: self.delete(chapter.id))
        elif chapter is not None:
            menu.addAction("Keep as My Chapter", lambda: self.keep(chapter.id))
        menu.exec(self.panel.list.viewport().mapToGlobal(point))


@dataclasses.dataclass(frozen=True, slots=True)
class _Chosen:
    id: str
    title: str


def _has_user_chapters(transcript: Transcript) -> bool:
    return any(c.kind is ChapterKind.USER for c in transcript.chapters)
