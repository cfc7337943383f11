"""Files that are not transcripts give one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript


def _error(path: Path) -> str:
    with pytest.raises(TranscriptError) as info:
        load_transcript(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.txt").endswith("no such file")


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \r\n\t\n")
    assert _error(tmp_path / "empty.txt").endswith("is empty")
    assert _error(tmp_path / "blank.txt").endswith("is empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "movie.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary" in _error(path)


def test_folder(tmp_path: Path) -> None:
    assert "folder" in _error(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "secret.txt"
    path.write_text("Some words.", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything
        pytest.skip("running as a user who can read mode-000 files")
    assert "permission denied" in _error(path)


def test_legacy_encodings_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Interview\r\n\r\nCafé society, naïve questions, déjà vu.\r\n".encode("cp1252"))
    transcript = load_transcript(path)
    assert transcript.title == "Interview"
    assert "Café society, naïve questions, déjà vu." in transcript.text
    assert "\r" not in transcript.text


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfMy Show\n\nHello there. How are you?\n")
    assert load_transcript(path).title == "My Show"
