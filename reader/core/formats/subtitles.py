"""What the subtitle readers (WebVTT, SubRip, SubStation) share: clock stamps as real files
write them, markup to strip, speaker-name prefixes, and rolling captions to de-duplicate.

Real files bend every format: Whisper writes ``59:58.800 --> 1:00:01.960`` (no hours, then a
one-digit hour), Hindenburg ``0.860 --> 7.380`` (plain seconds), word-level exports wrap every
cue in SubStation colour overrides (``{\\c&HFFF000&}If``), Buzzsprout names the speaker only
when it changes (``Alban: It is so…`` and then nothing), and YouTube's auto-captions repeat
each line in the next cue as it scrolls up.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.core.formats.stamps import usable_seconds

# A clock stamp: seconds alone (``7.380``), ``M:SS.mmm``, ``H:MM:SS.mmm``; a comma or a dot before
# the fraction. Fields are bounded so that no stamp turns into a huge number.
# Each field is a group (hours, minutes, seconds, fraction), so a timing line is read in one match.
STAMP = r"(?:(?:(\d{1,10}):)?(\d{1,10}):)?(\d{1,10})(?:[.,](\d+))?"
_STAMP_FIELDS = re.compile(STAMP)
TIMING_LINE = re.compile(rf"^\s*{STAMP}\s*-->\s*{STAMP}(?:[ \t]+(.*?))?\s*$")
# What a timing line looks like even when its times are not times (``-00:00:01.000``, an hour
# of eleven digits): its cue is left out and counted, not read as words.
_TIMING_SHAPE = re.compile(r"^\s*[-+]?\d[\d:.,]*\s*-->")
# A timing line that lost its arrow: two clock stamps (``00:00:01,000 00:00:02,000``).
_ARROWLESS = re.compile(r"^\s*\d+:\d+[:.,\d]*[ \t]+\d+:\d+[:.,\d]*(?:[ \t].*)?$")

_ASS_OVERRIDE = re.compile(r"\{[^{}]*\}")
_UNCLOSED_OVERRIDE = re.compile(r"\{\\\S*")
_ASS_COLOUR = re.compile(r"\\1?c&H([0-9A-Fa-f]{1,8})&?")
_HTML_TAG = re.compile(r"</?(?:i|b|u|s|font|span|em|strong)\b[^<>]*>", re.IGNORECASE)
# "Adam Curry: text", "SPEAKER_1: text", "Q: text": up to four words, each starting with a
# capital letter or a digit, then a colon and a space.
_PREFIX = re.compile(r"^\s*([^\W\d_][\w'’.\-]*(?: [\w'’.\-]+){0,3}):\s+(?=\S)")
_MAX_NAME_CHARS = 40
# Words that are written like a speaker prefix but label something else.
_NOT_SPEAKERS = frozenset({
    "note", "notes", "warning", "caution", "update", "edit", "source", "translation",
    "subtitles", "captions", "transcript", "music", "chorus", "lyrics", "title", "chapter",
})
# Rolling captions: at least this share of cues begins with the line the cue before ended with.
_ROLLING_SHARE = 0.3


def parse_stamp(stamp: str) -> float | None:
    """Seconds for ``7.380``, ``3:44.100``, ``59:58,800``, ``1:00:01.960``; None when a field
    is out of range (seconds past 59 after minutes, minutes past 59 after hours) or the time
    is absurd (ten thousand hours or more)."""
    match = _STAMP_FIELDS.fullmatch(stamp)
    return None if match is None else _seconds(*match.groups())


def _seconds(hours: str | None, minutes: str | None, seconds: str, fraction: str | None
             ) -> float | None:
    """The stamp's fields as seconds (see :func:`parse_stamp`)."""
    total = int(seconds)
    if minutes is not None:
        if total > 59:
            return None
        if hours is not None:
            if int(minutes) > 59:
                return None
            total += int(hours) * 3600
        total += int(minutes) * 60
    if usable_seconds(total) is None:
        return None
    fraction = (fraction or "")[:9]  # past nanoseconds, digits change nothing a reader sees
    if not fraction:
        return float(total)
    # One division, so "3.72" is the float nearest 3.72 (3 + 0.72 is not).
    scale: int = 10 ** len(fraction)
    return (total * scale + int(fraction)) / scale


def parse_timing(line: str) -> tuple[float, float, str] | None:
    """(start, end, settings) of a cue timing line, or None if it is not one (or its stamps
    are not times). An end before the start is taken as the start: the words still count."""
    match = TIMING_LINE.match(line)
    if match is None:
        return None
    fields = match.groups()
    start, end = _seconds(*fields[:4]), _seconds(*fields[4:8])
    if start is None or end is None:
        return None
    return start, max(start, end), fields[8] or ""


def is_unreadable_timing(line: str) -> bool:
    """A line shaped like a cue's timing line whose times do not read."""
    return "-->" in line and bool(_TIMING_SHAPE.match(line)) and parse_timing(line) is None


def is_arrowless_timing(line: str) -> bool:
    """A line of two clock stamps and no arrow: a timing line that lost its ``-->``."""
    return "-->" not in line and bool(_ARROWLESS.match(line))


def is_timing_line(line: str) -> bool:
    return "-->" in line and TIMING_LINE.match(line) is not None


