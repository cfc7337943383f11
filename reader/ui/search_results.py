"""Drawing search results: each hit's snippet as rich text with the matched words in bold
(escaped: a transcript may say "<b>"), cut to a few lines from a little before its first match,
the muted detail line with a NOTE badge for notes, the transcript and chapter headings and the
"Show N more" rows. The rows and their model are in :mod:`.search_rows` (re-exported here)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from reader.core.annotations import color_hex
from reader.core.search import Hit
from reader.ui.search_rows import (
    ROW_ROLE,
    Row,
    RowKind,
    SearchResultsModel,
    describe_hit,
    group_rows,
    hit_key,
)
from reader.ui.two_line_delegate import Index

SNIPPET_LINES = 4  # a snippet is cut to about this many lines around its first match
PADDING = 6
INDENT = 14  # hits and chapter headings sit under their transcript
CACHED_LAYOUTS = 500  # snippet layouts kept (a few result lists' worth)
HIT_GAP = 8  # space below a hit, so one snippet does not run into the next
NOTE_BADGE = "NOTE"

__all__ = ["Row", "RowKind", "SearchResultDelegate", "SearchResultsModel", "describe_hit",
           "from_first_match", "group_rows", "hit_key", "snippet_html", "trim_runs"]


def trim_runs(runs: Sequence[tuple[str, bool]], budget: int) -> list[tuple[str, bool]]:
    """The snippet's runs cut to about ``budget`` characters at a word, ending with "…"."""
    kept: list[tuple[str, bool]] = []
    used = 0
    for text, is_match in runs:
        if used + len(text) <= budget:
            kept.append((text, is_match))
            used += len(text)
            continue
        room = budget - used
        cut = text[:room].rsplit(" ", 1)[0] if " " in text[:room] else ""
        if cut.strip() and not is_match:
            kept.append((cut.rstrip(" ,;:"), False))
        kept.append(("…", False))
        break
    return kept


def from_first_match(runs: Sequence[tuple[str, bool]], budget: int
                     ) -> list[tuple[str, bool]]:
    """The snippet from a little before its first match (at a word, after "…"), so that the
    match is within the first ``budget`` characters shown; as it is when it already is."""
    before = 0
    for text, is_match in runs:
        if is_match:
            break
        before += len(text)
    else:
        return list(runs)
    lead = budget // 4  # words kept before the match, so it is read in context
    drop = before - lead
    if drop <= 0:
        return list(runs)
    kept: list[tuple[str, bool]] = [("…", False)]
    skipped = 0
    for text, is_match in runs:
        if skipped >= drop:
            kept.append((text, is_match))
            continue
        if skipped + len(text) <= drop:  # never a match: those come after ``drop``
            skipped += len(text)
            continue
        cut = drop - skipped
        rest = text[cut:]
        if not text[cut - 1].isspace():  # mid-word: start at the next word
            rest = rest.partition(" ")[2]
        if rest.strip():
            kept.append((rest.lstrip(" ,;:.!?"), is_match))
        skipped = drop
    return kept


def snippet_html(runs: Sequence[tuple[str, bool]]) -> str:
    """Rich text for the delegate: every run escaped (a transcript may say "<b>"), matches
    bold."""
    return "".join(f"<b>{html.escape(t)}</b>" if hit else html.escape(t) for t, hit in runs)


