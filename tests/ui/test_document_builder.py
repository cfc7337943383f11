"""The Qt document holds exactly the display text, so offsets convert with Utf16Map alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from reader.core.formats import load_transcript
from reader.core.model import BlockKind, BlockSpec, build_transcript
from reader.core.textpos import Utf16Map
from reader.ui.document_builder import build_document
from reader.ui.turn_margin import SPEAKER_PROPERTY, TIME_PROPERTY
from tests.conftest import EYE, LEX


@pytest.mark.parametrize("path", [LEX, EYE], ids=["lex", "eye-on-ai"])
def test_document_text_is_the_display_text(qapp: object, path: Path) -> None:
    transcript = load_transcript(path)
    document = build_document(transcript)
    assert document.blockCount() == len(transcript.blocks)
    assert document.toPlainText() == transcript.text
    assert document.characterCount() - 1 == len(transcript.text.encode("utf-16-le")) // 2


def test_a_quote_after_emoji_is_found_at_its_converted_position(qapp: object) -> None:
    transcript = load_transcript(EYE)  # its sponsor line holds six emoji before the prose
    document = build_document(transcript)
    positions = Utf16Map(transcript.text)
    quote = "I’m Craig Smith, and this is Eye on AI."
    start = transcript.text.index(quote)
    cursor = QTextCursor(document)
    cursor.setPosition(positions.to_utf16(start))
    cursor.setPosition(positions.to_utf16(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == quote
    assert positions.to_utf16(start) == start + 6


def test_bullets_are_list_items_without_marker_characters(qapp: object) -> None:
    transcript = load_transcript(LEX)
    document = build_document(transcript)
    bullet = next(i for i, b in enumerate(transcript.blocks) if b.kind.value == "bullet")
    block = document.findBlockByNumber(bullet)
    assert block.textList() is not None
    assert block.text() == transcript.blocks[bullet].text


def _line_counts(texts: list[str]) -> list[int]:
    """How many lines each of these paragraphs takes at a 900 px reading width."""
    transcript = build_transcript(
        title="t", show=None, format="raw-text", source=None, fingerprint="",
        blocks=[BlockSpec(BlockKind.PARAGRAPH, text) for text in texts])
    document = build_document(transcript)
    document.setTextWidth(900)
    document.documentLayout().documentSize()
    blocks = [document.findBlockByNumber(i) for i in range(len(texts))]
    assert [block.text() for block in blocks] == texts
    return [block.layout().lineCount() for block in blocks]


PROSE = "So we started training and it worked, which surprised everyone. " * 20


@pytest.mark.parametrize("run", ["x" * 50_000, "a\u00a0" * 25_000, "0123456789abcdef" * 3_000],
                         ids=["one-letter", "no-break-spaces", "hex"])
def test_a_run_without_break_opportunities_stays_on_one_line(qapp: object, run: str) -> None:
    # Qt wraps such a run in time growing with the square of its length (a 400 KB line froze
    # the window for 11 s), so its block is not wrapped; the text around it still is.
    lines = _line_counts([PROSE, "Here it is: " + run + " and that was all.", PROSE])
    assert lines == [lines[0], 1, lines[0]]
    assert lines[0] > 1


@pytest.mark.parametrize("text", [
    "https://example.com/" + "/".join(["segment"] * 500),
    "漢字仮名交じり文。" * 400,
    "ab" * 450 + " " + PROSE * 3,
], ids=["long-url", "cjk-without-spaces", "long-word-under-the-limit"])
def test_long_text_with_break_opportunities_still_wraps(qapp: object, text: str) -> None:
    lines = _line_counts([text])
    assert lines[0] > 3


def _timed(blocks: list[BlockSpec]):  # type: ignore[no-untyped-def]
    return build_transcript(title="t", show=None, format="webvtt", source=None, fingerprint="",
                            blocks=blocks)


def test_speakers_and_times_are_block_marks_not_characters(qapp: object) -> None:
    transcript = _timed([
        BlockSpec(BlockKind.PARAGRAPH, "What is deep learning?", 0.0, 2.0, "Lex"),
        BlockSpec(BlockKind.PARAGRAPH, "Well, it works.", 3.0, 5.0, "Ilya"),
        BlockSpec(BlockKind.PARAGRAPH, "It keeps working.", 65.0, 70.0, "Ilya"),
        BlockSpec(BlockKind.HEADING, "Scaling", 3700.0),
        BlockSpec(BlockKind.PARAGRAPH, "Bigger is better.", 3725.0, 3730.0, "Ilya"),
    ])
    document = build_document(transcript)
    assert document.toPlainText() == transcript.text
    marks = [(document.findBlockByNumber(i).blockFormat().property(SPEAKER_PROPERTY),
              document.findBlockByNumber(i).blockFormat().property(TIME_PROPERTY))
             for i in range(len(transcript.blocks))]
    # The name at each change of speaker (and again after a heading); every paragraph's time.
    assert marks == [("Lex", "0:00"), ("Ilya", "0:03"), (None, "1:05"), (None, None),
                     ("Ilya", "1:02:05")]
    # A turn gets room above it for the name; a paragraph continuing a turn does not.
    margins = [document.findBlockByNumber(i).blockFormat().topMargin() for i in (1, 2)]
    assert margins[0] > margins[1] + 10


def test_untimed_paragraphs_get_no_marks(qapp: object) -> None:
    transcript = load_transcript(EYE)
    document = build_document(transcript)
    assert not any(document.findBlockByNumber(i).blockFormat().hasProperty(prop)
                   for i in range(document.blockCount())
                   for prop in (SPEAKER_PROPERTY, TIME_PROPERTY))
