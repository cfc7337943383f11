"""The library as a user handles it: a large folder fills in while the window is already up,
filter and sort, remove (the file stays) or move to the trash (asked first), drops, Open
Recent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.ui.library_controller import SYNC_SCAN_FILES
from tests.conftest import EYE, LEX


def _titles(window) -> list[str]:
    return [e.title for e in window.library.visible_entries()]


def _many(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        source = (LEX, EYE)[i % 2]
        (folder / f"{i:04d}-{source.name}").write_bytes(source.read_bytes())
    return folder


def test_a_large_library_fills_in_after_the_window_is_up(launch, qtbot, tmp_path) -> None:
    count = SYNC_SCAN_FILES * 3
    folder = _many(tmp_path, count)
    window = launch(library=folder)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    inserts: list[int] = []
    window.library.library_model.rowsInserted.connect(lambda *_: inserts.append(1))
    assert window.library_control.scanning  # the window is shown before the files are read
    qtbot.waitUntil(lambda: not window.library_control.scanning, timeout=60_000)

    assert window.library.library_model.rowCount() == count
    assert len(inserts) >= 2  # the list filled in batch by batch, not all at the end
    assert any(f"of {count}" in m for m in messages)  # progress in the status bar
    assert f"{count} transcripts in the library" in window.statusBar().currentMessage()
    assert window.transcript is not None  # and something is open to read

    chosen = window.library.visible_entries()[7].path
    window.library.select_path(chosen)
    window.close()
    again = launch(library=folder)
    # The last-read transcript opens as soon as the scan reaches it.
    qtbot.waitUntil(lambda: again.transcript is not None
                    and again.transcript.source == chosen, timeout=60_000)


def test_filter_shows_only_matching_transcripts_and_escape_clears_it(open_window, qtbot
                                                                     ) -> None:
    window = open_window()
    field = window.library_box.filter_field
    qtbot.keyClicks(field, "lex fridman")
    assert _titles(window) == ["Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"]
    qtbot.keyClicks(field, " nothing-like-this")
    assert _titles(window) == []
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert len(_titles(window)) == 2


def test_sort_by_title_date_and_format_is_remembered(open_window, library_dir) -> None:
    window = open_window()
    eye, lex = library_dir / EYE.name, library_dir / LEX.name
    os.utime(eye, (1_600_000_000, 1_600_000_000))
    os.utime(lex, (1_700_000_000, 1_700_000_000))
    window.library_actions.sort_actions["modified"].trigger()
    assert [e.path for e in window.library.visible_entries()] == [lex, eye]  # newest first
    window.library_actions.sort_actions["title"].trigger()
    assert _titles(window) == sorted(_titles(window), key=str.casefold)
    assert window.library_box.sort_box.currentText() == "Title"
    window.library_actions.sort_actions["format"].trigger()
    assert [e.path for e in window.library.visible_entries()] == [lex, eye]  # outline first
    window.close()
    again = open_window()
    assert again.library_box.order() == "format"
    assert again.library_actions.sort_actions["format"].isChecked()


def test_remove_from_library_keeps_the_file_and_is_remembered(open_window, library_dir
                                                              ) -> None:
    window = open_window()
    eye = library_dir / EYE.name
    window.library.select_path(eye)
    window.library_actions.remove_action.trigger()
    assert eye not in [e.path for e in window.library.visible_entries()]
    assert eye.exists()
    assert "removed from the library" in window.statusBar().currentMessage()
    assert window.transcript is not None and window.transcript.source != eye
    window.close()

    again = open_window()
    assert [e.path for e in again.library.visible_entries()] == [library_dir / LEX.name]
    again.add_files([eye])  # opening it explicitly brings it back
    assert eye in [e.path for e in again.library.visible_entries()]
    assert again.transcript.source == eye


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Cancel,
                                    QMessageBox.StandardButton.Yes])
def test_a_file_goes_to_the_trash_only_when_the_user_confirms(
        open_window, library_dir, monkeypatch, isolated_user_dirs, answer) -> None:
    window = open_window()
    eye = library_dir / EYE.name
    window.library.select_path(eye)
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    window.library_actions.trash_action.trigger()
    assert asked and "Eye On AI" in asked[0]
    listed = [e.path for e in window.library.visible_entries()]
    if answer == QMessageBox.StandardButton.Cancel:
        assert eye.exists() and eye in listed
    else:
        assert not eye.exists() and eye not in listed, window.statusBar().currentMessage()
        trash = isolated_user_dirs / "xdg_data_home" / "Trash" / "files"
        assert (trash / EYE.name).exists()  # recoverable, not deleted


def _drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # As a drag does: the window must accept the drag before it gets the drop.
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def test_dropping_files_and_folders_adds_them_and_opens_the_file(open_window, tmp_path
                                                                 ) -> None:
    window = open_window(None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dropped = elsewhere / LEX.name
    dropped.write_bytes(LEX.read_bytes())
    folder = tmp_path / "dropped-folder"
    folder.mkdir()
    (folder / EYE.name).write_bytes(EYE.read_bytes())

    _drop(window, [dropped, folder])
    assert window.transcript is not None and window.transcript.source == dropped
    assert {e.path for e in window.library.visible_entries()} == {dropped, folder / EYE.name}
    assert "Added" in window.statusBar().currentMessage()
    menu = window.library_actions.recent.menu
    menu.aboutToShow.emit()  # as opening the menu does
    recent = [a.text() for a in menu.actions()]
    assert any(LEX.name in t for t in recent) and any("dropped-folder" in t for t in recent)


def test_open_recent_reopens_a_folder_and_can_be_cleared(open_window, library_dir, tmp_path,
                                                         monkeypatch) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / LEX.name).write_bytes(LEX.read_bytes())
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(other))
    window.open_folder_action.trigger()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(library_dir))
    window.open_folder_action.trigger()
    assert len(window.library.visible_entries()) == 3  # opening a folder adds it
    window.library_control.remove_folder(other)
    assert len(window.library.visible_entries()) == 2
    window.close()

    window = open_window()
    menu = window.library_actions.recent.menu
    menu.aboutToShow.emit()
    items = [a for a in menu.actions() if a.data()]
    assert [Path(a.data()) for a in items] == [other, library_dir]  # newest first
    items[0].trigger()
    assert other / LEX.name in [e.path for e in window.library.visible_entries()]
    clear = next(a for a in menu.actions() if "Clear" in a.text())
    clear.trigger()
    menu.aboutToShow.emit()
    assert not [a for a in menu.actions() if a.data()]


def test_the_window_shows_before_the_library_is_read_then_fills_in(
        qtbot, library_dir, settings_path, qapp_cleanup) -> None:
    from PySide6.QtCore import QSettings

    from reader.ui.app import show_window

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = show_window([], library_dir, settings)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.transcript is None and "Reading your library" in window.view.toPlainText()
    qtbot.waitUntil(lambda: window.transcript is not None, timeout=10_000)
    assert len(window.library.visible_entries()) == 2


def test_a_second_pane_left_open_comes_back_after_the_window_shows(
        qtbot, library_dir, settings_path, qapp_cleanup) -> None:
    """The second reading pane is read and laid out once the window is on screen, as the
    main transcript is, not before (it used to delay the window by a whole transcript)."""
    from PySide6.QtCore import QByteArray, QSettings

    from reader.ui.app import show_window

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("side_reader/path", QByteArray(os.fsencode(library_dir / LEX.name)))
    window = show_window([], library_dir, settings)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.related._side_reader is None  # not built, nothing read yet
    qtbot.waitUntil(lambda: window.related.side_reader.isVisible(), timeout=10_000)
    assert window.related.side_reader.transcript.source == library_dir / LEX.name


def test_a_library_that_cannot_be_read_is_said_in_the_window_not_in_a_dialog(
        qtbot, tmp_path, settings_path, qapp_cleanup) -> None:
    from PySide6.QtCore import QSettings

    from reader.ui.app import show_window

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    missing = tmp_path / "gone"
    window = show_window([], missing, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "no such folder" in window.statusBar().currentMessage(),
                    timeout=10_000)
    assert "gone: no such folder" in window.view.toPlainText()
    assert QApplication.activeModalWidget() is None


def test_an_opened_folder_is_still_the_library_after_a_restart(launch, library_dir, tmp_path,
                                                               monkeypatch) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / EYE.name).write_bytes(EYE.read_bytes())
    window = launch()  # the default library, with the bundled interviews
    assert len(window.library.visible_entries()) == 2
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(other))
    window.open_folder_action.trigger()
    assert "other" in window.statusBar().currentMessage()  # says what was added
    window.close()

    again = launch()
    assert other / EYE.name in [e.path for e in again.library.visible_entries()]
    assert len(again.library.visible_entries()) == 3  # added to the default library
    again.close()
    # --library on the command line still wins.
    chosen = launch(library=library_dir)
    assert len(chosen.library.visible_entries()) == 2
    assert all(e.path.parent == library_dir for e in chosen.library.visible_entries())


def test_removing_a_folder_keeps_its_files_and_is_remembered(launch, tmp_path) -> None:
    """File ▸ Remove Folder from Library: the folder of the chosen transcript leaves the list
    (a dropped folder as well as the default library), nothing is deleted, and a restart keeps
    it out; dropping it again brings it back."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / LEX.name).write_bytes(LEX.read_bytes())
    window = launch()  # the default library, with the bundled interviews
    default = window.store.folders[0]
    bundled = sorted(p.name for p in default.iterdir())
    _drop(window, [extra])
    assert len(window.library.visible_entries()) == 3

    window.library.select_path(extra / LEX.name)
    window.library_actions.remove_folder_action.trigger()
    assert all(e.path.parent == default for e in window.library.visible_entries())
    assert (extra / LEX.name).exists()
    assert "removed from the library" in window.statusBar().currentMessage()
    window.library.select_path(window.library.visible_entries()[0].path)
    window.library_actions.remove_folder_action.trigger()  # the last folder: an empty list
    assert window.library.visible_entries() == []
    assert window.transcript is None
    assert sorted(p.name for p in default.iterdir()) == bundled  # nothing deleted
    window.close()

    again = launch()  # not the default library again: the user removed it
    assert again.library.visible_entries() == []
    assert again.store.folders == []
    _drop(again, [extra])
    assert [e.path for e in again.library.visible_entries()] == [extra / LEX.name]
