"""Menus and start-up: opening files and folders, chapter keys, text size, --library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog

from reader.ui.app import build_window
from tests.conftest import EYE, LEX


def _body_point_size(window) -> float:
    """Point size of the first paragraph's text as drawn."""
    transcript = window.transcript
    block = next(b for b in transcript.blocks if b.kind.value in ("paragraph", "summary"))
    cursor = window.view.offset_to_cursor(block.start + 1, block.start + 1)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return cursor.charFormat().fontPointSize()


def test_alt_down_and_alt_up_step_through_chapters(open_window, qtbot, library_dir) -> None:
    window = open_window()
    window.library.select_path(library_dir / LEX.name)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.chapters.current_chapter() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.chapters.current_chapter() == 2
    assert window.transcript.chapter_index_at(window.view.top_offset()) == 2
    qtbot.keyClick(window.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.chapters.current_chapter() == 1


def test_previous_chapter_first_returns_to_the_start_of_the_current_one(open_window, qtbot,
                                                                        library_dir) -> None:
    window = open_window()
    window.library.select_path(library_dir / LEX.name)
    window.go_to_chapter(5)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.value() + 150)  # reading inside chapter 6
    qtbot.waitUntil(lambda: window.view.top_offset() > window.transcript.chapters[5].start + 40)
    window.previous_chapter_action.trigger()
    assert window.chapters.current_chapter() == 5
    assert window.transcript.block_index_at(window.view.top_offset()) == \
        window.transcript.chapters[5].block_index
    window.previous_chapter_action.trigger()
    assert window.chapters.current_chapter() == 4


def test_larger_text_keeps_the_place_and_is_remembered(open_window, qtbot, library_dir,
                                                       scroll_by_hand) -> None:
    window = open_window()
    window.library.select_path(library_dir / EYE.name)
    scroll_by_hand(window, window.transcript.blocks[len(window.transcript.blocks) // 3].start)
    place = window.transcript.block_index_at(window.view.top_offset())
    before = _body_point_size(window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.larger_text_action.trigger()
    assert _body_point_size(window) > before * 1.2
    assert window.transcript.block_index_at(window.view.top_offset()) == place
    window.close()
    again = open_window()
    assert again.view.text_scale == window.view.text_scale > 1.0
    again.reset_text_action.trigger()
    assert _body_point_size(again) == before


def test_open_folder_adds_the_folder_to_the_library(open_window, monkeypatch, tmp_path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "talk.txt").write_text("A Talk\n\nHello and welcome. Today we talk.", "utf-8")
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(other))
    window.open_folder_action.trigger()
    model = window.library.library_model
    titles = [model.index(r).data() for r in range(model.rowCount())]
    assert "A Talk" in titles and len(titles) == 3  # the interviews stay listed
    assert "Remove Folder from Library" in window.statusBar().currentMessage()


def test_open_file_adds_it_to_the_list_and_opens_it(open_window, monkeypatch, tmp_path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text("Extra Episode\n\nFirst words here. Then more.", "utf-8")
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(extra)], ""))
    window.open_file_action.trigger()
    window.open_file_action.trigger()  # opening it again does not list it twice
    assert window.library.library_model.rowCount() == 3
    assert window.transcript.title == "Extra Episode"


def test_empty_library_says_how_to_add_transcripts(open_window) -> None:
    window = open_window(None)
    assert window.transcript is None
    assert "Your library is empty" in window.view.toPlainText()
    assert "Open Folder" in window.view.toPlainText()


def test_startup_uses_library_option_or_named_files(qtbot, tmp_path, library_dir,
                                                    qapp_cleanup) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = build_window([], library=library_dir, settings=settings)
    qtbot.addWidget(window)
    assert window.library.library_model.rowCount() == 2
    only_lex = build_window([library_dir / LEX.name], settings=settings)
    qtbot.addWidget(only_lex)
    assert only_lex.library.library_model.rowCount() == 1
    assert only_lex.transcript.show == "Lex Fridman Podcast"


def test_first_start_opens_the_bundled_interviews_from_the_user_library(
        qtbot, isolated_user_dirs: Path, tmp_path, qapp_cleanup) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = build_window([], settings=settings)
    qtbot.addWidget(window)
    entries = window.library.library_model.entries()
    assert {e.path.name for e in entries} == {LEX.name, EYE.name}
    assert all(str(e.path).startswith(str(isolated_user_dirs)) for e in entries)
    assert window.transcript is not None


def test_menu_bar_has_each_menu_once_with_its_commands(open_window) -> None:
    window = open_window()
    menus = [a.menu() for a in window.menuBar().actions()]
    assert [m.title() for m in menus] == ["&File", "&Edit", "&Go", "&Highlight", "&View", "&Help"]
    assert [a.text() for a in menus[2].actions()] == [
        "&Next Chapter", "&Previous Chapter", "", "&Search Library…", "Next Search &Result",
        "Previous Search R&esult"]
    assert window.next_chapter_action.shortcut().toString() == "Alt+Down"
