"""A restart on a transcript with the user's own chapters: the reading pane shows the whole
text at the place it was left, and every pane lists each of the user's chapters once."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import ChapterKind
from tests.conftest import EYE, LEX

TITLE = "Why compute clusters mattered"


def _document_text(window) -> str:
    # Qt's paragraph separators are the display text's newlines.
    return window.view.document().toPlainText()


def _assert_laid_out_to_the_end(window) -> None:
    """The reader can scroll to the last paragraph and see it (the text does not stop part
    way, leaving the rest of the pane blank)."""
    view = window.view
    last = window.transcript.blocks[-1]
    view.scroll_to_offset(last.start)
    assert view.top_offset() <= last.start <= view.bottom_offset()


def _titles(transcript) -> list[str]:
    return [c.title for c in transcript.chapters]


def _read_eye_with_notes(window, path: Path, scroll_by_hand) -> int:
    """The user opens Eye on AI, adds a chapter and a highlight, and scrolls to the middle:
    where they stopped reading."""
    assert window.library.select_path(path)
    transcript = window.transcript
    chapter_at = transcript.blocks[len(transcript.blocks) // 3].start
    assert window.chapter_actions.add_chapter(chapter_at, TITLE) is not None
    paragraph = window.transcript.blocks[10]
    assert window.annotations.highlight(paragraph.start, paragraph.start + 20) is not None
    middle = window.transcript.blocks[len(window.transcript.blocks) // 2].start
    return scroll_by_hand(window, middle)


def test_a_restart_on_eye_on_ai_with_a_chapter_shows_the_whole_text_where_it_was_left(
        open_window, library_dir, scroll_by_hand, qtbot) -> None:
    path = library_dir / EYE.name
    window = open_window()
    left_at = _read_eye_with_notes(window, path, scroll_by_hand)
    window.close()

    again = open_window()
    qtbot.wait(50)  # anything the window does after it is shown has run
    transcript = again.transcript
    assert transcript is not None and transcript.source == path.resolve()
    assert _document_text(again) == transcript.text
    assert _titles(transcript).count(TITLE) == 1
    assert abs(again.view.top_offset() - left_at) < 400
    _assert_laid_out_to_the_end(again)


def test_a_restart_through_the_deferred_start_up_shows_the_whole_text(
        open_window, library_dir, scroll_by_hand, settings_path, qtbot) -> None:
    from PySide6.QtCore import QSettings

    from reader.ui.app import show_window

    path = library_dir / EYE.name
    window = open_window()
    left_at = _read_eye_with_notes(window, path, scroll_by_hand)
    window.close()

    again = show_window([], library=library_dir,
                        settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.transcript is not None, timeout=5000)
    qtbot.wait(50)
    transcript = again.transcript
    assert _document_text(again) == transcript.text
    assert _titles(transcript).count(TITLE) == 1
    assert abs(again.view.top_offset() - left_at) < 400
    _assert_laid_out_to_the_end(again)


def test_switching_away_and_back_after_a_restart_lists_the_users_chapter_once(
        open_window, library_dir, scroll_by_hand, qtbot) -> None:
    eye, lex = library_dir / EYE.name, library_dir / LEX.name
    window = open_window()
    _read_eye_with_notes(window, eye, scroll_by_hand)
    count = len(window.transcript.chapters)
    window.close()

    again = open_window()
    for _ in range(3):
        assert again.library.select_path(lex)
        assert again.library.select_path(eye)
        assert _titles(again.transcript).count(TITLE) == 1
        assert len(again.transcript.chapters) == count
        model = again.chapters.chapter_model
        shown = [model.index(row).data() for row in range(model.rowCount())]
        assert shown.count(TITLE) == 1
    user = [c for c in again.transcript.chapters if c.kind is ChapterKind.USER]
    assert [c.title for c in user] == [TITLE]


def test_the_second_pane_shows_the_same_outline_as_the_main_pane(
        open_window, library_dir, scroll_by_hand, qtbot) -> None:
    eye = library_dir / EYE.name
    window = open_window()
    _read_eye_with_notes(window, eye, scroll_by_hand)
    window.close()

    again = open_window()
    reader = again.related.side_reader
    assert reader.open(eye)
    assert _titles(reader.transcript) == _titles(again.transcript)
    assert _titles(reader.transcript).count(TITLE) == 1


def test_the_second_pane_shows_the_users_chapter_before_the_main_pane_opens_it(
        open_window, library_dir, scroll_by_hand, qtbot) -> None:
    eye, lex = library_dir / EYE.name, library_dir / LEX.name
    window = open_window()
    _read_eye_with_notes(window, eye, scroll_by_hand)
    assert window.library.select_path(lex)  # the main pane was left on Lex
    window.close()

    again = open_window()
    reader = again.related.side_reader
    assert reader.open(eye)
    shown_beside = _titles(reader.transcript)
    assert shown_beside.count(TITLE) == 1
    reader.view.scroll_to_offset(reader.transcript.blocks[len(reader.transcript.blocks) // 2]
                                 .start)
    reader._moved(reader.view.top_offset())
    chapter = reader.transcript.chapter_index_at(reader.view.top_offset())
    # The pane's word is the status bar's: "Section" for an automatic section, else "Chapter".
    noun = "Section" if reader.transcript.chapters[chapter].kind.value == "auto" \
        else "Chapter"
    assert reader.position.text().startswith(
        f"{noun} {chapter + 1} of {len(reader.transcript.chapters)}")
    # Chosen in the library, the transcript beside moves to the main pane (the panes swap),
    # with the same outline.
    assert again.library.select_path(eye)
    assert _titles(again.transcript) == shown_beside
    assert reader.path == lex
