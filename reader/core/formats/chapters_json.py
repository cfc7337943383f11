"""Chapters files: a transcript's chapters by time, in JSON.

Two shapes are read:

- Podcasting 2.0 chapters (``application/json+chapters``): ``{"version", "title",
  "podcastName", "chapters": [{"startTime", "endTime"?, "title", "toc"?, "img"?, ...}]}``.
  Chapters marked ``"toc": false`` (a picture or a place shown while listening) and chapters
  without a title are not table-of-contents entries and are left out.
- A plain list ``[{"chapter_title", "start_time", "end_time", "chapter_summary"}]`` with
  ``H:MM:SS`` strings (lexicap.me), also with ``title``/``summary``/``startTime`` names.

Mostly such a file sits beside its transcript and gives it chapters
(:mod:`reader.core.companions`). Opened on its own it reads as an outline: a heading per
chapter, with its summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.errors import TranscriptError
from reader.core.formats.cues import ChapterMark, clean_cue_text, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.jsontext import INPUT_ERRORS, Times, holds_json, parse_json, text_of
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript

NAME = "chapters-json"
VERSION = 2  # 2: absurd times (1e300, negative) dropped with a note
__all__ = ["INPUT_ERRORS", "NAME", "VERSION", "ChaptersFile", "chapter_marks", "chapters_in",
           "describe", "read", "recognise"]

_TITLE_KEYS = ("chapter_title", "title")
_START_KEYS = ("start_time", "startTime", "start")
_END_KEYS = ("end_time", "endTime", "end")
_SUMMARY_KEYS = ("chapter_summary", "summary", "description")


@dataclass(frozen=True, slots=True)
class ChaptersFile:
    source: SourceText
    title: str | None
    show: str | None
    chapters: list[dict[str, Any]]


def recognise(source: SourceText) -> ChaptersFile | None:
    """The chapters, or None. The JSON readers before this one (Whisper, Podcasting 2.0,
    speaker turns) have had their look: a ``.json`` file none of them reads is refused in one
    line rather than shown as JSON source by the raw-text reader."""
    parsed = chapters_in(source)
    if parsed is None and source.path.suffix.lower() == ".json" and holds_json(source):
        raise TranscriptError(source.path, "is JSON but not a transcript this app reads "
                              "(Whisper, Podcasting 2.0, speaker turns or chapters)")
    return parsed


def chapters_in(source: SourceText) -> ChaptersFile | None:
    """The chapters of a JSON chapters file, or None for any other text."""
    data = parse_json(source)
    title = show = None
    if isinstance(data, dict) and isinstance(data.get("chapters"), list):
        chapters = data["chapters"]
        title = _text(data.get("title"))
        show = _text(data.get("podcastName"))
    elif isinstance(data, list):
        chapters = data
    else:
        return None
    if not chapters or not all(isinstance(c, dict) for c in chapters):
        return None
    if not all(_key(c, _START_KEYS) for c in chapters):
        return None
    if not any(_key(c, _TITLE_KEYS) for c in chapters):
        return None
    return ChaptersFile(source, title, show, chapters)


def describe(parsed: ChaptersFile) -> tuple[str, str | None]:
    return parsed.title or title_from_path(parsed.source.path), parsed.show


def chapter_marks(parsed: ChaptersFile, seconds: Times | None = None) -> list[ChapterMark]:
    """The table-of-contents chapters, by start time; a chapter without an end time ends
    where the next one starts, one whose start is no time (``1e300``) is left out. ``seconds``
    reads the times (and counts the ones dropped)."""
    seconds = seconds or Times()
    marks: list[ChapterMark] = []
    for chapter in parsed.chapters:
        title = clean_cue_text(text_of(_field(chapter, _TITLE_KEYS)))
        start = seconds(_field(chapter, _START_KEYS))
        if not title or start is None or chapter.get("toc") is False:
            continue
        marks.append(ChapterMark(title, start, seconds(_field(chapter, _END_KEYS)),
                                 clean_cue_text(text_of(_field(chapter, _SUMMARY_KEYS)))))
    marks.sort(key=lambda mark: mark.start)
    return [
        mark if mark.end is not None or later is None
        else ChapterMark(mark.title, mark.start, later.start, mark.summary, mark.kind)
        for mark, later in zip(marks, [*marks[1:], None], strict=True)
    ]


def read(parsed: ChaptersFile) -> Transcript:
    seconds = Times()
    marks = chapter_marks(parsed, seconds)
    if not marks:
        raise ValueError("no chapter has a title and a start time")
    blocks, chapters = paragraphs_from_cues((), marks)
    title, show = describe(parsed)
    source = parsed.source
    return build_transcript(title=title, show=show, format=NAME, source=source.path,
                            fingerprint=source.fingerprint, blocks=blocks, chapters=chapters,
                            notes=seconds.notes)


def _text(value: object) -> str | None:
    return clean_cue_text(value) or None if isinstance(value, str) else None


def _key(item: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((key for key in keys if key in item), None)


def _field(item: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    key = _key(item, keys)
    return item[key] if key is not None else None
