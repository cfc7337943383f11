"""Searching the library from the window, on a real index on disk built by a real process:
results from both interviews as you type, going to a passage or a note, next/previous result,
progress in the status bar, notes found once saved, a damaged index rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from reader.ui.search_controller import SearchController
from reader.ui.search_results import RowKind, hit_key, snippet_html, trim_runs
from tests.conftest import EYE, LEX

INDEX_TIMEOUT_MS = 30_000  # a cold Python start and a first build, on a slow machine


def _ready(qtbot, window) -> None:
    """Wait until the window's index is built and no update is running."""
    qtbot.waitUntil(lambda: window.search.ready, timeout=INDEX_TIMEOUT_MS)


def _type_query(qtbot, window, query: str) -> None:
    field = window.search_actions.field
    field.clear()
    with qtbot.waitSignal(field.queryChanged, timeout=3000):
        qtbot.keyClicks(field, query)


def _visible(view, start: int, end: int) -> bool:
    return view.top_offset() <= start and end <= view.bottom_offset()


def test_typing_a_query_shows_results_from_both_interviews_after_a_pause(
        open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    _ready(qtbot, window)
    searches: list[str] = []
    original = SearchController.search
    monkeypatch.setattr(SearchController, "search",
                        lambda self, q, limit: searches.append(q) or original(self, q, limit))
    _type_query(qtbot, window, "scaling")
    assert searches == ["scaling"]  # one search once typing paused, not one per key
    panel = window.search_panel
    assert window.side.currentWidget() is panel  # the query brought the Search tab forward
    assert {hit.path.name for hit in panel.hits()} == {EYE.name, LEX.name}
    assert panel.summary.text().endswith("in 2 transcripts")
    kinds = [row.kind for row in panel.model.rows()]
    assert kinds.count(RowKind.TRANSCRIPT) == 2 and RowKind.CHAPTER in kinds
    first = panel.hits()[0]
    assert "<b>" in snippet_html(first.snippet.runs)  # the matched word is emphasised
    assert panel.list.isVisible() and not panel.help.isVisible()


def test_enter_on_a_result_opens_the_transcript_at_the_passage_and_marks_it(
        open_window, qtbot) -> None:
    window = open_window()
    assert window.library.select_path(window.store.entries()[0].path)
    _ready(qtbot, window)
    lex = next(e.path for e in window.store.entries() if e.path.name == LEX.name)
    window.library.select_path(lex)
    window.view.scroll_to_offset(0)
    _type_query(qtbot, window, '"weather simulations"')  # said once, deep in Eye on AI
    qtbot.keyClick(window.search_actions.field, Qt.Key.Key_Down)  # into the results
    hit = window.search_panel.current_hit()
    assert hit is not None and hit.path.name == EYE.name
    qtbot.keyClick(window.search_panel.list, Qt.Key.Key_Return)
    view = window.view
    assert view.transcript.source.name == EYE.name
    assert _visible(view, hit.start, hit.start + 1)
    assert "weather simulations" in view.transcript.text[hit.start:hit.end]
    assert view.is_marked()
    assert window.search_panel.list.hasFocus()  # the next Down and Enter go on from here


def test_f4_and_shift_f4_walk_the_results_across_transcripts(open_window, qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    _type_query(qtbot, window, '"staged release" OR "bitter lesson"')
    window.view.setFocus()
    listed = window.search_panel.hits()
    assert {hit.path.name for hit in listed} == {EYE.name, LEX.name}
    visited = []
    for _ in listed:
        qtbot.keyClick(window.view, Qt.Key.Key_F4)
        hit = window.search_panel.current_hit()
        visited.append(hit)
        assert window.view.transcript.source.name == hit.path.name
        assert _visible(window.view, hit.start, hit.start + 1) and window.view.is_marked()
    assert visited == listed
    qtbot.keyClick(window.view, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    assert window.search_panel.current_hit() == listed[-2]


def test_a_note_hit_says_so_and_opens_its_highlight(open_window, qtbot, library_dir) -> None:
    path = library_dir / LEX.name
    store = AnnotationStore(load_transcript(path))
    store.load()
    quote = "staged release"
    start = store.transcript.text.index(quote)
    annotation = store.add_highlight(start, start + len(quote), color="green",
                                     note="Compare with the zeppelin analogy", tags=("policy",))
    store.save()
    window = open_window()
    window.library.select_path(library_dir / EYE.name)
    _ready(qtbot, window)
    _type_query(qtbot, window, "zeppelin")
    (hit,) = window.search_panel.hits()
    assert hit.kind == "note" and hit.annotation_id == annotation.id
    (row,) = [row for row in window.search_panel.model.rows() if row.hit is not None]
    assert "#policy" in row.detail
    window.search_panel.step(True)  # as F4 does
    assert window.view.transcript.source.name == LEX.name
    assert window.notes.selected_id() == annotation.id
    assert window.annotation_actions.current_id() == annotation.id  # Ctrl+Shift+N edits it
    assert _visible(window.view, start, start + len(quote))


def test_the_index_is_built_by_another_process_with_progress_in_the_status_bar(
        open_window, qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    label = window.search_actions.progress_label
    shown: list[tuple[str, bool]] = []
    window.search.progress.connect(lambda text: shown.append((label.text(), label.isVisible())))
    with qtbot.waitSignal(window.search.updateStarted, timeout=5000) as started:
        window.search.request_update(rebuild=True)
    process = started.args[0]
    assert process.processId() not in (0, os.getpid())
    assert "reader.core.search.build" in process.arguments()
    with qtbot.waitSignal(process.finished, timeout=INDEX_TIMEOUT_MS):
        pass
    assert ("Indexing 1 of 2…", True) in shown and ("Indexing 2 of 2…", True) in shown
    assert not label.isVisible()  # gone once the update is done
    assert window.search.ready


def test_a_new_highlight_is_found_once_saved(open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    _ready(qtbot, window)
    assert not window.search.search("marmalade", 10).hits
    start = window.transcript.text.index("bitter lesson")
    window.view.select_range(start, start + len("bitter lesson"))
    annotation = window.annotations.highlight(start, start + len("bitter lesson"))
    window.annotations.set_note(annotation.id, "Like marmalade: an acquired taste")
    # Saved within a second, then indexed again in the background.
    qtbot.waitUntil(lambda: bool(window.search.search("marmalade", 10).hits),
                    timeout=INDEX_TIMEOUT_MS)
    _type_query(qtbot, window, "marmalade")
    (hit,) = window.search_panel.hits()
    assert hit.kind == "note" and hit.annotation_id == annotation.id


def test_an_index_update_keeps_the_chosen_result_and_the_tab_in_front(open_window,
                                                                     qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    _type_query(qtbot, window, "scaling")
    chosen = window.search_panel.step(True)
    window.side.show_notes()  # the reader turned to their notes
    with qtbot.waitSignal(window.search.indexUpdated, timeout=INDEX_TIMEOUT_MS):
        window.search.request_update(rebuild=True)
    assert window.side.currentWidget() is window.notes
    assert hit_key(window.search_panel.current_hit()) == hit_key(chosen)


def test_a_damaged_index_is_rebuilt_and_said_in_one_line(open_window, qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    (folder,) = window.search.folders
    index_dir = window.search.index_dir(folder)
    window.search.close_indexes()
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\0" * toc.stat().st_size)  # same size: only reading finds it out
    with qtbot.waitSignal(window.search.message, timeout=5000) as told:
        _type_query(qtbot, window, "scaling")
    line = told.args[0]
    assert "\n" not in line and "rebuilding" in line and str(index_dir) in line
    assert window.statusBar().currentMessage() == line
    # The panel says so meanwhile, and shows the results once the index is back.
    qtbot.waitUntil(lambda: len(window.search_panel.hits()) > 0, timeout=INDEX_TIMEOUT_MS)


def test_did_you_mean_takes_the_suggestion_and_broken_syntax_is_searched_quietly(
        open_window, qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    panel = window.search_panel
    _type_query(qtbot, window, "sutskevr")
    assert panel.summary.text() == "No results for “sutskevr”."
    assert panel.suggestion.isVisible() and "Sutskever" in panel.suggestion.text()
    panel.suggestion.linkActivated.emit("#")  # the link is clicked
    assert window.search_actions.field.text() == "Sutskever"
    assert panel.hits() and not panel.suggestion.isVisible()
    _type_query(qtbot, window, "AND OR ((")
    assert panel.notes.isVisible() and "as typed" in panel.notes.text()
    assert window.statusBar().currentMessage() == ""  # no error anywhere


def test_ctrl_shift_f_shows_the_pane_and_focuses_the_field(open_window, qtbot) -> None:
    window = open_window()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert not window.side.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.side.isVisible() and window.side.currentWidget() is window.search_panel
    qtbot.waitUntil(window.search_actions.field.hasFocus, timeout=2000)


def test_snippets_are_escaped_and_cut_at_a_word() -> None:
    runs = [("<script>alert(1)</script> & more words here ", False), ("scale", True),
            (" and then a long tail of words", False)]
    assert snippet_html(runs[:2]) == ("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more words "
                                      "here <b>scale</b>")
    cut = trim_runs(runs, 60)
    assert cut[-1] == ("…", False) and ("scale", True) in cut
    assert sum(len(text) for text, _ in cut) <= 61


def test_a_library_of_single_files_says_what_is_searched(launch, qtbot) -> None:
    window = launch([EYE])
    window.search_actions.field.set_query("scaling")
    assert "open a folder" in window.search_panel.notes.text()
    assert not window.search.folders


def test_the_index_lives_in_the_cache_folder(open_window, qtbot, isolated_user_dirs) -> None:
    window = open_window()
    (folder,) = window.search.folders
    assert Path(window.search.index_dir(folder)).is_relative_to(isolated_user_dirs)


def test_results_are_refreshed_when_the_update_is_committed_not_when_its_process_ends(
        open_window, qtbot, monkeypatch) -> None:
    # After "done" the indexer merges small segments and learns abbreviations: the window
    # must not keep the reader waiting for that to show what the update committed.
    import sys

    from reader.ui import search_controller

    window = open_window()
    _ready(qtbot, window)
    done = ('import json, sys, time\n'
            'print(json.dumps({"event": "done", "added": 0, "changed": 1, "notes": 0, '
            '"removed": 0, "unchanged": 1, "errors": 0, "rebuilt": False, "seconds": 0.1, '
            '"summary": "search index up to date"}), flush=True)\n'
            'time.sleep(60)\n')
    monkeypatch.setattr(search_controller, "build_command",
                        lambda *args, **kwargs: [sys.executable, "-c", done])
    with qtbot.waitSignal(window.search.updateStarted, timeout=5000) as started:
        window.search.request_update()
    process = started.args[0]
    with qtbot.waitSignal(window.search.indexUpdated, timeout=10_000):
        pass
    assert process.state() != process.ProcessState.NotRunning  # still at work
    assert not window.search_actions.progress_label.isVisible()
    updates: list[None] = []
    window.search.indexUpdated.connect(lambda: updates.append(None))
    process.kill()
    qtbot.waitUntil(lambda: window.search.process is None, timeout=10_000)
    assert updates == []  # once is enough
