"""The first run on a fresh machine opens both bundled interviews at once, one in each
reading pane; afterwards what the reader left open wins."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reader.ui.app import show_window
from tests.conftest import EYE, LEX


def _start(qtbot, settings_file: Path):
    window = show_window([], None, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.transcript is not None, timeout=5000)
    return window


def test_a_fresh_machine_opens_both_interviews_side_by_side(
        qtbot, isolated_user_dirs: Path, tmp_path, qapp_cleanup) -> None:
    settings_file = tmp_path / "fresh.ini"
    window = _start(qtbot, settings_file)
    side = window.related.side_reader
    qtbot.waitUntil(lambda: side.isVisible() and side.transcript is not None, timeout=5000)
    shown = {window.transcript.source.name, side.transcript.source.name}
    assert shown == {LEX.name, EYE.name}
    qtbot.waitUntil(lambda: min(window.related.pair.sizes()) > 0.3 * window.related.pair.width())

    side.close_pane()  # the reader closes it: the next start keeps it closed
    window.close()
    again = _start(qtbot, settings_file)
    assert again.findChild(type(side), "sideReader") is None or not again.findChild(
        type(side), "sideReader").isVisible()
