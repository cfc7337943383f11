"""Starting the app: settings, the library, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader.core import paths as app_paths
from reader.core.errors import TranscriptError
from reader.core.library import ensure_default_library
from reader.core.store import Refresh, TranscriptStore
from reader.ui.app_identity import identify
from reader.ui.main_window import MainWindow


def open_settings() -> QSettings:
    return QSettings(str(app_paths.settings_file()), QSettings.Format.IniFormat)


def startup_store(paths: list[Path], library: Path | None) -> tuple[TranscriptStore, Refresh]:
    """Files or folders named on the command line; else ``--library``; else the default library
    (created, with the bundled interviews, on first run). Problems are reported, not raised:
    the window opens and says what is wrong. Nothing is read yet: the window scans (a large
    library on a worker thread, after it is shown)."""
    store = TranscriptStore()
    if paths:
        return store, store.open_paths(paths, scan=False)
    try:
        folder = library or ensure_default_library()
    except TranscriptError as error:
        return store, Refresh(False, (str(error),))
    return store, store.set_folders([folder], scan=False)


def build_window(paths: list[Path], library: Path | None = None,
                 settings: QSettings | None = None) -> MainWindow:
    store, result = startup_store(paths, library)
    window = MainWindow(store, settings or open_settings(), problems=result.problems)
    return window


def run_app(paths: list[Path], library: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    identify(app)  # name, organisation, icon, desktop file
    window = build_window(paths, library)
    window.show()
    return app.exec()
