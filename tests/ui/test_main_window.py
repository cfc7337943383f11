"""The main window as a user meets it: library, chapters, reading position, restarts."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from reader.ui.two_line_delegate import EMPHASIS_ROLE, SECONDARY_ROLE
from tests.conftest import EYE, LEX


def _select(window, path: Path) -> None:
    assert window.library.select_path(path)


def _marked_chapters(window) -> list[int]:
    """Rows the chapter list draws as the current chapter (bold)."""
    model = window.chapters.chapter_model
    return [row for row in range(model.rowCount()) if model.index(row).data(EMPHASIS_ROLE)]


def _heading_y(window, chapter_index: int) -> int:
    """Where chapter ``chapter_index``'s heading is drawn, in viewport pixels."""
    chapter = window.transcript.chapters[chapter_index]
    cursor = window.view.offset_to_cursor(chapter.start, chapter.start)
    return window.view.cursorRect(cursor).top()


def test_library_lists_both_interviews_with_show_and_title(open_window) -> None:
    window = open_window()
    model = window.library.library_model
    rows = [(model.index(r).data(), model.index(r).data(SECONDARY_ROLE))
            for r in range(model.rowCount())]
    assert rows == [
        ("Eye On AI - Ilya Sutskever", "Transcript"),
        ("Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94", "Lex Fridman Podcast"),
    ]
    assert window.transcript is not None  # something is open at once, no set-up


def test_lex_chapters_show_in_the_sidebar_with_start_times(open_window, library_dir) -> None:
    window = open_window()
    _select(window, library_dir / LEX.name)
    model = window.chapters.chapter_model
    assert model.rowCount() == 15
    assert model.index(7).data() == (
        "Deep Double Descent: when bigger models get worse before they get better")
    assert model.index(7).data(SECONDARY_ROLE) == "36:05 – 41:20"
    assert model.index(14).data(SECONDARY_ROLE) == "1:13:41 – 1:37:27"
    assert window.chapters.currentWidget() is window.chapters.list
    assert window.windowTitle().startswith("Ilya Sutskever: Deep Learning")


