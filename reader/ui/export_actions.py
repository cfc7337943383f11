"""File ▸ Export Notes…: opens the export dialog on the open transcript and the library, after
saving any edit still waiting, so the export holds every change the reader made. Save… starts
in the folder notes were last exported to (remembered between runs), else Documents or home:
never the library, where an export would sit among the transcripts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.core import paths as app_paths
from reader.core.store import TranscriptStore
from reader.ui.annotation_controller import AnnotationController
from reader.ui.reading_state import ReadingState

if TYPE_CHECKING:  # the dialog and the exporters (PyYAML…) load when first asked for
    from reader.ui.export_dialog import ExportDialog

MESSAGE_MS = 10_000
# Its own key, apart from the folder Open File and Open Folder start in (the library's).
EXPORT_FOLDER_KEY = "export/last_folder"


class ExportFolderMemory:
    """The folder notes were last exported to, in the app's settings file (as the path's
    bytes: a folder name need not be valid UTF-8)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings(str(app_paths.settings_file()),
                                               QSettings.Format.IniFormat)

    def last(self) -> Path | None:
        value = self._settings.value(EXPORT_FOLDER_KEY)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return Path(os.fsdecode(bytes(value.data())))
        return None

    def remember(self, folder: Path) -> None:
        self._settings.setValue(EXPORT_FOLDER_KEY, QByteArray(os.fsencode(folder)))


class ExportActions(QObject):
    def __init__(self, window: QMainWindow, store: TranscriptStore,
                 annotations: AnnotationController, state: ReadingState | None = None) -> None:
        super().__init__(window)
        self.window, self.store, self.annotations = window, store, annotations
        self.state = state  # remembers the folder exported to for the Open dialogs too
        self.export_folder = ExportFolderMemory() if state is not None else None
        self.dialog: ExportDialog | None = None
        self.export_action = QAction("&Export Notes…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("Export highlights and notes as Markdown")
        self.export_action.triggered.connect(lambda _=False: self.open_dialog())

    def install(self, file_menu: QMenu) -> None:
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()

    def open_dialog(self) -> ExportDialog:
        from reader.ui.export_dialog import ExportDialog, default_export_folder

        self.annotations.flush()
        transcript = self.annotations.transcript
        current = transcript.source if transcript is not None else None
        library = [entry.path for entry in self.store.entries() if entry.ok]
        last = self.export_folder.last() if self.export_folder is not None else None
        start = default_export_folder(last, self.store.folders)
        self.dialog = ExportDialog(self.window, current, library, start_folder=start)
        if self.state is not None and self.export_folder is not None:
            self.dialog.savedInto.connect(self.state.set_dialog_folder)
            self.dialog.savedInto.connect(self.export_folder.remember)
        self.dialog.message.connect(
            lambda text: self.window.statusBar().showMessage(text, MESSAGE_MS))
        self.dialog.open()
        return self.dialog
