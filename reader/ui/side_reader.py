"""A second reading pane beside the first: another transcript, at its own place.

Opened from the Related tab at a related passage (scrolled there and briefly marked), closed
with its ✕ button. It has its own view, its own chapter line ("Chapter 3 of 15 · 19:58 · 20%
read", as the status bar says it for the main pane) that follows its scrolling, and its own
highlights, loaded and saved through the same annotation machinery as the main pane (select
text, then Highlight in its context menu). What it shows and where is remembered (QSettings),
so a restart brings both panes back, each at its place.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from reader.core.errors import TranscriptError, display_path
from reader.core.model import Transcript
from reader.core.store import TranscriptStore, resolve
from reader.ui.annotation_controller import AnnotationController
from reader.ui.pane_title import ElidedLabel
from reader.ui.reading_position import position_line
from reader.ui.transcript_view import TranscriptView

PATH_KEY = "side_reader/path"
OFFSET_KEY = "side_reader/offset"


class SideReader(QWidget):
    closed = Signal()
    message = Signal(str)  # one line for the status bar

    def __init__(self, store: TranscriptStore, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideReader")
        self.store, self.settings = store, settings
        self.path: Path | None = None
        self.preferred_width = 0  # the width to open at (0: Qt's own hint)
        # Remembered from a transcript the library shown this run does not list: not shown,
        # and not forgotten either (that library may be shown again on a later run).
        self._held_back = False
        self.title = ElidedLabel()  # a long title ends in "…", whole in the tooltip
        self.title.setObjectName("sideReaderTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # A style sheet without a palette colour kept the label's text black on the dark
        # theme; with one, the theme switch re-applies it (reading_comfort) in the new colours.
        self.title.setStyleSheet("font-weight: 600; color: palette(window-text);")
        self.title.setMinimumWidth(40)  # a long title is cut, never widens the pane
        self.position = QLabel()
        self.position.setObjectName("sideReaderPosition")
        self.position.setStyleSheet("color: palette(placeholder-text);")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAccessibleName("Close the second reading pane")
        self.close_button.clicked.connect(self.close_pane)
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 2, 0)
        header.setSpacing(12)  # the title, cut short, never runs into the place
        header.addWidget(self.title, 1)
        header.addWidget(self.position)
        header.addWidget(self.close_button)
        self.view = TranscriptView()
        self.view.setAccessibleName("Second reading pane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        self.annotations = AnnotationController(self)
        self.annotations.changed.connect(self._highlights_changed)
        self.annotations.message.connect(self.message)
        self.highlight_action = QAction("&Highlight Selection", self)
        self.highlight_action.triggered.connect(self.highlight_selection)
        self.view.topOffsetChanged.connect(self._moved)
        self.view.contextMenuAt.connect(self._menu)
        self.hide()

    def sizeHint(self) -> QSize:
        # A splitter gives a pane it newly shows its size hint: half of what the two share.
        hint = super().sizeHint()
        return QSize(self.preferred_width, hint.height()) if self.preferred_width else hint

    @property
    def transcript(self) -> Transcript | None:
        return self.view.transcript

    def open(self, path: Path, start: int | None = None, end: int | None = None) -> bool:
        """Show the transcript at ``path`` here, at [start, end) (marked briefly) or where it
        was left; False (and a message) when it cannot be read."""
        try:
            transcript = self.store.transcript(resolve(path))
        except TranscriptError as error:
            self.message.emit(str(error))
            return False
        was_shown = self.isVisible()
        self._held_back = False
        self.show()
        if not _same_outline(transcript, self.transcript):
            self.annotations.open(transcript)
            transcript = self._with_user_chapters(transcript)
            self.view.set_transcript(transcript, start or 0, self.annotations.painted_spans())
        else:
            transcript = self.transcript or transcript
        self.path = resolve(path)
        self.title.setText(transcript.title)
        self.title.setToolTip(display_path(self.path))
        if start is not None:
            stop = end if end is not None else start
            if was_shown:
                self.view.reveal_range(start, stop)
            else:  # not laid out yet: anchored there now, shown with context once laid out
                self.view.scroll_to_offset(start)
                QTimer.singleShot(0, self, lambda: self._reveal(start, stop))
        # Just shown, the view may not be laid out yet: the passage says where it is.
        self._moved(start if start is not None else self.view.top_offset())
        return True

    def show_at(self, path: Path, offset: int) -> bool:
        """Show the transcript at ``path`` here with display-text ``offset`` at the top,
        nothing marked (a place the reader was at, not a passage to point out)."""
        if not self.open(path):
            return False
        self.view.scroll_to_offset(offset)
        self._moved(self.view.top_offset())
        return True

    def _with_user_chapters(self, transcript: Transcript) -> Transcript:
        """The outline the main pane shows: the user's chapters (from the sidecar, just
        loaded) merged in. The store may hold an outline merged before; the merge replaces
        the user's chapters it finds, so each is listed once."""
        from reader.core.sections import with_user_chapters  # loaded with the first transcript

        store = self.annotations.store
        merged = with_user_chapters(transcript, store.user_chapters() if store else [])
        if merged is not transcript:
            self.annotations.open(merged)  # the same file: its store only takes the new object
        return merged

    def _reveal(self, start: int, end: int) -> None:
        if self.view.transcript is not None and end <= len(self.view.transcript.text):
            self.view.reveal_range(start, end)

    def close_pane(self) -> None:
        self._held_back = False
        self.annotations.flush()
        self.annotations.open(None)
        self.view.set_transcript(None)
        self.path = None
        self.hide()
        self.save_state()
        self.closed.emit()

    def highlight_selection(self) -> None:
        selected = self.view.selected_range()
        if selected is not None and self.annotations.highlight(*selected) is not None:
            self.view.clear_selection()

    # --- remembering ------------------------------------------------------------------

    def save_state(self) -> None:
        """Remember what is shown and where (on quit: save highlights not yet saved)."""
        self.annotations.flush()
        self._remember()

    def _remember(self) -> None:
        if self._held_back:
            return  # nothing shown here yet: what was remembered stays
        if self.path is None or self.transcript is None:
            self.settings.remove(PATH_KEY)
            self.settings.remove(OFFSET_KEY)
            return
        # The path's bytes: a file name need not be valid UTF-8 (as ReadingState does).
        self.settings.setValue(PATH_KEY, QByteArray(os.fsencode(self.path)))
        self.settings.setValue(OFFSET_KEY, int(self.view.top_offset()))

    def restore_state(self) -> None:
        value = self.settings.value(PATH_KEY)
        if not isinstance(value, QByteArray) or value.isEmpty():
            return
        path = Path(os.fsdecode(bytes(value.data())))
        try:
            offset = max(0, int(str(self.settings.value(OFFSET_KEY, 0))))
        except (TypeError, ValueError):
            offset = 0
        if not self._in_library(path):
            self._held_back = True
            return
        if path.is_file():
            self.show_at(path, offset)

    def _in_library(self, path: Path) -> bool:
        """Whether the library shown lists ``path`` (or will, once its folders are scanned)."""
        path = resolve(path)
        if self.store.entry(path) is not None:
            return True
        return path not in self.store.removed and self.store.folder_of(path) is not None

    # --- events -----------------------------------------------------------------------

    def _moved(self, offset: int) -> None:
        transcript = self.transcript
        if transcript is None:
            self.position.clear()
            return
        if self.view.at_end() and self.view.verticalScrollBar().maximum() > 0:
            offset = self.view.bottom_offset()  # a short last chapter never reaches the top
        self.position.setText(
            position_line(transcript, transcript.chapter_index_at(offset), self.view))
        self._remember()

    def current_chapter(self) -> int | None:
        transcript = self.transcript
        return transcript.chapter_index_at(self.view.top_offset()) if transcript else None

    def _highlights_changed(self) -> None:
        if self.annotations.transcript is self.view.transcript:
            self.view.set_highlights(self.annotations.painted_spans())

    def _menu(self, where: QPoint, _offset: int) -> None:
        menu = QMenu(self)
        if self.view.selected_range() is not None:
            menu.addAction("&Copy", self.view.copy)
            menu.addAction(self.highlight_action)
        menu.addAction("Close This Pane", self.close_pane)
        menu.exec(where)
        menu.deleteLater()


def _same_outline(read: Transcript, shown: Transcript | None) -> bool:
    """True when the pane already shows ``read``'s text (it may have merged the user's chapters
    into it): nothing to rebuild."""
    return shown is not None and (shown is read or (
        shown.source == read.source and shown.text_hash == read.text_hash))
