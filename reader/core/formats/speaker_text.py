"""Plain text written as turns: ``Speaker: text`` lines, or stamped lines such as
``[Speaker 1] [00:17] text`` (Oxide and Friends: Whisper + diarisation, ``[HH:MM:SS]`` after an
hour), ``[00:12] Alice: text``, ``Alice (00:12): text`` or ``[00:00:00.000 --> 00:00:03.140] text``
(whisper.cpp).

A line that starts with a speaker and/or a stamp starts a turn. A line right under it (no blank
line between) continues it, as a hard-wrapped turn does; a line after a blank line is a new
piece by the same speaker. Lines before the first turn are an introduction, and a short first
line standing apart is the title. The turns are merged into paragraphs by
:func:`paragraphs_from_cues` (a change of speaker always starts one), each line keeping its own
time and speaker in the timed-span layer.

Recognised only on evidence, since any text may hold a colon: most lines stamped in time
order, or speaker labels that recur (a conversation names the same few people again and
again: a label used twice on average, and on at least 30 % of the lines or half the
paragraphs). Subtitle files (``00:00:01,000 --> …`` timing lines) are left to their readers,
and raw transcripts without labels (the bundled Eye on AI one) to the raw-text reader.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.formats.cues import Cue, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.outline import split_title
from reader.core.formats.stamps import (
    WIDE_CLOCK,
    clock_seconds,
    clock_value,
    dropped_times_note,
    stamp_ends,
)
from reader.core.formats.titles import title_from_path
from reader.core.model import BlockKind, BlockSpec, Transcript, build_transcript

NAME = "speaker-text"
VERSION = 3  # 3: a stamp of 10,000 hours or more is dropped with a note, its speaker kept
# Any text is read (what is not understood stays text), so no input is malformed for this
# reader: every exception is a bug, never to be passed off as a bad file.
INPUT_ERRORS: tuple[type[Exception], ...] = ()

_STAMP = re.compile(rf"[\[(]\s*({WIDE_CLOCK})(?:\s*(?:-->|–|—|-)\s*({WIDE_CLOCK}))?\s*[\])]\s*")
# A label: up to four capitalised words or numbers ("Speaker 2", "SPEAKER_00", "Dr. Ng", "Q").
_NAME = r"[A-Z\u00c0-\u024f][\w.'’&\-]*(?:[ \t]+[A-Z\u00c0-\u024f0-9][\w.'’&\-]*){0,3}"
_COLON_LABEL = re.compile(rf"({_NAME})[ \t]*(?:{_STAMP.pattern})?:(?:[ \t]+|$)")
_BRACKET_LABEL = re.compile(r"\[([^\[\]\d:][^\[\]]{0,39})\]\s*")
# Subtitle timing lines and the section heads of WebVTT and ASS/SSA files: those formats have
# readers of their own ("Dialogue: 0,0:00:01.00,…" lines would look like one recurring label).
_OTHER_FORMAT = re.compile(r"^[ \t]*\d[\d:.,]*[ \t]*-->|^(?:WEBVTT|\[Script Info\]|\[Events\])",
                           re.MULTILINE)
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+")

MIN_TURNS = 3
# Time order: stamped lines are a transcript when at least this share of them follow on.
IN_ORDER_SHARE = 0.8
TITLE_MAX_CHARS = 120
# Recognising looks at the first 200,000 characters: all of a three-hour transcript (~160 KB),
# and enough of a longer one to tell, without parsing a 1.5 MB file twice.
SNIFF_CHARS = 200_000
# Fragmented text, as the raw-text reader defines it: more pieces, shorter on average.
FRAGMENT_PIECES = 2_000
FRAGMENT_CHARS = 40
GROUP_CHARS = 200


@dataclass(frozen=True, slots=True)
class TurnLine:
    speaker: str | None
    start: float | None
    end: float | None
    text: str
    dropped: int = 0  # stamps whose times no recording has (left out of text and time)


def parse_line(line: str) -> TurnLine | None:
    """The line's speaker and times, or None if it does not start a turn."""
    rest = line.strip()
    start = end = None
    speaker: str | None = None
    dropped = 0
    if stamp := _stamp(rest):
        start, end, rest, dropped = stamp
    if rest[:1] == "[" and (label := _BRACKET_LABEL.match(rest)) \
            and (start is not None or _stamp(rest[label.end():])):
        speaker, rest = label.group(1).strip(), rest[label.end():]
    elif label := _COLON_LABEL.match(rest):
        speaker, rest = label.group(1), rest[label.end():]
        inner = clock_seconds(label.group(2)) if label.group(2) else None
        if start is None and inner is not None:
            start, end = inner, clock_seconds(label.group(3)) if label.group(3) else None
    if start is None and not dropped and (stamp := _stamp(rest)):
        start, end, rest, dropped = stamp
    if speaker is None and start is None and not dropped:
        return None
    return TurnLine(speaker, start, end, rest.strip(), dropped)


