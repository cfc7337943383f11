"""Transcript -> QTextDocument, one Qt block per model block, formats only (no HTML).

The document's text is exactly the display text: block ``i`` of the model is Qt block ``i``,
and bullet markers come from list formatting, not characters. So positions convert with
:class:`reader.core.textpos.Utf16Map` alone.

A block holding a long run without a line-break opportunity (a hex dump, one letter repeated)
is laid out as one unwrapped line, as preformatted text is: Qt wraps such a run in time that
grows with the square of its length (see UNBREAKABLE_RUN_CHARS).
"""

from __future__ import annotations

from PySide6.QtCore import QTextBoundaryFinder
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

from reader.core.model import INTERVIEWER, BlockKind, Transcript
from reader.core.timefmt import format_clock
from reader.ui import turn_margin

BODY_POINT_SIZE = 12.5
LINE_HEIGHT_PERCENT = 140
MUTED = QColor("#6b6b6b")
# To wrap a run that has no line-break opportunity, Qt measures the whole rest of the run for
# every line it makes (WrapAtWordBoundaryOrAnywhere, which QTextEdit imposes on its document,
# looks for a word boundary first and breaks anywhere only when none fits), so n characters cost
# n²: 400 KB took 11 s, 1.5 MB 103 s. Qt has no per-block wrap mode, and the text must stay the
# display text, so a block with a run this long (characters) is not wrapped at all: one line,
# laid out in linear time, reached with the horizontal scroll bar. Runs just under the limit
# cost Qt about 0.4 s per 1.5 MB of them (benchmarks/pathological_open.py); no word of the
# shared corpus comes near it (a minified JSON export breaks after its commas).
UNBREAKABLE_RUN_CHARS = 2_000


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


def has_unbreakable_run(text: str) -> bool:
    """Does ``text`` hold a run of UNBREAKABLE_RUN_CHARS characters (or of half that, perhaps)
    with no line-break opportunity where Qt would find one?

    Asks Qt's line-break rules about one window of half the limit after another: any run of
    the full limit covers a whole window. Windows keep the cost linear; ordinary text (or a
    block shorter than a window) costs one look or none."""
    window = UNBREAKABLE_RUN_CHARS // 2
    for start in range(0, len(text) - window + 1, window):
        piece = text[start : start + window]
        finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, piece)
        # The window's end counts as a boundary: none before it means none inside.
        if finder.toNextBoundary() == -1 or finder.toNextBoundary() == -1:
            return True
    return False


def build_document(transcript: Transcript, base_font: QFont | None = None,
                   scale: float = 1.0) -> QTextDocument:
    """``scale`` multiplies every font size and vertical space (the reader's text size)."""
    document = QTextDocument()
    if base_font is not None:
        document.setDefaultFont(base_font)
    document.setUndoRedoEnabled(False)  # a read-only view; undo history only costs memory
    document.setDocumentMargin(24)
    styles = _styles(scale)
    # The interviewer's turns (speaker labels, or detected in raw text) in italics: easy to
    # pick out while scrolling, quiet enough to read on.
    asking = QTextCharFormat(styles[BlockKind.PARAGRAPH][1])
    asking.setFontItalic(True)
    body = QFont(document.defaultFont())
    body.setPointSizeF(BODY_POINT_SIZE * scale)
    label_room = turn_margin.label_room(body)
    turns = turn_speakers(transcript)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    current_list: QTextList | None = None
    for index, block in enumerate(transcript.blocks):
        block_format, char_format = styles[block.kind]
        if block.role == INTERVIEWER and block.kind is BlockKind.PARAGRAPH:
            char_format = asking
        if has_unbreakable_run(block.text):
            block_format = QTextBlockFormat(block_format)
            block_format.setNonBreakableLines(True)
        if block.kind is BlockKind.PARAGRAPH and (turns[index] or block.start_time is not None):
            block_format = _marked_for_margin(block_format, turns[index], block.start_time,
                                              label_room)
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


def turn_speakers(transcript: Transcript) -> list[str | None]:
    """Per block, the speaker's name to show above it: on a paragraph where the speaker
    changes (or the first one after a heading), else None."""
    shown: list[str | None] = []
    previous: str | None = None
    for block in transcript.blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            previous = None
            shown.append(None)
            continue
        shown.append(block.speaker if block.speaker and block.speaker != previous else None)
        previous = block.speaker or previous
    return shown


def _marked_for_margin(block_format: QTextBlockFormat, speaker: str | None,
                       start_time: float | None, label_room: float) -> QTextBlockFormat:
    """The paragraph's format with its speaker (and room above for the name) and start time
    for :mod:`reader.ui.turn_margin` to paint: drawn, never characters of the text."""
    marked = QTextBlockFormat(block_format)
    if speaker:
        marked.setTopMargin(block_format.topMargin() + label_room)
        marked.setProperty(turn_margin.SPEAKER_PROPERTY, speaker)
    if start_time is not None:
        marked.setProperty(turn_margin.TIME_PROPERTY, format_clock(start_time))
    return marked
