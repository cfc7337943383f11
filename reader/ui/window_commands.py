"""The window's commands: what fills its menus (every action and its keyboard shortcut), the
user's chapters, export, pairing, the folder watcher, F6 between panes, and the wiring
between the panes.

None of it is drawn in the window's first frame (the menu titles, toolbar and panes are), so
a window started as ``transcript-reader`` builds it just after its first expose, and this
module and the ones it loads are imported then; a window built in one go (tests) builds it
at once. Python creates each Qt class and its enums on first use, which is most of the cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.ui.chapter_actions import ChapterActions
from reader.ui.export_actions import ExportActions
from reader.ui.folder_watcher import FolderWatcher
from reader.ui.keyboard import KeyboardNavigation
from reader.ui.pairing_actions import PairingActions

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def install_commands(window: MainWindow) -> None:
    """Build the window's commands into the menus it shows (titles only until now)."""
    window.watcher = FolderWatcher(window)
    window.chapter_actions = ChapterActions(window, window.store, window.annotations,
                                            window.view, window.chapters)  # user's chapters
    _fill_menus(window, window.menus)
    _connect_signals(window)


def _fill_menus(window: MainWindow, menus: dict[str, QMenu]) -> None:
    def action(menu_name: str, text: str,
               *keys: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
        act = QAction(text, window)
        act.setShortcuts([QKeySequence(k) for k in keys])
        menus[menu_name].addAction(act)
        return act

    window.open_file_action = action("&File", "&Open File…", QKeySequence.StandardKey.Open)
    window.open_folder_action = action("&File", "Open &Folder…", "Ctrl+Shift+O")
    window.export_actions = ExportActions(window, window.store, window.annotations,
                                          window.state)
    window.export_actions.install(menus["&File"])
    # Not StandardKey.Quit: it is empty where the platform has no theme (Xvfb, offscreen).
    window.quit_action = action("&File", "&Quit", "Ctrl+Q")
    window.library_actions.install(menus["&File"], menus["&View"], before=window.quit_action)
    window.next_chapter_action = action("&Go", "&Next Chapter", "Alt+Down", "Ctrl+]")
    window.previous_chapter_action = action("&Go", "&Previous Chapter", "Alt+Up", "Ctrl+[")
    window.larger_text_action = action("&View", "&Larger Text", "Ctrl++", "Ctrl+=")
    window.smaller_text_action = action("&View", "&Smaller Text", "Ctrl+-")
    window.reset_text_action = action("&View", "&Actual Size", "Ctrl+0")
    window.about_action = action("&Help", "&About Transcript Reader", "Ctrl+Shift+F1")
    window.comfort.install(menus["&View"])
    window.annotation_actions.install(menus["&Edit"], menus["&Highlight"], menus["&View"])
    window.find_bar.install(menus["&Edit"])
    window.chapter_actions.install(menus["&Edit"])
    window.search_actions.install(menus["&Go"])
    window.pairing_actions = PairingActions(window, window.view,
                                            window.library_control.refresh_library)
    window.pairing_actions.install(menus["&View"])  # which outline divides a transcript
    window.related.install(menus["&View"])
    window.keyboard = KeyboardNavigation(window)  # F6 between panes, Help ▸ Keyboard Shortcuts
    window.keyboard.install(menus["&View"], menus["&Help"])


def _connect_signals(window: MainWindow) -> None:
    control, search, bar = window.library_control, window.search, window.statusBar()
    window.library.entryActivated.connect(window.open_entry)
    window.chapters.chapterClicked.connect(window.go_to_chapter_id)
    window.view.topOffsetChanged.connect(window._reader_moved)
    window.open_file_action.triggered.connect(control.ask_open_files)
    window.open_folder_action.triggered.connect(control.ask_open_folder)
    window.quit_action.triggered.connect(window.close)
    window.next_chapter_action.triggered.connect(window.next_chapter)
    window.previous_chapter_action.triggered.connect(window.previous_chapter)
    window.larger_text_action.triggered.connect(lambda: window.step_text_size(1))
    window.smaller_text_action.triggered.connect(lambda: window.step_text_size(-1))
    window.reset_text_action.triggered.connect(lambda: window.set_text_size(1.0))
    window.about_action.triggered.connect(window._about)
    window.watcher.changed.connect(control.refresh_library)
    window.watcher.changed.connect(search.request_update)  # edits in place too
    window.annotations.saved.connect(search.request_update)  # notes are searched
    window.annotations.changed.connect(window._annotations_changed)
    window.annotations.message.connect(lambda text: bar.showMessage(text, 8000))
    window.comfort.message.connect(lambda text: bar.showMessage(text, 4000))
