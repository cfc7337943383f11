"""The chapter sidebar: chapters with their start times; the current one follows the reader.

Automatic sections are in italics (with a tooltip saying so), the user's own chapters say
"your chapter" under the title; :mod:`reader.ui.chapter_actions` adds the context menu."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListView, QStackedWidget, QWidget

from reader.core.model import ChapterKind, Transcript
from reader.core.timefmt import format_clock
from reader.ui.two_line_delegate import EMPHASIS_ROLE, SECONDARY_ROLE, Index, TwoLineDelegate

KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # "source", "auto" or "user"
KIND_NOTES = {
    ChapterKind.SOURCE: "A chapter of the transcript.",
    ChapterKind.AUTO: "Automatic section (auto): found by the app, it may change as the method "
                      "improves. Right-click to keep it as your own chapter.",
    ChapterKind.USER: "Your chapter: saved with your notes beside the transcript.",
}


class ChapterModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._transcript: Transcript | None = None
        self._current: int | None = None

    def set_transcript(self, transcript: Transcript | None) -> None:
        self.beginResetModel()
        self._transcript = transcript
        self._current = None
        self.endResetModel()

    @property
    def transcript(self) -> Transcript | None:
        return self._transcript

    def set_current(self, row: int | None) -> None:
        previous, self._current = self._current, row
        for changed in {previous, row} - {None}:
            index = self.index(changed)  # type: ignore[arg-type]
            self.dataChanged.emit(index, index, [EMPHASIS_ROLE])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if parent.isValid() or self._transcript is None:
            return 0
        return len(self._transcript.chapters)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._transcript is None:
            return None
        chapter = self._transcript.chapters[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return chapter.title
        if role == SECONDARY_ROLE:
            parts = []
            if chapter.start_time is not None:
                end = (f" – {format_clock(chapter.end_time)}"
                       if chapter.end_time is not None else "")
                parts.append(format_clock(chapter.start_time) + end)
            if chapter.kind is ChapterKind.USER:
                parts.append("your chapter")
            return " · ".join(parts) or None
        if role == EMPHASIS_ROLE:
            return index.row() == self._current
        if role == Qt.ItemDataRole.FontRole and chapter.kind is ChapterKind.AUTO:
            font = QFont()
            font.setItalic(True)  # found by the app: quieter than chapters someone wrote
            return font
        if role == KIND_ROLE:
            return chapter.kind.value
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{chapter.title}\n{KIND_NOTES[chapter.kind]}\n\n"
                    f"{self._transcript.excerpt(index.row(), 240)}")
        return None


class ChapterPanel(QStackedWidget):
    chapterClicked = Signal(str)  # id of the chapter the user chose (rows shift when chapters
    # are added; ids do not)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterPanel")
        self.chapter_model = ChapterModel()
        self.list = QListView(self)
        self.list.setModel(self.chapter_model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._chosen)
        self.list.activated.connect(self._chosen)
        self.empty = QLabel("This transcript has no chapters.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.addWidget(self.list)
        self.addWidget(self.empty)

    def set_transcript(self, transcript: Transcript | None) -> None:
        self.chapter_model.set_transcript(transcript)
        has_chapters = transcript is not None and bool(transcript.chapters)
        self.setCurrentWidget(self.list if has_chapters else self.empty)

    def _chosen(self, index: QModelIndex) -> None:
        transcript = self.chapter_model.transcript
        if transcript is not None and 0 <= index.row() < len(transcript.chapters):
            self.chapterClicked.emit(transcript.chapters[index.row()].id)

    def current_chapter(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else None

    def set_current_chapter(self, row: int | None) -> None:
        """Mark ``row`` as where the reader is: selected, bold, scrolled into view."""
        self.chapter_model.set_current(row)
        selection = self.list.selectionModel()
        if row is None:
            selection.clearCurrentIndex()
            selection.clearSelection()
            return
        index = self.chapter_model.index(row)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
