"""Whisper JSON: ``{"text": ..., "segments": [{"start", "end", "text", ...}], "language"}``.

What openai-whisper (and whisper.cpp's ``-oj``, faster-whisper exports) write. Segments become
cues, merged into paragraphs by :mod:`reader.core.formats.cues`. The file has no title, so the
title comes from the file name.

Whisper's known failure: on silence or music it can emit one segment over and over (the
corpus's German stream ends with "Ich bin ein WhatsApp-Gruppe." 117 times in a row). A segment
repeated :data:`LOOP_REPEATS` times or more in a row is kept once, spanning the whole loop, and
a note says how many repeats were dropped, so nothing disappears without the user knowing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.core.formats.cues import Cue, clean_cue_text, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.jsontext import (
    INPUT_ERRORS,
    Times,
    parse_json,
    text_of,
    timed_segments,
)
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript
from reader.core.timefmt import format_clock

NAME = "whisper-json"
VERSION = 2  # 2: absurd times (1e300, negative) dropped with a note
__all__ = ["INPUT_ERRORS", "NAME", "VERSION", "describe", "read", "recognise"]

# People do say "yes." three times running; four identical segments in a row is a loop (real
# speech that repeats a whole segment that often is rarer than Whisper looping on silence).
LOOP_REPEATS = 4


@dataclass(frozen=True, slots=True)
class WhisperFile:
    source: SourceText
    segments: list[dict[str, Any]]
    language: str | None


def recognise(source: SourceText) -> WhisperFile | None:
    data = parse_json(source)
    # Whisper's segments carry start/end/text; Podcasting 2.0's carry startTime/body.
    segments = timed_segments(data, "text", "start", "end")
    if segments is None:
        return None
    language = data.get("language")
    return WhisperFile(source, segments, language if isinstance(language, str) else None)


def describe(parsed: WhisperFile) -> tuple[str, str | None]:
    return title_from_path(parsed.source.path), None


def read(parsed: WhisperFile) -> Transcript:
    seconds = Times()
    cues = [Cue(text_of(s.get("text")), seconds(s.get("start")), seconds(s.get("end")))
            for s in parsed.segments]
    cues, notes = collapse_loops(cues)
    notes = [*seconds.notes, *notes]
    blocks, _ = paragraphs_from_cues(cues)
    if not blocks:
        raise ValueError("no segment has any text")
    source = parsed.source
    return build_transcript(title=title_from_path(source.path), show=None, format=NAME,
                            source=source.path, fingerprint=source.fingerprint, blocks=blocks,
                            notes=notes)


def collapse_loops(cues: list[Cue]) -> tuple[list[Cue], list[str]]:
    """Runs of :data:`LOOP_REPEATS` or more identical segments kept once, with a note each."""
    kept: list[Cue] = []
    notes: list[str] = []
    index = 0
    while index < len(cues):
        key = clean_cue_text(cues[index].text).casefold()
        run_end = index + 1
        while (key and run_end < len(cues)
               and clean_cue_text(cues[run_end].text).casefold() == key):
            run_end += 1
        repeats = run_end - index - 1
        if repeats + 1 >= LOOP_REPEATS:
            first, last = cues[index], cues[run_end - 1]
            end = last.end if last.end is not None else first.end
            kept.append(Cue(first.text, first.start, end, first.speaker))
            at = f" at {format_clock(first.start)}" if first.start is not None else ""
            notes.append(f"{repeats} repeats of the segment \"{_short(first.text)}\"{at} were "
                         f"dropped (Whisper repeating itself)")
        else:
            kept.extend(cues[index:run_end])
        index = run_end
    return kept, notes


def _short(text: str, limit: int = 60) -> str:
    text = clean_cue_text(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
