"""Highlights and notes as a reader uses them: select, Ctrl+H, colours, notes, tags, undo,
the notes panel, and everything still there after a restart."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.core.annotations import COLORS, AnnotationStore
from reader.core.formats import load_transcript
from reader.ui.note_editor import NoteEditor
from tests.conftest import EYE, LEX


def _open_on(open_window, path: Path):
    window = open_window()
    assert window.library.select_path(path)
    return window


def _select_text(window, text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = window.transcript.text.index(text, start + 1)
    window.view.select_range(start, start + len(text))
    return start, start + len(text)


def _background_at(window, offset: int):
    """The background colour Qt draws behind the character at ``offset``."""
    cursor = window.view.offset_to_cursor(offset, offset + 1)
    cursor.setPosition(cursor.selectionEnd())
    brush = cursor.charFormat().background()
    return brush.color() if brush.style() != Qt.BrushStyle.NoBrush else QColor(0, 0, 0, 0)


def _panel_quotes(window) -> list[str]:
    model = window.notes.model
    return [model.index(r).data() for r in range(model.rowCount())]


def _sidecar(path: Path) -> dict:
    return json.loads(path.with_name(path.name + ".annotations.json").read_text("utf-8"))


def test_ctrl_h_highlights_the_selection_draws_it_lists_it_and_saves_it(
        open_window, qtbot, library_dir) -> None:
    path = library_dir / EYE.name
    window = _open_on(open_window, path)
    start, end = _select_text(window, "scale")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert _panel_quotes(window) == ["scale"]
    drawn = _background_at(window, start)
    assert drawn.name() == COLORS["yellow"] and drawn.alpha() > 0
    assert _background_at(window, end + 1).alpha() == 0  # only the selection
    assert window.view.selected_range() is None  # the selection became the highlight
    qtbot.waitUntil(lambda: path.with_name(path.name + ".annotations.json").exists(), timeout=3000)
    saved = _sidecar(path)["annotations"]
    assert len(saved) == 1 and "scale" in json.dumps(saved[0]["target"])


def test_colour_note_tags_delete_and_undo_redo(open_window, qtbot, library_dir) -> None:
    window = _open_on(open_window, library_dir / EYE.name)
    start, _ = _select_text(window, "deep learning")
    window.annotation_actions.color_actions["green"].trigger()  # highlight in green
    (annotation,) = window.annotations.annotations()
    assert annotation.color == "green"
    assert _background_at(window, start).name() == COLORS["green"]

    window.notes.select(annotation.id)
    window.notes.list.setFocus()
    window.annotation_actions.color_actions["blue"].trigger()  # recolour the chosen one
    assert window.annotations.get(annotation.id).color == "blue"
    assert _background_at(window, start).name() == COLORS["blue"]

    def write_note() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, NoteEditor)
        editor.note_edit.setPlainText("Why **depth** matters")
        editor.tags_edit.setText("#depth, history depth")
        editor.accept()

    QTimer.singleShot(0, write_note)
    window.annotation_actions.note_action.trigger()
    edited = window.annotations.get(annotation.id)
    assert edited.note == "Why **depth** matters"
    assert edited.tags == ("depth", "history")
    secondary = window.notes.model.secondary(edited)
    assert "#depth #history" in secondary and "Why depth matters" in secondary

    window.activateWindow()  # back from the note dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.notes.list.setFocus()
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Delete)
    assert window.annotations.annotations() == []
    assert _background_at(window, start).alpha() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.note for a in window.annotations.annotations()] == ["Why **depth** matters"]
    assert _background_at(window, start).name() == COLORS["blue"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note
    assert window.annotations.annotations()[0].note == ""
    qtbot.keyClick(window.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.annotations.annotations()[0].note == "Why **depth** matters"


def test_a_selection_across_a_summary_and_its_bullets_is_one_highlight(
        open_window, library_dir) -> None:
    window = _open_on(open_window, library_dir / LEX.name)
    chapter = window.transcript.chapters[7]
    blocks = window.transcript.blocks
    summary = blocks[chapter.block_index + 2]
    bullet = blocks[chapter.block_index + 3]
    window.view.select_range(summary.start + 5, bullet.end - 3)
    window.annotation_actions.highlight_action.trigger()
    (annotation,) = window.annotations.annotations()
    assert annotation.exact == window.transcript.text[summary.start + 5: bullet.end - 3]
    assert "\n" in annotation.exact
    assert _background_at(window, summary.start + 6).alpha() > 0
    assert _background_at(window, bullet.start + 1).alpha() > 0
    assert "Deep Double Descent" in window.notes.model.secondary(annotation)


def test_clicking_a_highlight_in_the_panel_takes_the_reader_there(open_window, qtbot,
                                                                   library_dir) -> None:
    window = _open_on(open_window, library_dir / EYE.name)
    middle = window.transcript.blocks[len(window.transcript.blocks) * 2 // 3]
    late = middle.start + 10
    window.view.select_range(late, late + 12)
    window.annotation_actions.highlight_action.trigger()
    window.view.scroll_to_offset(0)
    assert window.view.bottom_offset() < late
    index = window.notes.model.index(0)
    rect = window.notes.list.visualRect(index)
    qtbot.mouseClick(window.notes.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.top_offset() <= late < window.view.bottom_offset()
    assert window.view.offset_at_cursor() == late  # the cursor is in it: Ctrl+Alt+2 recolours


def test_highlights_survive_text_size_changes_and_a_restart(open_window, qtbot,
                                                            library_dir) -> None:
    window = _open_on(open_window, library_dir / LEX.name)
    start, _ = _select_text(window, "compute bottleneck")
    window.annotation_actions.highlight_action.trigger()
    window.step_text_size(2)
    assert _background_at(window, start).alpha() > 0
    window.close()  # quitting saves at once, before the save delay
    again = open_window()
    assert again.transcript.source == library_dir / LEX.name
    assert _panel_quotes(again) == ["compute bottleneck"]
    assert _background_at(again, start).name() == COLORS["yellow"]


def test_copy_as_citation_names_show_title_chapter_and_time(open_window, library_dir) -> None:
    window = _open_on(open_window, library_dir / LEX.name)
    _select_text(window, "compute bottleneck")
    window.annotation_actions.highlight_action.trigger()
    window.notes.select(window.annotations.annotations()[0].id)
    window.notes.list.setFocus()
    window.annotation_actions.citation_action.trigger()
    assert QGuiApplication.clipboard().text() == (
        "“compute bottleneck”\n— Lex Fridman Podcast, Ilya Sutskever: Deep Learning | Lex "
        "Fridman Podcast #94, AlexNet origins: training deep nets end-to-end and the compute "
        "bottleneck, 0:00")


def test_another_writer_s_highlight_appears_without_a_restart(open_window, qtbot,
                                                              library_dir) -> None:
    path = library_dir / EYE.name
    window = _open_on(open_window, path)
    _select_text(window, "OpenAI")
    window.annotation_actions.highlight_action.trigger()
    window.annotations.flush()
    other = AnnotationStore(load_transcript(path))  # the command line, another window...
    other.load()
    text = other.transcript.text
    other.add_highlight(text.index("GPT"), text.index("GPT") + 3, color="pink")
    other.save()
    qtbot.waitUntil(lambda: len(window.annotations.annotations()) == 2, timeout=5000)
    assert sorted(_panel_quotes(window)) == ["GPT", "OpenAI"]
    gpt = text.index("GPT")
    assert _background_at(window, gpt).name() == COLORS["pink"]


def test_the_transcript_note_is_saved_and_shown(open_window, qtbot, library_dir) -> None:
    window = _open_on(open_window, library_dir / EYE.name)

    def write_note() -> None:
        editor = QApplication.activeModalWidget()
        editor.note_edit.setPlainText("Compare with the **Lex** interview.")
        editor.accept()

    QTimer.singleShot(0, write_note)
    window.annotation_actions.transcript_note_action.trigger()
    assert window.annotations.transcript_note == "Compare with the **Lex** interview."
    assert window.notes.note_preview.text() == "Compare with the Lex interview."
    window.close()
    again = open_window()
    assert again.annotations.transcript_note == "Compare with the **Lex** interview."


def test_a_colour_key_right_after_highlighting_recolours_that_highlight(
        open_window, qtbot, library_dir) -> None:
    window = _open_on(open_window, library_dir / EYE.name)
    start, _ = _select_text(window, "deep learning")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_3,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    (annotation,) = window.annotations.annotations()
    assert annotation.color == "blue"
    assert _background_at(window, start).name() == COLORS["blue"]
    assert "recoloured blue" in window.statusBar().currentMessage()


def test_esc_in_the_note_editor_asks_before_discarding(qtbot, monkeypatch, qapp_cleanup
                                                       ) -> None:
    from PySide6.QtWidgets import QMessageBox

    editor = NoteEditor(None, title="Note", quote="a quote", note="first", tags=[])
    qtbot.addWidget(editor)
    editor.note_edit.setPlainText("first, then a long thought")
    asked: list[str] = []

    def keep_editing(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep_editing)
    editor.show()
    qtbot.waitExposed(editor)
    with qtbot.assertNotEmitted(editor.rejected):
        qtbot.keyClick(editor.note_edit, Qt.Key.Key_Escape)
    assert asked == ["Discard the changes to this note?"]
    assert editor.isVisible()
    assert editor.note() == "first, then a long thought"  # still there to save
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(editor.rejected, timeout=1000):
        qtbot.keyClick(editor.note_edit, Qt.Key.Key_Escape)


def test_keyboard_selection_can_be_highlighted(open_window, qtbot, library_dir) -> None:
    window = _open_on(open_window, library_dir / EYE.name)
    start = window.transcript.text.index("Ilya")
    cursor = window.view.offset_to_cursor(start, start)
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    for _ in range(4):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert _panel_quotes(window) == ["Ilya"]
