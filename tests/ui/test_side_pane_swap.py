"""The two reading panes never show one transcript twice because of the library: choosing
there the transcript the second pane shows swaps the panes, each at the other's place. And a
second pane remembered from another library is not brought back with a library named for one
run, nor forgotten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import EYE, LEX


def _click_in_library(qtbot, window, path: Path) -> None:
    library = window.library
    row = next(r for r, e in enumerate(library.visible_entries()) if e.path == path.resolve())
    rect = library.visualRect(library.proxy.index(row, 0))
    qtbot.mouseClick(library.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _chapter_start(window, path: Path, chapter: int) -> int:
    transcript = window.store.transcript(path.resolve())
    return transcript.blocks[transcript.chapters[chapter].block_index + 1].start


def test_choosing_the_second_panes_transcript_swaps_the_panes_each_at_its_place(
        open_window, qtbot, scroll_by_hand, library_dir) -> None:
    window = open_window()
    eye, lex = (library_dir / EYE.name).resolve(), (library_dir / LEX.name).resolve()
    window.library.select_path(eye)
    eye_place = scroll_by_hand(window, _chapter_start(window, eye, 3))
    side = window.related.side_reader
    side.open(lex)
    qtbot.waitUntil(lambda: side.view.verticalScrollBar().maximum() > 0)
    side.view.scroll_to_offset(_chapter_start(window, lex, 6))
    lex_place = side.view.top_offset()
    assert lex_place > 0 and eye_place > 0

    _click_in_library(qtbot, window, lex)

    assert window.transcript.source.name == LEX.name
    assert side.isVisible() and side.transcript.source.name == EYE.name  # Eye on AI kept
    assert window.transcript.chapter_index_at(window.view.top_offset()) == 6
    assert abs(window.view.top_offset() - lex_place) < 200  # where the second pane was
    qtbot.waitUntil(lambda: side.transcript.chapter_index_at(side.view.top_offset()) == 3)
    assert abs(side.view.top_offset() - eye_place) < 200  # where the main pane was
    assert side.title.text() == window.store.transcript(eye).title


def test_a_second_pane_from_another_library_is_not_restored_but_remembered(
        open_window, launch, qtbot, library_dir, tmp_path) -> None:
    window = open_window()
    window.related.side_reader.open(library_dir / LEX.name)
    window.close()
    only_eye = tmp_path / "only-eye"
    only_eye.mkdir()
    (only_eye / EYE.name).write_bytes(EYE.read_bytes())

    narrow = launch(library=only_eye)
    assert narrow.transcript.source.name == EYE.name
    side = narrow.related.side_reader
    assert not side.isVisible() and side.transcript is None
    narrow.close()

    again = launch(library=library_dir)  # that library again: the pane as it was
    side = again.related.side_reader
    assert side.isVisible() and side.transcript.source.name == LEX.name
