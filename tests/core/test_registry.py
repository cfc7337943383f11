"""The reader registry: each file parsed once, a reader's input errors become one-line errors
naming the file, a reader's bugs are not passed off as bad files, a scan survives both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.core import formats
from reader.core.errors import TranscriptError
from reader.core.formats import FormatReader, SourceText, load_transcript
from reader.core.library import scan_folder
from reader.core.model import BlockKind, BlockSpec, Transcript, build_transcript


class JsonishReader:
    """A reader for "JSONISH" files, counting how often it parses."""

    def __init__(self) -> None:
        self.parses = 0

    def recognise(self, source: SourceText) -> dict[str, str] | None:
        if not source.text.startswith("JSONISH"):
            return None
        self.parses += 1
        fields = dict(line.split("=", 1) for line in source.text.splitlines()[1:] if line)
        return {"path": str(source.path), **fields}

    def describe(self, parsed: dict[str, str]) -> tuple[str, str | None]:
        return parsed["title"], None  # KeyError on a file without a title: bad input

    def read(self, parsed: dict[str, str]) -> Transcript:
        if parsed.get("bug"):
            return [][1]  # an IndexError: a bug in the reader
        return build_transcript(
            title=parsed["title"], show=None, format="jsonish", source=Path(parsed["path"]),
            fingerprint="", blocks=[BlockSpec(BlockKind.PARAGRAPH, parsed["body"])])


@pytest.fixture
def jsonish(monkeypatch: pytest.MonkeyPatch) -> JsonishReader:
    reader = JsonishReader()
    entry = FormatReader("jsonish", 3, reader.recognise, reader.describe, reader.read,
                         input_errors=(KeyError, ValueError))
    monkeypatch.setattr(formats, "READERS", (entry, *formats.READERS))
    return reader


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_parsed_once_and_stamped_with_the_reader_version(
        jsonish: JsonishReader, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.json", "JSONISH\ntitle=A Talk\nbody=Hello there.\n")
    transcript = load_transcript(path)
    assert jsonish.parses == 1
    assert transcript.title == "A Talk"
    assert transcript.reader_version == "jsonish/3"


def test_malformed_input_is_a_one_line_error_naming_the_file(jsonish: JsonishReader,
                                                              tmp_path: Path) -> None:
    path = _write(tmp_path, "no-title.json", "JSONISH\nbody=Hello there.\n")
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert str(caught.value) == f"{path}: could not be read as jsonish ('title')"
    entry = scan_folder(tmp_path)[0]
    assert entry.error == f"{path}: could not be read as jsonish ('title')"


def test_a_bug_in_a_reader_is_not_called_a_bad_file_and_never_stops_a_scan(
        jsonish: JsonishReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buggy = _write(tmp_path, "buggy.json", "JSONISH\ntitle=Buggy\nbody=x\nbug=1\n")
    with pytest.raises(IndexError):
        load_transcript(buggy)
    _write(tmp_path, "fine.txt", "Fine Talk\n\nAll good here. Really.")
    # The library list goes through describe: make that one fail the same way.
    broken_describe: Any = lambda parsed: [][1]  # noqa: E731
    broken = FormatReader("jsonish", 3, jsonish.recognise, broken_describe, jsonish.read,
                          (KeyError,))
    monkeypatch.setattr(formats, "READERS", (broken, *formats.READERS[1:]))
    entries = {e.path.name: e for e in scan_folder(tmp_path)}
    assert entries["fine.txt"].ok and entries["fine.txt"].title == "Fine Talk"
    assert entries["buggy.json"].problem == (
        "could not be read: internal error (IndexError: list index out of range)")


def test_the_bundled_readers_carry_their_version(tmp_path: Path) -> None:
    from tests.conftest import EYE, LEX

    assert load_transcript(LEX).reader_version.startswith("chapter-outline/")
    assert load_transcript(EYE).reader_version.startswith("raw-text/")


def test_a_file_without_a_title_line_is_listed_with_the_title_the_reader_shows(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "practical-ai_94.txt", "so we started talking. and then it went on.\n")
    (entry,) = scan_folder(tmp_path)
    assert entry.title == load_transcript(path).title == "Practical Ai 94"


def test_the_reader_tags_known_without_importing_the_readers_are_theirs() -> None:
    """The search index re-reads every transcript stamped by a reader version that is no
    longer current: a tag missing here would re-index a whole library on every search, a
    stale one would keep an outdated text in the index."""
    assert {reader.version_tag for reader in formats._build_readers()} == formats.READER_TAGS
