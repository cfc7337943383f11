"""The second reading pane: readable in the dark theme, the same words and numbers as the
status bar for the same place."""

from __future__ import annotations

import pytest

from tests.conftest import EYE, LEX

pytestmark = pytest.mark.usefixtures("restore_palette")  # the theme is app-wide


def _brightest(widget) -> int:
    image = widget.grab().toImage()
    return max(image.pixelColor(x, y).lightness()
               for x in range(0, image.width(), 2) for y in range(image.height()))


@pytest.mark.parametrize("opened_first", [True, False])
def test_the_second_panes_title_is_light_on_the_dark_theme(
        open_window, qtbot, library_dir, opened_first: bool) -> None:
    window = open_window()
    side = window.related.side_reader
    if opened_first:
        side.open(library_dir / LEX.name)
    window.comfort.theme_actions["dark"].trigger()
    if not opened_first:
        side.open(library_dir / LEX.name)
    qtbot.waitUntil(side.title.isVisible)
    assert side.title.grab().toImage().pixelColor(1, 1).lightness() < 80  # the dark pane
    assert _brightest(side.title) > 170  # the title's letters, light on the dark pane


def test_both_panes_say_section_and_the_same_percent_for_the_same_place(
        open_window, qtbot, scroll_by_hand, library_dir) -> None:
    window = open_window()
    window.library.select_path(library_dir / EYE.name)  # automatic sections
    transcript = window.transcript
    assert transcript.source.name == EYE.name
    place = transcript.blocks[transcript.chapters[4].block_index + 1].start
    scroll_by_hand(window, place)
    assert window.position_label.text().startswith("Section 5 of ")
    side = window.related.side_reader
    side.open(library_dir / EYE.name)
    qtbot.waitUntil(lambda: side.view.verticalScrollBar().maximum() > 0)
    side.view.scroll_to_offset(place)
    qtbot.waitUntil(lambda: transcript.chapter_index_at(side.view.top_offset()) == 4)
    side._moved(side.view.top_offset())
    main_words, side_words = window.position_label.text(), side.position.text()
    assert side_words.startswith("Section 5 of ")  # not "Chapter 5 of"
    assert main_words.endswith("% read")
    assert side_words.rsplit(" · ", 1)[-1] == main_words.rsplit(" · ", 1)[-1]
