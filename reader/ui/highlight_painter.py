"""Draws highlights into the reading pane's document as character backgrounds.

Measured (design notes, tech.md §3): merging a background into the document's character
formats costs ~10 ms for 1,000 highlights, adds nothing to paint time and survives re-layout,
where ExtraSelections cost ~90 ms to build for as many and are redrawn on every change. So
stored highlights are formats; only the transient "you are here" mark is an ExtraSelection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.textpos import Utf16Map

# How strongly a highlight colour tints the text's background: light enough that black text
# stays easy to read, strong enough to tell five colours apart.
TINT_ALPHA = 110
# On a dark background the same tint would lift the background towards the light text; a
# lighter touch keeps the contrast (tests/ui/test_reading_comfort.py measures it).
DARK_TINT_ALPHA = 72


@dataclass(frozen=True, slots=True)
class PaintedSpan:
    start: int  # display-text offsets
    end: int
    color: str  # "#rrggbb"
    underline: bool = False  # a highlight with a note gets a quiet underline


def dark_background() -> bool:
    """Is the app's text background dark (a dark theme)?"""
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def tint(color: str) -> QColor:
    qcolor = QColor(color)
    qcolor.setAlpha(DARK_TINT_ALPHA if dark_background() else TINT_ALPHA)
    return qcolor


def paint(document: QTextDocument, positions: Utf16Map, old: Iterable[PaintedSpan],
          new: Iterable[PaintedSpan]) -> None:
    """Replace the backgrounds of ``old`` spans by those of ``new`` in one edit block."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        clear = QTextCharFormat()
        clear.setBackground(QBrush())  # an explicit "no background" that merge applies
        clear.setFontUnderline(False)
        for span in old:
            _merge(cursor, positions, span, clear)
        for span in sorted(new, key=lambda s: (s.start, -s.end)):
            fmt = QTextCharFormat()
            fmt.setBackground(tint(span.color))
            if span.underline:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                base = QColor(span.color)
                fmt.setUnderlineColor(base.lighter(130) if dark_background() else base.darker(160))
            _merge(cursor, positions, span, fmt)
    finally:
        cursor.endEditBlock()


def _merge(cursor: QTextCursor, positions: Utf16Map, span: PaintedSpan,
           fmt: QTextCharFormat) -> None:
    try:
        start, end = positions.to_utf16(span.start), positions.to_utf16(span.end)
    except ValueError:
        return  # a span past the end of a shorter text: nothing to draw
    if end <= start:
        return
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)