class SearchResultDelegate(QStyledItemDelegate):
    """Draws headings, hits (the snippet as rich text, matched words in bold, escaped), the
    muted detail line with a NOTE badge for notes, and the "Show more" rows."""

    def __init__(self, parent: QStyledItemDelegate | None = None) -> None:
        super().__init__(parent)
        self.width = 240  # the list's viewport width (set_width); rows are that wide
        # Laying out a snippet is most of a row's cost; the same hits come back as the reader
        # refines a query or the index updates, so layouts are kept across result lists.
        self._sizes: dict[tuple[RowKind, str, str, int], QSize] = {}
        self._documents: dict[tuple[str, int], QTextDocument] = {}

    def set_width(self, width: int) -> None:
        self.width = max(120, width)

    def shown_runs(self, row: Row, font: QFont) -> list[tuple[str, bool]]:
        """The part of a hit's snippet that fits its row: around the first match."""
        assert row.hit is not None
        text_width = self.width - INDENT - 2 * PADDING
        per_line = max(20, text_width // max(1, QFontMetrics(font).averageCharWidth()))
        budget = per_line * SNIPPET_LINES
        return trim_runs(from_first_match(row.hit.snippet.runs, budget), budget)

    def _document(self, row: Row, font: QFont) -> QTextDocument:
        text_width = self.width - INDENT - 2 * PADDING
        html = snippet_html(self.shown_runs(row, font))
        key = (html, text_width)
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) > CACHED_LAYOUTS:
                self._documents.clear()
            document = QTextDocument()
            document.setDefaultFont(font)
            document.setDocumentMargin(0)
            document.setHtml(html)
            document.setTextWidth(text_width)
            self._documents[key] = document
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row: Row = index.data(ROW_ROLE)
        key = (row.kind, row.text, row.detail, self.width)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        metrics = QFontMetrics(option.font)
        if row.kind is RowKind.TRANSCRIPT:
            height = 2 * metrics.lineSpacing() + PADDING + 4
        elif row.kind is RowKind.HIT:
            document = self._document(row, option.font)
            height = int(document.size().height()) + PADDING + HIT_GAP
            if _has_detail_line(row):
                height += _small_metrics(option.font).lineSpacing()
        else:
            height = metrics.lineSpacing() + PADDING
        if len(self._sizes) > CACHED_LAYOUTS:
            self._sizes.clear()
        size = self._sizes[key] = QSize(self.width, height)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: Row = index.data(ROW_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if row.kind in (RowKind.HIT, RowKind.MORE):  # headings have no selection or hover
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        palette = option.palette
        group = QPalette.ColorGroup.Normal
        text_color = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = text_color if selected else palette.color(group,
                                                          QPalette.ColorRole.PlaceholderText)
        rect = option.rect
        painter.save()
        if row.kind is RowKind.TRANSCRIPT:
            self._paint_transcript(painter, option, row, text_color, muted)
        elif row.kind is RowKind.CHAPTER:
            font = QFont(option.font)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(muted)
            inner = rect.adjusted(INDENT - 4 + PADDING, 0, -PADDING, 0)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignVCenter),
                             QFontMetrics(font).elidedText(row.text, Qt.TextElideMode.ElideRight,
                                                           inner.width()))
        elif row.kind is RowKind.MORE:
            painter.setPen(text_color if selected else palette.color(group,
                                                                     QPalette.ColorRole.Link))
            inner = rect.adjusted(INDENT + PADDING, 0, -PADDING, 0)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignVCenter), row.text)
        else:
            self._paint_hit(painter, option, row, text_color, muted)
        painter.restore()

    def _paint_transcript(self, painter: QPainter, option: QStyleOptionViewItem, row: Row,
                          color: QColor, muted: QColor) -> None:
        rect = option.rect.adjusted(PADDING, PADDING // 2 + 4, -PADDING, 0)
        bold = QFont(option.font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        painter.setFont(bold)
        painter.setPen(color)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), metrics.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(row.text, Qt.TextElideMode.ElideRight, rect.width()))
        small = _small_font(option.font)
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(QRect(rect.left(), rect.top() + metrics.lineSpacing(), rect.width(),
                               QFontMetrics(small).lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft),
                         QFontMetrics(small).elidedText(row.detail, Qt.TextElideMode.ElideRight,
                                                        rect.width()))

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem, row: Row,
                   color: QColor, muted: QColor) -> None:
        assert row.hit is not None
        document = self._document(row, option.font)
        left = option.rect.left() + INDENT + PADDING
        top = option.rect.top() + PADDING // 2
        painter.translate(left, top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, color)
        context.clip = QRectF(0, 0, document.textWidth(), document.size().height())
        document.documentLayout().draw(painter, context)
        painter.translate(-left, -top)
        if not _has_detail_line(row):
            return
        line_top = top + int(document.size().height()) + 1
        small = _small_font(option.font)
        small_metrics = QFontMetrics(small)
        painter.setFont(small)
        x = left
        if row.hit.kind == "note":
            x += self._paint_badge(painter, x, line_top, small, row.hit)
        painter.setPen(muted)
        room = option.rect.right() - PADDING - x
        painter.drawText(QRect(x, line_top, max(0, room), small_metrics.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft),
                         small_metrics.elidedText(row.detail, Qt.TextElideMode.ElideRight,
                                                  max(0, room)))

    @staticmethod
    def _paint_badge(painter: QPainter, x: int, top: int, font: QFont, hit: Hit) -> int:
        """A small NOTE pill in the highlight's colour; returns the width it took."""
        badge = QFont(font)
        badge.setBold(True)
        badge.setPointSizeF(max(6.5, font.pointSizeF() - 1))
        metrics = QFontMetrics(badge)
        width = metrics.horizontalAdvance(NOTE_BADGE) + 8
        height = QFontMetrics(font).lineSpacing() - 1
        fill = QColor(color_hex(hit.color)) if hit.color else QColor("#c8c8c8")
        fill.setAlpha(150)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRect(x, top, width, height), 4, 4)
        painter.setFont(badge)
        painter.setPen(QColor("#202020"))
        painter.drawText(QRect(x, top, width, height), int(Qt.AlignmentFlag.AlignCenter),
                         NOTE_BADGE)
        painter.setFont(font)
        return width + 6


def _has_detail_line(row: Row) -> bool:
    return bool(row.detail) or (row.hit is not None and row.hit.kind == "note")


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    return small


def _small_metrics(font: QFont) -> QFontMetrics:
    return QFontMetrics(_small_font(font))
