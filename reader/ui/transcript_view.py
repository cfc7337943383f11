"""The reading pane: a read-only text view that speaks display-text offsets, not pixels.

It keeps an *anchor*: the offset of the first character at the top of the viewport. Resizing
the window or re-laying out the text scrolls back to the anchor, so the reader never loses
their place; the anchor is also what the app remembers per transcript.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.model import Transcript
from reader.core.textpos import Utf16Map
from reader.ui import highlight_painter, turn_margin
from reader.ui.document_builder import BODY_POINT_SIZE, build_document
from reader.ui.highlight_painter import PaintedSpan
from reader.ui.reading_style import ReadingStyle, space_lines
from reader.ui.view_marks import ViewMarks

# Scroll events arrive many per second while dragging; the chapter tracker needs one answer
# after the movement settles (measured cost per lookup is microseconds, the signal fan-out isn't).
SCROLL_SETTLE_MS = 40
# Space left above a heading the view scrolls to, so it doesn't sit flush with the edge.
SCROLL_HEADROOM_PX = 6
# Text sizes the reader can step through (Ctrl+= / Ctrl+-), as multiples of the body size.
TEXT_SCALES = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
MIN_MARGIN_PX = 28


class TranscriptView(QTextBrowser):
    topOffsetChanged = Signal(int)  # the display-text offset now at the top, after scrolling
    # The user asked for a context menu: (global position, display-text offset under the
    # pointer, or -1 outside the text).
    contextMenuAt = Signal(QPoint, int)
    transcriptChanged = Signal()  # another transcript (or none, or a reload) is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        # Selecting by keyboard too (Shift+arrows from a caret), so highlighting never needs
        # the mouse; links in a transcript are not followed.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._transcript: Transcript | None = None
        self._positions: Utf16Map | None = None
        self._anchor = 0
        self._scale = 1.0
        self._style = ReadingStyle()
        self._built: QTextDocument | None = None
        # Does the text have speakers' names or times to draw beside it (turn_margin)?
        self._has_margin_marks = False
        self._highlights: list[PaintedSpan] = []
        # Two layers of extra selections: find-bar matches, and the brief mark on top.
        self._marks = ViewMarks(self, self.offset_to_cursor)
        self._scrolling_programmatically = False
        self._settle = QTimer(self, singleShot=True, interval=SCROLL_SETTLE_MS)
        self._settle.timeout.connect(self._scroll_settled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --- content ---------------------------------------------------------------------

    @property
    def transcript(self) -> Transcript | None:
        return self._transcript

    def set_transcript(self, transcript: Transcript | None, offset: int = 0,
                       highlights: Sequence[PaintedSpan] = ()) -> None:
        self._transcript = transcript
        self._settle.stop()
        self._highlights = list(highlights)
        self._marks.clear()
        if transcript is None:
            self._positions = None
            self.clear()
        else:
            self._positions = Utf16Map(transcript.text)
            self._rebuild()
            self.scroll_to_offset(offset)
        self.transcriptChanged.emit()

    def _rebuild(self) -> None:
        assert self._transcript is not None
        document = build_document(self._transcript, self._body_font(), self._scale)
        space_lines(document, self._style.line_spacing)
        document.setParent(self)
        # Highlights and the column's margins go in before the view lays the document out:
        # changed after, Qt's incremental layout could stop part way (a few paragraphs laid
        # out, the rest never, however far the reader scrolled).
        assert self._positions is not None
        highlight_painter.paint(document, self._positions, (), self._highlights)
        self._has_margin_marks = turn_margin.has_marks(self._transcript)
        self._fit_column(document)
        self.setDocument(document)
        # Qt deletes only the editor's own default document; the ones built here are ours.
        if self._built is not None:
            self._built.deleteLater()
        self._built = document

    # --- highlights and marks ----------------------------------------------------------

    def set_highlights(self, spans: Sequence[PaintedSpan]) -> None:
        """Draw these highlights (replacing the ones drawn before); they stay drawn through
        resizes and text-size changes."""
        if self._positions is None:
            return
        new = list(spans)
        if new == self._highlights:
            return
        highlight_painter.paint(self.document(), self._positions, self._highlights, new)
        self._highlights = new

    def highlights(self) -> list[PaintedSpan]:
        return list(self._highlights)

    def mark_range(self, start: int, end: int) -> None:
        """Briefly mark [start, end) (where a search hit or a note took the reader)."""
        if self._positions is not None:
            self._marks.mark(start, end)

    def set_find_marks(self, matches: Sequence[tuple[int, int]], current: int | None) -> None:
        """Mark every find-bar match, ``current`` (an index into ``matches``) more strongly;
        an empty list clears them. Kept apart from the brief mark, which stays on top."""
        if self._positions is not None:
            self._marks.set_find(matches, current)

    def find_marks(self) -> list[tuple[int, int]]:
        """The find-bar matches marked now, as display-text ranges."""
        return self._marks.find_ranges()

    def is_marked(self) -> bool:
        """Is a passage briefly marked right now?"""
        return self._marks.is_marked()

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as display-text offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if self._positions is None or not cursor.hasSelection():
            return None
        start = self._positions.from_utf16(cursor.selectionStart())
        end = self._positions.from_utf16(cursor.selectionEnd())
        return (start, end) if end > start else None

    def offset_at_cursor(self) -> int:
        """Display-text offset of the text cursor (where a click or the keyboard put it)."""
        if self._positions is None:
            return -1
        return self._positions.from_utf16(self.textCursor().position())

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def reveal_range(self, start: int, end: int, *, mark: bool = True) -> None:
        """Take the reader to [start, end): scrolled into view with a little context above
        unless already fully visible, the text cursor placed there, the passage briefly
        marked."""
        if self._positions is None:
            return
        self.show_range(start, end)
        cursor = self.offset_to_cursor(start, start)
        self.setTextCursor(cursor)
        if mark:
            self.mark_range(start, end)

    def show_range(self, start: int, end: int) -> None:
        """Scroll [start, end) into view, with a little context above, unless it is already
        fully visible."""
        if self._positions is None:
            return
        if not (self.top_offset() <= start and end <= self.bottom_offset()):
            self.scroll_to_offset(start)
            bar = self.verticalScrollBar()
            # Leave a few lines above the passage: the reader sees where it sits.
            self._scrolling_programmatically = True
            try:
                bar.setValue(max(0, bar.value() - self.viewport().height() // 5))
            finally:
                self._scrolling_programmatically = False
            self._settle.start()

    def select_range(self, start: int, end: int) -> None:
        if self._positions is not None:
            self.setTextCursor(self.offset_to_cursor(start, end))

    def offset_at(self, point: QPoint) -> int:
        """Display-text offset under a viewport point."""
        if self._positions is None:
            return -1
        return self._positions.from_utf16(self.cursorForPosition(point).position())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._transcript is None:
            super().contextMenuEvent(event)
            return
        self.contextMenuAt.emit(event.globalPos(), self.offset_at(event.pos()))

    # --- text size -------------------------------------------------------------------

    @property
    def text_scale(self) -> float:
        return self._scale

    def set_text_scale(self, scale: float) -> None:
        """Resize the text, keeping the passage at the top of the view where it is."""
        scale = min(TEXT_SCALES, key=lambda s: abs(s - scale))
        if scale == self._scale:
            return
        self._scale = scale
        if self._transcript is not None:
            self._rebuild()
            self._apply_anchor()

    @property
    def reading_style(self) -> ReadingStyle:
        return self._style

    def set_reading_style(self, style: ReadingStyle, *, repaint: bool = False) -> None:
        """Font family, line spacing, column width; ``repaint`` rebuilds even if they are the
        same (the theme changed: highlight tints depend on the background). The passage at the
        top stays there."""
        if style == self._style and not repaint:
            return
        self._style = style
        if self._transcript is not None:
            self._rebuild()
            self._apply_anchor()

    def _body_font(self) -> QFont:
        font = QFont(self.font())
        if self._style.font_family:
            font.setFamily(self._style.font_family)
        return font

    def _sized_body_font(self) -> QFont:
        """The body text's font at the current text size."""
        body = self._body_font()
        body.setPointSizeF(BODY_POINT_SIZE * self._scale)
        return body

    def step_text_scale(self, steps: int) -> None:
        index = TEXT_SCALES.index(self._scale) + steps
        self.set_text_scale(TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, index))])

    def show_message(self, text: str) -> None:
        """Replace the content with a short message (a file that could not be opened)."""
        self.set_transcript(None)
        self.setPlainText(text)

    # --- positions -------------------------------------------------------------------

    def top_offset(self) -> int:
        """Display-text offset of the first character visible at the top of the viewport."""
        if self._positions is None:
            return 0
        x = self.viewport().width() // 2
        position = self.cursorForPosition(QPoint(x, 1)).position()
        return self._positions.from_utf16(position)

    def bottom_offset(self) -> int:
        """Display-text offset of the last character visible at the bottom of the viewport."""
        if self._positions is None:
            return 0
        point = QPoint(self.viewport().width() // 2, max(0, self.viewport().height() - 2))
        return self._positions.from_utf16(self.cursorForPosition(point).position())

    def at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is at the top; remembers it as the anchor."""
        if self._transcript is None or self._positions is None:
            return
        offset = max(0, min(offset, len(self._transcript.text)))
        self._anchor = offset
        self._apply_anchor()

    def _apply_anchor(self) -> None:
        assert self._positions is not None
        document = self.document()
        layout = document.documentLayout()
        layout.documentSize()  # completes the layout so the scroll range is current
        position = self._positions.to_utf16(self._anchor)
        block = document.findBlock(position)
        top = layout.blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position())
        if block.blockNumber() == 0 and (not line.isValid() or line.lineNumber() == 0):
            top = 0.0  # the very start: show the document's top margin too
        elif line.isValid() and line.lineNumber() > 0:
            top += line.y()
        elif block.blockFormat().property(turn_margin.SPEAKER_PROPERTY):
            top -= block.blockFormat().topMargin()  # the speaker's name above stays in view
        else:
            top -= min(SCROLL_HEADROOM_PX, block.blockFormat().topMargin())
        self._scrolling_programmatically = True
        try:
            self.verticalScrollBar().setValue(int(top))
        finally:
            self._scrolling_programmatically = False

    def offset_to_cursor(self, start: int, end: int) -> QTextCursor:
        """A Qt cursor selecting display-text range [start, end)."""
        assert self._positions is not None
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_utf16(start))
        cursor.setPosition(self._positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # --- events ----------------------------------------------------------------------

    def _scrolled(self, _value: int) -> None:
        if not self._scrolling_programmatically:
            self._settle.start()

    def _scroll_settled(self) -> None:
        if self._transcript is None:
            return
        self._anchor = self.top_offset()
        self.topOffsetChanged.emit(self._anchor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._transcript is not None:
            self._fit_column()
            self._apply_anchor()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._transcript is not None:
            self._apply_anchor()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text, then the speakers' names and the times beside it (turn_margin)."""
        super().paintEvent(event)
        if self._transcript is not None and self._has_margin_marks:
            turn_margin.paint_view(self, event.rect(), self._sized_body_font())

    def _fit_column(self, document: QTextDocument | None = None) -> None:
        """Centre the text in a column of readable width, however wide the window."""
        body = self._sized_body_font()
        chars = self._style.column_chars
        # However large the text, keep a margin: words never touch the pane's edges.
        side: float = MIN_MARGIN_PX
        if chars:  # 0 is the full width: no centring margins, only the minimum one
            column = QFontMetrics(body).averageCharWidth() * chars
            side = max(MIN_MARGIN_PX, (self.viewport().width() - column) / 2)
        if self._has_margin_marks:  # room for the paragraphs' times left of the column
            side = max(side, turn_margin.margin_needed(body))
        frame = (document or self.document()).rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)
