"""Starting the app: settings, the library, the window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

from reader.core import paths as app_paths
from reader.core.errors import TranscriptError
from reader.core.library import ensure_default_library
from reader.core.store import Refresh, TranscriptStore
from reader.ui.app_identity import identify
from reader.ui.library_controller import READING
from reader.ui.main_window import MainWindow
from reader.ui.reading_state import ReadingState

# A window that is never exposed (started minimised, a platform without expose events) is
# still filled in, this long after it was shown.
FILL_ANYWAY_MS = 2000


class AfterFirstExpose(QObject):
    """Runs ``action`` once, when the window's first expose has been handled (it is painted and
    on screen), so nothing it does delays the first paint. A zero-timer at ``show()`` is not
    enough: it fires before the window system's expose event arrives."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action: Callable[[], None] | None = action
        handle = widget.windowHandle()
        if handle is None or handle.isExposed():
            QTimer.singleShot(0, self._run)
            return
        handle.installEventFilter(self)
        QTimer.singleShot(FILL_ANYWAY_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Expose and isinstance(watched, QWindow)
                and watched.isExposed()):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after this expose is handled: painted
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()


def open_settings() -> QSettings:
    return QSettings(str(app_paths.settings_file()), QSettings.Format.IniFormat)


def startup_store(paths: list[Path], library: Path | None,
                  store: TranscriptStore | None = None,
                  remembered: list[Path] | None = None) -> tuple[TranscriptStore, Refresh]:
    """Files or folders named on the command line; else ``--library``; else the folders the
    user last made the library (``remembered``); else the default library (created, with the
    bundled interviews, on first run). Problems are reported, not raised:
    the window opens and says what is wrong. Nothing is read yet: the window scans (a large
    library on a worker thread, after it is shown)."""
    store = store if store is not None else TranscriptStore()
    if paths:
        return store, store.open_paths(paths, scan=False)
    if library is None and remembered is not None:  # even none: the user removed them all
        return store, store.set_folders(remembered, scan=False)
    try:
        folder = library or ensure_default_library()
    except TranscriptError as error:
        return store, Refresh(False, (str(error),))
    return store, store.set_folders([folder], scan=False)


def build_window(paths: list[Path], library: Path | None = None,
                 settings: QSettings | None = None) -> MainWindow:
    settings = settings or open_settings()
    store, result = startup_store(paths, library,
                                  remembered=ReadingState(settings).library_folders())
    window = MainWindow(store, settings, problems=result.problems)
    return window


def show_window(paths: list[Path], library: Path | None = None,
                settings: QSettings | None = None) -> MainWindow:
    """The window as a user starts it: shown first, its panes, toolbar and menu titles empty
    but for a note, then filled in once it is on screen (the menus' commands and shortcuts,
    the library listed, the last transcript opened, the second reading pane back if it was
    open), so building commands, importing the readers, reading files and laying out text
    never delay the window itself."""
    settings = settings or open_settings()
    # A fresh machine: nothing remembered yet (read before the window writes anything).
    first_run = not settings.allKeys() and not paths and library is None
    window = MainWindow(TranscriptStore(), settings, restore_pair=False, commands_later=True)
    window.view.show_message(READING)
    window.chapters.set_transcript(None)  # its placeholder, as for any window with nothing open
    window.show()

    def fill() -> None:
        window.install_commands()  # the menus' commands and every shortcut: "ready"
        _store, result = startup_store(paths, library, window.store,
                                       window.state.library_folders())
        window.library_control.show_library(result.problems)
        if first_run:
            open_other_bundled_beside(window)  # the product's promise: both at once
        else:
            window.related.restore()  # the second reading pane, if it was open: read it now

    AfterFirstExpose(window, fill)
    return window


def open_other_bundled_beside(window: MainWindow) -> None:
    """Open the bundled interview the main pane does not show in the second reading pane,
    beside it, the two panes sharing the width evenly."""
    bundled = {p.name for p in app_paths.bundled_transcripts_dir().glob("*")}
    shown = window._current_path
    other = next((e.path for e in window.store.entries()
                  if e.path.name in bundled and e.path != shown and e.error is None), None)
    if shown is None or other is None:
        return
    pair = window.related.pair
    side = window.related.side_reader
    side.preferred_width = pair.width() // 2
    if side.open(other):
        QTimer.singleShot(0, pair, lambda: pair.setSizes(
            [pair.width() // 2, pair.width() - pair.width() // 2]))


def run_app(paths: list[Path], library: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    identify(app)  # name, organisation, icon, desktop file
    show_window(paths, library)
    return app.exec()
