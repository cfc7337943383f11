"""The library list: every transcript with its title and show; unreadable files say why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListView, QWidget

from reader.core.errors import display_path
from reader.core.library import LibraryEntry
from reader.ui.two_line_delegate import SECONDARY_ROLE, Index, TwoLineDelegate

FORMAT_LABELS = {"chapter-outline": "Chapter outline", "raw-text": "Transcript"}


class LibraryModel(QAbstractListModel):
    def __init__(self, entries: list[LibraryEntry] | None = None) -> None:
        super().__init__()
        self._entries = list(entries or [])

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def row_of(self, path: Path) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.path == path), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == SECONDARY_ROLE:
            if entry.problem:
                return entry.problem
            return entry.show or FORMAT_LABELS.get(entry.format or "", "Transcript")
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.error or display_path(entry.path)
        if role == Qt.ItemDataRole.ForegroundRole and entry.error:
            return QColor("#b3261e")
        return None


class LibraryPanel(QListView):
    entryActivated = Signal(object)  # LibraryEntry the user chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.library_model = LibraryModel()
        self.setModel(self.library_model)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.library_model.set_entries(entries)

    def select_path(self, path: Path) -> bool:
        """Make ``path`` the current entry (emits entryActivated); False if not listed."""
        row = self.library_model.row_of(path)
        if row is None:
            return False
        self.selectionModel().setCurrentIndex(
            self.library_model.index(row),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entryActivated.emit(self.library_model.entry(current.row()))
