from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader.core.store import TranscriptStore
from reader.ui.main_window import MainWindow


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, library_dir: Path, settings_path: Path, qapp_cleanup: None
                ) -> Iterator[Callable[..., MainWindow]]:
    """Open a real main window on the library; call again to 'restart' with the same settings."""

    def _open(folder: Path | None = library_dir) -> MainWindow:
        """The window on ``folder`` as the library (None: an empty library)."""
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        store = TranscriptStore()
        if folder is not None:
            store.set_folders([folder])
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts (menus) need the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    yield _open
