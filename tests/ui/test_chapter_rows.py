"""Chapter sidebar rows hold what they draw: a long automatic section's title, in italics and
wrapped to two lines, keeps its time inside its own row instead of drawing it under the next
row's title; the bold row of the current chapter is measured bold."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.core.formats import load_transcript
from reader.core.model import ChapterKind
from reader.ui.chapter_panel import ChapterPanel
from reader.ui.two_line_delegate import PADDING
from tests.conftest import EYE

LONG_TITLE = ("Whether AI systems will eventually be large enough to understand the physical "
              "world around them")
SHORT_TITLE = "Reinforcement learning from human feedback"


def _panel_with_long_sections(qtbot, title: str = LONG_TITLE) -> ChapterPanel:
    transcript = load_transcript(EYE)  # a raw transcript: its sections are found by the app
    chapters = tuple(replace(chapter, title=title, kind=ChapterKind.AUTO,
                             start_time=60.0 * n, end_time=60.0 * n + 59)
                     for n, chapter in enumerate(transcript.chapters))
    panel = ChapterPanel()
    qtbot.addWidget(panel)
    panel.set_transcript(replace(transcript, chapters=chapters))
    return panel


def _drawn_below(panel: ChapterPanel, row: int, width: int) -> tuple[int, int]:
    """(the row's height, how many pixel rows under it its painting reached into)."""
    delegate = panel.list.itemDelegate()
    index = panel.chapter_model.index(row)
    option = QStyleOptionViewItem()
    option.initFrom(panel.list)
    option.rect = QRect(0, 0, width, 10)
    height = delegate.sizeHint(option, index).height()
    image = QImage(width, height + 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option.rect = QRect(0, 0, width, height)
    delegate.paint(painter, option, index)
    painter.end()
    reached = max((y - height + 1 for y in range(height, height + 40) for x in range(width)
                   if image.pixelColor(x, y) != QColor("white")), default=0)
    return height, reached


def test_a_wrapped_italic_sections_time_stays_inside_its_row(qtbot) -> None:
    panel = _panel_with_long_sections(qtbot)
    index = panel.chapter_model.index(0)
    assert index.data(0) == LONG_TITLE and "1:59" not in str(index.data(0))
    for width in range(120, 300, 4):  # sidebar widths a user drags to
        height, reached = _drawn_below(panel, 0, width)
        assert reached == 0, f"at {width} px the row ({height} px) is drawn {reached} px into " \
                             "the next row"


def test_the_current_chapters_bold_title_keeps_its_time_inside_its_row(qtbot) -> None:
    panel = _panel_with_long_sections(qtbot, SHORT_TITLE)
    panel.show()
    qtbot.waitExposed(panel)
    # A width where the title fits one line upright but needs two in bold.
    italic = QFont(panel.list.font())
    italic.setItalic(True)
    bold = QFont(italic)
    bold.setBold(True)
    upright_px = QFontMetrics(italic).horizontalAdvance(SHORT_TITLE)
    bold_px = QFontMetrics(bold).horizontalAdvance(SHORT_TITLE)
    assert bold_px > upright_px + 4
    width = (upright_px + bold_px) // 2 + 2 * PADDING
    panel.resize(panel.width() - panel.list.viewport().width() + width, 600)
    qtbot.waitUntil(lambda: panel.list.viewport().width() == width)
    index = panel.chapter_model.index(1)
    plain_height = panel.list.visualRect(index).height()

    panel.set_current_chapter(1)

    height, reached = _drawn_below(panel, 1, width)
    assert reached == 0, f"the bold row is drawn {reached} px into the next row"
    assert panel.list.visualRect(index).height() >= height > plain_height
