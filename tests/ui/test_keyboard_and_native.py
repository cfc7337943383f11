"""Keyboard first and native feel: every command has a key and Help lists them all, F6 moves
between panes, Tab goes left to right, widgets have accessible names, About names the
licences, the app has its name and icon."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.about import AboutDialog
from reader.ui.app_identity import APP_NAME, DESKTOP_NAME, identify
from reader.ui.keyboard import plain, window_actions


def _commands(window) -> list[tuple[str, QAction]]:
    return [(" ▸ ".join((*path, plain(action.text()))), action)
            for path, action in window_actions(window)]


def test_every_command_in_the_menus_has_a_shortcut(open_window) -> None:
    window = open_window()
    missing = [name for name, action in _commands(window)
               if not [key for key in action.shortcuts() if not key.isEmpty()]]
    assert missing == []


def test_no_two_commands_share_a_key(open_window) -> None:
    window = open_window()
    keys = Counter(key.toString() for _name, action in _commands(window)
                   for key in action.shortcuts())
    # Qt ignores a key that two window actions share ("ambiguous shortcut"): both go dead.
    assert [key for key, count in keys.items() if count > 1] == []


def test_help_lists_every_command_with_its_keys_from_the_live_actions(open_window, qtbot
                                                                      ) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.keyboard.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    rows = dict(dialog.rows())
    assert rows["File ▸ Open File…"] == QKeySequence("Ctrl+O").toString(
        QKeySequence.SequenceFormat.NativeText)
    assert "F6" in rows["View ▸ Next Pane"]
    assert rows["View ▸ Theme ▸ Dark"]
    assert len(rows) == len(_commands(window))

    # Never stale: what the actions say now is what the list says when opened again.
    window.open_folder_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+Y"))
    dialog.close()
    window.keyboard.shortcuts_action.trigger()
    assert "Y" in dict(dialog.rows())["File ▸ Open Folder…"]

    qtbot.keyClicks(dialog.filter, "theme")
    assert dialog.rows() and all("Theme" in name for name, _keys in dialog.rows())


def test_f6_and_shift_f6_move_between_the_panes(open_window, qtbot) -> None:
    window = open_window()
    window.library.setFocus()
    seen = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(window.keyboard.panes()[window.keyboard.current_pane()][0])
    assert seen == ["Chapters", "Transcript", "Notes", "Search", "Library"]
    assert QApplication.focusWidget() is window.library
    qtbot.keyClick(window.library, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.search_actions.field
    assert window.side.currentWidget() is window.search_panel  # its results are shown

    window.annotation_actions.panel_action.setChecked(False)  # side pane hidden: skipped
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.search_actions.field


def test_tab_goes_from_the_library_filter_through_the_sidebar(open_window, qtbot) -> None:
    window = open_window()
    window.library_box.filter_field.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [window.library_box.sort_box, window.library, window.chapters.list]


@pytest.mark.parametrize("tab", ["Notes", "Search", "Related"])
def test_every_control_a_user_can_reach_has_an_accessible_name(open_window, tab) -> None:
    """In each tab of the side pane too: the Search and Related panes are built when first
    shown, and named then."""
    window = open_window()
    window.side.show_pane(tab)
    assert window.side.currentWidget().objectName() != f"{tab.lower()}Placeholder"
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}" for w in window.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName() and not getattr(w, "text", lambda: "")()
        and w.parent() is not None and type(w).__name__ not in ("QWidget", "QScrollBar")]
    assert unnamed == []


def test_about_shows_the_version_and_the_licences_without_blocking(open_window, qtbot
                                                                   ) -> None:
    window = open_window()
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    text = dialog.licences.toPlainText()
    for name in ("PySide6-Essentials", "LGPL-3.0", "whoosh", "BSD", "markdown", "MIT"):
        assert name in text
    from reader import __version__
    assert __version__ in dialog.title.text()


def test_the_app_has_its_name_and_icon(qapp) -> None:
    before = (qapp.applicationName(), qapp.desktopFileName(), qapp.organizationName())
    try:
        identify(qapp)
        assert qapp.applicationName() == APP_NAME
        assert qapp.desktopFileName() == DESKTOP_NAME
        assert qapp.organizationName()
        icon = qapp.windowIcon()
        assert not icon.isNull()
        assert not icon.pixmap(256, 256).isNull()  # an SVG: sharp at any size
    finally:
        qapp.setApplicationName(before[0])
        qapp.setDesktopFileName(before[1])
        qapp.setOrganizationName(before[2])
