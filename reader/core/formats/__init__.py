"""Format readers: source file -> Transcript. Formats are recognised by content, not extension.

The registry reads a file's bytes once (:func:`read_source`), then offers the decoded text to
each reader in turn. A reader is a module with:

- ``NAME`` and ``VERSION`` (bump it whenever the same bytes may give a different display text:
  stored offsets record ``"<NAME>/<VERSION>"`` to know what they meant);
- ``recognise(source) -> parsed | None``: parse once and say whether this is the reader's
  format (``None``: not mine). The file name (``source.path``) is a hint a reader may use;
- ``describe(parsed) -> (title, show)``: cheap, for the library list;
- ``read(parsed) -> Transcript``;
- ``INPUT_ERRORS``: the exception types that mean "this input is malformed" for that reader
  (a JSON reader lists ``KeyError``, ``TypeError``…). They become a one-line TranscriptError
  naming the file. Any other exception is a bug in the reader and propagates as one, so it is
  never passed off as a bad file.

Readers are tried in order; the raw-text reader accepts any text and comes last.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import TranscriptError

if TYPE_CHECKING:
    from reader.core.formats.decode import SourceText, read_source
    from reader.core.model import Transcript

    READERS: tuple[FormatReader, ...]

# The readers, their parsers (webvtt-py, charset-normalizer…) and automatic sections are
# imported when a file is first read, not when the app starts: the window is on screen sooner.
_READER_MODULES = (
    "whisper_json", "podcast_json", "speaker_json", "chapters_json", "podcast_html",
    "webvtt", "subrip", "substation",
)
_TEXT_READER_MODULES = ("outline", "markdown_transcript", "speaker_text", "rawtext")
# Every reader's ``"<NAME>/<VERSION>"``, known without importing the readers (their regular
# expressions take about 0.1 s to compile): a search index update with nothing to read, which
# every command-line search starts with, checks its records against these.
# tests/core/test_registry.py keeps them equal to the readers' own.
READER_TAGS = frozenset({
    "whisper-json/2", "podcast-json/2", "speaker-json/2", "chapters-json/2", "podcast-html/1",
    "webvtt/2", "subrip/3", "substation/2",
    "chapter-outline/3", "markdown-transcript/2", "speaker-text/3", "raw-text/7",
})
_LAZY_NAMES = {"SourceText": "reader.core.formats.decode",
               "read_source": "reader.core.formats.decode"}


@dataclass(frozen=True, slots=True)
class FormatReader:
    name: str
    version: int
    recognise: Callable[[SourceText], Any]  # the parsed form, or None: not this format
    describe: Callable[[Any], tuple[str, str | None]]
    read: Callable[[Any], Transcript]
    input_errors: tuple[type[Exception], ...] = (ValueError,)

    @property
    def version_tag(self) -> str:
        return f"{self.name}/{self.version}"


def _text_reader(module: Any) -> FormatReader:
    """The plain-text readers parse line by line and need no intermediate form: their parsed
    form is the source itself."""
    return FormatReader(
        name=module.NAME,
        version=getattr(module, "VERSION", 1),
        recognise=lambda source: source if module.sniff(source.text) else None,
        describe=lambda source: module.describe(source.text),
        read=module.read,
        input_errors=getattr(module, "INPUT_ERRORS", (ValueError,)),
    )


def _build_readers() -> tuple[FormatReader, ...]:
    def module(name: str) -> Any:
        return importlib.import_module(f"reader.core.formats.{name}")

    return (
        *(FormatReader(m.NAME, m.VERSION, m.recognise, m.describe, m.read, m.INPUT_ERRORS)
          for m in map(module, _READER_MODULES)),
        *(_text_reader(module(name)) for name in _TEXT_READER_MODULES),
    )


def _readers() -> tuple[FormatReader, ...]:
    """``READERS``, built on first use (a test may have replaced it)."""
    readers: tuple[FormatReader, ...] | None = globals().get("READERS")
    if readers is None:
        readers = _build_readers()
        globals()["READERS"] = readers
    return readers


def __getattr__(name: str) -> Any:
    if name == "READERS":
        return _readers()
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Extensions the library looks at when scanning a folder; content still decides the format.
TRANSCRIPT_SUFFIXES = frozenset({".txt", ".text", ".md", ".vtt", ".srt", ".json", ".html", ".htm",
                                 ".ass", ".ssa"})


def recognise(source: SourceText) -> tuple[FormatReader, Any]:
    """The first reader that accepts ``source``, with its parsed form."""
    for reader in _readers():
        try:
            parsed = reader.recognise(source)
        except reader.input_errors:
            continue  # malformed for this reader: perhaps another one reads it
        if parsed is not None:
            return reader, parsed
    raise TranscriptError(source.path, "is not in any format this app reads")


def detect(text: str | SourceText) -> FormatReader:
    """The reader for ``text`` (a string is taken as the content of an unnamed file)."""
    from reader.core.formats.decode import SourceText

    source = text if isinstance(text, SourceText) else SourceText(Path("<text>"), text, "")
    return recognise(source)[0]


def load_transcript(path: Path) -> Transcript:
    """Read and parse ``path``; raises TranscriptError with a one-line message on bad input."""
    from reader.core.formats.decode import read_source
    from reader.core.sections import with_auto_chapters

    source = read_source(path)
    reader, parsed = recognise(source)
    try:
        transcript = reader.read(parsed)
    except reader.input_errors as error:
        raise TranscriptError(path, f"could not be read as {reader.name} ({error})") from None
    notes = tuple(getattr(source, "notes", ())) + transcript.notes
    transcript = dataclasses.replace(transcript, reader_version=reader.version_tag, notes=notes)
    # A transcript with no chapters of its own (nor from a companion file) gets automatic
    # sections; nothing else changes (reader/core/sections).
    return with_auto_chapters(_with_companions(path, transcript))


def _with_companions(path: Path, transcript: Transcript) -> Transcript:
    """Chapters from a chapters file or outline beside a timed transcript (companions.py):
    applied here so the app, the command line, the index and the exports show one text."""
    from reader.core.companions import with_companions  # it reads files with these readers

    return with_companions(path, transcript)


def describe_file(path: Path) -> tuple[str, str | None, str]:
    """(title, show, format name) without the full parse; raises TranscriptError."""
    from reader.core.formats.decode import read_source
    from reader.core.formats.titles import title_from_path

    source = read_source(path)
    reader, parsed = recognise(source)
    try:
        title, show = reader.describe(parsed)
    except reader.input_errors as error:
        raise TranscriptError(path, f"could not be read as {reader.name} ({error})") from None
    return title or title_from_path(path), show, reader.name


__all__ = [
    "READERS", "READER_TAGS", "TRANSCRIPT_SUFFIXES", "FormatReader", "SourceText",
    "TranscriptError", "describe_file", "detect", "load_transcript", "read_source", "recognise",
]
