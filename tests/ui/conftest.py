from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.store import TranscriptStore
from reader.ui.app import build_window
from reader.ui.main_window import MainWindow


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, library_dir: Path, settings_path: Path, qapp_cleanup: None
                ) -> Iterator[Callable[..., MainWindow]]:
    """Open a real main window on the library; call again to 'restart' with the same settings."""

    def _open(folder: Path | None = library_dir) -> MainWindow:
        """The window on ``folder`` as the library (None: an empty library)."""
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        store = TranscriptStore()
        if folder is not None:
            store.set_folders([folder])
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts (menus) need the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    yield _open


@pytest.fixture
def launch(qtbot, settings_path: Path, qapp_cleanup: None) -> Callable[..., MainWindow]:
    """Start the app as the command line does (``reader.ui.app.build_window``): ``paths`` are
    the files and folders named, ``library`` is ``--library``. Call again to restart with the
    same settings."""

    def _launch(paths: Sequence[Path] = (), library: Path | None = None) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = build_window(list(paths), library=library, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _launch


@pytest.fixture
def scroll_by_hand(qtbot) -> Callable[[MainWindow, int], int]:
    """Scroll the reading view as a user does (the scroll bar moves; the window is not told
    where to go) until the line holding display-text ``offset`` is at the top. Returns once the
    view has reported the new place (``topOffsetChanged``), with the offset now at the top."""

    def _scroll(window: MainWindow, offset: int) -> int:
        view = window.view
        line_top = view.cursorRect(view.offset_to_cursor(offset, offset)).top()
        bar = view.verticalScrollBar()
        target = bar.value() + line_top
        assert line_top != 0 and bar.minimum() <= target <= bar.maximum(), (
            f"offset {offset} cannot be scrolled to the top (line at {line_top} px, "
            f"bar at {bar.value()} of {bar.maximum()})")
        with qtbot.waitSignal(view.topOffsetChanged, timeout=2000):
            bar.setValue(target)
        return view.top_offset()

    return _scroll


@pytest.fixture
def restore_palette(qapp: QApplication) -> Iterator[None]:
    """The theme is app-wide: put the light palette back for the tests that follow."""
    palette = QPalette(qapp.palette())
    yield
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
    qapp.setPalette(palette)
