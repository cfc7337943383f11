"""Offsets, chapters and chapter navigation on the model, without Qt."""

from __future__ import annotations

from reader.core.formats import load_transcript, rawtext, read_source
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
    # The raw-text reader's own output: the automatic sections come with loading.
    transcript = rawtext.read(read_source(EYE))
    assert transcript.chapters == ()
    assert transcript.next_chapter(500) is None
    assert transcript.previous_chapter(500) is None


def test_chapters_out_of_order_are_put_in_reading_order_with_unique_stable_ids() -> None:
    from reader.core.model import BlockKind, BlockSpec, ChapterSpec, build_transcript

    blocks = [BlockSpec(BlockKind.HEADING, t) for t in ("Intro", "Scaling", "Intro", "Outro")]
    chapters = [ChapterSpec("Outro", 3), ChapterSpec("Intro", 0), ChapterSpec("Scaling", 1),
                ChapterSpec("Intro", 2)]

    def build():
        return build_transcript(title="t", show=None, format="x", source=None, fingerprint="",
                                blocks=blocks, chapters=chapters)

    transcript = build()
    assert [c.block_index for c in transcript.chapters] == [0, 1, 2, 3]
    ids = [c.id for c in transcript.chapters]
    assert len(set(ids)) == 4
    assert ids == [c.id for c in build().chapters]
    # The chapter at the third heading is found by offset, not mistaken for the last one.
    third = transcript.blocks[2].start
    assert transcript.chapter_index_at(third + 1) == 2
    assert transcript.chapter_by_id(ids[3]) == 3


def test_a_chapter_pointing_past_the_blocks_is_refused() -> None:
    import pytest

    from reader.core.model import BlockKind, BlockSpec, ChapterSpec, build_transcript

    with pytest.raises(ValueError, match="points at no block"):
        build_transcript(title="t", show=None, format="x", source=None, fingerprint="",
                         blocks=[BlockSpec(BlockKind.PARAGRAPH, "a")],
                         chapters=[ChapterSpec("Lost", 5)])


def test_lex_chapter_ids_survive_a_reread_and_name_the_same_chapters() -> None:
    first = load_transcript(LEX)
    again = load_transcript(LEX)
    assert [c.id for c in first.chapters] == [c.id for c in again.chapters]
    assert len({c.id for c in first.chapters}) == 15


def test_the_display_text_hash_follows_the_text_not_the_file(tmp_path) -> None:
    import hashlib

    transcript = load_transcript(LEX)
    assert transcript.text_hash == hashlib.sha256(transcript.text.encode()).hexdigest()
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(LEX.read_bytes().replace(b"\n", b"\r\n"))
    other = load_transcript(copy)
    assert other.fingerprint != transcript.fingerprint  # other bytes...
    assert other.text_hash == transcript.text_hash  # ...same display text, same offsets


def test_a_block_holding_a_unicode_line_break_is_refused() -> None:
    import pytest

    from reader.core.model import BlockKind, BlockSpec, build_transcript

    for breaker in ("\u2029", "\u2028", "\x85", "\x0c"):
        with pytest.raises(ValueError, match="one line"):
            build_transcript(title="t", show=None, format="x", source=None, fingerprint="",
                             blocks=[BlockSpec(BlockKind.PARAGRAPH, f"a{breaker}b")])
