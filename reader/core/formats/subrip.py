"""SubRip (.srt) subtitles: every cue kept with its time, merged into paragraphs.

Cues are found by their timing lines, in one pass: the text is everything up to the next
timing line, less the next cue's number. So a file the ``srt`` library would refuse (a missing
cue number, stamps without hours, dots for commas, stray blank lines inside a cue) reads like a
well-formed one, and no file is parsed twice. Around that:

- ``Name:`` prefixes mark a change of speaker (Buzzsprout and podcast hosts write the name
  only then), so the speaker carries on to the cues after it until the next name;
- SubStation override tags, which word-level exports put in front of every word
  (``{\\c&HFFF000&}If``), are stripped, and when every cue opens with a colour and there are
  several, the colours stand for speakers ("Speaker 1", "Speaker 2", in order of appearance):
  that is how those exports mark who speaks;
- HTML-like styling (``<i>``, ``<font>``) and entities are removed; rolling captions that
  repeat the line before them are de-duplicated as in WebVTT;
- one-word cues run together into sentences and paragraphs, each word keeping its time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from reader.core.errors import TranscriptError
from reader.core.formats.cues import Cue, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.subtitles import (
    is_arrowless_timing,
    is_rolling,
    is_unreadable_timing,
    leading_colour,
    parse_timing,
    repeated_lines,
    speaker_names,
    split_turns,
    strip_markup,
)
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript

NAME = "subrip"
VERSION = 3  # 3: a bad first cue is skipped with a note, not the file read as text
INPUT_ERRORS: tuple[type[Exception], ...] = (ValueError,)

# The first lines of a SubRip file: a cue number (perhaps missing), then a timing line (WebVTT
# files are recognised by their header before this reader is asked).
_START = re.compile(r"\A\s*(?:\d+[ \t]*\n[ \t]*)?(?:\d+:)?\d+:\d+[,.]\d+[ \t]*-->")
# A first cue whose timing line does not read (``-00:00:01,000 -->``, no arrow): SubRip all
# the same when a later cue reads.
_BROKEN_START = re.compile(r"\A\s*(?:\d+[ \t]*\n[ \t]*)?[-+]?\d[\d:.,]*[ \t]*(?:-->|[ \t]\d)")
# Nothing but cue numbers: a SubRip file whose cues are all gone.
_ONLY_NUMBERS = re.compile(r"\A\s*(?:\d+[ \t]*(?:\n\s*|\Z))+\Z")
# Colour-coded speakers: share of cues that must open with a colour override.
_COLOURED_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class RawCue:
    start: float
    end: float
    lines: tuple[str, ...]  # as written, markup and all


@dataclass(frozen=True)
class ParsedSrt:
    """A SubRip file; its cues are read on first use (opening it, not listing it)."""

    source: SourceText

    @cached_property
    def _read(self) -> tuple[tuple[Cue, ...], int]:
        raw, skipped = read_cues(self.source.text)
        return tuple(cues_from_raw(raw)), skipped

    @property
    def cues(self) -> tuple[Cue, ...]:
        return self._read[0]

    @property
    def notes(self) -> tuple[str, ...]:
        """How many cues were left out because their times do not read."""
        skipped = self._read[1]
        return (f"{skipped} cue{'s' if skipped != 1 else ''} with unreadable times left out",
                ) if skipped else ()


def recognise(source: SourceText) -> ParsedSrt | None:
    text = source.text
    if _START.match(text) or (_BROKEN_START.match(text) and _has_a_cue(text)):
        return ParsedSrt(source)
    if source.path.suffix.lower() == ".srt" and _ONLY_NUMBERS.match(text):
        return ParsedSrt(source)  # refused in one line when described or opened
    return None


def describe(parsed: ParsedSrt) -> tuple[str, str | None]:
    if not _has_a_cue(parsed.source.text):
        raise _no_cue(parsed)
    return "", None  # SubRip has no metadata: the registry names it after the file


def read(parsed: ParsedSrt) -> Transcript:
    if not parsed.cues:
        raise _no_cue(parsed)
    blocks, chapters = paragraphs_from_cues(parsed.cues)
    source = parsed.source
    return build_transcript(
        title=title_from_path(source.path), show=None, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks, chapters=chapters, notes=parsed.notes,
    )


def _no_cue(parsed: ParsedSrt) -> TranscriptError:
    return TranscriptError(parsed.source.path, "is a SubRip file without a readable cue")


def _has_a_cue(text: str) -> bool:
    """A timing line that reads with some text under it (a quick look for the library list)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "-->" not in line or parse_timing(line) is None:
            continue
        for following in lines[index + 1:]:
            if not following.strip() or "-->" in following:
                break
            if strip_markup(following):
                return True
    return False


