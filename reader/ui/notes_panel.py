"""The notes panel: every highlight of the open transcript in reading order, with its time,
tags, chapter, colour, quote and note preview; filters by text, colour and tag; orphaned
highlights (their text changed) listed last under their own heading. A click takes the reader
to the highlight."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import COLORS, Annotation, chapter_of, color_hex, time_of
from reader.core.model import Transcript
from reader.core.note_html import note_preview, shorten
from reader.core.timefmt import format_clock
from reader.ui.two_line_delegate import PADDING, SECONDARY_ROLE, Index, TwoLineDelegate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

ID_ROLE = Qt.ItemDataRole.UserRole + 10
COLOR_ROLE = Qt.ItemDataRole.UserRole + 11
HEADER_ROLE = Qt.ItemDataRole.UserRole + 12
ORPHANS_HEADING = "Orphaned highlights"
COLOR_BAR_PX = 4
CHAPTER_CHARS = 32  # a chapter title in a row's second line, shortened


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color_hex(color)))
    return QIcon(pixmap)


class AnnotationListModel(QAbstractListModel):
    """Rows: the highlights that pass the filters, then a heading row and the orphans."""

    def __init__(self) -> None:
        super().__init__()
        self._transcript: Transcript | None = None
        self._rows: list[Annotation | None] = []  # None: the "Orphaned highlights" heading
        self._all: list[Annotation] = []
        self._filter: Callable[[Annotation], bool] = lambda a: True
        # Second lines, computed once per change: painting and filtering ask for them often.
        self._secondary: dict[str, str] = {}

    def set_annotations(self, transcript: Transcript | None,
                        annotations: list[Annotation]) -> None:
        self._transcript, self._all = transcript, annotations
        self._secondary = {}  # filled as rows are drawn or filtered
        self._relist()

    def set_filter(self, keep: Callable[[Annotation], bool]) -> None:
        self._filter = keep
        self._relist()

    def _relist(self) -> None:
        kept = [a for a in self._all if self._filter(a)]
        anchored = [a for a in kept if not a.orphaned]
        orphans = [a for a in kept if a.orphaned]
        self.beginResetModel()
        self._rows = [*anchored, *([None, *orphans] if orphans else [])]
        self.endResetModel()

    def annotation(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: str) -> int | None:
        return next((i for i, a in enumerate(self._rows) if a and a.id == annotation_id), None)

    def secondary(self, annotation: Annotation) -> str:
        cached = self._secondary.get(annotation.id)
        if cached is None:
            cached = self._secondary[annotation.id] = self._describe(annotation)
        return cached

    def _describe(self, annotation: Annotation) -> str:
        """Time, #tags and chapter first (short, and lost when a long note came first and the
        line was cut at the panel's edge), then the note; the tooltip has it all."""
        parts: list[str] = []
        chapter = None
        if self._transcript is not None and not annotation.orphaned:
            seconds = time_of(self._transcript, annotation)
            if seconds is not None:
                parts.append(format_clock(seconds))
            chapter = chapter_of(self._transcript, annotation)
        if annotation.tags:
            parts.append(" ".join(f"#{t}" for t in annotation.tags))
        if chapter is not None:
            parts.append(shorten(chapter.title, CHAPTER_CHARS))
        if annotation.note.strip():
            parts.append("✎ " + note_preview(annotation.note, 80))
        return " · ".join(parts)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.annotation(index.row()) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        annotation = self._rows[index.row()]
        if annotation is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return ORPHANS_HEADING
            if role == SECONDARY_ROLE:
                return "Their text changed; re-attach them to a new selection, or delete them"
            return True if role == HEADER_ROLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(annotation.exact.split())
        if role == SECONDARY_ROLE:
            return self.secondary(annotation)
        if role == ID_ROLE:
            return annotation.id
        if role == COLOR_ROLE:
            return color_hex(annotation.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\n\n{annotation.note}" if annotation.note.strip() else ""
            details = self.secondary(annotation)
            return f"“{annotation.exact.strip()}”{note}" + (f"\n\n{details}" if details else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{annotation.color} highlight: {annotation.exact.strip()}"
        return None


class AnnotationDelegate(TwoLineDelegate):
    """The two-line row, with the highlight's colour as a bar on the left. Every row has the
    height of three lines (quote and details share them), so the list can use uniform item
    sizes (measuring 2,000 rows one by one took 0.7 s)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(max(40, option.rect.width()), metrics.lineSpacing() * 3 + 2 * PADDING)

    def line_budget(self, primary: list[str], secondary: list[str]) -> tuple[int, int]:
        # The row's height holds two lines of quote and one of details, or one and two: a
        # details line that does not fit (a note after the time, tags and chapter) gets the
        # second, and the quote is cut to one line; the tooltip has both in full.
        return (2, 1) if len(secondary) <= 1 else (1, 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        color = index.data(COLOR_ROLE)
        if index.data(HEADER_ROLE):
            option.font.setBold(True)
        original = QRect(option.rect)
        option.rect = original.adjusted(COLOR_BAR_PX + 2, 0, 0, 0)
        super().paint(painter, option, index)
        if color:
            painter.fillRect(QRect(original.left() + 1, original.top() + 4, COLOR_BAR_PX,
                                   original.height() - 8), QColor(str(color)))


class NotesPanel(QWidget):
    annotationActivated = Signal(str)  # id of the highlight the user chose
    contextMenuFor = Signal(str, QPoint)  # (highlight id, global position)
    transcriptNoteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.model = AnnotationListModel()
        self._has_any = False
        self.search = QLineEdit(placeholderText="Filter highlights and notes")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter highlights")
        self.color_filter = QComboBox()
        self.color_filter.setAccessibleName("Filter by colour")
        self.color_filter.addItem("All colours", None)
        for name in COLORS:
            self.color_filter.addItem(swatch(name), name.capitalize(), name)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Filter by tag")
        self.list = QListView()
        self.list.setAccessibleName("Highlights")
        self.list.setModel(self.model)
        self.list.setItemDelegate(AnnotationDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty = QLabel("No highlights yet.\nSelect text and press Ctrl+H.")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.note_button = QPushButton("Transcript Note…")
        self.note_button.setAccessibleName("Edit the note about the whole transcript")
        self.note_preview = QLabel()
        self.note_preview.setTextFormat(Qt.TextFormat.PlainText)  # "<b>" in a note is text
        self.note_preview.setWordWrap(True)
        self.note_preview.setEnabled(False)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.color_filter)
        filters.addWidget(self.tag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note_button)
        layout.addWidget(self.note_preview)

        self.search.textChanged.connect(self._refilter)
        self.color_filter.currentIndexChanged.connect(self._refilter)
        self.tag_filter.currentIndexChanged.connect(self._refilter)
        self.list.clicked.connect(self._activated)
        self.list.activated.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.note_button.clicked.connect(self.transcriptNoteRequested)
        self.set_annotations(None, [], "")

    def set_annotations(self, transcript: Transcript | None, annotations: list[Annotation],
                        transcript_note: str) -> None:
        tags = sorted({t for a in annotations for t in a.tags}, key=str.casefold)
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(f"#{tag}", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen)))
        self.tag_filter.blockSignals(False)
        chosen_id = self.selected_id()
        self.model.set_annotations(transcript, annotations)
        self._refilter()
        if chosen_id is not None:  # the list is rebuilt on every edit: keep the user's place
            self.select(chosen_id)
        self._has_any = bool(annotations)
        self._show_list_or_hint()
        self.note_button.setEnabled(transcript is not None)
        self.note_preview.setText(note_preview(transcript_note, 160) if transcript_note else "")
        self.note_preview.setVisible(bool(transcript_note.strip()))

    def select(self, annotation_id: str) -> None:
        row = self.model.row_of(annotation_id)
        if row is not None:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def selected_id(self) -> str | None:
        annotation = self.model.annotation(self.list.currentIndex().row())
        return annotation.id if annotation else None

    def _refilter(self) -> None:
        words = self.search.text().casefold().split()
        color = self.color_filter.currentData()
        tag = self.tag_filter.currentData()

        if not (words or color or tag):
            self.model.set_filter(lambda annotation: True)
            self._show_list_or_hint()
            return

        def keep(annotation: Annotation) -> bool:
            if color and annotation.color != color:
                return False
            if tag and tag not in annotation.tags:
                return False
            haystack = " ".join([annotation.exact, annotation.note, *annotation.tags,
                                 self.model.secondary(annotation)]).casefold()
            return all(word in haystack for word in words)

        self.model.set_filter(keep)
        self._show_list_or_hint()

    def _show_list_or_hint(self) -> None:
        shown = self.model.rowCount() > 0
        self.list.setVisible(shown)
        self.empty.setVisible(not shown)
        self.empty.setText("No highlights match the filter." if self._has_any
                           else "No highlights yet.\nSelect text and press Ctrl+H.")

    def _activated(self, index: QModelIndex) -> None:
        annotation = self.model.annotation(index.row())
        if annotation is not None:
            self.annotationActivated.emit(annotation.id)

    def _context_menu(self, point: QPoint) -> None:
        annotation = self.model.annotation(self.list.indexAt(point).row())
        if annotation is not None:
            self.contextMenuFor.emit(annotation.id, self.list.viewport().mapToGlobal(point))
