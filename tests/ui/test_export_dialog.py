"""File ▸ Export Notes…: the dialog a reader uses to take notes away as Markdown, its preview,
and what it writes (the real window, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from reader.core.export import load_notes, render_combined, render_transcript
from reader.core.store import resolve
from reader.ui.export_dialog import ExportDialog
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import annotate_eye, annotate_lex


def open_export(window) -> ExportDialog:
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "&Export Notes…")
    action.trigger()
    dialog = window.export_actions.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def open_lex(window, library_dir: Path) -> None:
    assert window.library.select_path(resolve(library_dir / LEX.name))
    assert window.transcript is not None and window.transcript.source.name == LEX.name


def annotated(library_dir: Path) -> Path:
    annotate_lex(library_dir / LEX.name)
    annotate_eye(library_dir / EYE.name)
    return library_dir


def test_export_notes_previews_the_current_transcript(open_window, library_dir: Path) -> None:
    window = open_window(annotated(library_dir))
    open_lex(window, library_dir)
    dialog = open_export(window)
    assert dialog.current_button.isChecked()
    assert not dialog.each_button.isEnabled()  # one transcript: one file
    assert dialog.summary.text() == "1 transcript with notes: 5 highlights, 4 notes."
    assert dialog.markdown() == render_transcript(load_notes(library_dir / LEX.name))
    shown = dialog.preview.toPlainText()
    assert "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94" in shown
    assert "Orphaned highlights" in shown
    assert "<b>bold</b>" in shown  # the orphan's quote shows its HTML as text
    html = dialog.preview.toHtml()
    assert html.count("<h2") == 4 and "font-style:italic" in html  # headings; quotes


def test_whole_library_into_a_folder_writes_one_file_each(open_window, library_dir: Path,
                                                          tmp_path: Path) -> None:
    window = open_window(annotated(library_dir))
    dialog = open_export(window)
    dialog.library_button.setChecked(True)
    assert dialog.each_button.isEnabled() and dialog.each_button.isChecked()
    assert dialog.summary.text().startswith("2 transcripts with notes: 9 highlights, 7 notes.")
    assert "Eye On AI - Ilya Sutskever.md" in dialog.summary.text()
    out = tmp_path / "out"
    asked: list[tuple[bool, str]] = []
    dialog._ask_target = lambda folder, name: asked.append((folder, name)) or out
    dialog.ask_and_save()
    assert asked == [(True, "Transcript notes.md")]
    assert sorted(p.name for p in out.iterdir()) == [
        "Eye On AI - Ilya Sutskever.md",
        "Ilya Sutskever - Deep Learning - Lex Fridman Podcast 94.md"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.statusBar().currentMessage() == \
        f"Exported notes of 2 transcripts to {out}"


def test_one_combined_file_for_the_library(open_window, library_dir: Path,
                                           tmp_path: Path) -> None:
    window = open_window(annotated(library_dir))
    dialog = open_export(window)
    dialog.library_button.setChecked(True)
    dialog.combined_button.setChecked(True)
    assert "Files:" not in dialog.summary.text()
    target = tmp_path / "all.md"
    assert dialog.save_to(target)
    notes = [load_notes(library_dir / EYE.name), load_notes(library_dir / LEX.name)]
    assert target.read_text(encoding="utf-8") == render_combined(notes)


def test_unsaved_edits_are_exported_too(open_window, library_dir: Path) -> None:
    window = open_window(annotated(library_dir))
    open_lex(window, library_dir)
    start = window.transcript.text.index("Deep Double Descent")
    window.annotations.highlight(start, start + len("Deep Double Descent"))
    dialog = open_export(window)
    assert "> Deep Double Descent\n" in dialog.markdown()


def test_nothing_to_export_says_so_and_cannot_save(open_window, library_dir: Path,
                                                   tmp_path: Path) -> None:
    window = open_window()
    dialog = open_export(window)
    assert dialog.summary.text() == ("Nothing to export: there are no highlights or notes in "
                                     "this transcript.")
    assert not dialog.save_button.isEnabled()
    dialog.library_button.setChecked(True)
    assert dialog.summary.text().endswith("in the library.")
    assert not dialog.save_to(tmp_path / "x.md") and not (tmp_path / "x.md").exists()


def test_a_failed_save_is_said_in_the_status_bar_and_the_dialog_stays(
        open_window, library_dir: Path, tmp_path: Path) -> None:
    window = open_window(annotated(library_dir))
    dialog = open_export(window)
    target = tmp_path / "missing-folder" / "notes.md"
    assert not dialog.save_to(target)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"{target}: cannot be written (")
    assert dialog.isVisible() and dialog.summary.text() == message


def test_saving_over_a_file_that_is_not_an_export_is_refused(
        open_window, library_dir: Path, tmp_path: Path) -> None:
    window = open_window(annotated(library_dir))
    open_lex(window, library_dir)
    dialog = open_export(window)
    other = tmp_path / "talk.txt"  # a transcript: the file dialog asked "replace?", yet no
    other.write_bytes(EYE.read_bytes())
    assert not dialog.save_to(other)
    assert other.read_bytes() == EYE.read_bytes()
    assert window.statusBar().currentMessage() == (
        f"{other}: exists and is not an earlier export; choose another file (or remove it "
        "first)")
    assert dialog.isVisible()