def test_clicking_a_chapter_scrolls_its_heading_to_the_top(open_window, qtbot, library_dir) -> None:
    window = open_window()
    _select(window, library_dir / LEX.name)
    assert _heading_y(window, 7) > window.view.viewport().height()  # not visible yet
    chapter_list = window.chapters.list
    chapter_list.scrollTo(window.chapters.chapter_model.index(7))
    rect = chapter_list.visualRect(window.chapters.chapter_model.index(7))
    qtbot.mouseClick(chapter_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert 0 <= _heading_y(window, 7) < 40
    assert window.chapters.current_chapter() == 7
    assert window.transcript.chapter_index_at(window.view.top_offset()) == 7


def test_scrolling_marks_the_current_chapter(open_window, qtbot, scroll_by_hand,
                                             library_dir) -> None:
    window = open_window()
    _select(window, library_dir / LEX.name)
    fifth = window.transcript.chapters[4]
    # A little into chapter 5: the line after its heading and time span comes to the top.
    scroll_by_hand(window, window.transcript.blocks[fifth.block_index + 2].start)
    assert _marked_chapters(window) == [4]
    assert window.chapters.list.currentIndex().row() == 4
    label = window.position_label.text()
    assert re.fullmatch(r"Chapter 5 of 15 · 19:58 · \d{1,2}% read", label), label

    with qtbot.waitSignal(window.view.topOffsetChanged, timeout=2000):
        window.view.verticalScrollBar().setValue(0)  # back above the first chapter
    assert _marked_chapters(window) == []
    assert not window.chapters.list.currentIndex().isValid()
    assert window.position_label.text() == "0% read"


def test_reading_place_and_last_transcript_survive_a_restart(open_window, scroll_by_hand,
                                                             library_dir) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    blocks = window.transcript.blocks
    place = scroll_by_hand(window, blocks[len(blocks) // 3].start)  # a third of the way in
    assert window.transcript.block_index_at(place) == len(blocks) // 3
    _select(window, library_dir / LEX.name)
    window.go_to_chapter(10)
    lex_place = window.view.top_offset()
    window.close()

    again = open_window()
    assert again.transcript.source == library_dir / LEX.name  # the last one read
    assert again.view.top_offset() == lex_place
    assert again.chapters.current_chapter() == 10
    _select(again, library_dir / EYE.name)
    restored = again.view.top_offset()
    assert again.transcript.block_index_at(restored) == again.transcript.block_index_at(place)
    assert abs(restored - place) < 120


def test_window_geometry_survives_a_restart(open_window) -> None:
    window = open_window()
    window.resize(720, 520)  # within the offscreen 800x600 screen
    window.splitter.setSizes([250, 470])
    left = window.splitter.sizes()  # as Qt laid it out, handles included
    window.close()
    again = open_window()
    assert (again.width(), again.height()) == (720, 520)
    assert again.splitter.sizes() == left


def test_resizing_keeps_the_reader_on_the_same_passage(open_window, qtbot, scroll_by_hand,
                                                       library_dir) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    blocks = window.transcript.blocks
    index = max(range(len(blocks) // 2, len(blocks)), key=lambda i: len(blocks[i].text[:2000]))
    paragraph = blocks[index]  # a long paragraph in the second half, read from its middle
    before = scroll_by_hand(window, paragraph.start + len(paragraph.text) // 2)
    lines_before = window.view.document().findBlockByNumber(index).layout().lineCount()
    width_before = window.view.viewport().width()
    window.resize(window.width() - 300, window.height())
    qtbot.waitUntil(lambda: window.view.viewport().width() < width_before, timeout=2000)
    # The passage that was at the top is still on the top line ...
    passage_y = window.view.cursorRect(window.view.offset_to_cursor(before, before)).top()
    layout = window.view.document().findBlockByNumber(index).layout()
    assert 0 <= passage_y < layout.lineAt(0).height(), passage_y
    assert window.transcript.block_index_at(window.view.top_offset()) == index
    # ... though its paragraph was wrapped again (else this would prove nothing).
    assert layout.lineCount() > lines_before


def test_raw_transcript_shows_automatic_sections_marked_as_such(open_window, library_dir
                                                                 ) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    model = window.chapters.chapter_model
    assert model.rowCount() >= 5
    assert window.chapters.currentWidget() is window.chapters.list
    first = model.index(0)
    assert first.data() == "Introducing yourself, a little bit of your background"
    assert first.data(Qt.ItemDataRole.FontRole).italic()
    assert "auto" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert window.view.toPlainText().startswith("Eye On AI - Ilya Sutskever\n🎁Amazon Prime")


def test_a_broken_file_says_what_is_wrong_and_the_app_keeps_working(open_window, library_dir
                                                                    ) -> None:
    broken = library_dir / "broken.txt"
    broken.write_bytes(b"\x00\x01" * 50)
    window = open_window()
    _select(window, broken)
    message = f"{broken}: is a binary file, not a text transcript"
    assert window.statusBar().currentMessage() == message
    assert window.view.toPlainText() == message
    assert window.transcript is None
    _select(window, library_dir / LEX.name)
    assert window.transcript is not None and len(window.transcript.chapters) == 15
    assert window.statusBar().currentMessage() == ""


def test_file_deleted_after_listing_is_reported_not_fatal(open_window, library_dir) -> None:
    window = open_window()
    (library_dir / LEX.name).unlink()
    _select(window, library_dir / LEX.name)
    assert window.statusBar().currentMessage().endswith("no such file")
    assert window.view.top_offset() == 0 and window.transcript is None


def test_at_the_end_a_short_last_chapter_is_marked_current(open_window, qtbot, tmp_path) -> None:
    long_body = " ".join(["This is a sentence about learning and scale."] * 60)
    folder = tmp_path / "short"
    folder.mkdir()
    outline = folder / "short-last.txt"
    outline.write_text(
        "Show NameEpisode Title | Show Name #1\nCHAPTERS\n"
        f"- 0:00 – 10:00\nOpening\n{long_body}\n"
        f"- 10:00 – 20:00\nMiddle\n{long_body}\n"
        "- 20:00 – 20:30\nGoodbye\nThanks for listening.\n", encoding="utf-8")
    window = open_window(folder)
    assert [c.title for c in window.transcript.chapters] == ["Opening", "Middle", "Goodbye"]
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: window.chapters.current_chapter() == 2, timeout=2000)
    # The heading of "Goodbye" cannot reach the top of the view.
    assert window.transcript.chapter_index_at(window.view.top_offset()) == 1


def test_indexing_progress_is_not_read_as_the_reading_position(open_window,
                                                                library_dir) -> None:
    window = open_window()
    window.library.select_path(library_dir / EYE.name)
    window.view.verticalScrollBar().setValue(0)
    window.search.progress.emit("Indexing 2 of 4…")
    progress = window.search_actions.progress_label
    assert progress.isVisibleTo(window) and progress.text() == "Indexing 2 of 4…"
    # Side by side in the status bar, the place must not read as the indexing's percentage.
    place = window.position_label.text()
    assert not re.fullmatch(r"\d+%", place) and "read" in place, place


def test_an_internal_error_while_opening_is_shown_and_clears_the_old_transcript(
        open_window, library_dir, monkeypatch, caplog) -> None:
    window = open_window()
    _select(window, library_dir / LEX.name)
    assert window.transcript is not None
    eye = library_dir / EYE.name
    loading = window.store.transcript

    def broken_for_eye(path: Path):
        if path == eye:
            raise RuntimeError("a reader bug\nsecond line")
        return loading(path)

    monkeypatch.setattr(window.store, "transcript", broken_for_eye)
    _select(window, eye)
    message = (f"{eye}: could not be opened "
               "(internal error: RuntimeError: a reader bug\\nsecond line)")
    assert window.statusBar().currentMessage() == message
    assert window.view.toPlainText() == message
    assert window.transcript is None and window.chapters.chapter_model.rowCount() == 0
    assert "Traceback" in caplog.text and "a reader bug" in caplog.text
    _select(window, library_dir / LEX.name)  # the app keeps working
    assert window.transcript is not None and len(window.transcript.chapters) == 15
