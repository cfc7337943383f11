"""Reading comfort: themes, font, line spacing, column width, remembered across restarts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.core.annotations.model import COLORS
from reader.ui import reading_comfort
from reader.ui.highlight_painter import PaintedSpan

pytestmark = pytest.mark.usefixtures("restore_palette")  # the theme is app-wide


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(top: QColor, bottom: QColor) -> QColor:
    alpha = top.alphaF()
    return QColor.fromRgbF(*(alpha * t + (1 - alpha) * b for t, b in (
        (top.redF(), bottom.redF()), (top.greenF(), bottom.greenF()),
        (top.blueF(), bottom.blueF()))))


def pane_colors(window) -> tuple[QColor, QColor]:
    """(background, text) of the reading pane as drawn (once palette changes have reached
    the widgets: they travel as events)."""
    QApplication.processEvents()
    palette = window.view.viewport().palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


def test_the_theme_follows_the_system_until_the_user_picks_one(open_window, monkeypatch) -> None:
    window = open_window()
    assert window.comfort.theme_actions["system"].isChecked()
    background, text = pane_colors(window)
    assert background.lightness() > 200 and text.lightness() < 80  # light by default

    monkeypatch.setattr(reading_comfort, "system_prefers_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    background, text = pane_colors(window)
    assert background.lightness() < 60 and text.lightness() > 200

    window.comfort.theme_actions["light"].trigger()  # the user's choice beats the system's
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert pane_colors(window)[0].lightness() > 200


def test_dark_theme_is_remembered_and_the_reading_pane_is_drawn_dark(open_window) -> None:
    window = open_window()
    window.comfort.theme_actions["dark"].trigger()
    assert "Dark" in window.statusBar().currentMessage()
    window.close()

    window = open_window()
    assert window.comfort.theme_actions["dark"].isChecked()
    image = window.view.viewport().grab().toImage()
    corner = image.pixelColor(3, 3)
    assert corner.lightness() < 60
    # The body text is drawn light on it: some pixels of the page are bright.
    bright = sum(image.pixelColor(x, y).lightness() > 180
                 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))
    assert bright > 50


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_highlight_colour_keeps_the_text_readable(open_window, theme: str) -> None:
    window = open_window()
    window.comfort.set_theme(theme)
    text = window.transcript.text
    start = text.index("deep learning") if "deep learning" in text else 100
    background, ink = pane_colors(window)
    for color in COLORS.values():
        window.view.set_highlights([PaintedSpan(start, start + 10, color)])
        cursor = window.view.offset_to_cursor(start + 5, start + 5)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        tint = cursor.charFormat().background().color()
        assert tint.alpha() > 0, "the highlight is drawn"
        seen = over(tint, background)
        assert contrast(seen, ink) >= 4.5, (theme, color, seen.name())
        assert contrast(seen, background) >= 1.15, (theme, color, "highlight cannot be seen")


def test_font_line_spacing_and_column_width_change_the_page_and_are_remembered(
        open_window) -> None:
    window = open_window()
    window.resize(1800, 900)
    view = window.view
    layout = view.document().documentLayout()
    height_before = layout.documentSize().height()
    margin_before = view.document().rootFrame().frameFormat().leftMargin()

    window.comfort.more_spacing_action.trigger()
    window.comfort.more_spacing_action.trigger()
    assert "Line spacing 1.2" in window.statusBar().currentMessage()
    assert view.document().documentLayout().documentSize().height() > height_before * 1.1

    window.comfort.wider_action.trigger()
    assert "84 characters" in window.statusBar().currentMessage()
    wider_margin = view.document().rootFrame().frameFormat().leftMargin()
    assert wider_margin < margin_before  # a wider column leaves less space at the sides

    window.comfort.set_font_family("DejaVu Serif")
    assert view.document().defaultFont().family() == "DejaVu Serif"
    window.close()

    window = open_window()
    window.resize(1800, 900)
    style = window.view.reading_style
    assert (style.font_family, style.line_spacing, style.column_chars) == (
        "DejaVu Serif", 1.2, 84)
    assert window.view.document().defaultFont().family() == "DejaVu Serif"
    assert window.view.document().rootFrame().frameFormat().leftMargin() == pytest.approx(
        wider_margin, abs=2)


def test_changing_the_style_keeps_the_reader_at_the_same_passage(open_window) -> None:
    window = open_window()
    window.view.scroll_to_offset(len(window.transcript.text) // 2)
    before = window.view.top_offset()
    window.comfort.more_spacing_action.trigger()
    window.comfort.narrower_action.trigger()
    after = window.view.top_offset()
    # The same line is at the top: within one paragraph of where it was.
    assert abs(after - before) < 400


def test_text_size_is_still_remembered_beside_the_new_settings(open_window) -> None:
    window = open_window()
    window.larger_text_action.trigger()
    window.comfort.less_spacing_action.trigger()
    window.close()
    window = open_window()
    assert window.view.text_scale == pytest.approx(1.1)
    assert window.view.reading_style.line_spacing == pytest.approx(0.93)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_full_width_column_fills_the_pane_not_one_letter_per_line(
        open_window, theme: str) -> None:
    window = open_window()
    window.resize(1200, 800)
    window.comfort.set_theme(theme)
    view = window.view
    for _ in range(10):
        window.comfort.wider_action.trigger()
        if "the full width" in window.statusBar().currentMessage():
            break
    assert "Text column: the full width" in window.statusBar().currentMessage()
    QApplication.processEvents()
    frame = view.document().rootFrame().frameFormat()
    text_width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert text_width > view.viewport().width() * 0.6  # lines, not a letter per line
    assert not view.horizontalScrollBar().isVisible()
    first_line = view.document().firstBlock().layout().lineAt(0)
    assert first_line.textLength() > 20
