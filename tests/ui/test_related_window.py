"""The Related tab and the second reading pane, in the real window on a real index: the tab
follows the reading position, a related passage opens beside the current transcript at its
place, a restart brings both panes back, a highlight's related passages are one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from reader.core.annotations import AnnotationStore, find_quote
from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX

INDEX_TIMEOUT_MS = 30_000  # a cold Python start and a first build, on a slow machine
ANSWER_TIMEOUT_MS = 10_000


def _related_shown(qtbot, window, path: Path):
    """Open ``path`` with the Related tab in front; the first answer's outcome."""
    qtbot.waitUntil(lambda: window.search.ready, timeout=INDEX_TIMEOUT_MS)
    window.library.select_path(path)
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        window.related.show_action.trigger()
    return answer.args[0]


def _offset(path: Path, quote: str) -> int:
    return find_quote(load_transcript(path).text, quote)[0]


def _visible(view, start: int) -> bool:
    return view.top_offset() <= start <= view.bottom_offset()


def test_the_related_tab_lists_passages_of_the_other_interview(open_window, qtbot,
                                                               library_dir: Path) -> None:
    window = open_window()
    outcome = _related_shown(qtbot, window, library_dir / LEX.name)
    panel = window.related.panel
    assert window.side.currentWidget() is panel
    assert panel.hits() and {hit.path.name for hit in panel.hits()} == {EYE.name}
    assert panel.summary.text().startswith("Related to “")
    assert panel.terms.text().startswith("Key terms: ")
    assert outcome.query and any(match for hit in panel.hits()
                                 for _, match in hit.snippet.runs)


def test_the_related_tab_follows_scrolling(open_window, qtbot, library_dir: Path,
                                           scroll_by_hand) -> None:
    window = open_window()
    first = _related_shown(qtbot, window, library_dir / LEX.name)
    transformers = _offset(library_dir / LEX.name, "Why transformers worked")
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        scroll_by_hand(window, transformers)
    moved = answer.args[0]
    assert moved.start != first.start and moved.start >= transformers - 5
    # the passage under the heading (its summary) speaks for it: "transformer", not the title
    assert any(word.startswith("transformer") for word in moved.query.split())
    shown = window.related.panel.hits()
    assert shown == list(moved.hits) and shown != list(first.hits)
    assert all(hit.path.name == EYE.name for hit in shown)


def test_the_related_tab_follows_a_jump_to_the_next_chapter(open_window, qtbot,
                                                            library_dir: Path) -> None:
    window = open_window()
    first = _related_shown(qtbot, window, library_dir / LEX.name)
    chapters = load_transcript(library_dir / LEX.name).chapters
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        window.next_chapter_action.trigger()  # Alt+Down: from the title to the first chapter
        window.next_chapter_action.trigger()  # and on to the second
    moved = answer.args[0]
    assert chapters[1].start <= moved.start < chapters[2].start
    assert moved.query != first.query and "spiking" in moved.query.split()


def test_the_related_tab_follows_a_chapter_chosen_in_the_sidebar(open_window, qtbot,
                                                                 library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / LEX.name)
    chapters = load_transcript(library_dir / LEX.name).chapters
    descent = next(i for i, c in enumerate(chapters) if c.title.startswith("Deep Double"))
    chapter_list = window.chapters.list
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        chapter_list.scrollTo(chapter_list.model().index(descent, 0))
        row = chapter_list.visualRect(chapter_list.model().index(descent, 0))
        qtbot.mouseClick(chapter_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=row.center())
    moved = answer.args[0]
    assert chapters[descent].start <= moved.start < chapters[descent + 1].start
    assert {"descent", "double"} <= set(answer.args[0].query.split())


def test_a_selection_asks_for_its_own_passage(open_window, qtbot, library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / LEX.name)
    start = _offset(library_dir / LEX.name, "RL’s uniqueness")
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        window.view.select_range(start, start + 15)
    assert answer.args[0].start == start
    assert any("reinforcement learning" in hit.snippet.plain for hit in answer.args[0].hits)


