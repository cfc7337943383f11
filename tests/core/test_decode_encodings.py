"""Encodings are decided by evidence (BOM, UTF-8, a few bad UTF-8 bytes, Western code pages),
and every character that breaks a line becomes "\\n" before any reader sees the text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript, read_source
from reader.core.model import LINE_BREAKS

TEXT = "Interview\n\nWe met at the café; a naïve señor said “déjà vu” – twice.\n"


def _write(tmp_path: Path, raw: bytes, name: str = "transcript.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
])
def test_byte_order_marks(tmp_path: Path, bom: bytes, encoding: str) -> None:
    source = read_source(_write(tmp_path, bom + TEXT.encode(encoding)))
    assert source.text == TEXT  # no NULs, no BOM
    assert source.notes == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_recognised(tmp_path: Path, encoding: str) -> None:
    assert read_source(_write(tmp_path, TEXT.encode(encoding))).text == TEXT


def test_odd_bytes_after_a_utf16_bom_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF16_LE + "Hi there".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(TranscriptError, match="is not valid UTF-16 text$"):
        read_source(path)


@pytest.mark.parametrize("word", ["señor", "naïve", "Größe", "déjà vu"])
def test_short_western_files(tmp_path: Path, word: str) -> None:
    """Too short for statistics: read as Windows-1252, not a Central European code page."""
    path = _write(tmp_path, f"Interview with the {word}.\n".encode("cp1252"))
    assert f"Interview with the {word}." in load_transcript(path).text


def test_tiny_western_file(tmp_path: Path) -> None:
    assert read_source(_write(tmp_path, "señor".encode("cp1252"))).text == "señor"


def test_longer_western_files(tmp_path: Path) -> None:
    text = ("Le café était fermé, mais la señora a dit « déjà vu », naïve et très élégante. "
            "Où est l’hôtel ? Ça va bien, merci. ") * 20
    for encoding in ("cp1252", "mac_roman"):
        source = read_source(_write(tmp_path, text.encode(encoding), f"{encoding}.txt"))
        assert source.text == text, encoding
        assert source.notes == ()


@pytest.mark.parametrize("repeat", [1, 30])
def test_iso8859_15_euro_sign(tmp_path: Path, repeat: int) -> None:
    text = "Le café coûte 5 €, une œuvre naïve. " * repeat
    assert read_source(_write(tmp_path, text.encode("iso8859_15"))).text == text


def test_ascii_with_one_latin1_byte_is_latin1_not_broken_utf8(tmp_path: Path) -> None:
    """Like the Lex Fridman #13 auto-captions: ASCII apart from one 0xF6 (Boström). Nothing
    else in the file is UTF-8, so the byte is a letter, not damage."""
    raw = b"so what is " * 3000 + b"bostr\xf6m important " + b"for the mind " * 1000
    source = read_source(_write(tmp_path, raw))
    assert "boström important" in source.text
    assert source.notes == ()


def test_nearly_utf8_short_file_keeps_its_utf8(tmp_path: Path) -> None:
    """UTF-8 "café" plus one Windows-1252 apostrophe: the UTF-8 is kept, the stray byte is
    replaced and reported (before: the whole file was read in a Cyrillic or Central European
    code page, "cafГ©")."""
    text = "Interview\n\nWe met at the café on Monday. It wasn’t busy, so we talked for hours.\n"
    raw = text.encode("utf-8").replace("’".encode(), b"\x92")
    assert len(raw) == 82
    source = read_source(_write(tmp_path, raw))
    assert source.text == text.replace("’", "\ufffd")
    assert source.notes == ("1 byte that is not UTF-8 was replaced by \ufffd",)


def test_utf8_file_with_one_bad_byte_is_read_with_a_note(tmp_path: Path) -> None:
    sentence = "He said “this is the ‘real’ thing” — and we left. Café, naïve. "
    half = (sentence * 135).encode("utf-8")
    raw = b"Interview\n\n" + half + b"\xff" + half
    assert 20_000 <= len(raw) < 21_000
    source = read_source(_write(tmp_path, raw))
    assert source.text.count("\ufffd") == 1
    assert source.text.startswith("Interview\n\n" + sentence)
    assert source.notes == ("1 byte that is not UTF-8 was replaced by \ufffd",)
    assert "\ufffd" in load_transcript(tmp_path / "transcript.txt").text


def test_bad_bytes_are_counted(tmp_path: Path) -> None:
    raw = "Ein schöner Tag. ".encode() * 50 + b"\xff\xfe" + b"Gr\xfc\xdfe. " + b"ok"
    source = read_source(_write(tmp_path, raw))
    assert source.notes == ("4 bytes that are not UTF-8 were replaced by \ufffd",)


def test_utf8_bom_with_a_bad_byte_is_read_with_a_note(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + b"Plain words and one bad \xff byte.\n"
    source = read_source(_write(tmp_path, raw))
    assert source.text == "Plain words and one bad \ufffd byte.\n"
    assert source.notes == ("1 byte that is not UTF-8 was replaced by \ufffd",)


def test_many_bad_bytes_are_not_replaced(tmp_path: Path) -> None:
    """More than a handful of bad sequences means another encoding, not damaged UTF-8."""
    text = "Ça va? Très bien. L’été à Montréal, naïve et élégante: déjà vu, où? " * 4
    raw = "A café in UTF-8. ".encode() + text.encode("cp1252")
    source = read_source(_write(tmp_path, raw))
    assert "\ufffd" not in source.text
    assert "L’été à Montréal" in source.text
    assert source.notes == ()


@pytest.mark.parametrize("separator", sorted(LINE_BREAKS - {"\n", "\r"}))
def test_line_separators_never_reach_a_block(tmp_path: Path, separator: str) -> None:
    raw = f"Interview\n\nThe first part{separator}and the second part.\n".encode()
    source = read_source(_write(tmp_path, raw))
    assert source.text == "Interview\n\nThe first part\nand the second part.\n"
    transcript = load_transcript(tmp_path / "transcript.txt")
    assert transcript.text.split() == ["Interview", "The", "first", "part", "and", "the",
                                       "second", "part."]
    for block in transcript.blocks:
        assert not LINE_BREAKS.intersection(block.text), block

