"""Who speaks and when, drawn beside the text rather than in it.

The document's text must stay the display text (every offset in the app points into it), so a
speaker's name and a paragraph's time are not characters. The document builder marks them on
the block format (:data:`SPEAKER_PROPERTY` on the paragraph where a speaker's turn starts, with
room above it; :data:`TIME_PROPERTY` on every timed paragraph), and the reading pane paints
them after Qt has drawn the text: the name in small capitals in the space above the turn, the
time in a quiet left margin level with the paragraph's first line.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextBlock,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit

from reader.core.model import BlockKind, Transcript

SPEAKER_PROPERTY = int(QTextFormat.Property.UserProperty) + 1  # str: the name, at a turn
TIME_PROPERTY = int(QTextFormat.Property.UserProperty) + 2  # str: "12:34", on timed paragraphs
# Sizes as shares of the body text's size: quiet, but readable at a glance.
LABEL_SCALE = 0.78
TIME_SCALE = 0.76
# Space between the time and the text column, under a speaker's name, and above it (a turn is
# set apart a little more than a paragraph), in body-size ems.
GUTTER_EM = 1.0
LABEL_GAP_EM = 0.25
TURN_SPACE_EM = 0.5
# Diarisation placeholders ("SPEAKER_1", "speaker 02") read better as "Speaker 1".
_PLACEHOLDER = re.compile(r"^speaker[ _-]?0*(\d+)$", re.IGNORECASE)
# The widest time the margin must hold.
WIDEST_TIME = "00:00:00"


def label_font(body: QFont) -> QFont:
    font = QFont(body)
    font.setPointSizeF(body.pointSizeF() * LABEL_SCALE)
    font.setWeight(QFont.Weight.DemiBold)
    font.setCapitalization(QFont.Capitalization.SmallCaps)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
    return font


def time_font(body: QFont) -> QFont:
    font = QFont(body)
    font.setPointSizeF(body.pointSizeF() * TIME_SCALE)
    font.setWeight(QFont.Weight.Normal)
    return font


def label_room(body: QFont) -> float:
    """Extra space above a turn's first paragraph: one line of the name, a small gap under it
    and a little more space above it."""
    return (QFontMetricsF(label_font(body)).height()
            + body.pointSizeF() * (LABEL_GAP_EM + TURN_SPACE_EM))


def shown_name(speaker: str) -> str:
    """The speaker as the margin shows it: diarisation placeholders made readable."""
    placeholder = _PLACEHOLDER.match(speaker)
    return f"Speaker {placeholder.group(1)}" if placeholder else speaker


def margin_needed(body: QFont) -> float:
    """Width of the left margin the times need (pixels, beside the text column)."""
    return (QFontMetricsF(time_font(body)).horizontalAdvance(WIDEST_TIME)
            + QFontMetricsF(body).height() * GUTTER_EM)


def has_marks(transcript: Transcript) -> bool:
    """Has the transcript paragraphs with a speaker or a time, to draw beside the text?"""
    return any(block.kind is BlockKind.PARAGRAPH and (block.speaker or block.start_time is not None)
               for block in transcript.blocks)


def paint_view(view: QTextEdit, exposed: QRect, body: QFont) -> None:
    """Draw the names and times over the ``exposed`` part of ``view``'s viewport, after Qt
    drew the text there."""
    first = view.cursorForPosition(QPoint(0, exposed.top())).block()
    # A name is drawn in the space above its paragraph: start one block earlier.
    first = first.previous() if first.previous().isValid() else first
    scroll = QPointF(-view.horizontalScrollBar().value(), -view.verticalScrollBar().value())
    painter = QPainter(view.viewport())
    try:
        paint(painter, view.document(), first, scroll, exposed.bottom(), body,
              view.palette().color(QPalette.ColorRole.Text))
    finally:
        painter.end()


def paint(painter: QPainter, document: QTextDocument, first: QTextBlock, scroll: QPointF,
          bottom: float, body: QFont, ink: QColor) -> None:
    """Draw the names and times of the blocks from ``first`` down to ``bottom`` (viewport
    pixels). ``scroll`` is the document's offset in the viewport; ``ink`` the text colour."""
    layout = document.documentLayout()
    names, times = label_font(body), time_font(body)
    name_metrics, time_metrics = QFontMetricsF(names), QFontMetricsF(times)
    gutter = QFontMetricsF(body).height() * GUTTER_EM
    gap = body.pointSizeF() * LABEL_GAP_EM
    name_ink, time_ink = QColor(ink), QColor(ink)
    name_ink.setAlphaF(0.72)
    time_ink.setAlphaF(0.5)
    block = first
    while block.isValid():
        top = layout.blockBoundingRect(block).top() + scroll.y()
        if top > bottom:
            break
        fmt = block.blockFormat()
        speaker, when = fmt.property(SPEAKER_PROPERTY), fmt.property(TIME_PROPERTY)
        text_layout = block.layout()
        if (speaker or when) and text_layout.lineCount() > 0:
            line = text_layout.lineAt(0)
            origin = text_layout.position() + scroll
            left = origin.x() + line.x()
            baseline = origin.y() + line.y() + line.ascent()
            if speaker:
                painter.setFont(names)
                painter.setPen(name_ink)
                painter.drawText(QPointF(left, origin.y() + line.y() - gap
                                         - name_metrics.descent()), shown_name(str(speaker)))
            if when:
                painter.setFont(times)
                painter.setPen(time_ink)
                width = time_metrics.horizontalAdvance(str(when))
                box = QRectF(left - gutter - width, baseline - time_metrics.ascent(),
                             width, time_metrics.height())
                painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), str(when))
        block = block.next()
