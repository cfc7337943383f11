"""How the reading column looks, apart from the text size: font family, line spacing, column
width, and the colour theme. Remembered in QSettings beside the text size (``view/...``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument

THEMES = ("system", "light", "dark")
# Multiples of each block's own line height (the builder gives headings and paragraphs
# different ones); 1.0 is the builder's design.
LINE_SPACINGS = (0.85, 0.93, 1.0, 1.1, 1.2, 1.35)
# Widest reading column, in average character widths: 60-75 is the classic comfortable measure;
# 0 means the whole width of the pane.
COLUMN_WIDTHS = (56, 64, 72, 84, 100, 0)
DEFAULT_COLUMN = 72


@dataclass(frozen=True, slots=True)
class ReadingStyle:
    font_family: str = ""  # "" is the system's default font
    line_spacing: float = 1.0
    column_chars: int = DEFAULT_COLUMN
    theme: str = "system"

    def stepped(self, *, spacing: int = 0, column: int = 0) -> ReadingStyle:
        """The next or previous line spacing / column width (stopping at either end)."""
        result = self
        if spacing:
            result = replace(result, line_spacing=_step(LINE_SPACINGS, self.line_spacing,
                                                        spacing))
        if column:
            widths = COLUMN_WIDTHS[:-1]
            if self.column_chars == 0:  # full width is the widest step
                result = (replace(result, column_chars=widths[-1]) if column < 0 else result)
            elif column > 0 and self.column_chars >= widths[-1]:
                result = replace(result, column_chars=0)
            else:
                result = replace(result, column_chars=int(_step(widths, self.column_chars,
                                                                column)))
        return result


def _step(values: tuple[float, ...] | tuple[int, ...], current: float, steps: int) -> float:
    nearest = min(range(len(values)), key=lambda i: abs(values[i] - current))
    return values[max(0, min(len(values) - 1, nearest + steps))]


def load_style(settings: QSettings) -> ReadingStyle:
    """The remembered style; anything missing or unreadable is the default."""
    default = ReadingStyle()
    theme = str(settings.value("view/theme", default.theme))
    try:
        spacing = float(str(settings.value("view/line_spacing", default.line_spacing)))
    except (TypeError, ValueError):
        spacing = default.line_spacing
    try:
        column = int(str(settings.value("view/column_chars", default.column_chars)))
    except (TypeError, ValueError):
        column = default.column_chars
    return ReadingStyle(
        font_family=str(settings.value("view/font_family", "") or ""),
        line_spacing=min(LINE_SPACINGS, key=lambda s: abs(s - spacing)),
        column_chars=column if column in COLUMN_WIDTHS else default.column_chars,
        theme=theme if theme in THEMES else default.theme,
    )


def save_style(settings: QSettings, style: ReadingStyle) -> None:
    settings.setValue("view/theme", style.theme)
    settings.setValue("view/font_family", style.font_family)
    settings.setValue("view/line_spacing", float(style.line_spacing))
    settings.setValue("view/column_chars", int(style.column_chars))


def space_lines(document: QTextDocument, factor: float) -> None:
    """Multiply every block's proportional line height by ``factor`` (after the builder ran,
    so the builder keeps its per-kind design and this stays one knob)."""
    if abs(factor - 1.0) < 1e-6:
        return
    proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        proportional_now = fmt.lineHeightType() == proportional
        height = (fmt.lineHeight() or 100.0) if proportional_now else 100.0
        fmt.setLineHeight(round(height * factor), proportional)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()