def test_opening_a_related_passage_shows_two_panes_each_at_its_place(
        open_window, qtbot, library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / EYE.name)
    main_top = window.view.top_offset()
    side = window.related.side_reader
    assert not side.isVisible()
    number, hit = next((i, h) for i, h in enumerate(window.related.panel.hits())
                       if h.chapter_title)
    window.related.panel.choose(number)
    assert side.isVisible() and window.reading.isVisible()
    assert side.transcript is not None and side.transcript.source.name == LEX.name
    assert window.view.transcript.source.name == EYE.name  # the first pane is unchanged
    assert window.view.top_offset() == main_top
    qtbot.waitUntil(lambda: _visible(side.view, hit.start) and side.view.is_marked())
    lex = side.transcript
    chapter = lex.chapter_index_at(hit.start)
    assert side.position.text().startswith(f"Chapter {chapter + 1} of {len(lex.chapters)}")
    # Side by side, as wide as each other.
    qtbot.waitUntil(lambda: abs(side.width() - window.reading.width()) < 20)


def test_a_restart_restores_both_panes(open_window, qtbot, library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / EYE.name)
    window.related.panel.choose(1)
    side = window.related.side_reader
    side_top, main_top = side.view.top_offset(), window.view.top_offset()
    assert side_top > 0
    window.close()

    again = open_window()
    restored = again.related.side_reader
    assert restored.isVisible() and restored.transcript is not None
    assert restored.transcript.source.name == LEX.name
    assert again.view.transcript.source.name == EYE.name
    assert abs(restored.view.top_offset() - side_top) < 80
    assert abs(again.view.top_offset() - main_top) < 80


def test_a_closed_second_pane_stays_closed_after_a_restart(open_window, qtbot,
                                                            library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / EYE.name)
    window.related.panel.choose(0)
    side = window.related.side_reader
    side.close_button.click()
    assert not side.isVisible() and side.transcript is None
    window.close()
    assert not open_window().related.side_reader.isVisible()


def test_highlighting_in_the_second_pane_saves_beside_its_transcript(
        open_window, qtbot, library_dir: Path) -> None:
    window = open_window()
    _related_shown(qtbot, window, library_dir / EYE.name)
    window.related.panel.choose(0)
    side = window.related.side_reader
    start = _offset(library_dir / LEX.name, "Alex’s fast CUDA kernels")
    side.view.select_range(start, start + len("Alex’s fast CUDA kernels"))
    side.highlight_selection()
    assert [s.start for s in side.view.highlights()] == [start]
    window.close()  # saved on quit
    store = AnnotationStore(load_transcript(library_dir / LEX.name))
    store.load()
    assert [a.exact for a in store.annotations()] == ["Alex’s fast CUDA kernels"]


def test_a_highlights_related_passages_are_on_its_context_menu(open_window, qtbot,
                                                               library_dir: Path) -> None:
    window = open_window()
    qtbot.waitUntil(lambda: window.search.ready, timeout=INDEX_TIMEOUT_MS)
    window.library.select_path(library_dir / LEX.name)
    start = _offset(library_dir / LEX.name, "Alex’s fast CUDA kernels")
    mark = window.annotations.highlight(start, start + 24)
    assert mark is not None
    window.side.show_notes()
    menu = QMenu()
    window.annotation_actions._target_menu(menu, mark.id)
    entry = next(a for a in menu.actions() if a.text() == "&Related Passages")
    window.annotation_actions._menu_target = mark.id  # as while the menu is open
    with qtbot.waitSignal(window.related.controller.answered,
                          timeout=ANSWER_TIMEOUT_MS) as answer:
        entry.trigger()
    window.annotation_actions._menu_target = None
    assert window.side.currentWidget() is window.related.panel
    assert answer.args[0].start == start
    assert any("Alex had these very fast" in hit.snippet.plain for hit in answer.args[0].hits)
