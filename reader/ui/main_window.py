"""The main window: the composition root. It builds the panes and is the one place that wires
their signals together; the panes know nothing of each other."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript
from reader.core.library import LibraryEntry
from reader.core.model import Transcript
from reader.ui.chapter_panel import ChapterPanel
from reader.ui.library_panel import LibraryPanel
from reader.ui.reading_state import ReadingState
from reader.ui.transcript_view import TranscriptView

APP_TITLE = "Transcript Reader"


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title.upper())
    label.setObjectName("paneTitle")
    label.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt; "
                        "font-weight: 600; letter-spacing: 1px; padding-left: 6px;")
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


class MainWindow(QMainWindow):
    def __init__(self, entries: list[LibraryEntry], settings: QSettings) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.state = ReadingState(settings)
        self._cache: dict[Path, tuple[float, Transcript]] = {}
        self._current_path: Path | None = None

        self.library = LibraryPanel()
        self.chapters = ChapterPanel()
        self.view = TranscriptView()
        self.sidebar = QSplitter(Qt.Orientation.Vertical)
        self.sidebar.addWidget(_titled("Library", self.library))
        self.sidebar.addWidget(_titled("Chapters", self.chapters))
        self.sidebar.setStretchFactor(0, 1)
        self.sidebar.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 870])
        self.sidebar.setSizes([170, 530])
        self.setCentralWidget(self.splitter)
        self.resize(1200, 780)

        self._connect_signals()
        self._restore_layout()
        self.library.set_entries(entries)
        last = self.state.last_transcript()
        if not (last and self.library.select_path(last)) and entries:
            self.library.select_path(entries[0].path)

    def _connect_signals(self) -> None:
        self.library.entryActivated.connect(self.open_entry)
        self.chapters.chapterClicked.connect(self.go_to_chapter)
        self.view.topOffsetChanged.connect(self._reader_moved)

    # --- actions -----------------------------------------------------------------------

    @property
    def transcript(self) -> Transcript | None:
        return self.view.transcript

    def open_entry(self, entry: LibraryEntry) -> None:
        self._remember_position()
        transcript, problem = None, entry.error
        if problem is None:
            try:
                transcript = self._load(entry.path)
            except TranscriptError as error:
                problem = str(error)
        self._current_path = entry.path if transcript else None
        self.chapters.set_transcript(transcript)
        if transcript is None:
            self.view.show_message(problem or "")
            self.statusBar().showMessage(problem or "")
            self.setWindowTitle(APP_TITLE)
            return
        self.statusBar().clearMessage()
        self.setWindowTitle(f"{transcript.title} — {APP_TITLE}")
        offset = self.state.position(entry.path)
        self.view.set_transcript(transcript, offset)
        self.chapters.set_current_chapter(transcript.chapter_index_at(offset))
        self.state.set_last_transcript(entry.path)

    def go_to_chapter(self, index: int) -> None:
        if self.transcript is None:
            return
        self.view.scroll_to_offset(self.transcript.chapters[index].start)
        # The view may not be able to bring a late chapter to the top; the click still decides.
        self.chapters.set_current_chapter(index)
        self._remember_position()

    def _reader_moved(self, offset: int) -> None:
        if self.transcript is not None:
            self.chapters.set_current_chapter(self.transcript.chapter_index_at(offset))
            self._remember_position()

    def _load(self, path: Path) -> Transcript:
        """Parse ``path``, reusing the last parse while the file is unchanged."""
        try:
            stamp = path.stat().st_mtime
        except OSError:
            stamp = -1.0
        cached = self._cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        transcript = load_transcript(path)
        self._cache[path] = (stamp, transcript)
        return transcript

    # --- persistence -------------------------------------------------------------------

    def _remember_position(self) -> None:
        if self._current_path is not None and self.transcript is not None:
            self.state.set_position(self._current_path, self.view.top_offset())

    def _restore_layout(self) -> None:
        geometry = self.state.geometry("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("splitter", self.splitter), ("sidebar", self.sidebar)):
            saved = self.state.geometry(name)
            if saved is not None:
                splitter.restoreState(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember_position()
        self.state.set_geometry("geometry", self.saveGeometry())
        self.state.set_geometry("splitter", self.splitter.saveState())
        self.state.set_geometry("sidebar", self.sidebar.saveState())
        self.state.sync()
        super().closeEvent(event)
