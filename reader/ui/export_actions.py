"""File ▸ Export Notes…: opens the export dialog on the open transcript and the library, after
saving any edit still waiting, so the export holds every change the reader made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.core.store import TranscriptStore
from reader.ui.annotation_controller import AnnotationController
from reader.ui.reading_state import ReadingState

if TYPE_CHECKING:  # the dialog and the exporters (PyYAML…) load when first asked for
    from reader.ui.export_dialog import ExportDialog

MESSAGE_MS = 10_000


class ExportActions(QObject):
    def __init__(self, window: QMainWindow, store: TranscriptStore,
                 annotations: AnnotationController, state: ReadingState | None = None) -> None:
        super().__init__(window)
        self.window, self.store, self.annotations = window, store, annotations
        self.state = state  # remembers the folder exported to (where the next export asks)
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
        from reader.ui.export_dialog import ExportDialog

        self.annotations.flush()
        transcript = self.annotations.transcript
        current = transcript.source if transcript is not None else None
        library = [entry.path for entry in self.store.entries() if entry.ok]
        start = self.state.dialog_folder(self.store.folders) if self.state else None
        self.dialog = ExportDialog(self.window, current, library, start_folder=start)
        if self.state is not None:
            self.dialog.savedInto.connect(self.state.set_dialog_folder)
        self.dialog.message.connect(
            lambda text: self.window.statusBar().showMessage(text, MESSAGE_MS))
        self.dialog.open()
        return self.dialog
