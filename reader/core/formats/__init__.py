"""Format readers: source file -> Transcript. Formats are recognised by content, not extension.

Each reader module offers ``NAME``, ``sniff(text)``, ``describe(text) -> (title, show)`` (cheap,
for the library list) and ``read(source) -> Transcript``. They are tried in order; the raw text
reader accepts anything and comes last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.formats import outline, rawtext
from reader.core.formats.decode import SourceText, read_source
from reader.core.model import Transcript


@dataclass(frozen=True, slots=True)
class FormatReader:
    name: str
    sniff: Callable[[str], bool]
    describe: Callable[[str], tuple[str, str | None]]
    read: Callable[[SourceText], Transcript]


READERS: tuple[FormatReader, ...] = (
    FormatReader(outline.NAME, outline.sniff, outline.describe, outline.read),
    FormatReader(rawtext.NAME, rawtext.sniff, rawtext.describe, rawtext.read),
)

# Extensions the library looks at when scanning a folder; content still decides the format.
TRANSCRIPT_SUFFIXES = frozenset({".txt", ".text", ".md", ".vtt", ".srt", ".json"})


def detect(text: str) -> FormatReader:
    for reader in READERS:
        if reader.sniff(text):
            return reader
    raise ValueError("no reader accepts this text")  # unreachable: raw text accepts all


def load_transcript(path: Path) -> Transcript:
    """Read and parse ``path``; raises TranscriptError with a one-line message on bad input."""
    source = read_source(path)
    reader = detect(source.text)
    try:
        return reader.read(source)
    except (ValueError, IndexError) as error:
        raise TranscriptError(path, f"could not be read as {reader.name} ({error})") from None


def describe_file(path: Path) -> tuple[str, str | None, str]:
    """(title, show, format name) without the full parse; raises TranscriptError."""
    source = read_source(path)
    reader = detect(source.text)
    title, show = reader.describe(source.text)
    return title or path.stem, show, reader.name


__all__ = [
    "READERS", "TRANSCRIPT_SUFFIXES", "FormatReader", "SourceText", "TranscriptError",
    "describe_file", "detect", "load_transcript", "read_source",
]
