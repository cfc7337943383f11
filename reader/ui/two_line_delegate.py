"""Paints a list row as a primary line (wrapped to two lines at most) and a muted second line.

Used by the library list (title / show) and the chapter sidebar (title / time), so both sidebars
read alike. Models supply the second line under :data:`SECONDARY_ROLE`. The size hint lays the
text out exactly as :meth:`TwoLineDelegate.paint` draws it (same font, italic or bold included,
same wrapping), so a row is never shorter than what is drawn in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

if TYPE_CHECKING:  # QStyle's Python enums cost ~20 ms: made at the first row drawn, not at start
    from PySide6.QtWidgets import QStyleOptionViewItem

SECONDARY_ROLE = Qt.ItemDataRole.UserRole + 1
EMPHASIS_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: draw the primary line bold
PADDING = 6

# A model index as Qt passes it to models and delegates.
Index = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    def line_budget(self, primary: list[str], secondary: list[str]) -> tuple[int, int]:
        """How many lines the primary and the secondary text may take, given how many each
        needs when wrapped without limit: two and one here; rows of a fixed height share
        theirs (see notes_panel.AnnotationDelegate)."""
        return 2, 1

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
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
        font, small = self._fonts(option, index)
        primary, secondary = self._lines(option, index, font, small, rect.width())
        painter.save()
        top = rect.top()
        for lines, line_font, color in ((primary, font, primary_color),
                                        (secondary, small, muted_color)):
            painter.setFont(line_font)
            painter.setPen(color)
            spacing = QFontMetrics(line_font).lineSpacing()
            for line in lines:
                painter.drawText(QRect(rect.left(), top, rect.width(), spacing),
                                 int(Qt.AlignmentFlag.AlignLeft), line)
                top += spacing
            top += 1  # a hair between the title and its second line
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        from PySide6.QtWidgets import QStyleOptionViewItem

        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)  # the row's own font (italic for automatic sections)
        width = max(40, option.rect.width() - 2 * PADDING) if option.rect.width() > 0 else 240
        font, small = self._fonts(option, index)
        primary, secondary = self._lines(option, index, font, small, width)
        height = len(primary) * QFontMetrics(font).lineSpacing()
        if secondary:
            height += 1 + len(secondary) * QFontMetrics(small).lineSpacing()
        return QSize(width, height + PADDING + PADDING // 2)

    def shown_lines(self, option: QStyleOptionViewItem,
                    index: Index) -> tuple[list[str], list[str]]:
        """The primary and secondary lines as :meth:`paint` draws them in ``option.rect``."""
        from PySide6.QtWidgets import QStyleOptionViewItem

        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        font, small = self._fonts(option, index)
        return self._lines(option, index, font, small, option.rect.width() - 2 * PADDING)

    def _fonts(self, option: QStyleOptionViewItem, index: Index) -> tuple[QFont, QFont]:
        """The primary line's font (the row's, bold for the emphasised row) and the smaller
        one of the second line."""
        font = QFont(option.font)
        font.setBold(bool(index.data(EMPHASIS_ROLE)))
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        return font, small

    def _lines(self, option: QStyleOptionViewItem, index: Index, font: QFont, small: QFont,
               width: int) -> tuple[list[str], list[str]]:
        text = str(option.text or index.data(Qt.ItemDataRole.DisplayRole) or "")
        secondary = str(index.data(SECONDARY_ROLE) or "")
        primary_lines = wrap(text, font, width)
        secondary_lines = wrap(secondary, small, width) if secondary else []
        most_primary, most_secondary = self.line_budget(primary_lines, secondary_lines)
        return (fit(primary_lines, font, width, most_primary),
                fit(secondary_lines, small, width, most_secondary))


def wrap(text: str, font: QFont, width: int) -> list[str]:
    """``text`` word-wrapped to ``width`` in ``font``, as lines (a word longer than a line is
    broken where it must be)."""
    layout = QTextLayout(text, font)
    wrapping = QTextOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrapping)
    units = text.encode("utf-16-le")  # Qt counts UTF-16 code units, Python code points
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        lines.append(units[2 * start:2 * (start + length)].decode("utf-16-le").strip())
    layout.endLayout()
    return lines


def fit(lines: list[str], font: QFont, width: int, most: int) -> list[str]:
    """``lines`` (text wrapped in ``font``) cut to ``most`` lines, the last ending with '…'
    at a word's end when some of the text was left out."""
    if len(lines) <= most:
        return lines
    shown = lines[:most - 1]
    rest = " ".join(lines[most - 1:])
    last = QFontMetrics(font).elidedText(rest + "…", Qt.TextElideMode.ElideRight, width)
    kept = last[:-1]
    cut_mid_word = len(kept) < len(rest) and not rest[len(kept):].startswith(" ")
    if cut_mid_word and " " in kept:  # end at a whole word, as a reader expects
        kept = kept[:kept.rfind(" ")]
    return [*shown, kept.rstrip(" .,;:–—-") + "…"]
