"""The library list: every transcript with its title and show; unreadable files say why.

The list shows the entries through a sort-and-filter proxy (sort by show, title, date
modified or format; filter by words in the title, show or file name), so the store's order and
the model's rows stay as they are while the user rearranges what they see."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QListView, QWidget

from reader.core.errors import display_path
from reader.core.library import LibraryEntry
from reader.ui.two_line_delegate import SECONDARY_ROLE, Index, TwoLineDelegate

FORMAT_LABELS = {"chapter-outline": "Chapter outline", "raw-text": "Transcript"}
# The orders the list can be shown in: key -> label.
SORT_ORDERS = {"show": "Show and title", "title": "Title", "modified": "Date modified",
               "format": "Format"}
ERROR_COLOR = "#d9534f"  # readable on the light and the dark page alike


class LibraryModel(QAbstractListModel):
    def __init__(self, entries: list[LibraryEntry] | None = None) -> None:
        super().__init__()
        self._entries = list(entries or [])

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        if entries == self._entries:
            return  # nothing to redraw (and the current row stays current)
        if set(entries) == set(self._entries):
            self._reorder(entries)  # the rows a scan added, now in the store's order
            return
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def _reorder(self, entries: list[LibraryEntry]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._entries
        self._entries = list(entries)
        new_rows = {e.path: row for row, e in enumerate(self._entries)}
        for index in self.persistentIndexList():
            self.changePersistentIndex(index, self.index(new_rows[old[index.row()].path]))
        self.layoutChanged.emit()

    def append_entries(self, entries: list[LibraryEntry]) -> None:
        """Add rows as a scan reads files (the current row stays current)."""
        known = {e.path for e in self._entries}
        new = [e for e in entries if e.path not in known]
        if new:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._entries += new
            self.endInsertRows()

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
            return entry.show or format_label(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.error or display_path(entry.path)
        if role == Qt.ItemDataRole.ForegroundRole and entry.error:
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.title}, {entry.problem or entry.show or format_label(entry)}"
        return None


def format_label(entry: LibraryEntry) -> str:
    return FORMAT_LABELS.get(entry.format or "", "Transcript")


def _modified(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except (OSError, ValueError):
        return 0


class LibrarySortFilter(QSortFilterProxyModel):
    def __init__(self, source: LibraryModel) -> None:
        super().__init__()
        self._source = source
        self.order = "show"
        self._words: list[str] = []
        self._mtimes: dict[Path, int] = {}
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)
        source.modelReset.connect(self._mtimes.clear)

    def set_order(self, order: str) -> None:
        self.order = order if order in SORT_ORDERS else "show"
        self.invalidate()
        self.sort(0)

    def set_filter_words(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+ (invalidateFilter is deprecated)
            self.beginFilterChange()
            self._words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.casefold().split()
            self.invalidateFilter()

    def _key(self, entry: LibraryEntry) -> tuple[object, ...]:
        title = entry.title.casefold()
        if self.order == "title":
            return (title,)
        if self.order == "modified":
            if entry.path not in self._mtimes:
                self._mtimes[entry.path] = _modified(entry.path)
            return (-self._mtimes[entry.path], title)  # newest first
        if self.order == "format":
            return (entry.error is not None, format_label(entry), title)
        return ((entry.show or "").casefold(), title)

    def lessThan(self, left: Index, right: Index) -> bool:
        return (self._key(self._source.entry(left.row()))
                < self._key(self._source.entry(right.row())))

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._words:
            return True
        entry = self._source.entry(row)
        haystack = " ".join((entry.title, entry.show or "", entry.path.name)).casefold()
        return all(word in haystack for word in self._words)


class LibraryPanel(QListView):
    entryActivated = Signal(object)  # LibraryEntry the user chose
    contextMenuFor = Signal(object, QPoint)  # (LibraryEntry, global position)
    filterCleared = Signal()  # select_path had to clear the filter to show its entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAccessibleName("Library")
        self.library_model = LibraryModel()
        self.proxy = LibrarySortFilter(self.library_model)
        self.proxy.sort(0)
        self.setModel(self.proxy)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.library_model.set_entries(entries)

    def append_entries(self, entries: list[LibraryEntry]) -> None:
        self.library_model.append_entries(entries)

    def visible_entries(self) -> list[LibraryEntry]:
        """The entries as the list shows them: sorted and filtered."""
        return [self.library_model.entry(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def current_entry(self) -> LibraryEntry | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.library_model.entry(self.proxy.mapToSource(index).row())

    def set_order(self, order: str) -> None:
        self.proxy.set_order(order)
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())

    def set_filter_text(self, text: str) -> None:
        self.proxy.set_filter_words(text)

    def select_path(self, path: Path) -> bool:
        """Make ``path`` the current entry (emits entryActivated); False if not listed. A
        filter that hides it is cleared first."""
        row = self.library_model.row_of(path)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.library_model.index(row))
        if not index.isValid():
            self.proxy.set_filter_words("")
            self.filterCleared.emit()
            index = self.proxy.mapFromSource(self.library_model.index(row))
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entryActivated.emit(
                self.library_model.entry(self.proxy.mapToSource(current).row()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            entry = self.library_model.entry(self.proxy.mapToSource(index).row())
            self.contextMenuFor.emit(entry, event.globalPos())
