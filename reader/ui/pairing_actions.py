"""View ▸ Outline: pick the outline that divides the open timed transcript into chapters, show it
without one, or go back to the automatic pairing (docs/companions.md).

The choice is written beside the transcript (``<name>.pairing``, reader/core/companions.py);
the store keys its cache on that file, so the library's refresh re-reads the transcript with
the new chapters and the reading place is kept, as after any edit in place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from reader.core.errors import TranscriptError
from reader.ui.transcript_view import TranscriptView

MESSAGE_MS = 8000


class PairingActions(QObject):
    def __init__(self, window: QMainWindow, view: TranscriptView,
                 reload: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.view, self.reload = window, view, reload
        self.choose_action = QAction("&Use Outline File…", self)
        self.choose_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+U"))
        self.choose_action.triggered.connect(lambda: self.ask_outline())
        self.none_action = QAction("&No Outline", self)
        self.none_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+X"))
        self.none_action.triggered.connect(lambda: self.choose(None))
        self.auto_action = QAction("&Automatic Outline (Same Episode)", self)
        self.auto_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+E"))
        self.auto_action.triggered.connect(lambda: self.automatic())

    def install(self, menu: QMenu) -> None:
        outline = menu.addMenu("&Outline")
        outline.addActions([self.choose_action, self.none_action, self.auto_action])
        outline.aboutToShow.connect(self._update)

    def _transcript_path(self) -> Path | None:
        transcript = self.view.transcript
        return transcript.source if transcript is not None else None

    def _update(self) -> None:
        enabled = self._transcript_path() is not None
        for action in (self.choose_action, self.none_action, self.auto_action):
            action.setEnabled(enabled)

    def ask_outline(self) -> None:
        path = self._transcript_path()
        if path is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Outline for this transcript", str(path.parent),
            "Outlines and chapters (*.txt *.md *.json);;All files (*)")
        if chosen:
            self.choose(Path(chosen))

    def choose(self, outline: Path | None) -> None:
        """Pair the open transcript with ``outline`` (None: with none)."""
        from reader.core import companions  # with the readers, not at start-up

        path = self._transcript_path()
        if path is None:
            return
        try:
            if outline is not None and not companions.chapter_marks(outline):
                raise TranscriptError(outline, "has no chapters with start times")
            companions.write_choice(path, outline)
        except TranscriptError as error:
            self.window.statusBar().showMessage(str(error), MESSAGE_MS)
            return
        self.reload()  # the store sees the new pairing file and reads the transcript again

    def automatic(self) -> None:
        from reader.core import companions

        path = self._transcript_path()
        if path is None:
            return
        try:
            companions.forget_choice(path)
        except TranscriptError as error:
            self.window.statusBar().showMessage(str(error), MESSAGE_MS)
            return
        self.reload()
