"""The main window: the composition root. It builds the panes and is the one place that wires
their signals together; the panes know nothing of each other."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
)

from reader.core.errors import TranscriptError, display_path, printable
from reader.core.library import LibraryEntry
from reader.core.model import Transcript
from reader.core.store import TranscriptStore
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.annotation_controller import AnnotationController
from reader.ui.chapter_panel import ChapterPanel
from reader.ui.find_bar import ReadingPane
from reader.ui.library_actions import LibraryActions
from reader.ui.library_box import LibraryBox
from reader.ui.library_controller import LibraryController
from reader.ui.library_panel import LibraryPanel
from reader.ui.notes_panel import NotesPanel
from reader.ui.pane_title import titled
from reader.ui.reading_comfort import ReadingComfort
from reader.ui.reading_position import position_line
from reader.ui.reading_state import ReadingState
from reader.ui.related_actions import RelatedActions
from reader.ui.search_actions import SearchActions
from reader.ui.search_controller import SearchController
from reader.ui.side_pane import SidePane
from reader.ui.transcript_view import TranscriptView

if TYPE_CHECKING:  # built by reader.ui.window_commands, once the window is on screen
    from PySide6.QtGui import QAction

    from reader.ui.chapter_actions import ChapterActions
    from reader.ui.export_actions import ExportActions
    from reader.ui.folder_watcher import FolderWatcher
    from reader.ui.keyboard import KeyboardNavigation
    from reader.ui.pairing_actions import PairingActions
    from reader.ui.search_panel import SearchPanel
    from reader.ui.side_reader import SideReader

log = logging.getLogger(__name__)

APP_TITLE = "Transcript Reader"
MENU_TITLES = ("&File", "&Edit", "&Go", "&Highlight", "&View", "&Help")
# Within this many characters of a chapter's start, "previous chapter" goes to the one before
# (as a music player's back button restarts the track first).
RESTART_CHAPTER_SLACK = 40


class MainWindow(QMainWindow):
    # The commands (reader/ui/window_commands.py): none of them is drawn in the first frame.
    watcher: FolderWatcher
    chapter_actions: ChapterActions
    export_actions: ExportActions
    pairing_actions: PairingActions
    keyboard: KeyboardNavigation
    open_file_action: QAction
    open_folder_action: QAction
    quit_action: QAction
    next_chapter_action: QAction
    previous_chapter_action: QAction
    larger_text_action: QAction
    smaller_text_action: QAction
    reset_text_action: QAction
    about_action: QAction

    def __init__(self, store: TranscriptStore, settings: QSettings,
                 problems: tuple[str, ...] = (), *, restore_pair: bool = True,
                 commands_later: bool = False) -> None:
        """The window with its panes, toolbar and menu titles. Its commands (what fills the
        menus, every shortcut) and the library are built at once, or with ``commands_later``
        not until :meth:`install_commands` (the caller shows the window first)."""
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.store = store
        self.state = ReadingState(settings)
        self._current_path: Path | None = None

        self.library = LibraryPanel()
        self.chapters = ChapterPanel()
        self.view = TranscriptView()
        self.sidebar = QSplitter(Qt.Orientation.Vertical)
        self.library_box = LibraryBox(self.library)  # filter and sort above the list
        self.sidebar.addWidget(titled("Library", self.library_box))
        self.sidebar.addWidget(titled("Chapters", self.chapters))
        self.sidebar.setStretchFactor(0, 1)
        self.sidebar.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.reading = ReadingPane(self.view)  # the view, and the find bar under it
        self.find_bar = self.reading.find_bar
        self.splitter.addWidget(self.reading)
        self.notes = NotesPanel()
        self.side = SidePane(self.notes)  # tabs: Notes, Search, Related (built on first use)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 760, 300])
        self.sidebar.setSizes([170, 530])
        self.setCentralWidget(self.splitter)
        self.position_label = QLabel()
        self.position_label.setObjectName("readingPosition")
        self.statusBar().addPermanentWidget(self.position_label)
        self.annotations = AnnotationController(self)
        self.annotation_actions = AnnotationActions(self, self.annotations, self.view,
                                                    self.notes)
        self.search = SearchController(self)
        self.library_control = LibraryController(self)
        self.library_actions = LibraryActions(self, self.library_box, settings)
        self.search_actions = SearchActions(self, self.search, self.side, self.library,
                                            self.annotation_actions)
        self.related = RelatedActions(self, store, settings, self.view, self.reading, self.side,
                                      self.search, self.annotation_actions)
        self.comfort = ReadingComfort(self, settings, self.view)  # theme, font, spacing
        self.resize(1360, 800)
        self.menus = {name: self.menuBar().addMenu(name) for name in MENU_TITLES}
        toolbar = self.annotation_actions.toolbar()
        self.search_actions.add_field(toolbar)
        self.addToolBar(toolbar)
        self._restore_layout()
        self.view.set_text_scale(self.state.text_scale())
        self.commands_ready = False
        if commands_later:
            return
        self.install_commands()
        self.library_control.show_library(problems)
        if restore_pair:  # else the caller does, once the window is on screen
            self.related.restore()  # the second reading pane, as it was

    def install_commands(self) -> None:
        """Fill the menus with their commands and shortcuts and wire the panes together
        (once)."""
        if self.commands_ready:
            return
        from reader.ui.window_commands import install_commands

        install_commands(self)
        self.commands_ready = True

    # --- library (reader/ui/library_controller.py) ----------------------------------------

    def add_folder(self, folder: Path) -> None:
        self.library_control.add_folder(folder)

    def add_files(self, paths: list[Path]) -> None:
        self.library_control.add_files(paths)

    # --- actions -----------------------------------------------------------------------

    @property
    def search_panel(self) -> SearchPanel:
        return self.search_actions.panel

    @property
    def transcript(self) -> Transcript | None:
        return self.view.transcript

    def open_entry(self, entry: LibraryEntry) -> None:
        beside = self._second_pane_showing(entry.path)
        if beside is not None:
            self._swap_panes(beside, entry)
            return
        self._open_entry(entry)

    def _second_pane_showing(self, path: Path) -> SideReader | None:
        """The second reading pane when it shows ``path`` and the main pane another
        transcript (None otherwise; the pane is not built to find out)."""
        side = self.related.built_side_reader
        if (side is None or not side.isVisible() or side.path != path
                or self._current_path in (None, path) or self.transcript is None):
            return None
        return side

    def _swap_panes(self, beside: SideReader, entry: LibraryEntry) -> None:
        """The library chose what the second pane shows: the panes trade transcripts, each
        taken up at the place the other pane was reading (never the same text twice, the
        main pane's transcript gone)."""
        left, left_offset = self._current_path, self.view.top_offset()
        assert left is not None
        beside.save_state()  # its highlights saved before the main pane reads them
        self.state.set_position(entry.path, beside.view.top_offset())
        self._open_entry(entry)
        if self._current_path == entry.path:
            beside.show_at(left, left_offset)

    def _open_entry(self, entry: LibraryEntry) -> None:
        self._remember_position()
        transcript, problem = None, entry.error
        if problem is None:
            try:
                transcript = self.store.transcript(entry.path)
            except TranscriptError as error:
                problem = str(error)
            except Exception as error:  # a reader bug: say so, and leave no stale transcript
                log.exception("opening %s failed", display_path(entry.path))
                problem = (f"{display_path(entry.path)}: could not be opened (internal error: "
                           f"{type(error).__name__}: {printable(str(error))})")
        if transcript is not None and transcript is self.transcript:
            return  # the same file, unchanged since it was opened: keep everything as it is
        self._current_path = entry.path if transcript else None
        if transcript is None:
            self._show_problem(problem or "")
            return
        self.chapters.set_transcript(transcript)
        self.statusBar().clearMessage()
        if transcript.notes:
            self.statusBar().showMessage(" · ".join(transcript.notes))
        self.setWindowTitle(f"{transcript.title} — {APP_TITLE}")
        offset = self.state.position(entry.path)
        # Highlights load first so the view draws them while building the document, before
        # its first layout (drawing 2,000 after the layout cost a second re-layout).
        self.annotations.open(transcript)
        transcript = self.chapter_actions.outline(transcript)  # the user's chapters merged in
        self.view.set_transcript(transcript, offset, self.annotations.painted_spans())
        self._annotations_changed()
        self.chapters.set_current_chapter(transcript.chapter_index_at(offset))
        self.state.set_last_transcript(entry.path)
        self._show_position()

    def _annotations_changed(self) -> None:
        if self.annotations.transcript is not self.view.transcript:
            return  # opening another transcript: open_entry draws once the view has it
        self.view.set_highlights(self.annotations.painted_spans())
        self.notes.set_annotations(self.annotations.transcript, self.annotations.annotations(),
                                   self.annotations.transcript_note)

    def _show_problem(self, message: str, *, status: bool = True) -> None:
        self._current_path = None
        self.annotations.open(None)
        self.chapters.set_transcript(None)
        self.view.show_message(message)
        self._annotations_changed()  # an empty notes panel
        self.setWindowTitle(APP_TITLE)
        self.position_label.clear()
        if status:
            self.statusBar().showMessage(message)

    def next_chapter(self) -> None:
        if self.transcript is None:
            return
        target = self.transcript.next_chapter(self.view.top_offset())
        if target is not None:
            self.go_to_chapter(target)

    def previous_chapter(self) -> None:
        if self.transcript is None:
            return
        target = self.transcript.previous_chapter(self.view.top_offset(), RESTART_CHAPTER_SLACK)
        if target is not None:
            self.go_to_chapter(target)
        else:
            self.view.scroll_to_offset(0)
            self.chapters.set_current_chapter(None)
            self._show_position()

    def step_text_size(self, steps: int) -> None:
        self.view.step_text_scale(steps)
        self.state.set_text_scale(self.view.text_scale)

    def set_text_size(self, scale: float) -> None:
        self.view.set_text_scale(scale)
        self.state.set_text_scale(self.view.text_scale)

    def _about(self) -> None:
        from reader.ui.about import show_about  # loaded when asked for

        show_about(self)  # non-modal: version, licences

    def go_to_chapter_id(self, chapter_id: str) -> None:
        index = self.transcript.chapter_by_id(chapter_id) if self.transcript else None
        if index is not None:
            self.go_to_chapter(index)

    def go_to_chapter(self, index: int) -> None:
        if self.transcript is None:
            return
        self.view.scroll_to_offset(self.transcript.chapters[index].start)
        # The view may not be able to bring a late chapter to the top; the click still decides.
        self.chapters.set_current_chapter(index)
        self._remember_position()
        self._show_position()

    def _reader_moved(self, offset: int) -> None:
        if self.transcript is not None:
            # A short last chapter never reaches the top of the view; at the end of the
            # document the reader is in the last chapter they can see.
            if self.view.at_end():
                offset = self.view.bottom_offset()
            self.chapters.set_current_chapter(self.transcript.chapter_index_at(offset))
            self._remember_position()
            self._show_position()

    def _show_position(self) -> None:
        """'Chapter 8 of 15 · 36:05 · 42% read' in the status bar ("read": beside the search
        index's progress, a bare percentage looked like the indexing's)."""
        transcript = self.transcript
        if transcript is None:
            self.position_label.clear()
            return
        self.position_label.setText(
            position_line(transcript, self.chapters.current_chapter(), self.view))

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
        self.annotations.flush()
        self.related.close()
        self.search.close()
        self._remember_position()
        self.state.set_geometry("geometry", self.saveGeometry())
        self.state.set_geometry("splitter", self.splitter.saveState())
        self.state.set_geometry("sidebar", self.sidebar.saveState())
        self.state.sync()
        super().closeEvent(event)
