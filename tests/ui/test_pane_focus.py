"""F6 reaches the second reading pane when it is open; the library list shows where the
keyboard is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import LEX


def test_f6_goes_through_the_second_reading_pane_when_it_is_open(
        open_window, qtbot, library_dir) -> None:
    window = open_window()
    side = window.related.side_reader
    side.open(library_dir / LEX.name)
    qtbot.waitUntil(side.isVisible)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is side.view
    qtbot.keyClick(side.view, Qt.Key.Key_F6)
    assert window.notes.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is side.view

    side.close_pane()  # closed: skipped again
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert window.notes.isAncestorOf(QApplication.focusWidget())


def test_the_library_list_shows_it_has_the_keyboard(open_window, qtbot) -> None:
    window = open_window()
    library = window.library
    assert library.currentIndex().isValid()
    window.view.setFocus()
    qtbot.waitUntil(lambda: not library.hasFocus())
    row = library.visualRect(library.currentIndex())
    without = library.viewport().grab(row).toImage()
    library.setFocus()
    qtbot.waitUntil(library.hasFocus)
    with_focus = library.viewport().grab(row).toImage()
    # The chosen row looks clearly different while the list has focus (not a faint shade).
    changed = sum(1 for x in range(row.width()) for y in range(row.height())
                  if abs(with_focus.pixelColor(x, y).lightness()
                         - without.pixelColor(x, y).lightness()) > 60)
    assert changed > row.width()
