"""The way back to the bundled interviews: File ▸ Open Recent always offers the default
library, whatever folders were opened or removed, and that survives a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from reader.ui.app import build_window
from tests.conftest import EYE, LEX


def _recent_menu(window) -> QMenu:
    menu = window.findChild(QMenu, "openRecentMenu")
    menu.aboutToShow.emit()  # filled as when it opens
    return menu


def _names(window) -> set[str]:
    return {e.path.name for e in window.library.library_model.entries()}


def test_default_library_comes_back_after_its_folder_was_removed(
        qtbot, isolated_user_dirs: Path, tmp_path, qapp_cleanup) -> None:
    settings_file = str(tmp_path / "s.ini")
    window = build_window([], settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert _names(window) == {LEX.name, EYE.name}
    window.library_actions.remove_folder(None)
    assert _names(window) == set()
    window.close()
    again = build_window([], settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert _names(again) == set()  # removed, as the user asked, even after a restart
    default = next(a for a in _recent_menu(again).actions()
                   if a.text().startswith("&Default Library"))
    default.trigger()
    assert _names(again) == {LEX.name, EYE.name}
    assert again.transcript is not None


def test_default_library_is_offered_with_only_other_folders_recent(
        open_window, tmp_path) -> None:
    window = open_window()
    texts = [a.text() for a in _recent_menu(window).actions()]
    assert "&Default Library (Bundled Interviews)" in texts
