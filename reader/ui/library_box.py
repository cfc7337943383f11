"""The library pane: a filter field and a sort choice above the library list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from reader.ui.library_panel import SORT_ORDERS, LibraryPanel


class LibraryBox(QWidget):
    orderChanged = Signal(str)  # a key of SORT_ORDERS

    def __init__(self, panel: LibraryPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.filter_field = QLineEdit()
        self.filter_field.setObjectName("libraryFilter")
        self.filter_field.setPlaceholderText("Filter")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName("Filter the library")
        self.filter_field.setToolTip("Show only transcripts whose title, show or file name "
                                     "holds these words")
        self.sort_box = QComboBox()
        self.sort_box.setObjectName("librarySort")
        self.sort_box.setAccessibleName("Sort the library by")
        self.sort_box.setToolTip("Sort the library")
        for key, label in SORT_ORDERS.items():
            self.sort_box.addItem(label, key)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(4)
        row.addWidget(self.filter_field, 1)
        row.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(panel)
        self.setTabOrder(self.filter_field, self.sort_box)
        self.setTabOrder(self.sort_box, panel)
        self.filter_field.textChanged.connect(panel.set_filter_text)
        self.sort_box.currentIndexChanged.connect(self._order_chosen)
        panel.filterCleared.connect(self._filter_cleared)
        self.filter_field.installEventFilter(self)

    def order(self) -> str:
        return str(self.sort_box.currentData())

    def set_order(self, order: str) -> None:
        index = self.sort_box.findData(order)
        if index >= 0:
            self.sort_box.setCurrentIndex(index)  # emits orderChanged when it changes

    def focus_filter(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def _order_chosen(self, _index: int) -> None:
        self.panel.set_order(self.order())
        self.orderChanged.emit(self.order())

    def _filter_cleared(self) -> None:
        self.filter_field.blockSignals(True)
        self.filter_field.clear()
        self.filter_field.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down goes from the filter into the list; Esc clears the filter, then leaves it.
        if watched is self.filter_field and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.panel.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.panel.currentIndex().isValid() and self.panel.model().rowCount():
                    self.panel.setCurrentIndex(self.panel.model().index(0, 0))
                return True
            if event.key() == Qt.Key.Key_Escape:
                if self.filter_field.text():
                    self.filter_field.clear()
                else:
                    self.panel.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
