"""JSON speaker-turn lists whose shape is obvious: a list of objects, each one turn or line.

Seen in the wild (and in the corpus):

- ``[{"text", "start_time", "end_time", "speaker"}]`` with ``"H:MM:SS"`` strings (lexicap.me);
- ``[{"speaker", "content", "podNumber"}]`` with no times at all (the Weaviate podcast).

A list is read when every item is an object with a text field (:data:`TEXT_KEYS`) and at least
one item also names a speaker or a time; anything else is left to other readers. Times may be
numbers of seconds or clock strings. Turns become cues, merged into paragraphs by
:mod:`reader.core.formats.cues` (a change of speaker always starts a paragraph).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.formats.cues import Cue, clean_cue_text, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.jsontext import INPUT_ERRORS, Times, parse_json, text_of
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript

NAME = "speaker-json"
VERSION = 2  # 2: absurd times (1e300, negative) dropped with a note
__all__ = ["INPUT_ERRORS", "NAME", "VERSION", "describe", "read", "recognise"]

TEXT_KEYS = ("text", "content", "body", "utterance", "transcript")
SPEAKER_KEYS = ("speaker", "speaker_name", "speakerName", "name")
START_KEYS = ("start_time", "startTime", "start", "timestamp")
END_KEYS = ("end_time", "endTime", "end")


@dataclass(frozen=True, slots=True)
class SpeakerTurns:
    source: SourceText
    turns: list[dict[str, Any]]


def recognise(source: SourceText) -> SpeakerTurns | None:
    data = parse_json(source)
    if not isinstance(data, list) or not data:
        return None
    if not all(isinstance(item, dict) and _key(item, TEXT_KEYS) for item in data):
        return None
    if not any(_key(item, SPEAKER_KEYS + START_KEYS) for item in data):
        return None
    return SpeakerTurns(source, data)


def describe(parsed: SpeakerTurns) -> tuple[str, str | None]:
    return title_from_path(parsed.source.path), None


def read(parsed: SpeakerTurns) -> Transcript:
    cues = []
    seconds = Times()
    for turn in parsed.turns:
        speaker = _field(turn, SPEAKER_KEYS)
        if isinstance(speaker, int) and not isinstance(speaker, bool):
            speaker = f"Speaker {speaker}"  # diarisation tools number their speakers
        cues.append(Cue(text_of(_field(turn, TEXT_KEYS)), seconds(_field(turn, START_KEYS)),
                        seconds(_field(turn, END_KEYS)),
                        clean_cue_text(text_of(speaker)) or None))
    blocks, _ = paragraphs_from_cues(cues)
    if not blocks:
        raise ValueError("no turn has any text")
    source = parsed.source
    return build_transcript(title=title_from_path(source.path), show=None, format=NAME,
                            source=source.path, fingerprint=source.fingerprint, blocks=blocks,
                            notes=seconds.notes)


def _key(item: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((key for key in keys if key in item), None)


def _field(item: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    key = _key(item, keys)
    return item[key] if key is not None else None
