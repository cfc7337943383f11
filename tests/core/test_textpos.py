"""The one place Qt's UTF-16 positions meet display-text offsets."""

from __future__ import annotations

from reader.core.textpos import Utf16Map


def _reference(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_round_trip_with_emoji_and_combining_marks() -> None:
    text = "🎁Amazon Prime 📖Kindle\nnaïve e\u0301 👩‍👩‍👧 end 💰"
    positions = Utf16Map(text)
    for offset in range(len(text) + 1):
        utf16 = positions.to_utf16(offset)
        assert utf16 == _reference(text, offset)
        assert positions.from_utf16(utf16) == offset


def test_position_inside_a_surrogate_pair_rounds_down_to_the_character() -> None:
    positions = Utf16Map("a🎁b")
    assert positions.to_utf16(2) == 3
    assert positions.from_utf16(2) == 1  # between the two halves of 🎁
    assert positions.from_utf16(3) == 2


def test_plain_bmp_text_is_identity() -> None:
    text = "Ilya’s “quotes” — and dashes"
    positions = Utf16Map(text)
    assert all(positions.to_utf16(i) == i for i in range(len(text) + 1))
