"""The toolbar's field that searches the library: as you type, once typing pauses
(:data:`TYPING_PAUSE_MS`), and at once on Enter; Down moves into the results, Esc clears. It is
on screen from the start, so it is kept apart from the results pane (:mod:`.search_panel`),
which is built on first use."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

TYPING_PAUSE_MS = 250


class SearchField(QLineEdit):
    """The toolbar's search field. ``queryChanged`` comes once typing pauses, or at once on
    Enter; ``downPressed`` asks to move into the results."""

    queryChanged = Signal(str)
    downPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText("Search all transcripts")
        self.setAccessibleName("Search all transcripts")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(180)
        self.setMaximumWidth(320)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._emit)
        self.textChanged.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self._emit)

    def _emit(self) -> None:
        self._pause.stop()
        self.queryChanged.emit(self.text().strip())

    def set_query(self, text: str) -> None:
        """Search for ``text`` now (a "did you mean" was chosen)."""
        self.setText(text)
        self._emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._emit()
        else:
            super().keyPressEvent(event)
