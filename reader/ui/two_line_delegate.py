"""Paints a list row as a primary line (wrapped to two lines at most) and a muted second line.

Used by the library list (title / show) and the chapter sidebar (title / time), so both sidebars
read alike. Models supply the second line under :data:`SECONDARY_ROLE`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

if TYPE_CHECKING:  # QStyle's Python enums cost ~20 ms: made at the first row drawn, not at start
    from PySide6.QtWidgets import QStyleOptionViewItem

SECONDARY_ROLE = Qt.ItemDataRole.UserRole + 1
EMPHASIS_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: draw the primary line bold
PADDING = 6

# A model index as Qt passes it to models and delegates.
Index = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        primary_color = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted_color = primary_color if selected else option.palette.color(
            group, QPalette.ColorRole.PlaceholderText)

        view = option.widget
        if option.state & QStyle.StateFlag.State_HasFocus and view is not None \
                and view.hasFocus():
            # The style draws no visible focus on a selected row: a frame inside the row, in
            # the colour that stands out on it, says where the keyboard is.
            painter.save()
            pen = QPen(option.palette.color(group, QPalette.ColorRole.HighlightedText
                                            if selected else QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(2, 2, -2, -2))
            painter.restore()

        rect = option.rect.adjusted(PADDING, PADDING // 2, -PADDING, -PADDING // 2)
        font = QFont(option.font)
        font.setBold(bool(index.data(EMPHASIS_ROLE)))
        metrics = QFontMetrics(font)
        painter.save()
        painter.setFont(font)
        painter.setPen(primary_color)
        primary = QRect(rect.left(), rect.top(), rect.width(), metrics.lineSpacing() * 2)
        painter.drawText(primary, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                         _fit_two_lines(text, metrics, rect.width()))
        used = metrics.boundingRect(primary, int(Qt.TextFlag.TextWordWrap),
                                    _fit_two_lines(text, metrics, rect.width())).height()
        secondary = index.data(SECONDARY_ROLE)
        if secondary:
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
            painter.setFont(small)
            painter.setPen(muted_color)
            line = QRect(rect.left(), rect.top() + used + 1, rect.width(),
                         QFontMetrics(small).lineSpacing())
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft),
                             QFontMetrics(small).elidedText(str(secondary),
                                                            Qt.TextElideMode.ElideRight,
                                                            rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        width = max(40, option.rect.width() - 2 * PADDING) if option.rect.width() > 0 else 240
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        lines = 1 if metrics.horizontalAdvance(text) <= width else 2
        height = metrics.lineSpacing() * lines + PADDING
        if index.data(SECONDARY_ROLE):
            height += metrics.lineSpacing()
        return QSize(width, height + PADDING // 2)


def _fit_two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Trim ``text`` so that, word-wrapped to ``width``, it fits two lines, ending with '…'."""
    if metrics.horizontalAdvance(text) <= width * 1.8:
        return text
    words = text.split()
    kept: list[str] = []
    for word in words:
        candidate = " ".join([*kept, word]) + "…"
        if metrics.horizontalAdvance(candidate) > width * 1.8:
            break
        kept.append(word)
    return " ".join(kept).rstrip(".,;:–—-") + "…"
