"""Starting the app: settings, the library, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.core import paths as app_paths
from reader.core.library import LibraryEntry, ensure_default_library, entries_for, scan_folder
from reader.ui.main_window import MainWindow


def open_settings() -> QSettings:
    return QSettings(str(app_paths.settings_file()), QSettings.Format.IniFormat)


def startup_entries(paths: list[Path], library: Path | None) -> list[LibraryEntry]:
    """Files or folders named on the command line; else ``--library``; else the default library
    (created, with the bundled interviews, on first run)."""
    if paths:
        return entries_for(paths)
    return scan_folder(library or ensure_default_library())


def build_window(paths: list[Path], library: Path | None = None,
                 settings: QSettings | None = None) -> MainWindow:
    window = MainWindow(startup_entries(paths, library), settings or open_settings())
    folders = [p for p in paths if p.is_dir()] if paths else [library or ensure_default_library()]
    window.watch_folders(folders)
    return window


def run_app(paths: list[Path], library: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Transcript Reader")
    app.setApplicationVersion(__version__)
    window = build_window(paths, library)
    window.show()
    return app.exec()
