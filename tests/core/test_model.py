"""Offsets, chapters and chapter navigation on the model, without Qt."""

from __future__ import annotations

from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX


def test_block_index_at_maps_every_offset_to_its_block() -> None:
    transcript = load_transcript(LEX)
    for index, block in enumerate(transcript.blocks):
        assert transcript.text[block.start : block.end] == block.text
        assert transcript.block_index_at(block.start) == index
        assert transcript.block_index_at(block.end) == index  # the newline belongs before


def test_excerpt_is_the_start_of_the_chapter_body_cut_at_a_word() -> None:
    transcript = load_transcript(LEX)
    excerpt = transcript.excerpt(0)
    assert excerpt.endswith("…") and len(excerpt) <= 81
    assert "Lex asks Ilya to rewind to the AlexNet era".startswith(excerpt[:40])
    assert transcript.text.find(excerpt.rstrip("…")) > transcript.chapters[0].start


def test_next_chapter_goes_forward_and_stops_at_the_last() -> None:
    transcript = load_transcript(LEX)
    assert transcript.next_chapter(0) == 0  # from the title, the first chapter
    assert transcript.next_chapter(transcript.chapters[3].start + 100) == 4
    assert transcript.next_chapter(len(transcript.text)) is None


def test_previous_chapter_restarts_the_current_one_first() -> None:
    transcript = load_transcript(LEX)
    start = transcript.chapters[5].start
    assert transcript.previous_chapter(start + 200) == 5
    assert transcript.previous_chapter(start + 10) == 4
    assert transcript.previous_chapter(transcript.chapters[0].start) is None
    assert transcript.previous_chapter(0) is None


def test_navigation_in_a_transcript_without_chapters_goes_nowhere() -> None:
    transcript = load_transcript(EYE)
    assert transcript.next_chapter(500) is None
    assert transcript.previous_chapter(500) is None
