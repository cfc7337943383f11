"""The main window as a user meets it: library, chapters, reading position, restarts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reader.ui.two_line_delegate import SECONDARY_ROLE
from tests.conftest import EYE, LEX


def _select(window, path: Path) -> None:
    assert window.library.select_path(path)


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


def test_scrolling_marks_the_current_chapter(open_window, qtbot, library_dir) -> None:
    window = open_window()
    _select(window, library_dir / LEX.name)
    bar = window.view.verticalScrollBar()
    target = window.transcript.chapters[4]
    bar.setValue(bar.value() + _heading_y(window, 4) + 60)  # a little into chapter 5
    qtbot.waitUntil(lambda: window.chapters.current_chapter() == 4, timeout=2000)
    assert window.transcript.chapters[4] is target
    bar.setValue(0)
    qtbot.waitUntil(lambda: window.chapters.current_chapter() is None, timeout=2000)


def test_reading_place_and_last_transcript_survive_a_restart(open_window, qtbot,
                                                             library_dir) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    window.view.verticalScrollBar().setValue(2500)
    qtbot.waitUntil(lambda: window.view.top_offset() > 0, timeout=2000)
    qtbot.wait(100)  # let the settle timer record the place
    place = window.view.top_offset()
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
    window.close()
    again = open_window()
    assert (again.width(), again.height()) == (720, 520)
    assert again.splitter.sizes()[0] == 250


def test_resizing_keeps_the_reader_on_the_same_passage(open_window, qtbot, library_dir) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    window.view.verticalScrollBar().setValue(3000)
    qtbot.wait(100)
    before = window.view.top_offset()
    window.resize(window.width() - 300, window.height())
    qtbot.wait(50)
    after = window.view.top_offset()
    block = window.transcript.block_index_at
    assert block(after) == block(before)


def test_raw_transcript_has_no_chapters_and_says_so(open_window, library_dir) -> None:
    window = open_window()
    _select(window, library_dir / EYE.name)
    assert window.chapters.chapter_model.rowCount() == 0
    assert window.chapters.currentWidget() is window.chapters.empty
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
