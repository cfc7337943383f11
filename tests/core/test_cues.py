"""Cues merged into paragraphs keep every cue's own time and speaker."""

from __future__ import annotations

import pytest

from reader.core.formats.cues import ChapterMark, Cue, paragraphs_from_cues
from reader.core.model import BlockKind, BlockSpec, CueSpan, build_transcript


def _transcript(blocks: list[BlockSpec]):  # type: ignore[no-untyped-def]
    return build_transcript(title="t", show=None, format="test", source=None, fingerprint="f",
                            blocks=blocks)


def test_a_highlight_mid_paragraph_gets_its_own_cues_time() -> None:
    cues = [Cue("So we started.", 10.0, 12.0, "Lex"), Cue("It was hard", 12.5, 14.0, "Lex"),
            Cue("but it worked.", 14.0, 16.0, "Lex")]
    blocks, _ = paragraphs_from_cues(cues)
    transcript = _transcript(blocks)
    assert [b.text for b in transcript.blocks] == ["So we started. It was hard but it worked."]
    offset = transcript.text.index("worked")
    assert transcript.time_at(offset) == 14.0
    assert transcript.time_at(transcript.text.index("hard")) == 12.5
    assert transcript.time_at(0) == 10.0
    assert transcript.speaker_at(offset) == "Lex"


def test_a_change_of_speaker_starts_a_paragraph() -> None:
    cues = [Cue("What is deep learning", 0, 2, "Lex"), Cue("and why now?", 2, 3, "Lex"),
            Cue("Well, it works.", 3.2, 5, "Ilya")]
    blocks, _ = paragraphs_from_cues(cues)
    assert [(b.speaker, b.text) for b in blocks] == [
        ("Lex", "What is deep learning and why now?"), ("Ilya", "Well, it works.")]
    assert blocks[1].start_time == 3.2


def test_a_pause_after_a_sentence_starts_a_paragraph_but_not_mid_sentence() -> None:
    cues = [Cue("One idea.", 0, 1), Cue("Another", 5, 6), Cue("thought goes on.", 9, 10),
            Cue("Next.", 10.5, 11)]
    blocks, _ = paragraphs_from_cues(cues)
    assert [b.text for b in blocks] == ["One idea.", "Another thought goes on. Next."]


def test_unpunctuated_captions_still_break_into_paragraphs() -> None:
    cues = [Cue("word " * 20, i * 2.0, i * 2.0 + 2) for i in range(100)]
    blocks, _ = paragraphs_from_cues(cues)
    assert len(blocks) > 5
    assert all(len(b.text) < 1700 for b in blocks)
    transcript = _transcript(blocks)
    assert len(transcript.spans) == 100


def test_chapters_by_time_get_headings_and_start_a_paragraph() -> None:
    cues = [Cue("Intro talk", 0, 30), Cue("still intro", 30, 59), Cue("Scaling matters", 61, 70)]
    blocks, chapters = paragraphs_from_cues(
        cues, [ChapterMark("Scaling", 60.0, summary="Why size helps"),
               ChapterMark("Introduction", 0.0)])
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds == [(BlockKind.HEADING, "Introduction"), (BlockKind.PARAGRAPH,
                     "Intro talk still intro"), (BlockKind.HEADING, "Scaling"),
                     (BlockKind.SUMMARY, "Why size helps"),
                     (BlockKind.PARAGRAPH, "Scaling matters")]
    transcript = build_transcript(title="t", show=None, format="test", source=None,
                                  fingerprint="f", blocks=blocks, chapters=chapters)
    assert [c.title for c in transcript.chapters] == ["Introduction", "Scaling"]
    assert transcript.chapter_index_at(transcript.text.index("matters")) == 1


def test_untimed_blocks_fall_back_to_block_times() -> None:
    transcript = _transcript([BlockSpec(BlockKind.PARAGRAPH, "plain", start_time=7.0,
                                        speaker="A")])
    assert transcript.spans == ()
    assert transcript.time_at(2) == 7.0
    assert transcript.speaker_at(2) == "A"


def test_cues_outside_their_block_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        _transcript([BlockSpec(BlockKind.PARAGRAPH, "abc", cues=(CueSpan(0, 9, 1.0),))])
    with pytest.raises(ValueError, match="order"):
        _transcript([BlockSpec(BlockKind.PARAGRAPH, "abc def",
                               cues=(CueSpan(4, 7, 2.0), CueSpan(0, 3, 1.0)))])
