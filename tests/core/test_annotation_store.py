"""What the notes panel and the command line ask of the store: order, chapters, times,
citations, colours, the transcript note, and highlights following an in-place reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.annotations import (
    COLORS,
    DEFAULT_COLOR,
    AnnotationStore,
    chapter_id,
    citation,
    color_hex,
    time_of,
)
from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX
from tests.core.test_annotation_support import (
    copy_transcript,
    edit_transcript,
    highlight,
    open_store,
)


def test_at_least_five_named_colours_with_hex_values() -> None:
    assert {"yellow", "green", "blue", "pink", "purple"} <= set(COLORS)
    assert all(len(value) == 7 and value.startswith("#") for value in COLORS.values())
    assert color_hex("green") == COLORS["green"]
    assert color_hex("#a1b2c3") == "#a1b2c3"  # another tool's colour is drawn as stored
    assert color_hex("chartreuse") == COLORS[DEFAULT_COLOR]


def test_a_new_highlight_has_its_quote_context_and_time_filled_in(tmp_path: Path) -> None:
    store = open_store(copy_transcript(LEX, tmp_path))
    text = store.transcript.text
    start = text.index("Hard benchmarks convert")
    mark = store.add_highlight(start, start + 15)
    assert mark.exact == "Hard benchmarks"
    assert mark.quote.prefix == text[start - 32 : start]
    assert mark.quote.suffix == text[start + 15 : start + 47]
    chapter = store.transcript.chapters[store.transcript.chapter_index_at(start)]  # type: ignore[index]
    assert (mark.start_time, mark.end_time) == (chapter.start_time, chapter.end_time)
    assert mark.color == DEFAULT_COLOR and mark.created == mark.modified
    with pytest.raises(ValueError):
        store.add_highlight(start, start)  # an empty selection is not a highlight


def test_highlights_list_in_reading_order_with_orphans_last(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    late = highlight(store, "STDP as a potentially")
    doomed = highlight(store, "Hessian-free optimization")
    early = highlight(store, "AlexNet origins")
    store.save()
    edit_transcript(path, lambda text: text.replace("Hessian-free optimization", "Second-order"))
    assert [a.id for a in open_store(path).annotations()] == [early, late, doomed]


def test_chapter_time_and_citation_of_a_highlight(tmp_path: Path) -> None:
    store = open_store(copy_transcript(LEX, tmp_path))
    transcript = store.transcript
    mark = store.get(highlight(store, "Spiking neural nets often end up emulating"))
    assert mark is not None
    chapter = transcript.chapters[1]
    assert chapter_id(transcript, mark) == chapter.id
    assert time_of(transcript, mark) == 421.0  # 7:01
    assert citation(transcript, mark) == (
        "“Spiking neural nets often end up emulating”\n"
        f"— Lex Fridman Podcast, {transcript.title}, {chapter.title}, 7:01")


def test_a_highlight_in_an_untimed_transcript_cites_show_and_title_only(tmp_path: Path) -> None:
    store = open_store(copy_transcript(EYE, tmp_path))
    mark = store.get(highlight(store, "changed the world"))
    assert mark is not None
    assert time_of(store.transcript, mark) is None
    assert chapter_id(store.transcript, mark) is None
    assert citation(store.transcript, mark).endswith("— Eye On AI - Ilya Sutskever")


def test_two_windows_writing_the_transcript_note_make_one_note(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    first, second = open_store(path), open_store(path)
    first.set_transcript_note("first thoughts")
    first.save()
    second.set_transcript_note("second thoughts")  # written later: it wins
    second.save()
    again = open_store(path)
    assert again.transcript_note == "second thoughts"
    stored = json.loads(again.path.read_text(encoding="utf-8"))["annotations"]
    assert len([a for a in stored if "selector" not in a["target"]]) == 1


def test_an_in_place_reload_moves_highlights_and_marks_the_store_dirty(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    store = open_store(path)
    mark = highlight(store, "changed the world")
    store.save()
    edited = edit_transcript(path, lambda text: "A new first line.\n\n" + text)
    assert store.retarget(edited) == 1 and store.dirty
    moved = store.get(mark)
    assert moved is not None and edited.text[moved.start : moved.end] == "changed the world"
    store.save()
    assert open_store(path).get(mark) == moved


def test_editing_a_highlight_that_is_gone_is_an_error(tmp_path: Path) -> None:
    store = open_store(copy_transcript(LEX, tmp_path))
    mark = highlight(store, "Hard benchmarks")
    store.delete(mark)
    with pytest.raises(KeyError):
        store.update(mark, color="blue")


def test_a_transcript_without_a_file_has_no_store() -> None:
    import dataclasses
    transcript = dataclasses.replace(load_transcript(LEX), source=None)
    with pytest.raises(ValueError):
        AnnotationStore(transcript)
