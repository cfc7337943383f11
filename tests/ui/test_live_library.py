"""The library follows its folder on disk; the status bar says where the reader is."""

from __future__ import annotations

import re

from tests.conftest import EYE, LEX


def _titles(window) -> list[str]:
    return [e.title for e in window.library.library_model.entries()]


def test_a_transcript_dropped_into_the_folder_appears(launch, qtbot, library_dir) -> None:
    window = launch(library=library_dir)
    (library_dir / "new-episode.txt").write_text("New Episode\n\nIt begins. It ends.", "utf-8")
    qtbot.waitUntil(lambda: "New Episode" in _titles(window), timeout=5000)
    assert len(_titles(window)) == 3


def test_editing_the_open_transcript_reloads_it_in_place(launch, qtbot, scroll_by_hand,
                                                         library_dir) -> None:
    window = launch(library=library_dir)
    path = library_dir / EYE.name
    window.library.select_path(path)
    blocks = window.transcript.blocks
    place = scroll_by_hand(window, blocks[len(blocks) // 2].start)  # reading half-way down
    text = path.read_text(encoding="utf-8")
    # An edit near the start, above the reader: it moves no offset below it.
    path.write_text(text.replace("I’m Craig Smith", "I am Craig Smith"), encoding="utf-8")
    qtbot.waitUntil(lambda: "I am Craig Smith" in window.view.toPlainText(), timeout=5000)
    assert window.transcript.title == "Eye On AI - Ilya Sutskever"
    assert window.transcript.block_index_at(window.view.top_offset()) == len(blocks) // 2
    assert abs(window.view.top_offset() - place) < 120


def test_deleting_the_open_transcript_says_so_and_keeps_the_rest(launch, qtbot,
                                                                 library_dir) -> None:
    window = launch(library=library_dir)
    window.library.select_path(library_dir / LEX.name)
    (library_dir / LEX.name).unlink()
    qtbot.waitUntil(lambda: len(_titles(window)) == 1, timeout=5000)
    assert _titles(window) == ["Eye On AI - Ilya Sutskever"]
    assert window.transcript is None
    assert "no longer in the library folder" in window.statusBar().currentMessage()


def test_status_bar_shows_chapter_time_and_progress(open_window, qtbot, library_dir) -> None:
    window = open_window()
    window.library.select_path(library_dir / LEX.name)
    window.go_to_chapter(7)
    text = window.position_label.text()
    assert re.fullmatch(r"Chapter 8 of 15 · 36:05 · \d{1,2}% read", text), text
    window.library.select_path(library_dir / EYE.name)
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    # Eye on AI has no chapters of its own: its automatic sections are named as such
    qtbot.waitUntil(lambda: re.fullmatch(r"Section (\d+) of \1 · 100% read",
                                         window.position_label.text()) is not None, timeout=2000)


def test_a_file_removed_from_a_subfolder_leaves_the_list(launch, qtbot, library_dir) -> None:
    season = library_dir / "season-2"
    season.mkdir()
    episode = season / "episode.txt"
    episode.write_text("Season Two Episode\n\nWords are here. More words.", "utf-8")
    window = launch(library=library_dir)
    assert "Season Two Episode" in _titles(window)
    window.library.select_path(library_dir / LEX.name)
    episode.unlink()
    qtbot.waitUntil(lambda: "Season Two Episode" not in _titles(window), timeout=5000)
    (season / "later.txt").write_text("Later Episode\n\nIt came later. Then it ended.", "utf-8")
    qtbot.waitUntil(lambda: "Later Episode" in _titles(window), timeout=5000)
    assert window.transcript.show == "Lex Fridman Podcast"  # the reader was not disturbed
