"""Start-up as ``transcript-reader`` does it: the window is shown with its menu titles, toolbar
and panes, and its commands (what fills the menus, every keyboard shortcut) are built just
after its first expose. Once that step has run, the shortcuts work at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolBar

from reader.ui.app import show_window
from reader.ui.main_window import MENU_TITLES, MainWindow


def _started(qtbot, library_dir: Path, settings_path: Path) -> MainWindow:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = show_window([], library_dir, settings=settings)
    qtbot.addWidget(window)
    return window


def _ready(qtbot, window: MainWindow) -> None:
    """Wait until the window has filled itself in after its first expose (a transcript is
    open), and is active (window shortcuts need it)."""
    qtbot.waitUntil(lambda: window.transcript is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def test_the_first_frame_has_the_menu_titles_and_the_toolbar(qtbot, library_dir, settings_path,
                                                             qapp_cleanup) -> None:
    window = _started(qtbot, library_dir, settings_path)
    titles = [action.text() for action in window.menuBar().actions()]
    toolbar = window.findChild(QToolBar, "highlightToolbar")
    assert titles == list(MENU_TITLES)
    assert toolbar is not None and toolbar.isVisible()
    assert [a.text() for a in toolbar.actions()][:2] == ["&Highlight Selection", "Yellow"]
    assert window.search_actions.field.isVisible()  # the toolbar's search field
    # What the first frame does not show waits for the window to be on screen.
    assert not window.commands_ready
    _ready(qtbot, window)
    assert all(menu.actions() for menu in window.menus.values())


def test_ctrl_shift_f_goes_to_the_search_field_right_after_start(qtbot, library_dir,
                                                                 settings_path,
                                                                 qapp_cleanup) -> None:
    window = _started(qtbot, library_dir, settings_path)
    _ready(qtbot, window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.search_actions.field


def test_ctrl_f_opens_the_find_bar_right_after_start(qtbot, library_dir, settings_path,
                                                     qapp_cleanup) -> None:
    window = _started(qtbot, library_dir, settings_path)
    _ready(qtbot, window)
    window.view.setFocus()
    assert not window.find_bar.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert QApplication.focusWidget() is window.find_bar.field


def test_the_shortcuts_list_names_every_menu_command_after_start(qtbot, library_dir,
                                                                 settings_path,
                                                                 qapp_cleanup) -> None:
    window = _started(qtbot, library_dir, settings_path)
    _ready(qtbot, window)
    window.keyboard.shortcuts_action.trigger()
    rows = dict(window.keyboard.dialog.rows())
    assert rows["Go ▸ Search Library…"] == "Ctrl+Shift+F"
    assert rows["File ▸ Quit"] == "Ctrl+Q"
