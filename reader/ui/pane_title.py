"""A pane's titles: the small capitals title above a sidebar pane ("LIBRARY", "CHAPTERS"), in
the muted text colour, and :class:`ElidedLabel`, a one-line title (the second reading pane's)
that is cut with '…' when the pane is too narrow for it, the full text in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title.upper())
    label.setObjectName("paneTitle")
    label.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt; "
                        "font-weight: 600; letter-spacing: 1px; padding-left: 6px;")
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


class ElidedLabel(QLabel):
    """A one-line plain-text label that shows as much of its text as its width holds, ending
    with '…' when some is left out (a QLabel alone cuts it mid-word, with no sign of it).

    ``text()`` is the full text; the tooltip is the full text, then whatever ``setToolTip``
    was given (the file's path, say)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self._detail = ""
        self.setText(text)

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """What the label shows now: the text, or its start and '…'."""
        return super().text()

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()
        self._show_tooltip()

    def setToolTip(self, tip: str) -> None:
        self._detail = tip
        self._show_tooltip()

    def sizeHint(self) -> QSize:
        # Room for the whole text when there is some; the label is cut only when there is not.
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() \
            + margins.right() + 2 * self.margin() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # A long title never widens the pane: it is cut down to its first letters and '…'.
        return QSize(self.fontMetrics().horizontalAdvance("W…"),
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()  # a style sheet's font-weight arrives after the text

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        super().setText(self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, width)))

    def _show_tooltip(self) -> None:
        super().setToolTip("\n".join(part for part in (self._full, self._detail) if part))