def read_cues(text: str) -> tuple[list[RawCue], int]:
    """Cues found by their timing lines alone: the text is everything up to the next timing
    line, less the next cue's number and blank lines. Also how many cues were left out
    because their times do not read."""
    cues: list[RawCue] = []
    timing: tuple[float, float] | None = None
    lines: list[str] = []
    skipped = 0

    def close() -> None:
        if timing is not None:
            cues.append(RawCue(timing[0], timing[1], tuple(line for line in lines if line.strip())))
        lines.clear()

    skipping = False  # under a timing line whose times do not read: its cue is left out
    for line in text.split("\n"):
        if "-->" not in line:
            if is_arrowless_timing(line) and (not lines or not lines[-1].strip()
                                              or lines[-1].strip().isdigit()):
                if lines and lines[-1].strip().isdigit():
                    lines.pop()
                close()  # a cue whose timing line lost its arrow: left out, counted
                timing, skipping = None, True
                skipped += 1
            elif not skipping:
                lines.append(line)
            continue
        found = parse_timing(line)
        unreadable = found is None and is_unreadable_timing(line)
        if found is None and not unreadable:
            if not skipping:
                lines.append(line)
            continue
        if lines and lines[-1].strip().isdigit():
            lines.pop()  # the number of the cue this line times
        close()
        skipping = unreadable
        skipped += unreadable
        timing = found[:2] if found else None
    close()
    return cues, skipped


def cues_from_raw(raw: list[RawCue]) -> list[Cue]:
    """Cues with speakers: ``Name:`` prefixes carried on, or colour-coded speakers."""
    plain = [[text for line in cue.lines if (text := strip_markup(line))] for cue in raw]
    if is_rolling(plain):
        plain = _without_repeats(plain)
    colours = _colour_speakers(raw)
    names = speaker_names([line for lines in plain for line in lines]) if not colours else None
    cues: list[Cue] = []
    speaker: str | None = None
    for cue, lines in zip(raw, plain, strict=True):
        if colours:
            colour = leading_colour(cue.lines[0]) if cue.lines else None
            speaker = colours.get(colour, speaker) if colour else speaker
            cues.append(Cue(" ".join(lines), cue.start, cue.end, speaker))
            continue
        for turn in split_turns(lines, names or {}):
            speaker = turn.speaker or speaker
            cues.append(Cue(turn.text, cue.start, cue.end, speaker))
    return [cue for cue in cues if cue.text]


def _without_repeats(plain: list[list[str]]) -> list[list[str]]:
    kept: list[list[str]] = []
    before: list[str] = []
    for lines in plain:
        kept.append(lines[repeated_lines(before, lines):])
        before = lines
    return kept


def _colour_speakers(raw: list[RawCue]) -> dict[str, str]:
    """Colour -> "Speaker N" when nearly every cue opens with a colour and there are several;
    else empty."""
    openings = [leading_colour(cue.lines[0]) if cue.lines else None for cue in raw]
    coloured = [colour for colour in openings if colour]
    distinct = list(dict.fromkeys(coloured))
    if len(distinct) < 2 or len(coloured) < _COLOURED_SHARE * len(raw):
        return {}
    return {colour: f"Speaker {number}" for number, colour in enumerate(distinct, 1)}
