"""The Qt document holds exactly the display text, so offsets convert with Utf16Map alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from reader.core.formats import load_transcript
from reader.core.textpos import Utf16Map
from reader.ui.document_builder import build_document
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
