"""Starting the app: settings, the library, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.core import paths as app_paths
from reader.core.library import ensure_default_library, entries_for, scan_folder
from reader.ui.main_window import MainWindow


def open_settings() -> QSettings:
    return QSettings(str(app_paths.settings_file()), QSettings.Format.IniFormat)


def run_app(paths: list[Path], library: Path | None = None) -> int:
    """Open the window on ``paths`` (files or folders), else on ``library`` or the default one."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Transcript Reader")
    app.setApplicationVersion(__version__)
    entries = entries_for(paths) if paths else scan_folder(library or ensure_default_library())
    window = MainWindow(entries, open_settings())
    window.show()
    return app.exec()
