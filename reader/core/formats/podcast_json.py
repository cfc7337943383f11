"""Podcasting 2.0 JSON transcripts (``application/json``, the ``podcast:transcript`` spec).

Shape: ``{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}]}``.
Hosts write it in three ways, all read here:

- one caption line per segment (Podnews);
- a caption line split in two, both halves with the same start and end time (Buzzsprout: 470
  such pairs in the buzzcast file): the halves are joined into one cue;
- one word per segment (Buzzsprout word-level), some of zero length (start == end) and
  punctuation as a segment of its own (``","``): words stay cues of their own (a highlight gets
  its word's time), punctuation is attached to the word before it, zero-length words are kept.

Cues are merged into paragraphs by :mod:`reader.core.formats.cues`. The file has no title.
"""

from __future__ import annotations

import re
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

NAME = "podcast-json"
VERSION = 2  # 2: absurd times (1e300, negative) dropped with a note
__all__ = ["INPUT_ERRORS", "NAME", "VERSION", "describe", "read", "recognise"]

# A segment with no letter or digit (",", ".", "?!") belongs to the word before it.
_NO_WORD = re.compile(r"^[^\w]+$")


@dataclass(frozen=True, slots=True)
class PodcastTranscript:
    source: SourceText
    segments: list[dict[str, Any]]


def recognise(source: SourceText) -> PodcastTranscript | None:
    segments = timed_segments(parse_json(source), "body", "startTime", "endTime")
    if segments is None:
        return None
    return PodcastTranscript(source, segments)


def describe(parsed: PodcastTranscript) -> tuple[str, str | None]:
    return title_from_path(parsed.source.path), None


def read(parsed: PodcastTranscript) -> Transcript:
    seconds = Times()
    blocks, _ = paragraphs_from_cues(segment_cues(parsed.segments, seconds))
    if not blocks:
        raise ValueError("no segment has any text")
    source = parsed.source
    return build_transcript(title=title_from_path(source.path), show=None, format=NAME,
                            source=source.path, fingerprint=source.fingerprint, blocks=blocks,
                            notes=seconds.notes)


def segment_cues(segments: list[dict[str, Any]], seconds: Times | None = None) -> list[Cue]:
    """Segments as cues: split caption lines joined, punctuation attached to its word.
    ``seconds`` reads the times (and counts the ones dropped)."""
    seconds = seconds or Times()
    cues: list[Cue] = []
    for segment in segments:
        speaker = segment.get("speaker")
        cue = Cue(clean_cue_text(text_of(segment.get("body"))), seconds(segment.get("startTime")),
                  seconds(segment.get("endTime")),
                  clean_cue_text(speaker) or None if isinstance(speaker, str) else None)
        if not cue.text:
            continue
        previous = cues[-1] if cues else None
        if previous is not None and previous.speaker == cue.speaker and (
                _NO_WORD.match(cue.text) or _same_times(previous, cue)):
            glue = "" if _NO_WORD.match(cue.text) else " "
            end = cue.end if cue.end is not None else previous.end
            cues[-1] = Cue(previous.text + glue + cue.text, previous.start, end, cue.speaker)
            continue
        cues.append(cue)
    return cues


def _same_times(previous: Cue, cue: Cue) -> bool:
    """Two halves of one caption line; a zero-length word is a word of its own, not a half."""
    return (previous.start is not None and previous.start == cue.start
            and previous.end == cue.end and previous.end != previous.start)
