"""Find in the open transcript (Ctrl+F): the count, walking the matches, the marks, Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.find import TextFinder
from tests.conftest import EYE, LEX

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _open_find(qtbot, window, query: str):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, query)
    return bar


def _current_match(window) -> tuple[int, int]:
    bar = window.find_bar
    return bar.result.matches[bar.current]


def _on_screen(view, match: tuple[int, int]) -> bool:
    return view.top_offset() <= match[0] and match[1] <= view.bottom_offset()


def test_find_counts_marks_every_match_and_walks_them(open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    window.view.scroll_to_offset(0)
    bar = _open_find(qtbot, window, "scale")
    expected = TextFinder(window.transcript.text).find_all("scale").matches
    total = len(expected)
    assert total > 5
    assert bar.count.text() == f"1 of {total}"
    assert window.view.find_marks() == list(expected)  # every match is marked
    assert len(window.view.extraSelections()) == total

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.count.text() == f"1 of {total}"
    for number in range(2, total + 1):  # F3 to the last one, scrolling each into view
        qtbot.keyClick(bar.field, Qt.Key.Key_F3)
        assert bar.count.text() == f"{number} of {total}"
        assert _on_screen(window.view, _current_match(window))
    assert _current_match(window) == expected[-1]
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)  # past the last: round to the first
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == f"{total} of {total}"


def test_case_accents_and_typographic_apostrophes_do_not_count(open_window, qtbot,
                                                               library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    bar = _open_find(qtbot, window, "DON'T")  # the transcript writes don’t / Don’t
    text = window.transcript.text.lower()
    total = text.count("don’t")
    assert total > 0 and bar.count.text().endswith(f" of {total}")
    start, end = _current_match(window)
    assert window.transcript.text[start:end].lower() == "don’t"


def test_esc_closes_the_bar_clears_the_marks_and_leaves_the_match_selected(
        open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    bar = _open_find(qtbot, window, "bitter lesson")
    match = _current_match(window)
    assert window.view.extraSelections()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.view.find_marks() == [] and window.view.extraSelections() == []
    assert window.view.selected_range() == match  # Ctrl+H would highlight it now
    assert window.view.hasFocus()


def test_no_match_is_said_and_a_new_transcript_is_searched_again(open_window, qtbot,
                                                                 library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    bar = _open_find(qtbot, window, "sentiment neuron")
    assert bar.count.text() == "No matches" and window.view.find_marks() == []
    assert window.library.select_path(library_dir / LEX.name)  # it is in this one
    total = len(TextFinder(window.transcript.text).find_all("sentiment neuron"))
    assert total > 0 and bar.count.text() == f"1 of {total}"
    assert len(window.view.find_marks()) == total


def test_find_marks_and_the_brief_mark_of_a_search_hit_are_drawn_together(
        open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    _open_find(qtbot, window, "scale")
    marks = len(window.view.find_marks())
    start = window.transcript.text.index("bitter lesson")
    window.view.reveal_range(start, start + 40)  # where a search hit takes the reader
    assert window.view.is_marked() and len(window.view.extraSelections()) == marks + 1
    qtbot.waitUntil(lambda: not window.view.is_marked(), timeout=5000)
    assert len(window.view.extraSelections()) == marks  # the find marks stay


def test_f3_opens_the_bar_with_the_last_query(open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    bar = _open_find(qtbot, window, "scale")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    window.view.scroll_to_offset(0)
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert bar.isVisible() and bar.count.text().startswith("1 of ")
    assert window.view.find_marks()


def test_thousands_of_matches_are_counted_and_those_around_the_current_one_marked(
        open_window, qtbot, library_dir) -> None:
    from reader.ui.find_bar import MAX_MARKED

    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    bar = _open_find(qtbot, window, "e")
    total = len(TextFinder(window.transcript.text).find_all("e"))
    assert total > MAX_MARKED
    assert bar.count.text().endswith(f" of {total:,}")
    marked = window.view.find_marks()
    assert len(marked) == MAX_MARKED and _current_match(window) in marked