def _stamp(text: str) -> tuple[float | None, float | None, str, int] | None:
    """(start, end, the text after the stamp, how many of its times were dropped) for a line
    starting with a stamp; None when it does not (``[1:75]`` is no stamp: it stays text). A
    time no recording has (``[9999999:00:00]``) is dropped, the stamp with it."""
    if text[:1] not in "[(" or not text:  # what every stamp starts with: no regex needed
        return None
    match = _STAMP.match(text)
    value = clock_value(match.group(1)) if match else None
    if match is None or value is None:
        return None
    start = clock_seconds(match.group(1))
    end_value = clock_value(match.group(2)) if match.group(2) else None
    end = clock_seconds(match.group(2)) if end_value is not None else None
    dropped = (start is None) + (end_value is not None and end is None)
    return start, end, text[match.end():], dropped


def sniff(text: str) -> bool:
    if _OTHER_FORMAT.search(text):
        return False
    text = text[:SNIFF_CHARS]  # the evidence is in any long stretch of a file: no need for all
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_TURNS:
        return False
    turns = [turn for turn in map(parse_line, lines) if turn is not None]
    starts = [turn.start for turn in turns if turn.start is not None]
    if len(starts) >= MIN_TURNS and len(starts) * 2 >= len(lines):
        in_order = sum(b >= a for a, b in zip(starts, starts[1:], strict=False))
        if in_order >= IN_ORDER_SHARE * (len(starts) - 1):
            return True
    labels = Counter(turn.speaker for turn in turns if turn.speaker)
    used = sum(labels.values())
    if used < MIN_TURNS or used < 2 * len(labels):
        return False
    paragraphs = text.count("\n\n") + 1
    return used * 10 >= len(lines) * 3 or used * 2 >= paragraphs


def describe(text: str) -> tuple[str, str | None]:
    lines = text.split("\n")
    row = _title_row(lines)
    return split_title(_title_text(lines[row])) if row is not None else ("", None)


def _title_text(line: str) -> str:
    """The title line without Markdown heading marks ("# Kitchen Talk")."""
    return _HEADING_MARKS.sub("", line.strip())


def _title_row(lines: list[str]) -> int | None:
    """A short first line that is not a turn, has no sentence end and stands apart."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or parse_line(lines[first]) is not None:
        return None
    line = lines[first].strip()
    following = lines[first + 1] if first + 1 < len(lines) else ""
    stands_apart = not following.strip() or parse_line(following) is not None
    if len(line) <= TITLE_MAX_CHARS and stands_apart and not _SENTENCE_END.search(line):
        return first
    return None


def _grouped(pieces: list[TurnLine]) -> list[TurnLine]:
    """Fragmented text (thousands of lines of a few words, as the raw-text reader defines it):
    a speaker's untimed lines that follow each other become one piece of about
    ``GROUP_CHARS``, not a timed piece each (each costs as much as a long one); a line with
    a time of its own still starts a piece."""
    if len(pieces) <= FRAGMENT_PIECES or \
            sum(len(piece.text) for piece in pieces) >= FRAGMENT_CHARS * len(pieces):
        return pieces
    grouped: list[TurnLine] = []
    for piece in pieces:
        last = grouped[-1] if grouped else None
        if (last is not None and piece.start is None and piece.speaker == last.speaker
                and len(last.text) < GROUP_CHARS):
            grouped[-1] = TurnLine(last.speaker, last.start, last.end, f"{last.text} {piece.text}")
        else:
            grouped.append(piece)
    return grouped


def read(source: SourceText) -> Transcript:
    lines = source.text.split("\n")
    title_row = _title_row(lines)
    pieces: list[TurnLine] = []  # turns and introduction lines, wrapped lines joined
    speaker: str | None = None
    after_blank = True
    dropped = 0
    for row, line in enumerate(lines):
        if row == title_row or not line.strip():
            after_blank = True
            continue
        turn = parse_line(line)
        if turn is not None:
            dropped += turn.dropped
            if turn.speaker is None and speaker is not None:
                turn = TurnLine(speaker, turn.start, turn.end, turn.text)
            speaker = turn.speaker
            pieces.append(turn)
        elif pieces and not after_blank:
            last = pieces[-1]
            pieces[-1] = TurnLine(last.speaker, last.start, last.end,
                                  f"{last.text} {line.strip()}")
        else:
            pieces.append(TurnLine(speaker, None, None, line.strip()))
        after_blank = False
    pieces = _grouped(pieces)
    next_starts = stamp_ends([piece.start for piece in pieces])
    cues = [Cue(piece.text, piece.start, piece.end if piece.end is not None else following,
                piece.speaker)
            for piece, following in zip(pieces, next_starts, strict=True)]
    blocks, _ = paragraphs_from_cues(cues)
    if title_row is not None:
        title, show = split_title(_title_text(lines[title_row]))
        blocks.insert(0, BlockSpec(BlockKind.TITLE, title))
    else:
        title, show = title_from_path(source.path), None
    return build_transcript(
        title=title, show=show, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks, notes=dropped_times_note(dropped),
    )
