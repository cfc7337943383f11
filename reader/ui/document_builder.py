"""Transcript -> QTextDocument, one Qt block per model block, formats only (no HTML).

The document's text is exactly the display text: block ``i`` of the model is Qt block ``i``,
and bullet markers come from list formatting, not characters. So positions convert with
:class:`reader.core.textpos.Utf16Map` alone.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

from reader.core.model import BlockKind, Transcript

BODY_POINT_SIZE = 12.5
LINE_HEIGHT_PERCENT = 140
MUTED = QColor("#6b6b6b")


def _char(size: float = BODY_POINT_SIZE, weight: QFont.Weight = QFont.Weight.Normal,
          color: QColor | None = None, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontPointSize(size)
    fmt.setFontWeight(weight)
    fmt.setFontItalic(italic)
    if color is not None:
        fmt.setForeground(color)
    return fmt


def _block(top: float, bottom: float, line_height: int = LINE_HEIGHT_PERCENT) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


def _styles(scale: float) -> dict[BlockKind, tuple[QTextBlockFormat, QTextCharFormat]]:
    body = BODY_POINT_SIZE * scale
    return {
        BlockKind.TITLE: (_block(0, 18 * scale, 120), _char(body * 1.68, QFont.Weight.Bold)),
        BlockKind.HEADING: (_block(26 * scale, 2, 125), _char(body * 1.24, QFont.Weight.DemiBold)),
        BlockKind.TIMESPAN: (_block(0, 8 * scale, 110), _char(body * 0.84, color=MUTED)),
        BlockKind.SUMMARY: (_block(0, 10 * scale), _char(body)),
        BlockKind.BULLET: (_block(0, 3 * scale, 135), _char(body)),
        BlockKind.PARAGRAPH: (_block(0, 12 * scale), _char(body)),
    }


def build_document(transcript: Transcript, base_font: QFont | None = None,
                   scale: float = 1.0) -> QTextDocument:
    """``scale`` multiplies every font size and vertical space (the reader's text size)."""
    document = QTextDocument()
    if base_font is not None:
        document.setDefaultFont(base_font)
    document.setUndoRedoEnabled(False)  # a read-only view; undo history only costs memory
    document.setDocumentMargin(24)
    styles = _styles(scale)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    current_list: QTextList | None = None
    for index, block in enumerate(transcript.blocks):
        block_format, char_format = styles[block.kind]
        if index == 0:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block_format, char_format)
        cursor.insertText(block.text, char_format)
        if block.kind is BlockKind.BULLET:
            if current_list is None:
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDisc)
                list_format.setIndent(1)
                current_list = cursor.createList(list_format)
            else:
                current_list.add(cursor.block())
        else:
            current_list = None
    cursor.endEditBlock()
    return document