def strip_ass_overrides(text: str) -> str:
    """``{\\c&HFFF000&}If`` -> ``If``; ``\\N`` and ``\\n`` (SubStation line breaks) -> space,
    ``\\h`` (hard space) -> space."""
    if "{" in text:
        simple = _ASS_OVERRIDE.sub("", text)  # the usual blocks, at C speed
        text = simple if "{" not in simple else _without_override_blocks(text)
    return text.replace("\\N", " ").replace("\\n", " ").replace("\\h", " ")


def _without_override_blocks(text: str) -> str:
    """``text`` without its ``{...}`` blocks, read as renderers do: an override block
    (``{\\``) ends at the first ``}``, so one holding a stray ``{`` (``{\\b1{\\i1}``) goes
    whole; one never closed (``{\\pos(``) hides up to the next space; a ``{`` that is not an
    override and never closes before the next ``{`` is text. One pass (each ``}`` looked
    for once), so a line of thousands of braces costs no more than its length."""
    pieces: list[str] = []
    position = 0
    close = -1  # the first "}" after the current "{", found once for a run of "{"
    while (start := text.find("{", position)) >= 0:
        if close <= start:
            close = text.find("}", start + 1)
            if close < 0:  # none left: every later "{" is unclosed
                pieces.append(text[position:start])
                return "".join(pieces) + _UNCLOSED_OVERRIDE.sub("", text[start:])
        override = text.startswith("\\", start + 1)
        if not override and text.find("{", start + 1, close) >= 0:
            pieces.append(text[position:start + 1])  # a "{" that is text
            position = start + 1
            continue
        pieces.append(text[position:start])
        position = close + 1
    pieces.append(text[position:])
    return "".join(pieces)


def leading_colour(text: str) -> str | None:
    """The colour an override block at the very start of ``text`` sets, if any
    (``{\\c&HFFF000&}If`` -> ``"FFF000"``)."""
    if not text.startswith("{"):
        return None
    block = _ASS_OVERRIDE.match(text)
    colour = _ASS_COLOUR.search(block.group(0)) if block else None
    return colour.group(1).upper().lstrip("0") or "0" if colour else None


def strip_markup(text: str) -> str:
    """Subtitle text as it is read: override blocks, HTML-like styling tags and entities
    (``&amp;``) resolved, whitespace collapsed."""
    if "{" not in text and "<" not in text and "&" not in text and "\\" not in text:
        return clean(text)
    text = _HTML_TAG.sub("", strip_ass_overrides(text))
    return clean(html.unescape(text) if "&" in text else text)


def clean(text: str) -> str:
    """One line, single spaces."""
    return " ".join(text.split())


def prefix_name(line: str) -> tuple[str, str] | None:
    """(name, rest) when ``line`` starts with something written like a speaker's name."""
    match = _PREFIX.match(line)
    if match is None:
        return None
    name = match.group(1).strip()
    words = name.split(" ")
    if (len(name) > _MAX_NAME_CHARS or name.casefold() in _NOT_SPEAKERS
            or not all(word[:1].isupper() or word[:1].isdigit() for word in words)):
        return None
    return name, line[match.end():]


def speaker_names(lines: Sequence[str]) -> dict[str, str]:
    """The prefixes in ``lines`` that name speakers: those written at least twice, and, once
    two speakers are known, any other name that comes once (a guest who says one thing).
    Each maps to the file's fullest form of the name: a host introduced as "Bekah Hawrot
    Weigel" and later written "Bekah" is one speaker (when only one full name starts so)."""
    counts = Counter(found[0] for line in lines if (found := prefix_name(line)))
    names = {name for name, count in counts.items() if count >= 2}
    if len(names) >= 2:
        names |= {name for name in counts if len(name.split(" ")) <= 3}
    full: dict[str, str] = {}
    for name in names:
        longer = [other for other in names if other.startswith(name + " ")]
        full[name] = longer[0] if len(longer) == 1 else name
    return full


@dataclass(frozen=True, slots=True)
class Turn:
    """A piece of a cue's text with the speaker it belongs to (None: nobody new)."""

    speaker: str | None
    text: str


def split_turns(lines: Sequence[str], names: Mapping[str, str]) -> list[Turn]:
    """A cue's lines cut where a line starts with a known speaker's name (the name dropped,
    the speaker named as ``names`` says)."""
    turns: list[Turn] = []
    speaker: str | None = None
    pieces: list[str] = []
    for line in lines:
        found = prefix_name(line) if names else None
        if found is not None and found[0] in names:
            if pieces:
                turns.append(Turn(speaker, " ".join(pieces)))
            speaker, pieces = names[found[0]], [found[1]]
        else:
            pieces.append(line)
    if pieces:
        turns.append(Turn(speaker, " ".join(pieces)))
    return turns


def is_rolling(cues: Sequence[Sequence[str]]) -> bool:
    """Do the cues roll, each repeating the line the one before ended with (YouTube's
    auto-captions)? ``cues`` are the cleaned lines of each cue."""
    repeats = sum(
        1 for before, cue in zip(cues, cues[1:], strict=False)
        if before and cue and cue[0] and cue[0] == before[-1]
    )
    return repeats >= max(2, _ROLLING_SHARE * (len(cues) - 1))


def repeated_lines(before: Sequence[str], cue: Sequence[str]) -> int:
    """How many of ``cue``'s first lines repeat the last lines of the cue ``before`` it (the
    longest such overlap); the lines after them are what the cue adds."""
    for size in range(min(len(before), len(cue)), 0, -1):
        if list(cue[:size]) == list(before[len(before) - size:]):
            return size
    return 0
